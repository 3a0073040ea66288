import { kanaLookalike } from './kana-lookalikes.ts';
import { markOrStopLookalike } from './mark-lookalikes.ts';
import type { Bilingual } from './vocabulary.ts';

// A host name that reads as another (an IDN homograph): `pаypal.example` with a Cyrillic `а`, `аррӏе.com` all
// in Cyrillic, `ορο.com` all in Greek, `ցоосӏе.com` mixing Armenian and Cyrillic, `ｅｘａｍｐｌｅ.com` in full-width
// letters. The approver signs, and the provider reads, the name as written; on the screen it is `paypal.example`,
// `apple.com`, `opo.com`, `google.com`, `example.com`. The name meant is still given — as its A-label
// (`xn--pypal-4ve.example`), which reads as nothing else — or in plain half-width letters.
// Pure (no Node, no DOM): the request editor in the browser says it as the hub and a provider's door refuse it.

/** The scripts whose letters pass for one another's (the Unicode confusables that matter for host names). */
const LOOKALIKE_SCRIPTS = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Armenian}/u,
] as const;

/**
 * Per script other than Latin, its letters that read as Latin ones (Chromium's whole-script confusables; for
 * Greek also ϲ and ϳ, for Armenian also ց, which read as c, j and g): a label all of them, digits and hyphens,
 * under a top-level domain not of that script, reads as a Latin name (`аррӏе.com`, `ορο.com`, `ցօօց.com`).
 */
const WHOLE_SCRIPT_LOOKALIKES = [
  { script: /\p{Script=Cyrillic}/u, only: /^[аысԁеԍһіюјӏорԛѕԝхуъьҽпгѵѡ0-9-]+$/u },
  { script: /\p{Script=Greek}/u, only: /^[αικνρυωηοτϲϳ0-9-]+$/u },
  { script: /\p{Script=Armenian}/u, only: /^[ագզէլհյոսւօՙց0-9-]+$/u },
] as const;

/** Whether a label mixes letters of two or more look-alike scripts (`pаypal`, `ցоосӏе`, `аррӏε`). */
function mixesScripts(label: string): boolean {
  return LOOKALIKE_SCRIPTS.filter((script) => script.test(label)).length >= 2;
}

/** Whether a label is all of one script's Latin look-alikes, under a top-level domain not of that script. */
function readsAsLatin(label: string, top: string): boolean {
  return WHOLE_SCRIPT_LOOKALIKES.some(
    ({ script, only }) => script.test(label) && only.test(label) && !script.test(top),
  );
}

/**
 * Characters that read as a slash or a backslash: `example.com⁄login.evil.com` is one host under evil.com that reads
 * as example.com and a path. The full-width ones (U+FF0F, U+FE68) need no entry: NFKC makes them `/` and `\\`, and
 * no host name holds those. With them the confusables.txt entries whose prototype is `/` and that a host name can
 * hold (the filter of ./confusable-skeleton.ts): ᜵ ⁁ ⟋ 𝈺 ㇓ 〳, which no language's names need; and ⫽ 🙼 ⹊ ̷ (U+2AFD,
 * U+1F67C, U+2E4A, the short solidus overlay U+0337), which the second review found read as one too. ノ and 丿 of that
 * list are Japanese letters: ./kana-lookalikes.ts refuses them only between letters of other scripts, as Chromium does.
 */
const SLASH_LIKE = new RegExp(
  String.raw`[\u0337\u0338\u2044\u2215\u2216\u2571\u29f5\u29f8\u29f9\u1735\u2041\u27cb\u{1d23a}\u31d3\u3033` +
    String.raw`\u2afd\u{1f67c}\u2e4a]`,
  'u',
);

/**
 * Characters the URL parser (UTS #46) reads as a full stop. NFKC makes the full- and half-width ones (U+FF0E, U+FF61)
 * `.` and `。`, so a host holding them is refused as written in compatibility characters; the ideographic full stop
 * `。` (U+3002), which a Japanese input method writes, stays: `日本語。jp` opens `日本語.jp`, and the rules below read
 * it so.
 */
const FULL_STOPS = /[\u3002\uff0e\uff61]/gu;

/** The labels of a host name as the URL parser opens it: every full stop a `.`, without one trailing dot. */
function hostLabels(host: string): string[] {
  const dotted = host.replace(FULL_STOPS, '.');
  return (dotted.endsWith('.') ? dotted.slice(0, -1) : dotted).split('.');
}

/** The name a host opens, as a target holds one: every full stop a `.`, no trailing dot. */
export const openedName = (host: string): string => hostLabels(host).join('.');

/** `i`, `j`, `l` or `ı` with a dot above (U+0307): `i̇` reads as `i` (`İnstagram.com` lower-cased). */
// Read on NFD, where a mark of a lower combining class (U+0332 below) sorts before the dot: `i\u0332\u0307`.
const DOT_ABOVE = /[ijl\u0131]\p{Mn}*\u0307/u;

/** A character no one sees (Unicode's Default_Ignorable_Code_Point): `ꮪ\u034Fakura-board.example`. */
export const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * Latin letters that read as other Latin ones (IPA and Latin Extended letters no language's domain names need, and
 * letters of one language's alphabet). The dotless ı is Turkish and Azerbaijani (`ısparta.com.tr`): taken under .tr
 * and .az, refused elsewhere (`gıthub.com`); before a combining mark (ı̇, which reads as i) it is refused everywhere.
 * þ is Icelandic (.is only: Faroese has no þ), ð Icelandic and Faroese (.is, .fo), ə Azerbaijani (.az): Chromium's
 * IDN spoof checker ties them to those top-level domains (it takes þ under .fo too, only to keep its code simple).
 */
const READS_AS: Readonly<Record<string, string>> = {
  ɡ: 'g',
  ɑ: 'a',
  ȷ: 'j',
  ɩ: 'i',
  ı: 'i',
  þ: 'p',
  ð: 'd',
  ə: 'e',
  // The turned e (U+01DD, Pinyin and Latin Extended-B) is ə to the eye; no top-level domain takes it.
  ǝ: 'ə',
};
const TLD_BOUND: Readonly<Record<string, readonly string[]>> = {
  ı: ['tr', 'az'],
  þ: ['is'],
  ð: ['is', 'fo'],
  ə: ['az'],
};

/** The first letter of `label` that reads as another Latin letter under the top-level domain `top`, or null. */
function latinLookalike(label: string, top: string): string | null {
  if (/ı\p{M}/u.test(label)) return 'ı';
  for (const c of label) {
    if (READS_AS[c] !== undefined && !TLD_BOUND[c]?.includes(top)) return c;
  }
  return null;
}

/** Where a letter tied to some top-level domains is taken, in words (`ı` under .tr and .az only), or nothing. */
function takenUnder(c: string): Bilingual {
  const tlds = TLD_BOUND[c]?.map((t) => `.${t}`);
  if (tlds === undefined) return { ja: '', en: '' };
  return {
    ja: `（「${c}」は ${tlds.join('・')} の名前でだけ使えます）`,
    en: ` ("${c}" is taken under ${tlds.join(' and ')} only)`,
  };
}

/** Why a host name holding a slash look-alike or a Latin letter that reads as another reads as another, or null. */
function lookalikeCharacter(host: string, labels: readonly string[], top: string): DeceptiveHost | null {
  const aLabel = new URL(`http://${host}/`).hostname;
  const instead = {
    ja: `この名前に間違いなければ「${aLabel}」（A ラベル）と書いてください`,
    en: `If this is the name meant, write it as "${aLabel}" (its A-label)`,
  };
  const slash = SLASH_LIKE.exec(host)?.[0];
  if (slash !== undefined) {
    return {
      instead: aLabel,
      words: {
        ja: `「${host}」にはスラッシュに見える文字「${slash}」があり、ホスト名とパスのように読めます。${instead.ja}`,
        en: `"${host}" holds "${slash}", which reads as a slash: the name reads as a host and a path. ${instead.en}`,
      },
    };
  }
  const dotAbove = DOT_ABOVE.exec(host.normalize('NFD'))?.[0];
  if (dotAbove !== undefined) {
    const base = dotAbove[0] === '\u0131' ? 'i' : dotAbove[0];
    return {
      instead: aLabel,
      words: {
        ja:
          `「${host}」の「${dotAbove}」（上に点のある「${dotAbove[0]}」）は「${base}」に見える別の文字で、` +
          `別のドメイン名と同じに見えます。${instead.ja}`,
        en:
          `in "${host}", "${dotAbove}" ("${dotAbove[0]}" with a dot above) is not "${base}" though it reads so: the ` +
          `name reads as another. ${instead.en}`,
      },
    };
  }
  const markOrStop = markOrStopLookalike(host, labels, top, aLabel, instead);
  if (markOrStop) return markOrStop;
  for (const label of labels) {
    const c = kanaLookalike(label);
    if (c === null) continue;
    return {
      instead: aLabel,
      words: {
        ja:
          `「${label}」の「${c}」は日本語の書き方の位置（かなの後の「ー」、かな・漢字の間の「ノ」「一」など）になく、` +
          `ここではスラッシュ・ハイフン・点や別の文字に見えて、別のドメイン名と同じに見えます。${instead.ja}`,
        en:
          `in "${label}", "${c}" is not where Japanese writes it ("ー" after kana, "ノ" or "一" among kana and ` +
          `kanji): here it reads as a slash, a hyphen, a dot or another letter, so the name reads as another. ` +
          instead.en,
      },
    };
  }
  for (const label of labels) {
    const c = latinLookalike(label, top);
    if (c === null) continue;
    const reads = READS_AS[c] ?? '';
    const where = /ı\p{M}/u.test(label) ? { ja: '', en: '' } : takenUnder(c);
    return {
      instead: aLabel,
      words: {
        ja: `「${label}」の「${c}」は「${reads}」に見える別の文字で、別のドメイン名と同じに見えます${where.ja}。${instead.ja}`,
        en:
          `in "${label}", "${c}" is not "${reads}" though it reads so: the name reads as another${where.en}. ` +
          instead.en,
      },
    };
  }
  return null;
}

/** Why a host name reads as another one, and the name to write instead (its A-label, or the half-width form). */
export interface DeceptiveHost {
  words: Bilingual;
  /** What to write instead, which reads as nothing else. */
  instead: string;
}

/** Why a host name reads as another one, or null (`host` as the target holds it: lower case, NFC). */
export function deceptiveHost(host: string): DeceptiveHost | null {
  const folded = host.normalize('NFKC').toLowerCase();
  if (folded !== host) {
    return {
      instead: folded,
      words: {
        ja:
          `「${host}」には互換文字（全角英数字・半角カナなど）があり、「${folded}」と同じに見えますが別の名前として` +
          `署名されます。「${folded}」と書いてください`,
        en:
          `"${host}" holds full-width or other compatibility characters: it reads as "${folded}" but would be ` +
          `signed as another name. Write it as "${folded}"`,
      },
    };
  }
  const ignorable = IGNORABLE.exec(host)?.[0];
  if (ignorable !== undefined) {
    const code = `U+${(ignorable.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    const aLabel = URL.canParse(`http://${host}/`) ? new URL(`http://${host}/`).hostname : host.replace(IGNORABLE, '');
    return {
      instead: aLabel,
      words: {
        ja:
          `「${host}」には見えない文字（${code}）があり、決裁者にも事業者にも見えないまま別の名前として署名されます。` +
          `ホスト名にこの文字は使えません。この名前に間違いなければ「${aLabel}」と書いてください`,
        en:
          `"${host}" holds a character no one sees (${code}): it would be signed as a name neither the approver nor ` +
          `the provider sees. A host name may not hold it; if this is the name meant, write it as "${aLabel}"`,
      },
    };
  }
  const labels = hostLabels(host);
  if (labels.some((l) => l === '')) {
    return {
      instead: openedName(host)
        .replace(/\.{2,}/gu, '.')
        .replace(/^\./u, ''),
      words: {
        ja: `「${host}」には空のラベル（続いた「.」、先頭の「.」）があります。ホスト名として正しく書いてください`,
        en: `"${host}" has an empty label (two dots in a row, or a leading dot). Write the host name as it is`,
      },
    };
  }
  const top = labels[labels.length - 1] ?? '';
  const character = lookalikeCharacter(host, labels, top);
  if (character) return character;
  const label = labels.find((l) => mixesScripts(l) || readsAsLatin(l, top));
  if (label === undefined) return null;
  const aLabel = new URL(`http://${host}/`).hostname;
  return {
    instead: aLabel,
    words: {
      ja:
        `「${label}」はラテン文字・キリル文字・ギリシャ文字・アルメニア文字の互いに似た文字を混ぜているか、` +
        'ラテン文字に見える文字だけでできており、別のドメイン名と同じに見えます（決裁者にも事業者にも見分けられません）。' +
        `この名前に間違いなければ「${aLabel}」（A ラベル）と書いてください`,
      en:
        `"${label}" mixes Latin, Cyrillic, Greek or Armenian letters that look alike, or is all of letters that ` +
        'look like Latin ones, so the name reads as another (neither the approver nor the provider could tell). ' +
        `If this is the name meant, write it as "${aLabel}" (its A-label)`,
    },
  };
}

/**
 * A URL target as the check reads it: `http://` or `https://` (any case), the authority, then `/`, `?`, `#` or
 * the end. The URL parser also opens `http:host`, `http:/host`, `http:\\host` and an authority ended by `\`
 * (so `http://pаypal.example\@evil.example/` opens the look-alike, not evil.example); such a URL is refused, not
 * read, for what it shows is not what it opens.
 */
const URL_AS_WRITTEN = /^https?:\/\/([^\\/?#]*)(?:[/?#]|$)/iu;

/** A host name in a target, or why the URL holding it is not read (its words and the URL to write instead). */
export type TargetHost = { key: string; host: string } | { key: 'url'; host: string; refused: DeceptiveHost };

/** The URL written in the usual form (WHATWG's serialisation), refused as `url` was written. */
function urlWrittenOtherwise(url: string, opens: URL): { key: 'url'; host: string; refused: DeceptiveHost } {
  const instead = opens.href;
  return {
    key: 'url',
    // The refusal names the URL as written (what the caller wrote), not the host it opens.
    host: url,
    refused: {
      instead,
      words: {
        ja:
          `URL は「https://ホスト名/…」の形で書いてください。「${url}」はホスト名がこの形で書かれておらず、` +
          `見えるホスト名と開かれるホスト名「${opens.hostname}」が異なりえます。「${instead}」と書いてください`,
        en:
          `write a URL as "https://host/…": "${url}" does not write its host so, and the host it shows may not be ` +
          `the one it opens ("${opens.hostname}"). Write it as "${instead}"`,
      },
    },
  };
}

/**
 * A URL with user-info (`https://www.example.co.jp@evil.example/post/1`, `https://user:pass@host/`): people read
 * the part before `@` as the host, but the URL opens the one after it. A post's URL, which is what a request names,
 * never needs it (a password in a signed request would be worse still), so it is refused, naming the URL without it.
 */
function urlWithUserinfo(
  url: string,
  authority: string,
  opens: URL,
): { key: 'url'; host: string; refused: DeceptiveHost } {
  const userinfo = authority.slice(0, authority.lastIndexOf('@'));
  const instead = url.replace(/^(https?:\/\/)[^\\/?#]*@/iu, '$1');
  return {
    key: 'url',
    host: url,
    refused: {
      instead,
      words: {
        ja:
          `URL「${url}」にはホスト名の前にユーザー情報「${userinfo}@」があり、読む人にはそれがホスト名に見えますが、` +
          `開かれるのは「${opens.hostname}」です。投稿の URL にこの部分は要りません。` +
          `「@」より前の部分を除いて「${instead}」と書いてください`,
        en:
          `the URL "${url}" holds user-info ("${userinfo}@") before its host, which people read as the host, but ` +
          `it opens "${opens.hostname}"; a post's URL never needs it. Write the URL without the part before "@": ` +
          `"${instead}"`,
      },
    },
  };
}

/** The host of a URL target as written (no user-info), without its port, or why not. */
function urlHost(url: string): TargetHost | null {
  if (!URL.canParse(url)) return null;
  const opens = new URL(url);
  const authority = URL_AS_WRITTEN.exec(url)?.[1];
  if (authority === undefined) return urlWrittenOtherwise(url, opens);
  if (authority.includes('@')) return urlWithUserinfo(url, authority, opens);
  const hostPort = authority;
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.split(':')[0];
  if (host === undefined || host === '') return urlWrittenOtherwise(url, opens);
  if (host.includes('%')) {
    return {
      key: 'url',
      host,
      refused: {
        instead: opens.hostname,
        words: {
          ja:
            `URL のホスト名「${host}」が % で符号化されており、決裁者にも事業者にも名前が読めません。` +
            `「${opens.hostname}」と書いてください`,
          en:
            `the URL's host "${host}" is written with percent escapes, which neither the approver nor the provider ` +
            `can read as a name. Write it as "${opens.hostname}"`,
        },
      },
    };
  }
  // What the check reads must be what the URL opens: the host alone, parsed, gives the URL's own host.
  const alone = URL.canParse(`http://${host}/`) ? new URL(`http://${host}/`).hostname : null;
  if (alone !== opens.hostname) return urlWrittenOtherwise(url, opens);
  return { key: 'url', host: host.normalize('NFC').toLowerCase() };
}

/** The host of an e-mail address or a URL target, or the domain target's name: what `deceptiveHost` reads. */
export function targetHost(t: { type: string } & Record<string, unknown>): TargetHost | null {
  if (t.type === 'domain' && typeof t.name === 'string') return { key: 'name', host: t.name };
  if (t.type === 'email' && typeof t.address === 'string') {
    return { key: 'address', host: t.address.slice(t.address.lastIndexOf('@') + 1) };
  }
  if (t.type === 'url' && typeof t.url === 'string') return urlHost(t.url);
  return null;
}

/** Why a target's host (a domain's name, an e-mail address's, a URL's) reads as another, or null. */
export function targetHostProblem(t: { type: string }): (DeceptiveHost & { key: string; host: string }) | null {
  const found = targetHost(t as { type: string } & Record<string, unknown>);
  if (!found) return null;
  const problem = 'refused' in found ? found.refused : deceptiveHost(found.host);
  return problem ? { ...problem, key: found.key, host: found.host } : null;
}
