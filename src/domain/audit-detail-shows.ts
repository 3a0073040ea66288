// How a value of an audit entry's details reads in words (./audit-details.ts and the tables beside it, read by
// the web's pages and by `shokai audit list`): the kinds of value (text, an instant in the reader's zone, a
// count, a label of a code, yes/no, an organisation by name) and the labels several tables share. No raw key
// or code is ever returned.
import { shownFingerprint } from './shown-text.ts';
import {
  type Bilingual,
  HEARING_REPLY_LABELS,
  type Locale,
  type RequestKind,
  SIGN_IN_REFUSAL_LABELS,
} from './vocabulary.ts';

/** A list of short labels as running text: 「A、B」 in Japanese, "A, B" in English. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'ja' ? '、' : ', ');
}

/** What the page (or the CLI) knows to say a value in words. */
export interface DetailContext {
  locale: Locale;
  /** An instant in the reader's zone with its offset (the web's i18n `instant`, the CLI's formatInstant). */
  instant: (iso: string) => string;
  /** An organisation's name in the reader's language, when the reader has it. */
  organisationName?: (id: string) => string | undefined;
  /** The kind of the request the entry is about: its details are labelled in that kind's words. */
  kind?: RequestKind;
}

/** One labelled line of an entry's details. `code` marks a digest or key fingerprint (set in mono). */
export interface DetailLine {
  label: string;
  value: string;
  code?: boolean;
}

export type Details = Record<string, unknown>;
/** A value in words, or null to leave the line out (a value the page cannot say in words). */
export type Show = (value: unknown, details: Details, c: DetailContext) => string | null;
export type Field = { label: Bilingual; show: Show; code?: boolean };
/** Bookkeeping (ids, the request's own reference points): recorded for the log, not shown. */
export const OMIT = 'omit' as const;

export const b = (ja: string, en: string): Bilingual => ({ ja, en });
export const YES = b('はい', 'Yes');
export const NO = b('いいえ', 'No');

export const text: Show = (v) => (typeof v === 'string' && v.trim() !== '' ? v : null);
export const instant: Show = (v, _d, c) => (typeof v === 'string' ? c.instant(v) : null);
export const count: Show = (v, _d, c) =>
  typeof v === 'number' ? v.toLocaleString(c.locale === 'ja' ? 'ja-JP' : 'en-GB') : null;
export const yesNo: Show = (v, _d, c) => (typeof v === 'boolean' ? (v ? YES : NO)[c.locale] : null);
export const bytes: Show = (v, d, c) => {
  const n = count(v, d, c);
  return n === null ? null : c.locale === 'ja' ? `${n} バイト` : `${n} bytes`;
};
export const organisation: Show = (v, _d, c) => (typeof v === 'string' ? (c.organisationName?.(v) ?? null) : null);
/** A label as a value: English labels written mid-sentence ("the signer's passkey") begin a line capitalised. */
export const capital = (t: string, locale: Locale) => (locale === 'en' ? t.charAt(0).toUpperCase() + t.slice(1) : t);
/** A code by its label; an unknown code is left out. */
export const oneOf =
  (labels: Record<string, Bilingual>): Show =>
  (v, _d, c) =>
    typeof v === 'string' && Object.hasOwn(labels, v) ? capital((labels[v] as Bilingual)[c.locale], c.locale) : null;
/** Codes by their labels, as running text; none (or none known) leaves the line out. */
export const listOf =
  (labels: Record<string, Bilingual>): Show =>
  (v, _d, c) => {
    if (!Array.isArray(v)) return null;
    const words = v.flatMap((x) => (typeof x === 'string' && Object.hasOwn(labels, x) ? [labels[x]?.[c.locale]] : []));
    return words.length > 0 ? capital(joinList(words as string[], c.locale), c.locale) : null;
  };
/** A flag written only when true: the line says what it means. */
export const when =
  (meaning: Bilingual): Show =>
  (v, _d, c) =>
    v === true ? capital(meaning[c.locale], c.locale) : null;
/** Recorded only when it applies (its value an id): the line says that it did. */
export const present: Show = (v, _d, c) => (v === undefined || v === null || v === false ? null : YES[c.locale]);

export const field = (label: Bilingual, show: Show, code = false): Field => ({ label, show, code });
export const digest = (label: Bilingual): Field => field(label, text, true);
/** A key's fingerprint, as people read it (`SHA-256 7140 dc09 …`, never like an IPv6 address). */
export const fingerprint = (label: Bilingual): Field =>
  field(
    label,
    (v, d, c) => {
      const t = text(v, d, c);
      return t === null ? null : shownFingerprint(t);
    },
    true,
  );

export const CUSTODY = {
  hub: b('ハブが保管する所属の鍵', "the unit's key held by the hub"),
  devices: b('所属の端末の鍵（ハブは開けない）', "the unit's devices' key (the hub cannot open it)"),
  device: b('自分の端末で開封', 'opened on own device'),
  owner: b('本人のパスキー', 'own passkey'),
  server: b('ハブが保管する鍵', 'a key held by the hub'),
};
export const SIDES = {
  agency: b('要請元', 'requesting side'),
  provider: b('事業者', 'provider'),
  oversight: b('監督機関', 'oversight body'),
};
export const ATTACHMENT_PURPOSES = {
  request: b('照会書', 'the request'),
  clarification: b('確認のやり取り', 'the clarification'),
  answer: b('回答', 'the answer'),
};
export const WITHDRAW_REASONS = {
  order_set_aside: b('発信者情報開示命令の取消し', 'the disclosure order was set aside'),
};
export const HEARING_OUTCOMES = {
  ...HEARING_REPLY_LABELS,
  impossible: b('意見照会ができなかった', 'the subscriber could not be asked'),
  none: b('回答なし', 'no reply'),
};

export const L = {
  attachedTo: b('添付先', 'Attached to'),
  fileType: b('ファイルの種類', 'File type'),
  size: b('大きさ', 'Size'),
  fileDigest: b('ファイルのハッシュ（SHA-256）', 'File digest (SHA-256)'),
  sealedTo: b('暗号化の宛先の鍵', 'Sealed to key'),
  keptBy: b('事業者の控えの鍵', "Provider's copy key"),
  sealedDigest: b('暗号文のハッシュ（SHA-256）', 'Sealed digest (SHA-256)'),
  sealedOn: b('暗号化した側', 'Sealed by'),
  custody: b('鍵の保管', 'Key held as'),
  device: b('端末', 'Device'),
  reason: b('理由', 'Reason'),
};

/** A sign-in or enrolment entry: the login typed, why it was refused (by its label), the address it came from. */
export const SIGN_IN = {
  login: field(b('ログイン名', 'Login'), text),
  reason: field(b('理由', 'Reason'), oneOf(SIGN_IN_REFUSAL_LABELS)),
  client: field(b('接続元', 'Connected from'), text),
};

/** A person's second-factor lock lifted: whose (their login), what it had counted, and since when. */
export const SECOND_FACTOR_UNLOCKED = {
  login: SIGN_IN.login,
  failures: field(b('確認コードの誤り', 'Wrong codes'), count),
  since: field(b('数え始め', 'Counted since'), instant),
};
