import { candidateSpans, type Finding } from '../domain/finding.ts';
import { hiddenCharacterWords, textRuns, visibleText } from '../domain/shown-text.ts';
import { formatInstantText, JAPAN_ZONE } from '../domain/time.ts';
import {
  type Bilingual,
  CANDIDATE_SPAN_LABELS,
  FINDING_NOTE_LABELS,
  FINDING_REASON_LABELS,
  FINDING_RECORDS_LABELS,
  FINDING_VERDICT_LABELS,
  LINE_USE_LABELS,
  RESOLVE_HINT_LABELS,
} from '../domain/vocabulary.ts';
import type { PreparedTarget } from '../holders/findings.ts';
import { formatHostPort } from '../net/address.ts';

// What a reviewer reads of a prepared finding, in their language: the verdict, the window searched, every
// candidate with why and the records (file:line) it rests on, the "a line, not a person" facts, and for
// an ambiguous finding what would make it unique. The command line and the review pages both use it.

export type Lang = 'ja' | 'en';
export const say = (b: Bilingual, lang: Lang): string => b[lang];
/** An organisation's name (as the directory holds it in both languages) in the reader's language. */
export const nameIn = (o: { nameJa: string; nameEn: string }, lang: Lang): string =>
  lang === 'ja' ? o.nameJa : o.nameEn;

/** Text made safe in HTML, as element content and as a quoted attribute's value (the review pages). */
export const esc = (s: unknown): string =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Free text from another party (a request's facts, a reason) made safe in HTML as `esc` does, with each
 * character that would not be seen or that turns the text round shown as a mark where it stands
 * (`⟨U+202E⟩`), as the hub's pages show it: the reviewer reads what was signed, in its order.
 */
export function written(s: string | null | undefined, lang: Lang): string {
  return textRuns(s ?? '')
    .map((r) =>
      'seen' in r
        ? esc(r.seen)
        : `<span class="hidden-char" title="${esc(hiddenCharacterWords(r.hidden)[lang])}">⟨${r.hidden}⟩</span>`,
    )
    .join('');
}

/** The installation's zone: the review pages and the CLI show instants in it, with its offset. */
export const REVIEW_ZONE = JAPAN_ZONE;

/**
 * An instant as people read it, to the second (`2026-03-01 10:00:00 +09:00`): when something was received,
 * decided, sent or noted; text that is not an instant is kept as written.
 */
export function when(text: string | null | undefined, zone: string = REVIEW_ZONE): string {
  return shown(text, zone, false);
}

/**
 * An instant as a requester or a record wrote it, its fraction of a second kept when it has one (a target's
 * time, an access log's entry): what was asked or found, exactly (`2026-03-01 10:00:00.250 +09:00`).
 */
export function exactWhen(text: string | null | undefined, zone: string = REVIEW_ZONE): string {
  return shown(text, zone, /\.\d*[1-9]/.test(text ?? ''));
}

function shown(text: string | null | undefined, zone: string, milliseconds: boolean): string {
  return formatInstantText(text, zone, { milliseconds });
}
/** A coded note's label and its own text, the text alone when it says no more than the label. */
const both = (label: Bilingual, text: Bilingual, lang: Lang): string =>
  label[lang] === text[lang] ? text[lang] : `${label[lang]}: ${text[lang]}`;

/** A target in one line (what the request asks about), its instants in `zone` (by default the installation's). */
export function targetLine(t: PreparedTarget['target'], lang: Lang, zone: string = REVIEW_ZONE): string {
  switch (t.type) {
    case 'ip':
      return (
        `${formatHostPort(t.address, t.port)} @ ` +
        `${exactWhen(t.at, zone)}${t.toleranceSeconds ? ` ±${t.toleranceSeconds}s` : ''}`
      );
    case 'url':
      return `${t.url}${t.postId ? ` (${lang === 'ja' ? '投稿' : 'post'} ${t.postId})` : ''}`;
    case 'terminal':
      return `${t.terminal} ${exactWhen(t.from, zone)} – ${exactWhen(t.to, zone)}`;
    case 'account':
      return `${t.id}${t.service ? ` (${t.service})` : ''}`;
    case 'email':
      return t.address;
    case 'phone':
      return t.number;
    case 'domain':
      return t.name;
  }
}

/**
 * The finding as lines of text, for the command line: what the records wrote with hidden characters written out,
 * its instants in `zone` (by default the installation's).
 */
export function findingLines(f: Finding, lang: Lang, zone: string = REVIEW_ZONE): string[] {
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const out = [
    `${L('判定', 'verdict')}: ${say(FINDING_VERDICT_LABELS[f.verdict], lang)} ` +
      `(${say(FINDING_RECORDS_LABELS[f.records], lang)})`,
    `${L('照会', 'query')}: ${visibleText(f.query.asReceived)}`,
    ...(f.query.window
      ? [`${L('検索範囲', 'window')}: ${when(f.query.window.from, zone)} – ${when(f.query.window.to, zone)}`]
      : []),
  ];
  f.candidates.forEach((c, i) => {
    const who = [c.account, c.person?.name]
      .filter(Boolean)
      .map((s) => visibleText(s ?? ''))
      .join(' / ');
    out.push(`${L('候補', 'candidate')} ${i + 1}: ${who || L('（不明）', '(unknown)')}`);
    if (c.insideAddress) out.push(`  ${L('内部アドレス', 'inside address')}: ${c.insideAddress}`);
    for (const s of candidateSpans(c)) {
      out.push(`  ${say(CANDIDATE_SPAN_LABELS[s.span], lang)}: ${when(s.from, zone)} – ${when(s.to, zone)}`);
    }
    if (c.line) {
      out.push(
        `  ${L('回線', 'line')}: ${say(LINE_USE_LABELS[c.line.use], lang)}; ` +
          `${L('設置場所', 'installed at')} ${visibleText(c.line.installationAddress ?? '—')}; ` +
          `${L('請求先', 'billed to')} ${visibleText(c.line.billingAddress ?? '—')}` +
          `${c.line.addressesDiffer ? L('（異なる）', ' (differ)') : ''}`,
      );
    }
    for (const p of c.posts ?? [])
      out.push(
        `  ${L('投稿', 'post')}: ${when(p.at, zone)} ${p.address ?? ''}` +
          `${p.port !== undefined ? `:${p.port}` : ''} ${visibleText(p.account ?? '')}`,
      );
    for (const u of c.terminalUse ?? [])
      out.push(
        `  ${L('端末利用', 'terminal use')}: ${visibleText(u.terminal)} ` +
          `${when(u.enteredAt, zone)} – ${when(u.exitedAt, zone) || '?'}`,
      );
    for (const s of c.sources)
      out.push(
        `  ${L('根拠', 'source')}: ${visibleText(s.file)}:${s.line}` +
          `${s.endLine && s.endLine !== s.line ? `–${s.endLine}` : ''}`,
      );
    for (const n of c.notes) out.push(`  ! ${both(FINDING_NOTE_LABELS[n.code], n.text, lang)}`);
  });
  for (const r of f.reasons) out.push(`- ${both(FINDING_REASON_LABELS[r.code], r.text, lang)}`);
  for (const h of f.resolveBy)
    out.push(`→ ${L('一意にするには', 'would make it unique')}: ${say(RESOLVE_HINT_LABELS[h.code], lang)}`);
  return out;
}
