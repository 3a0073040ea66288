import type { Bilingual } from '../domain/vocabulary.ts';
import { DOCUMENT_LAYOUT } from './constants.ts';

// What each document layout prints differently. A document is verified by rendering its embedded data
// again with the layout that printed it, so every layout a release ever printed stays renderable here:
// a change to what documents print raises DOCUMENT_LAYOUT and adds a rule that is on from that layout,
// leaving the pages of the layouts before it as they were. Browser-safe (the device renders a 回答書).

/** The differences between layouts, each on from the layout named. */
export interface LayoutRules {
  /** Layout 2: an access record's known action code is printed in words (post → 投稿), not as the code. */
  actionInWords: boolean;
  /** Layout 2: a Latin word (an address) moves to the next line after a full-width space, not only after ' '. */
  breakAfterWideSpace: boolean;
  /** Layout 2: the 意見照会書 names the signing lawyer as counsel, not a bare 弁護士. */
  counselNamed: boolean;
  /** Layout 3: the 意見照会書 states the hearing's reply deadline as a date (before: "within 14 days"). */
  replyDeadline: boolean;
  /** Layout 4: a signer's key is printed as `SHA-256 7140 dc09 …`, not in colon groups that read as an IPv6 address. */
  keysGrouped: boolean;
  /** Layout 4: the query as received names its post ID and ± tolerance in words (`±1s` → `±1秒`). */
  queryInWords: boolean;
  /**
   * Layout 5: the requests the agency issues name the officer in charge and the unit's call-back number (or say
   * the directory has none), and the signature note says how to verify in words, without Markdown backticks.
   */
  contactPrinted: boolean;
  /**
   * Layout 6: the contact is not signed (only embedded), so beside a printed call-back number the page says so
   * and asks the reader to check the unit's number independently; a missing officer is printed 不明 / unknown.
   */
  contactUnsignedNoted: boolean;
  /**
   * Layout 7: a name the directory did not hold when printing — the agency, the unit, the court, the addressed
   * provider — is printed （所属名不明）/ (unit name unknown) and the like, with a note that the signers are known by
   * their keys' fingerprints; before, the agency's, unit's and court's raw ids stood in their place and a
   * provider's was left blank.
   */
  unknownNamesInWords: boolean;
  /**
   * Layout 7: a subscriber's contract start and end are printed as dates in words with the era year (the
   * engine gives days, `2020-01-01`; before, answers held the UTC instant of midnight in Tokyo, which read
   * as the day before), and an answer holding the instant form prints it as the instant, with its offset.
   */
  contractDays: boolean;
  /**
   * Layout 7: a candidate's span is printed as the span its records confirm (記録で確認できる期間) and, for a
   * holding whose end was not logged, the span it may have been held (該当し得る期間（終了の記録なし）);
   * before, one line labelled 該当し得る期間 printed the confirmed span, which could leave out the time asked.
   */
  candidateSpans: boolean;
  /**
   * Layout 7: the names printed beside the signed identifiers (and an opinion letter's dates) are said to be the
   * directory's (and the hearing's), outside the signatures; the warrant summary says the court's key
   * authenticated the warrant, never that a court of a printed name no one signed did.
   */
  unsignedNamesNoted: boolean;
  /** Layout 7: each signer's signature algorithm is named (Ed25519, ECDSA P-256 of a passkey), not Ed25519 for all. */
  algorithmPerSigner: boolean;
  /**
   * Layout 7: 指定値 is printed only beside an instant of the request written with another offset than the
   * zone's, or finer than the second printed (compared as instants, not strings), never beside one from records.
   */
  writtenInstantsCompared: boolean;
  /** Layout 7: the 意見照会書 is dated, with the day the provider sent the hearing letter. */
  opinionDated: boolean;
  /** Layout 7: the signature block calls a lawyer who signed counsel (代理人弁護士, 法律事務所), not 決裁者 / 所属. */
  counselSigns: boolean;
  /** Layout 7: a sentence whose last word ends with a full stop (Inc.) gets no second one. */
  oneFullStop: boolean;
  /**
   * Layout 8: a signer's key fingerprint is never broken over two lines (it moves whole to a line of its own), and
   * an answer's SHA-256 has a line of its own; before, a long signer line split the fingerprint a reader compares.
   */
  keysWhole: boolean;
  /**
   * Layout 8: the signature block is kept on one page (it starts a new page when it does not fit on the rest of
   * the last); before, it could break mid-sentence onto a page of its own.
   */
  signaturesTogether: boolean;
  /**
   * Layout 8: a document's second part starts on a page of its own — the MLAT letter's Japanese original, the
   * opinion letter's reply form (which the subscriber sends back); before, each began at the foot of a page.
   */
  partsOnOwnPage: boolean;
  /** Layout 8: the MLAT letter's footer reads in English too (Letter of request No., Verification code). */
  footerInEnglish: boolean;
  /**
   * Layout 8: a printed instant — date, time and offset — is never broken over two lines (it moves whole to the
   * next); before, a target's `通信日時 令和8年（2026年）11月28日` could end a line, even a page, its time the next.
   */
  instantsWhole: boolean;
  /**
   * Layout 8: the MLAT letter's signature block and its note on how to verify read in English and Japanese, as its
   * heading and footer do; before, they were Japanese only under an English letter.
   */
  signaturesInEnglish: boolean;
  /**
   * Layout 9: the 意見照会書 names what the request asks for by the ordinance's items (氏名又は名称, IPアドレス及び接続元
   * ポート番号, …), not the data categories (契約者情報、通信履歴); the rights it says were infringed, why that is
   * evident, and its legitimate reason for disclosure, as the request states them; and its reply deadline as the
   * day it ends (the hearing's deadline is the end of that day in Japan since), not the time of day with its offset.
   */
  opinionAsRequested: boolean;
  /**
   * Layout 9: the 回答書 says an answer's fields in the words of whose record it gives (`answerHolder`, required on
   * an answer from this layout, refused on any other document and before it): a board's registered user as
   * 登録された氏名 and its posts as 投稿の記録; before, every answer in a line's subscriber's words.
   */
  holderWords: boolean;
}

const LAYOUT_ONE: LayoutRules = {
  actionInWords: false,
  breakAfterWideSpace: false,
  counselNamed: false,
  replyDeadline: false,
  keysGrouped: false,
  queryInWords: false,
  contactPrinted: false,
  contactUnsignedNoted: false,
  unknownNamesInWords: false,
  contractDays: false,
  candidateSpans: false,
  unsignedNamesNoted: false,
  algorithmPerSigner: false,
  writtenInstantsCompared: false,
  opinionDated: false,
  counselSigns: false,
  oneFullStop: false,
  keysWhole: false,
  signaturesTogether: false,
  partsOnOwnPage: false,
  footerInEnglish: false,
  instantsWhole: false,
  signaturesInEnglish: false,
  opinionAsRequested: false,
  holderWords: false,
};
/** Each layout from 4 on is the one before it with its own change. */
const LAYOUT_FOUR: LayoutRules = {
  ...LAYOUT_ONE,
  actionInWords: true,
  breakAfterWideSpace: true,
  counselNamed: true,
  replyDeadline: true,
  keysGrouped: true,
  queryInWords: true,
};
const LAYOUT_FIVE: LayoutRules = { ...LAYOUT_FOUR, contactPrinted: true };
const LAYOUT_SIX: LayoutRules = { ...LAYOUT_FIVE, contactUnsignedNoted: true };

const LAYOUT_SEVEN: LayoutRules = {
  ...LAYOUT_SIX,
  unknownNamesInWords: true,
  contractDays: true,
  candidateSpans: true,
  unsignedNamesNoted: true,
  algorithmPerSigner: true,
  writtenInstantsCompared: true,
  opinionDated: true,
  counselSigns: true,
  oneFullStop: true,
};

const LAYOUT_EIGHT: LayoutRules = {
  ...LAYOUT_SEVEN,
  keysWhole: true,
  signaturesTogether: true,
  partsOnOwnPage: true,
  footerInEnglish: true,
  instantsWhole: true,
  signaturesInEnglish: true,
};

/**
 * Every layout this release renders, as its releases printed it: layout 1 as of commit 212e772 (documents
 * without a layout number), layout 2 as of 05fb0a3, layout 3 as of e4b5bdb, layout 4 as of
 * 188af7f, layout 5 as of a2abd15, layout 6 as of 297c498, layout 7 as of 72e4349,
 * layout 8 as of c8edd95, layout 9 today. Proven by the
 * documents those commits printed (test/documents/fixtures/layouts/, test/documents/layouts.test.ts).
 */
export const LAYOUT_RULES: Readonly<Record<number, LayoutRules>> = {
  1: LAYOUT_ONE,
  2: { ...LAYOUT_ONE, actionInWords: true, breakAfterWideSpace: true, counselNamed: true },
  3: { ...LAYOUT_ONE, actionInWords: true, breakAfterWideSpace: true, counselNamed: true, replyDeadline: true },
  4: LAYOUT_FOUR,
  5: LAYOUT_FIVE,
  6: LAYOUT_SIX,
  7: LAYOUT_SEVEN,
  8: LAYOUT_EIGHT,
  9: { ...LAYOUT_EIGHT, opinionAsRequested: true, holderWords: true },
};

/**
 * How a document of a layout may have been printed. Layout 1 is a document without a layout number, and
 * the three changes layout 2 names landed before the number did: 9c53c40 printed the action in words,
 * f96041f broke after 　 too, 33a952f named counsel, each still without a number (until 3002747). So an
 * unnumbered document is compared with each of those printings, oldest first; a numbered one with its own.
 */
export interface Printing {
  layout: number;
  rules: LayoutRules;
  /** The commit whose code printed it, where it is not the layout's own printing. */
  commit?: string;
}

export function printingsOf(layout: number): Printing[] {
  const rules = layoutRules(layout);
  if (!rules) return [];
  if (layout !== 1) return [{ layout, rules }];
  const one = LAYOUT_RULES[1] as LayoutRules;
  return [
    { layout, rules: one },
    { layout, rules: { ...one, actionInWords: true }, commit: '9c53c40' },
    { layout, rules: { ...one, actionInWords: true, breakAfterWideSpace: true }, commit: 'f96041f' },
    {
      layout,
      rules: { ...one, actionInWords: true, breakAfterWideSpace: true, counselNamed: true },
      commit: '33a952f',
    },
  ];
}

/** The printing a verification names: its layout, and for a later printing without a number, that it is one. */
export function printingName(p: Printing): Bilingual {
  return p.commit
    ? {
        ja: `文書様式 ${p.layout}（様式番号の付く前に様式 2 の変更が一部入った版の印字）`,
        en: `document layout ${p.layout} (printed before layouts were numbered, with part of layout 2's changes)`,
      }
    : { ja: `文書様式 ${p.layout}`, en: `document layout ${p.layout}` };
}

/** The layouts this release renders, oldest first. */
export const RENDERED_LAYOUTS: readonly number[] = Object.keys(LAYOUT_RULES)
  .map(Number)
  .sort((x, y) => x - y);

/** A document's layout: the number in its data, or 1 for documents printed before layouts were numbered. */
export const layoutOf = (data: { layout?: number | undefined }): number => data.layout ?? 1;

export function layoutRules(layout: number): LayoutRules | undefined {
  return LAYOUT_RULES[layout];
}

/**
 * Why a document of a layout this release does not know cannot have its pages compared: a later release
 * printed it. The signatures are still checked; the pages are not called altered.
 */
export function unknownLayoutMessage(layout: number): Bilingual {
  const known = `${RENDERED_LAYOUTS[0]}〜${DOCUMENT_LAYOUT}`;
  const knownEn = `${RENDERED_LAYOUTS[0]} to ${DOCUMENT_LAYOUT}`;
  return {
    ja:
      `この文書は文書様式 ${layout} で印刷されています。この版の shokai が再現できるのは様式 ${known} のため、署名は確認できましたが印字を照合できません。様式 ${layout} 以降の ` +
      'shokai で検証するか、発行元に再発行を求めてください',
    en:
      `printed with document layout ${layout}; this release of shokai renders layouts ${knownEn}, so the ` +
      'signatures verify but the printed pages cannot be compared: verify with a shokai release of layout ' +
      `${layout} or later, or ask the issuer to print it again`,
  };
}
