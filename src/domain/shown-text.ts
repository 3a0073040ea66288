// Text from outside (an id, a key, a reason) shown back to a person: in an error of the API, on the
// command line. Some characters are acted on or change how text reads instead of being seen: controls
// (C0, DEL, C1: ESC [ …, a CR overwriting a line), zero-width characters, and the text-direction
// embeddings, overrides and isolates (`invoice` U+202E `fdp.txt` reads as ending in `.pdf`). Shown, each
// is written out as `\uXXXX`: the reader sees what was there, and inside a JSON string it is a valid
// escape of the same character.

import type { Bilingual } from './vocabulary.ts';

/**
 * Zero-width, text-direction and other characters that are not seen as written, every control, and the
 * tag characters (U+E0000–U+E007F: invisible, yet they can carry a whole hidden text).
 */
const HIDDEN_CLASS =
  '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e' +
  '\\u2060-\\u2064\\u2066-\\u2069\\ufeff' +
  '\\u{e0000}-\\u{e007f}';
const HIDDEN_ONE = new RegExp(`[${HIDDEN_CLASS}]`, 'u');
const HIDDEN_ALL = new RegExp(`[${HIDDEN_CLASS}]`, 'gu');

/** The longest caller input an error repeats; longer is cut with `…` (the details keep the value for programs). */
export const MAX_SHOWN_INPUT = 80;

const hex4 = (c: string) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0');

/** A character as a JSON-valid escape: `\uXXXX`, or its two UTF-16 halves past U+FFFF. */
const escaped = (c: string) =>
  Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/** The first character of `s` that a reader does not see as written, as `U+XXXX`, or undefined. */
export function hiddenCharacter(s: string): string | undefined {
  const m = HIDDEN_ONE.exec(s);
  return m ? `U+${hex4(m[0]).toUpperCase()}` : undefined;
}

/**
 * `text` with every character a reader would not see as written put as `\uXXXX`; with `keepLines`,
 * newline and tab stay (they move the cursor but hide nothing: a reason may have lines).
 */
export function visibleText(text: string, { keepLines = false } = {}): string {
  return text.replace(HIDDEN_ALL, (c) => (keepLines && (c === '\n' || c === '\t') ? c : escaped(c)));
}

/**
 * A text in runs for a page: what a reader sees as written, and each hidden character on its own as
 * `U+XXXX`, for the page to mark visibly (free text may quote a post as it was written, characters and
 * all; the person who signs must see them). Newline and tab stay inside the runs.
 */
export function textRuns(text: string): Array<{ seen: string } | { hidden: string }> {
  const runs: Array<{ seen: string } | { hidden: string }> = [];
  let last = 0;
  for (const m of text.matchAll(HIDDEN_ALL)) {
    // A line break is seen as one, written as LF or as CRLF (a form's text area sends CRLF).
    if (m[0] === '\n' || m[0] === '\t' || (m[0] === '\r' && text[m.index + 1] === '\n')) continue;
    if (m.index > last) runs.push({ seen: text.slice(last, m.index) });
    runs.push({ hidden: `U+${hex4(m[0]).toUpperCase()}` });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ seen: text.slice(last) });
  return runs;
}

/** What a page's mark of a hidden character says of it (its title), the character named `U+XXXX`. */
export function hiddenCharacterWords(code: string): Bilingual {
  return {
    ja: `見えない文字、または文字の向きを変える文字（${code}）がここにあります`,
    en: `An invisible or text-direction character (${code}) is here`,
  };
}

/** Caller input as an error repeats it: every hidden character written out, at most MAX_SHOWN_INPUT characters. */
export function shownInput(value: string): string {
  const visible = visibleText(value);
  const chars = Array.from(visible);
  return chars.length > MAX_SHOWN_INPUT ? `${chars.slice(0, MAX_SHOWN_INPUT - 1).join('')}…` : visible;
}

const FINGERPRINT_STORED = /^[0-9a-f]{4}(?::[0-9a-f]{4})+$/i;

/**
 * A key's fingerprint as people read it (pages, the CLI, documents): named and grouped with spaces,
 * `SHA-256 7140 dc09 5166 007d …`, so that it cannot be taken for an IPv6 address shown beside real
 * ones. The stored and compared form (`7140:dc09:…`, --json, files) stays as it is; anything that is not
 * a fingerprint in that form is returned unchanged.
 */
export function shownFingerprint(fingerprint: string): string {
  return FINGERPRINT_STORED.test(fingerprint)
    ? `SHA-256 ${fingerprint.replaceAll(':', ' ').toLowerCase()}`
    : fingerprint;
}

/** A fingerprint typed or pasted as shown (`SHA-256 7140 dc09 …`) back in its stored form; other text unchanged. */
export function storedFingerprint(typed: string): string {
  const groups = typed
    .trim()
    .replace(/^SHA-?256\s*/i, '')
    .split(/[\s:]+/);
  return groups.length > 1 && groups.every((g) => /^[0-9a-f]{4}$/i.test(g)) ? groups.join(':').toLowerCase() : typed;
}

/** The tolerance beside a sent time: `±1秒` in Japanese, `±1 s` in English. */
export function toleranceWords(seconds: number, locale: 'ja' | 'en'): string {
  return locale === 'ja' ? `±${seconds}秒` : `±${seconds} s`;
}

/** A post's id beside its URL, labelled: `（投稿ID 9931-2）`, ` (post ID 9931-2)`. */
export function postIdWords(postId: string, locale: 'ja' | 'en'): string {
  return locale === 'ja' ? `（投稿ID ${postId}）` : ` (post ID ${postId})`;
}

/**
 * A finding's question as received (kept as the provider's records wrote it: `URL (post 9931-2)`,
 * `address time ±1s`) in the reader's language: the post id and the tolerance labelled in it.
 */
export function asReceivedWords(asReceived: string, locale: 'ja' | 'en'): string {
  return asReceived
    .replace(/ \(post ([^()]+)\)$/, (_, id: string) => postIdWords(id, locale))
    .replace(/ ±(\d+)s$/, (_, n: string) => ` ${toleranceWords(Number(n), locale)}`);
}

/**
 * An E.164 Japanese number as dialled at home, where its grouping is known (03-xxxx-xxxx, 06-…, mobile and
 * IP 0X0-xxxx-xxxx, 0120-xxx-xxx, 0570-xxx-xxx); other Japanese numbers with the trunk 0 and no grouping;
 * a foreign number as given.
 */
export function domesticPhone(e164: string): string {
  const m = /^\+81(\d{9,10})$/.exec(e164.replace(/[\s-]/g, ''));
  if (!m?.[1]) return e164;
  const n = m[1];
  if (/^[36]\d{8}$/.test(n)) return `0${n.slice(0, 1)}-${n.slice(1, 5)}-${n.slice(5)}`;
  if (/^[5789]0\d{8}$/.test(n)) return `0${n.slice(0, 2)}-${n.slice(2, 6)}-${n.slice(6)}`;
  if (/^(120|570|800)\d{6}$/.test(n)) return `0${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
  return `0${n}`;
}

/** A number to call, as people read it: the domestic form, and the registered E.164 beside it. */
export const phoneWords = (e164: string, locale: 'ja' | 'en' = 'ja'): string => {
  const home = domesticPhone(e164);
  if (home === e164) return e164;
  return locale === 'ja' ? `${home}（${e164}）` : `${home} (${e164})`;
};

/**
 * A country or region given by its ISO 3166 code (`US`) in words, the code kept beside the name:
 * `アメリカ合衆国（US）`, `United States (US)`. A code no name is known for is shown as written.
 */
export function countryWords(code: string, locale: 'ja' | 'en'): string {
  return namedCode(code, locale, 'region');
}

/** A language given by its BCP 47 tag (`en`) in words, the tag kept beside: `英語（en）`, `English (en)`. */
export function languageWords(tag: string, locale: 'ja' | 'en'): string {
  return namedCode(tag, locale, 'language');
}

function namedCode(code: string, locale: 'ja' | 'en', type: 'region' | 'language'): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type, fallback: 'none' }).of(code);
  } catch {
    // not a well-formed code: shown as written
  }
  if (!name || name === code) return code;
  return locale === 'ja' ? `${name}（${code}）` : `${name} (${code})`;
}
