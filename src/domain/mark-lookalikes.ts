import type { Bilingual } from './vocabulary.ts';

// Two of the look-alike rules (./deceptive-hosts.ts), found by the second review of them: a combining mark left on
// an ASCII letter after NFC, and punctuation or a symbol outside ASCII that reads as a dot or a slash. Pure (no
// Node, no DOM): the browser's request editor may load it with that rule.

/**
 * Characters outside ASCII that read as a dot or a slash and are neither look-alikes in the confusables table nor
 * letters a language's names need: any punctuation (\p{P}) or mathematical symbol (\p{Sm}) — `www·google.com`
 * (U+00B7), ‧ (U+2027), ⋅ (U+22C5), ⸱ (U+2E31), ་ (U+0F0B), 𐄁 (U+10101), ⫽ (U+2AFD) — and by name the letters
 * ꞏ (U+A78F, Latin) and ᐧ (U+1427, Canadian syllabics), which are middle dots to the eye. Taken: `・` (the kana
 * rule of ./kana-lookalikes.ts reads it where it stands) and Catalan's `l·l` under .cat (`col·legi.cat`).
 */
const DOT_OR_SLASH_LIKE = /(?![\p{ASCII}\u30fb])[\p{P}\p{Sm}]|[\ua78f\u1427]/u;

/** The first character of `label` that reads as a dot or a slash (DOT_OR_SLASH_LIKE) under `top`, or null. */
function dotOrSlashLike(label: string, top: string): string | null {
  const taken = top === 'cat' ? label.replace(/l\u00b7l/gu, 'll') : label;
  return DOT_OR_SLASH_LIKE.exec(taken)?.[0] ?? null;
}

/** A combining mark left on an ASCII letter, digit or hyphen after NFC (`microsof\u0335t`, `googl\u0332e`), or null. */
const MARK_ON_ASCII = /[a-z0-9-]\p{M}+/u;

/** A character's code point as Unicode writes it (`U+0335`). */
const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a host name (NFC, lower case) reads as another for a combining mark on an ASCII letter, digit or hyphen, or
 * for a dot or slash look-alike in a label (`labels`, under `top`), or null. `aLabel` is the name to write instead.
 */
export function markOrStopLookalike(
  host: string,
  labels: readonly string[],
  top: string,
  aLabel: string,
  instead: Bilingual,
): { words: Bilingual; instead: string } | null {
  const mark = MARK_ON_ASCII.exec(host)?.[0];
  if (mark !== undefined) {
    const codes = [...mark.slice(1)].map(codePoint).join(', ');
    return {
      instead: aLabel,
      words: {
        ja:
          `「${host}」の「${mark}」は英数字「${mark[0]}」に結合文字（${codes}）が重なったもので、「${mark[0]}」や` +
          `線・点に見え、別のドメイン名と同じに見えます。${instead.ja}`,
        en:
          `in "${host}", "${mark}" is the letter or digit "${mark[0]}" with a combining mark (${codes}) on it: it ` +
          `reads as "${mark[0]}", a line or a dot, so the name reads as another. ${instead.en}`,
      },
    };
  }
  for (const label of labels) {
    const c = dotOrSlashLike(label, top);
    if (c === null) continue;
    return {
      instead: aLabel,
      words: {
        ja:
          `「${label}」の「${c}」（${codePoint(c)}）は点やスラッシュに見える記号で、ホスト名の区切りやパスのように` +
          `読め、別のドメイン名と同じに見えます。${instead.ja}`,
        en:
          `in "${label}", "${c}" (${codePoint(c)}) reads as a dot or a slash: the name reads as other labels or a ` +
          `path, so it reads as another. ${instead.en}`,
      },
    };
  }
  return null;
}
