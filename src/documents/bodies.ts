import { treatyLabel } from '../domain/mlat.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { describeTarget } from '../domain/targets.ts';
import { formatDate, formatDateTime, parseIsoInstant } from '../domain/time.ts';
import {
  ACCESS_ACTION_LABELS,
  ANSWER_ITEM_RESULT_LABELS,
  ANSWER_OUTCOME_LABELS,
  DATA_CATEGORY_LABELS,
  DOCUMENT_TYPE_LABELS,
  labelOf,
  REQUEST_KIND_LABELS,
  WARRANT_TYPE_LABELS,
} from '../domain/vocabulary.ts';
import { findingLines, memberLines, subscriberLines } from './finding-lines.ts';
import { documentInstant, targetLine } from './instants.ts';
import { agencyIssuer, contactLine, courtName, issuerName, providerName, theAgency } from './issuer.ts';
import type { Typesetter } from './layout.ts';
import type { LayoutRules } from './layouts.ts';
import { type DocumentData, personName } from './model.ts';

// The body of each document, between the letterhead and the signature block. Only what the signed
// request says is printed; nothing is translated or filled in that the request does not hold.

const numbered = (n: number): string => `（${n}）`;

/** Document number, date, addressee, issuer, title: the head of a Japanese official letter. */
function letterhead(ts: Typesetter, data: DocumentData, addressee: string, issuer: string[]): void {
  ts.block({ text: `文書番号　第 ${data.serial} 号`, align: 'right' });
  ts.block({ text: formatDate(parseIsoInstant(data.envelope.payload.issuedAt), 'ja', data.zone), align: 'right' });
  ts.block({ text: `${addressee}　御中`, size: 12, before: 14 });
  issuer.forEach((line, i) => {
    ts.block({ text: line, align: 'right', ...(i === 0 ? { before: 10 } : {}) });
  });
  ts.block({ text: DOCUMENT_TYPE_LABELS[data.type].ja, size: 16, align: 'center', before: 24 });
}

export function item(ts: Typesetter, n: number, title: string, text: string): void {
  ts.block({ text: `${n}　${title}`, before: 8 });
  ts.block({ text, indent: 16 });
}

export function targets(ts: Typesetter, data: DocumentData, content: RequestContent, rules: LayoutRules): void {
  content.targets.forEach((t, i) => {
    ts.block({ text: `${numbered(i + 1)} ${targetLine(t, data.zone, rules)}`, indent: 16 });
  });
}

export const categories = (content: RequestContent): string =>
  content.categories.map((c) => DATA_CATEGORY_LABELS[c].ja).join('、');

function answerWanted(ts: Typesetter, data: DocumentData, content: RequestContent, what: string): void {
  if (content.requestedBy) {
    ts.block({
      text: `なお、${formatDateTime(parseIsoInstant(content.requestedBy), 'ja', data.zone)} までに${what}願います。`,
    });
  }
}

function issued(ts: Typesetter, n: number, data: DocumentData): void {
  item(ts, n, '発出日時', formatDateTime(parseIsoInstant(data.envelope.payload.issuedAt), 'ja', data.zone));
  ts.block({ text: '以上', align: 'right', before: 8 });
}

/**
 * What an inquiry and a preservation request list from item `n` on: the case and the offence, what is
 * asked (`asked`) of the targets below it, why (`need`), the facts, and the issue.
 */
function caseItems(
  ts: Typesetter,
  data: DocumentData,
  content: RequestContent,
  rules: LayoutRules,
  n: number,
  words: { asked: string; need: string },
): void {
  item(ts, n, '事件番号', content.caseReference);
  item(ts, n + 1, '罪名', content.offence);
  item(ts, n + 2, words.asked, `下記の対象について、${categories(content)}`);
  targets(ts, data, content, rules);
  item(ts, n + 3, words.need, content.necessity);
  item(ts, n + 4, '被疑事実の要旨', content.facts);
  issued(ts, n + 5, data);
}

export function inquiryBody(ts: Typesetter, data: DocumentData, content: RequestContent, rules: LayoutRules): void {
  letterhead(ts, data, providerName(data, rules, 'ja'), agencyIssuer(data, rules));
  ts.block({
    text: '捜査のため必要があるので、刑事訴訟法第197条第2項に基づき、下記事項について照会します。',
    before: 16,
  });
  answerWanted(ts, data, content, '回答');
  ts.block({ text: '記', align: 'center', before: 12 });
  item(ts, 1, '照会の根拠', '刑事訴訟法第197条第2項（捜査関係事項照会）');
  caseItems(ts, data, content, rules, 2, { asked: '照会事項', need: '照会の必要性' });
}

export function preservationBody(
  ts: Typesetter,
  data: DocumentData,
  content: RequestContent,
  rules: LayoutRules,
): void {
  const days = content.kind === 'preservation' ? content.preservation.days : 30;
  letterhead(ts, data, providerName(data, rules, 'ja'), agencyIssuer(data, rules));
  ts.block({
    text:
      '差押え又は記録命令付差押えをするため必要があるので、刑事訴訟法第197条第3項に基づき、下記の電気通信の送信元、送信先、通信日時その他の通信履歴の電磁的記録のうち必要なものを特定し、' +
      `${days}日を超えない期間を定めて、これを消去しないよう求めます。`,
    before: 16,
  });
  ts.block({ text: '記', align: 'center', before: 12 });
  item(ts, 1, '要請の根拠', '刑事訴訟法第197条第3項（通信履歴の保全要請）');
  item(ts, 2, '保全を求める期間', `${days}日（保全の確認の日から。延長は1回、通算60日まで。同条第4項）`);
  caseItems(ts, data, content, rules, 3, { asked: '保全を求める記録', need: '保全の必要性' });
}

/** What the court signed, as the warrant summary says it (layout 7 on: identifiers, not names). */
const WARRANT_SIGNED =
  '裁判所の署名は、令状番号・種類・発付日時・有効期間・裁判所と請求者と名宛人の識別子・対象・記録の種類に対するもので、' +
  '名称は含みません。令状の原本の記載が優先します。';
const WARRANT_SIGNED_BEFORE_7 =
  '裁判所の署名は、令状番号・種類・裁判所・請求者・名宛人・対象・記録の種類・有効期間に対するものです。令状の原本の記載が優先します。';

/**
 * Who authenticated the warrant. Layout 7 on: the court's key that signed it (a judge's passkey, or the court's
 * own key), by its fingerprint — the court's name is the directory's, not signed, and the page says so. Before,
 * the sentence named the court by the embedded name, which no one signed.
 */
function warrantAuthenticated(data: DocumentData, rules: LayoutRules): string {
  const tail = '認証された内容の要旨は次のとおりです。';
  if (!rules.unsignedNamesNoted)
    return `下記の令状は、${courtName(data, rules, '裁判所')}の電子署名により認証されています。${tail}`;
  const court = data.signers.find((s) => s.role === 'court');
  const whose = court?.rpId ? '令状を発付した裁判官の認証器' : '令状を発付した裁判所の鍵';
  return (
    `下記の令状は、鍵 ${court ? shownFingerprint(court.fingerprint) : ''}（${whose}）の電子署名により認証されています。` +
    'この鍵が裁判所のものであることは shokai の鍵の一覧（ディレクトリ）で確かめられます。裁判所の名称は、文書の作成時に' +
    `鍵の一覧にあったものを印字しており、署名の対象外です。${tail}`
  );
}

export function warrantSummaryBody(
  ts: Typesetter,
  data: DocumentData,
  content: RequestContent,
  rules: LayoutRules,
): void {
  letterhead(ts, data, providerName(data, rules, 'ja'), agencyIssuer(data, rules));
  if (content.kind !== 'warrant') return;
  const w = content.warrant;
  ts.block({ text: warrantAuthenticated(data, rules), before: 16 });
  ts.block({ text: '記', align: 'center', before: 12 });
  item(ts, 1, '令状の種類', WARRANT_TYPE_LABELS[w.type].ja);
  item(ts, 2, '令状番号', w.warrantNumber);
  item(ts, 3, '発付した裁判所', courtName(data, rules, w.courtOrganisationId));
  item(ts, 4, '発付日時', documentInstant(w.issuedAt, data.zone, rules, 'request'));
  item(ts, 5, '有効期間', `${documentInstant(w.validUntil, data.zone, rules, 'request')} まで`);
  item(ts, 6, '請求者', issuerName(data, 'ja'));
  item(ts, 7, '名宛人', providerName(data, rules, 'ja'));
  item(ts, 8, '対象と記録の種類', `下記の対象について、${categories(content)}`);
  targets(ts, data, content, rules);
  item(ts, 9, '罪名', content.offence);
  item(ts, 10, '事件番号', content.caseReference);
  ts.block({ text: rules.unsignedNamesNoted ? WARRANT_SIGNED : WARRANT_SIGNED_BEFORE_7, size: 9, before: 10 });
  issued(ts, 11, data);
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/**
 * A field of the English version: shown as written when it is not Japanese; otherwise marked
 * untranslated with the original beside it. Nothing is machine-translated or made up.
 */
function english(text: string): string {
  return JAPANESE.test(text) ? `[Untranslated: no translation has been provided. Original (Japanese):] ${text}` : text;
}

/** A sentence's full stop, none added after a last word that ends with one (Inc.), layout 7 on. */
const endSentence = (text: string, rules: LayoutRules): string =>
  rules.oneFullStop && text.endsWith('.') ? text : `${text}.`;

/** 国際捜査共助要請書: the requested language (when it is Japanese or English) and English. */
export function mlatLetterBody(ts: Typesetter, data: DocumentData, content: RequestContent, rules: LayoutRules): void {
  if (content.kind !== 'mlat') return;
  const m = content.mlat;
  const issuedAt = parseIsoInstant(data.envelope.payload.issuedAt);
  const language = m.language.toLowerCase().split('-')[0] ?? '';
  ts.block({ text: `文書番号 / Reference　${data.serial}`, align: 'right' });
  ts.block({
    text: `${formatDate(issuedAt, 'ja', data.zone)} / ${formatDate(issuedAt, 'en', data.zone)}`,
    align: 'right',
  });
  ts.block({ text: `To: ${m.foreignAuthority} (${m.requestedCountry})`, size: 12, before: 14 });
  ts.block({ text: issuerName(data, 'en'), align: 'right', before: 10 });
  const contactEn = contactLine(data, rules, 'en');
  if (contactEn) ts.block({ text: contactEn, align: 'right' });
  ts.block({ text: DOCUMENT_TYPE_LABELS.mlat_letter.en, size: 15, align: 'center', before: 20 });
  if (language !== 'en' && language !== 'ja') {
    ts.block({
      text:
        `Requested language: ${m.language}. No translation into this language is held: this letter is given in ` +
        'English, the language of transmission, with the Japanese original.',
      size: 9,
      before: 8,
    });
  }
  const basis =
    m.treaty === 'diplomatic'
      ? 'Through diplomatic channels, on reciprocity (no treaty applies)'
      : `Under the ${english(treatyLabel(m.treaty).en)}`;
  ts.block({
    text: endSentence(
      `${basis}, ${theAgency(data)} requests the assistance of the ${m.foreignAuthority} ` +
        `in obtaining the records described below${m.foreignProvider ? `, held by ${m.foreignProvider}` : ''}`,
      rules,
    ),
    before: 12,
  });
  item(ts, 1, 'Case', english(content.caseReference));
  item(ts, 2, 'Offence', english(content.offence));
  item(ts, 3, 'Summary of the facts', english(content.facts));
  item(ts, 4, 'Why the records are needed', english(content.necessity));
  item(ts, 5, 'Records requested', content.categories.map((c) => DATA_CATEGORY_LABELS[c].en).join(', '));
  content.targets.forEach((t, i) => {
    ts.block({ text: `(${i + 1}) ${describeTarget(t, 'en')}`, indent: 16 });
  });
  const approvedBy = personName(data.names.approver, 'en');
  item(ts, 6, 'Issued', `${formatDateTime(issuedAt, 'en', data.zone)}, approved by ${approvedBy}`);
  // Layout 8: the Japanese original starts on a page of its own, its heading and addresses together.
  if (rules.partsOnOwnPage) ts.startPage();
  else ts.rule(16);
  ts.block({
    text: DOCUMENT_TYPE_LABELS.mlat_letter.ja,
    size: 15,
    align: 'center',
    before: rules.partsOnOwnPage ? 0 : 14,
  });
  ts.block({ text: `${m.foreignAuthority}（${m.requestedCountry}）　御中`, before: 8 });
  ts.block({ text: issuerName(data, 'ja'), align: 'right' });
  const contactJa = contactLine(data, rules, 'ja');
  if (contactJa) ts.block({ text: contactJa, align: 'right' });
  ts.block({
    text:
      `${treatyLabel(m.treaty).ja}に基づき、下記の記録の取得について共助を要請します。` +
      `${m.foreignProvider ? `（記録の保有者: ${m.foreignProvider}）` : ''}`,
    before: 10,
  });
  item(ts, 1, '事件番号', content.caseReference);
  item(ts, 2, '罪名', content.offence);
  item(ts, 3, '被疑事実の要旨', content.facts);
  item(ts, 4, '必要性', content.necessity);
  item(ts, 5, '求める記録', `下記の対象について、${categories(content)}`);
  targets(ts, data, content, rules);
  issued(ts, 6, data);
}

/** At most this many access-log rows are printed per target; all of them are in the embedded data. */
const MAX_PRINTED_ROWS = 300;

/** 回答書: the provider's signed answer to the request, target by target. */
export function answerBody(ts: Typesetter, data: DocumentData, content: RequestContent, rules: LayoutRules): void {
  const a = data.answer;
  if (!a) return;
  const answer = a.signed.answer;
  // Whose record it gives, in its words (layout 9 on); a layout before printed every answer as a subscriber's.
  const holder = rules.holderWords ? data.answerHolder : undefined;
  const answeredAt = parseIsoInstant(a.signed.answeredAt);
  ts.block({ text: `文書番号　第 ${data.serial} 号`, align: 'right' });
  ts.block({ text: formatDate(answeredAt, 'ja', data.zone), align: 'right' });
  ts.block({ text: `${issuerName(data, 'ja')}　御中`, size: 12, before: 14 });
  ts.block({ text: providerName(data, rules, 'ja'), align: 'right', before: 10 });
  ts.block({ text: DOCUMENT_TYPE_LABELS.answer.ja, size: 16, align: 'center', before: 24 });
  const issued = formatDate(parseIsoInstant(data.envelope.payload.issuedAt), 'ja', data.zone);
  ts.block({
    text: `${issued}付け ${REQUEST_KIND_LABELS[content.kind].ja}（${data.envelope.payload.reference}）について、下記のとおり回答します。`,
    before: 16,
  });
  ts.block({ text: '記', align: 'center', before: 12 });
  item(ts, 1, '回答の区分', ANSWER_OUTCOME_LABELS[answer.outcome].ja);
  ts.block({ text: '2　対象ごとの回答', before: 8 });
  for (const it of answer.items) {
    const target = content.targets[it.targetIndex];
    const what = target ? targetLine(target, data.zone, rules) : `対象番号 ${it.targetIndex}`;
    ts.block({ text: `${numbered(it.targetIndex + 1)} ${what}`, indent: 16, before: 4 });
    // With a finding its verdict speaks first: "該当あり" beside an ambiguous finding would read as one subscriber.
    if (!it.finding || it.finding.verdict === 'none') {
      ts.block({ text: `結果: ${ANSWER_ITEM_RESULT_LABELS[it.result].ja}`, indent: 32 });
    }
    // The instants of a finding and of the access records are the records', never the requester's (指定値).
    const recorded = (v: string) => documentInstant(v, data.zone, rules, 'record');
    for (const l of it.finding ? findingLines(it.finding, recorded, rules) : []) {
      ts.block({ text: l.text, indent: 32 + l.depth * 8, ...(l.depth === 2 ? { size: 9 } : {}) });
    }
    for (const text of subscriberLines(it.subscriber, data.zone, rules, holder)) {
      ts.block({ text, indent: 32 });
    }
    const log = it.accessLog ?? [];
    // A board's post log is its access log: printed as its posts.
    const logTitle = holder === 'board' ? '投稿の記録' : '接続記録';
    if (log.length > 0) ts.block({ text: `${logTitle}（${log.length} 件）`, indent: 32 });
    for (const row of log.slice(0, MAX_PRINTED_ROWS)) {
      const port = row.port === undefined ? '' : ` ポート ${row.port}`;
      // The action in words (layout 2 on); layout 1 printed the record's code as written.
      const action = row.action && rules.actionInWords ? labelOf(ACCESS_ACTION_LABELS, row.action).ja : row.action;
      ts.block({
        text: `${recorded(row.at)}　${row.address}${port}${action ? `　${action}` : ''}`,
        indent: 40,
        size: 9,
      });
    }
    if (log.length > MAX_PRINTED_ROWS)
      ts.block({ text: `ほか ${log.length - MAX_PRINTED_ROWS} 件は埋め込みデータのとおり`, indent: 40, size: 9 });
    // A café's member as registered and its terminal-use records, the instants the records'.
    for (const text of memberLines(it.member, recorded)) ts.block({ text, indent: 32 });
    const uses = it.terminalUse ?? [];
    if (uses.length > 0) ts.block({ text: `端末利用記録（${uses.length} 件）`, indent: 32 });
    for (const u of uses.slice(0, MAX_PRINTED_ROWS)) {
      const until = u.to === undefined ? '（退店記録なし）' : recorded(u.to);
      ts.block({ text: `端末 ${u.terminal}　${recorded(u.from)} 〜 ${until}`, indent: 40, size: 9 });
    }
    if (uses.length > MAX_PRINTED_ROWS)
      ts.block({ text: `ほか ${uses.length - MAX_PRINTED_ROWS} 件は埋め込みデータのとおり`, indent: 40, size: 9 });
    if (it.traffic?.length)
      ts.block({ text: `その他の通信記録 ${it.traffic.length} 件（埋め込みデータのとおり）`, indent: 32 });
    if (it.content !== undefined)
      ts.block({ text: `通信内容 ${it.content.length} 文字（埋め込みデータのとおり）`, indent: 32 });
    if (it.preservedUntil) ts.block({ text: `保全期限: ${recorded(it.preservedUntil)}`, indent: 32 });
    if (it.note) ts.block({ text: `備考: ${it.note}`, indent: 32 });
  }
  if (answer.note) item(ts, 3, '備考', answer.note);
  item(ts, answer.note ? 4 : 3, '回答日時', formatDateTime(answeredAt, 'ja', data.zone));
  ts.block({ text: '以上', align: 'right', before: 8 });
}
