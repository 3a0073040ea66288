// A field's path in words: the dotted path of a refusal's field (`content.targets.0.at`) is for programs;
// a person reads it by the labels the forms show (対象 1 › 日時). The web's notices and the CLI's messages
// both name fields this way, so the words live here once.
import type { Bilingual, RequestKind } from './vocabulary.ts';

/**
 * The words for a name in a field's path. `parent.name` is tried before `name` (a warrant's `type` is
 * not a target's). A label with `{n}` takes the position that follows it (`targets.0` → target 1).
 * Each is the label of the field on the request editor (test/web/field-words.test.ts keeps them equal).
 */
export const FIELD_WORDS: Readonly<Record<string, Bilingual>> = {
  caseReference: { ja: '事件番号', en: 'Case reference' },
  offence: { ja: '罪名', en: 'Offence' },
  facts: { ja: '被疑事実の要旨', en: 'Summary of the facts' },
  necessity: { ja: '照会の必要性', en: 'Why the data is needed' },
  requestedBy: { ja: '回答希望期限', en: 'Answer wanted by' },
  providerOrganisationId: { ja: '照会先の事業者', en: 'Provider' },
  categories: { ja: '求めるデータの種類', en: 'Data categories' },
  targets: { ja: '対象 {n}', en: 'Target {n}' },
  type: { ja: '識別子の種類', en: 'Identifier type' },
  port: { ja: 'ポート番号', en: 'Port' },
  toleranceSeconds: { ja: '許容誤差（秒）', en: 'Tolerance (seconds)' },
  service: { ja: 'サービス名', en: 'Service' },
  postId: { ja: '投稿ID', en: 'Post ID' },
  at: { ja: '日時', en: 'Date and time' },
  from: { ja: '利用開始', en: 'From' },
  to: { ja: '利用終了', en: 'To' },
  address: { ja: 'アドレス', en: 'Address' },
  number: { ja: '電話番号', en: 'Phone number' },
  url: { ja: 'URL', en: 'URL' },
  terminal: { ja: '端末番号', en: 'Terminal number' },
  warrant: { ja: '令状', en: 'Warrant' },
  'warrant.type': { ja: '令状の種類', en: 'Warrant type' },
  courtOrganisationId: { ja: '発付裁判所', en: 'Issuing court' },
  warrantNumber: { ja: '令状番号', en: 'Warrant number' },
  issuedAt: { ja: '発付日時', en: 'Issued at' },
  validUntil: { ja: '有効期間の末日', en: 'Valid until' },
  // the court's key and signature the investigator copies from the electronic warrant
  'attestation.keyId': { ja: '裁判所の鍵ID', en: 'Court key ID' },
  'attestation.signature': { ja: '裁判所の電子署名', en: "Court's signature" },
  preservation: { ja: '保全要請', en: 'Preservation' },
  emergency: { ja: '緊急照会の要件', en: 'Emergency grounds' },
  basis: { ja: '緊急照会の根拠', en: 'Emergency basis' },
  conditions: { ja: '自殺予告の4要件（すべて必要）', en: 'The four conditions of a suicide notice (all required)' },
  'emergency.statement': { ja: '緊急性の説明', en: 'Statement of the emergency' },
  civil: { ja: '発信者情報開示請求', en: 'Civil disclosure' },
  claimant: { ja: '請求者', en: 'Claimant' },
  counsel: { ja: '代理人弁護士', en: 'Counsel' },
  rights: { ja: '侵害された権利', en: 'Rights infringed' },
  rightsInfringed: { ja: '侵害された権利', en: 'Rights infringed' },
  cafe: { ja: 'インターネットカフェ', en: 'Internet café' },
  mlat: { ja: '国際捜査共助', en: 'Mutual legal assistance' },
  treaty: { ja: '根拠条約', en: 'Treaty' },
  foreignAuthority: { ja: '要請先の当局', en: 'Foreign authority' },
  assistance: { ja: '求める共助', en: 'Assistance asked' },
  outcome: { ja: '回答の区分', en: 'Outcome' },
  result: { ja: '結果', en: 'Result' },
  accessLog: { ja: '接続記録', en: 'Access log' },
  preservedUntil: { ja: '保全期限', en: 'Preserved until' },
};

/**
 * A civil disclosure's own words (発信者情報開示請求, issue 15), before FIELD_WORDS: the lawyer's form names the
 * same paths by the Act's terms, not the inquiry's — the provider is the one asked to disclose (not 照会先), the
 * facts are the infringing posts' content, the necessity the legitimate reason. `null` leaves a part unnamed:
 * the civil block is the whole form there, so `civil.claimant` reads 請求者, not 発信者情報開示請求 › 請求者.
 * Each is the label of the field on the civil form (test/web/field-words.test.ts keeps them equal).
 */
export const CIVIL_FIELD_WORDS: Readonly<Record<string, Bilingual | null>> = {
  providerOrganisationId: { ja: '開示を請求する事業者（請求の相手方）', en: 'The provider asked to disclose' },
  caseReference: { ja: '当事務所の事件名・番号', en: "The office's matter name or number" },
  facts: { ja: '侵害情報の内容と経緯', en: 'What the posts say, and how it came about' },
  necessity: { ja: '正当な理由の説明', en: 'The reason explained' },
  categories: { ja: '開示を求める発信者情報', en: 'The sender information sought' },
  targets: { ja: '侵害情報 {n}', en: 'Post {n}' },
  // the list as a whole (none given): the form's one field for it
  'targets[]': { ja: '侵害情報の所在（URL）', en: 'Where the posts are (URLs)' },
  civil: null,
  route: { ja: '開示の経路', en: 'Route' },
  claimantAddress: { ja: '請求者の住所（任意）', en: "The claimant's address (optional)" },
  rightsInfringed: {
    ja: '権利が侵害されたことが明らかである理由',
    en: 'Why the infringement of those rights is evident',
  },
  purposes: { ja: '正当な理由', en: 'Legitimate reasons' },
  senderInformation: { ja: '発信者情報（省令の区分）', en: 'Sender information (by the ordinance)' },
  courtOrder: { ja: '裁判所の命令', en: "The court's order" },
  'courtOrder.type': { ja: '命令の種類', en: 'Kind of order' },
  'courtOrder.courtOrganisationId': { ja: '裁判所', en: 'Court' },
  'courtOrder.caseNumber': { ja: '事件番号', en: 'Case number' },
  'courtOrder.orderedAt': { ja: '命令の日時', en: 'Date and time of the order' },
  'courtOrder.content': { ja: '命令の主文', en: 'The operative part of the order' },
};

/** The words of a kind that names its fields in words of its own, before FIELD_WORDS. */
const KIND_FIELD_WORDS: Readonly<Partial<Record<RequestKind, Readonly<Record<string, Bilingual | null>>>>> = {
  civil_disclosure: CIVIL_FIELD_WORDS,
};

const fill = (text: string, n: number) => text.replaceAll('{n}', String(n));

/** A part's label: the kind's own words first (null: not named), then FIELD_WORDS; `parent.name` before `name`. */
function labelOf(parent: string, part: string, kind: RequestKind | undefined): Bilingual | undefined {
  const own = kind === undefined ? undefined : KIND_FIELD_WORDS[kind];
  for (const key of [`${parent}.${part}`, part]) {
    if (own && Object.hasOwn(own, key)) return own[key] ?? undefined;
  }
  return FIELD_WORDS[`${parent}.${part}`] ?? FIELD_WORDS[part];
}

/**
 * A field's path in words (`content.targets.0.at` → 対象 1 › 日時), or null when no part of it has a label.
 * With the request's kind, by that kind's own words where it has them (a civil disclosure's provider is
 * 開示を請求する事業者, not 照会先の事業者).
 */
export function fieldInWords(field: string, kind?: RequestKind): Bilingual | null {
  const parts = field.split('.');
  const words: Bilingual[] = [];
  let parent = '';
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) return;
    const label = labelOf(parent, part, kind);
    parent = part;
    if (label === undefined) return;
    const next = parts[i + 1];
    const n = next !== undefined && /^\d+$/.test(next) ? Number(next) + 1 : undefined;
    if (label.ja.includes('{n}') && n === undefined) {
      // A numbered part named as a whole (no targets given): by the kind's word for the list, if it has one.
      const whole = kind === undefined ? undefined : KIND_FIELD_WORDS[kind]?.[`${part}[]`];
      if (whole) words.push(whole);
      return;
    }
    words.push(n === undefined ? label : { ja: fill(label.ja, n), en: fill(label.en, n) });
  });
  if (words.length === 0) return null;
  return { ja: words.map((w) => w.ja).join(' › '), en: words.map((w) => w.en).join(' › ') };
}

/** The words a form of a request's kind names its fields by (fieldInWords with the kind). */
export const requestFieldWords =
  (kind: RequestKind) =>
  (field: string): Bilingual | null =>
    fieldInWords(field, kind);

/**
 * The statistics query's parameters in words, as the statistics page's filters name them: there `from` and
 * `to` are the ends of the counted period, not a target's 利用開始 / 利用終了, so they have a table of their own.
 */
export const STATISTICS_FIELD_WORDS: Readonly<Record<string, Bilingual>> = {
  from: { ja: '期間の始まり', en: 'The start of the period' },
  to: { ja: '期間の終わり', en: 'The end of the period' },
  groupBy: { ja: '内訳', en: 'Break down' },
  period: { ja: '期間の単位', en: 'Period length' },
  providerId: { ja: '照会先の事業者', en: 'Provider' },
  agencyId: { ja: '機関', en: 'Agency' },
  unitId: { ja: '所属', en: 'Unit' },
};

/** A statistics parameter in words (`to` → 期間の終わり), or null for a name it does not know. */
export function statisticsFieldInWords(field: string): Bilingual | null {
  return STATISTICS_FIELD_WORDS[field] ?? null;
}

/**
 * An answer's fields as a file of it names them (`shokai provider answer`, `shokai agent edit --file`): the
 * item by its place in the file's list (回答の項目 1), then the answer form's labels. A label with `{n}` takes
 * the position that follows it, as FIELD_WORDS; `parent.name` before `name`.
 */
export const ANSWER_FIELD_WORDS: Readonly<Record<string, Bilingual>> = {
  items: { ja: '回答の項目 {n}', en: 'Answer item {n}' },
  outcome: { ja: '回答の区分', en: 'Outcome' },
  result: { ja: '結果', en: 'Result' },
  note: { ja: '補足', en: 'Note' },
  preservedUntil: { ja: '保全期限', en: 'Preserved until' },
  accessLog: { ja: '接続記録 {n}', en: 'Access log {n}' },
  at: { ja: '日時', en: 'Date and time' },
  address: { ja: 'IPアドレス', en: 'IP address' },
  port: { ja: 'ポート番号', en: 'Port' },
  action: { ja: '操作', en: 'Action' },
  subscriber: { ja: '契約者', en: 'Subscriber' },
  name: { ja: '氏名', en: 'Name' },
  contractStart: { ja: '契約開始日', en: 'Contract start' },
  contractEnd: { ja: '契約終了日', en: 'Contract end' },
  birthDate: { ja: '生年月日', en: 'Date of birth' },
  member: { ja: '会員', en: 'Member' },
  idCheckedAt: { ja: '本人確認の日時', en: 'Identity checked at' },
  terminalUse: { ja: '端末の利用記録 {n}', en: 'Terminal use {n}' },
  from: { ja: '利用開始', en: 'From' },
  to: { ja: '利用終了', en: 'Until' },
  finding: { ja: '記録による判定', en: 'What the records say' },
  window: { ja: '調べた時間の範囲', en: 'Window searched' },
  'window.from': { ja: '始まり', en: 'Start' },
  'window.to': { ja: '終わり', en: 'End' },
  candidates: { ja: '候補 {n}', en: 'Candidate {n}' },
  person: { ja: '人物', en: 'Person' },
  'candidates.from': { ja: '保持の始まり', en: 'Held from' },
  'candidates.to': { ja: '保持を確認できた最後', en: 'Held at least until' },
  possibleTo: { ja: '保持の可能性がある最後', en: 'Possibly held until' },
  posts: { ja: '投稿記録 {n}', en: 'Post record {n}' },
  enteredAt: { ja: '入店', en: 'Entry' },
  exitedAt: { ja: '退店', en: 'Exit' },
  idChecks: { ja: '本人確認 {n}', en: 'ID check {n}' },
  checkedAt: { ja: '確認日時', en: 'Checked at' },
  attachments: { ja: '添付ファイル {n}', en: 'Attached file {n}' },
};

/** A path into an answer (`answer.`, once or twice, in front or not): `items.0.…` and what follows. */
const ANSWER_PATH = /^(?:answer\.)*(items\.\d+(?:\..+)?)$/;

/** An answer's field in words (`answer.items.0.accessLog.1.at` → 回答の項目 1 › 接続記録 2 › 日時), or null. */
export function answerFieldInWords(field: string): Bilingual | null {
  const m = ANSWER_PATH.exec(field);
  if (!m?.[1]) return null;
  const parts = m[1].split('.');
  const words: Bilingual[] = [];
  let parent = '';
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) return;
    const label = ANSWER_FIELD_WORDS[`${parent}.${part}`] ?? ANSWER_FIELD_WORDS[part];
    parent = part;
    if (label === undefined) return;
    const next = parts[i + 1];
    const n = next !== undefined && /^\d+$/.test(next) ? Number(next) + 1 : undefined;
    if (label.ja.includes('{n}') && n === undefined) {
      words.push({ ja: label.ja.replace(/ ?\{n\}/, ''), en: label.en.replace(/ ?\{n\}/, '') });
      return;
    }
    words.push(n === undefined ? label : { ja: fill(label.ja, n), en: fill(label.en, n) });
  });
  if (words.length === 0) return null;
  return { ja: words.map((w) => w.ja).join(' › '), en: words.map((w) => w.en).join(' › ') };
}
