// Kana and Han characters that read as a slash, a hyphen, a dot or a Latin letter beside letters of other scripts
// (the look-alike rule's Japanese part, ./deceptive-hosts.ts). Pure (no Node, no DOM): the browser's request editor
// may load it with that rule.

/**
 * Kana and Han characters that read as a slash, a hyphen, a dot or a Latin letter beside letters of other scripts,
 * as Chromium's IDN spoof checker refuses them (components/url_formatter/spoof_checks/idn_spoof_checker.cc, its
 * "dangerous pattern"): ノ ン ソ ゾ 丶 乀 乁 丿 between two characters neither kana nor Han (`example.co.jpノlogin`);
 * ー (the prolonged sound mark) after anything but kana, or first in a label (`sakuraーboard`, `日本ー`); ・ next to a
 * Latin letter; 一 ㄧ 丨 乛 七 丅 十 〇 ㄒ ㄚ ㄟ ㄨ ㄩ ㄈ ㆺ ㆳ 工 ㆲ 讠 丁 next to a character neither kana, Han nor Bopomofo
 * (`sakura一board`); ヽ ヾ not after katakana; へ べ ぺ among katakana and ヘ ベ ペ among hiragana (they look the same);
 * the combining voiced sound marks. Japanese names keep them where Japanese writes them: `ヤフー`, `日本一`, `ノート`,
 * and beside ASCII digits and hyphens, which Japanese names write with them (`3丁目`, `100工房`, `東京-十番`).
 */
const KANA_HAN = String.raw`\p{scx=Hira}\p{scx=Kana}\p{scx=Hani}`;
const CJK_LOOKALIKES =
  String.raw`\u4e00\u3127\u4e28\u4e5b\u4e03\u4e05\u5341\u3007\u3112\u311a\u311f` +
  String.raw`\u3128\u3129\u3108\u31ba\u31b3\u5de5\u31b2\u8ba0\u4e01`;
const JAPANESE_SPECIAL =
  String.raw`\u30ce\u30f3\u30bd\u30be\u4e36\u4e40\u4e41\u4e3f\u30fc\u30fb\u30fd\u30fe` +
  String.raw`\u3078-\u307a\u30d8-\u30da\u3099\u309a`;
const JAPANESE_LOOKALIKE = new RegExp(
  [
    `[^${KANA_HAN}0-9-][\\u30ce\\u30f3\\u30bd\\u30be\\u4e36\\u4e40\\u4e41\\u4e3f][^${KANA_HAN}0-9-]`,
    String.raw`[^\p{scx=Hira}\p{scx=Kana}]\u30fc|^\u30fc`,
    String.raw`[a-z]\u30fb|\u30fb[a-z]`,
    `[^${KANA_HAN}\\p{scx=Bopo}0-9-][${CJK_LOOKALIKES}]|[${CJK_LOOKALIKES}][^${KANA_HAN}\\p{scx=Bopo}0-9-]`,
    String.raw`[^\p{scx=Kana}][\u30fd\u30fe]|^[\u30fd\u30fe]`,
    String.raw`^\p{scx=Kana}+[\u3078-\u307a]\p{scx=Kana}+$|^\p{scx=Hira}+[\u30d8-\u30da]\p{scx=Hira}+$`,
    String.raw`[\u3099\u309a]`,
  ].join('|'),
  'u',
);
/** The character of a JAPANESE_LOOKALIKE match that reads as another. */
const JAPANESE_SPECIAL_ONE = new RegExp(`[${JAPANESE_SPECIAL}${CJK_LOOKALIKES}]`, 'u');

/** The first character of `label` that reads as another where it stands (JAPANESE_LOOKALIKE), or null. */
export function kanaLookalike(label: string): string | null {
  const m = JAPANESE_LOOKALIKE.exec(label)?.[0];
  if (m === undefined) return null;
  return JAPANESE_SPECIAL_ONE.exec(m)?.[0] ?? m;
}
