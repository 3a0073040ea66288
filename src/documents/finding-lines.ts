import type { AnswerItem } from '../domain/answer-content.ts';
import type { AnswerHolder } from '../domain/answer-holder.ts';
import { candidateSpans, type Finding } from '../domain/finding.ts';
import { asReceivedWords } from '../domain/shown-text.ts';
import { formatDayOrInstant } from '../domain/time.ts';
import {
  CANDIDATE_SPAN_LABELS,
  FINDING_RECORDS_LABELS,
  FINDING_VERDICT_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  LINE_USE_LABELS,
  MEMBER_FIELD_LABELS,
  type MemberField,
  SOURCE_RECORD_KIND_LABELS,
} from '../domain/vocabulary.ts';
import type { LayoutRules } from './layouts.ts';

// What the 回答書 prints of an answer item's finding (issue 13): the verdict first; for an ambiguous
// one a sentence that no one subscriber is identified, then every candidate (never under the
// subscriber's heading) and what would make it unique; the window searched and the source records.

export interface PrintedLine {
  text: string;
  /** 0: the item's level, 1: a candidate's facts, 2: its records. */
  depth: 0 | 1 | 2;
}

const MAX_SOURCES = 6;

export function findingLines(
  f: Finding,
  instant: (value: string) => string,
  rules: Pick<LayoutRules, 'queryInWords' | 'candidateSpans'>,
): PrintedLine[] {
  const out: PrintedLine[] = [];
  const line = (text: string, depth: PrintedLine['depth'] = 0) => out.push({ text, depth });
  line(`判定: ${FINDING_VERDICT_LABELS[f.verdict].ja}（${FINDING_RECORDS_LABELS[f.records].ja}による）`);
  if (f.verdict === 'ambiguous') {
    // Lines an ingest refused may hold another candidate: "all of them" only where none was refused.
    const all = f.reasons.some((r) => r.code === 'lines_refused')
      ? '以下は読み込めた記録による候補です。取り込めなかった行があるため、候補がこれで全部とは限りません。'
      : '以下は該当し得る候補の全部です。';
    line(`本回答は一人の契約者・利用者を特定するものではありません。${all}`);
  }
  const query = rules.queryInWords ? asReceivedWords(f.query.asReceived, 'ja') : f.query.asReceived;
  line(`照会の内容（受信したとおり）: ${query}`);
  if (f.query.window) line(`調べた範囲: ${instant(f.query.window.from)} から ${instant(f.query.window.to)} まで`);
  for (const r of f.reasons) line(`理由: ${r.text.ja}`);
  f.candidates.forEach((c, i) => {
    line(f.verdict === 'unique' ? '該当者' : `候補 ${i + 1}`);
    if (c.account) line(`アカウント・会員番号: ${c.account}`, 1);
    if (c.person?.name) line(`氏名・名称: ${c.person.name}`, 1);
    if (c.person?.installationAddress) line(`住所（設置場所）: ${c.person.installationAddress}`, 1);
    if (c.person?.billingAddress) line(`請求先住所: ${c.person.billingAddress}`, 1);
    if (c.line) line(`回線: ${LINE_USE_LABELS[c.line.use].ja}`, 1);
    if (c.insideAddress) line(`内部アドレス: ${c.insideAddress}`, 1);
    if (!rules.candidateSpans) {
      if (c.from && c.to) line(`該当し得る期間: ${instant(c.from)} から ${instant(c.to)} まで`, 1);
    } else {
      for (const s of candidateSpans(c)) {
        line(`${CANDIDATE_SPAN_LABELS[s.span].ja}: ${instant(s.from)} から ${instant(s.to)} まで`, 1);
      }
    }
    for (const p of c.posts ?? []) {
      const port = p.port === undefined ? '' : ` ポート ${p.port}`;
      line(`投稿: ${instant(p.at)}　${p.address ?? ''}${port}${p.account ? `　${p.account}` : ''}`, 1);
    }
    for (const u of c.terminalUse ?? []) {
      line(
        `端末 ${u.terminal}: ${instant(u.enteredAt)} から ${u.exitedAt ? instant(u.exitedAt) : '（記録なし）'} まで`,
        1,
      );
    }
    for (const k of c.idChecks ?? [])
      line(`本人確認: ${ID_DOCUMENT_KIND_LABELS[k.documentKind].ja}　${instant(k.checkedAt)}`, 1);
    for (const n of c.notes) line(`※ ${n.text.ja}`, 1);
    for (const s of c.sources.slice(0, MAX_SOURCES)) {
      line(`根拠: ${SOURCE_RECORD_KIND_LABELS[s.kind].ja} ${s.file}:${s.line}${s.endLine ? `–${s.endLine}` : ''}`, 2);
    }
    if (c.sources.length > MAX_SOURCES) line(`ほか ${c.sources.length - MAX_SOURCES} 件は埋め込みデータのとおり`, 2);
  });
  for (const h of f.resolveBy) line(`一意に特定するには: ${h.text.ja}`);
  return out;
}

/**
 * What the 回答書 prints of an item's subscriber record, field by field. From layout 7 the contract's days
 * are dates in words with the era year (an answer that holds the instant form prints the instant, with its
 * time and offset); before, each as written. A board's registered user (`holder`, from layout 9) is printed in
 * its words — the account as registered, its registration day — never as a contract's. The words are written
 * here, not taken from the screen's table (SUBSCRIBER_RECORD_WORDS): a page printed under a layout must stay as
 * printed, so a change of the screen's words cannot reach it (a change here raises DOCUMENT_LAYOUT).
 */
export function subscriberLines(
  sub: AnswerItem['subscriber'],
  zone: string,
  rules: Pick<LayoutRules, 'contractDays'>,
  holder?: AnswerHolder,
): string[] {
  if (!sub) return [];
  const day = (v: string | undefined) => (v && rules.contractDays ? formatDayOrInstant(v, 'ja', zone) : v);
  const values = { ...sub, contractStart: day(sub.contractStart), contractEnd: day(sub.contractEnd) };
  if (holder === 'board') {
    const fields = [
      ['アカウント', values.account],
      ['登録された氏名', values.name],
      ['登録された氏名（カナ）', values.nameKana],
      ['登録された住所', values.installationAddress],
      ['登録された請求先住所', values.billingAddress],
      ['登録された電話番号', values.phone],
      ['登録されたメールアドレス', values.email],
      ['アカウントの登録日', values.contractStart],
      ['アカウントの削除日', values.contractEnd],
    ] as const;
    return fields.flatMap(([label, value]) => (value ? [`${label}: ${value}`] : []));
  }
  const fields = [
    ['アカウント', values.account],
    ['氏名・名称', values.name],
    ['フリガナ', values.nameKana],
    ['設置場所住所', values.installationAddress],
    ['請求先住所', values.billingAddress],
    ['電話番号', values.phone],
    ['メールアドレス', values.email],
    ['契約開始', values.contractStart],
    ['契約終了', values.contractEnd],
  ] as const;
  return fields.flatMap(([label, value]) => (value ? [`${label}: ${value}`] : []));
}

/** A café's member as registered, one line a field given (the identity document in words, checked when). */
export function memberLines(member: AnswerItem['member'], recorded: (instant: string) => string): string[] {
  if (!member) return [];
  // The screen's and the CLI's labels (MEMBER_FIELD_LABELS): one name for a field, on paper too.
  const fields: ReadonlyArray<readonly [MemberField, string | undefined]> = [
    ['memberNumber', member.memberNumber],
    ['name', member.name],
    ['nameKana', member.nameKana],
    ['address', member.address],
    ['phone', member.phone],
    ['idDocument', member.idDocument && ID_DOCUMENT_KIND_LABELS[member.idDocument].ja],
    ['idCheckedAt', member.idCheckedAt && recorded(member.idCheckedAt)],
  ];
  return fields.flatMap(([field, value]) => (value ? [`${MEMBER_FIELD_LABELS[field].ja}: ${value}`] : []));
}
