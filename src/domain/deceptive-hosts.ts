import type { Bilingual } from './vocabulary.ts';

// A host name that reads as another (an IDN homograph): `pаypal.example` with a Cyrillic `а`, `аррӏе.com` all
// in Cyrillic, `ｅｘａｍｐｌｅ.com` in full-width letters. The approver signs, and the provider reads, the name as
// written; on the screen it is `paypal.example`, `apple.com`, `example.com`. The name meant is still given —
// as its A-label (`xn--pypal-4ve.example`), which reads as nothing else — or in plain half-width letters.
// Pure (no Node, no DOM): the request editor in the browser says it as the hub and a provider's door refuse it.

/** Scripts whose letters pass for Latin ones (the Unicode confusables that matter for host names). */
const LATIN_LOOKALIKE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
/** Cyrillic letters that read as Latin ones (Chromium's list for whole-script confusables). */
const CYRILLIC_AS_LATIN = /^[аысԁеԍһіюјӏорԛѕԝхуъьҽпгѵѡ0-9-]+$/u;

/** Why a host name reads as another one, or null (`host` as the target holds it: lower case, NFC). */
export function deceptiveHostWords(host: string): Bilingual | null {
  const folded = host.normalize('NFKC').toLowerCase();
  if (folded !== host) {
    return {
      ja:
        `「${host}」には互換文字（全角英数字・半角カナなど）があり、「${folded}」と同じに見えますが別の名前として` +
        `署名されます。「${folded}」と書いてください`,
      en:
        `"${host}" holds full-width or other compatibility characters: it reads as "${folded}" but would be ` +
        `signed as another name. Write it as "${folded}"`,
    };
  }
  const labels = host.split('.');
  const top = labels[labels.length - 1] ?? '';
  const mixed = labels.find((l) => LATIN_LETTER.test(l) && LATIN_LOOKALIKE_SCRIPT.test(l));
  // A label all of Cyrillic letters that read as Latin, under a top-level domain that is not Cyrillic.
  const lookalike = labels.find(
    (l) => /\p{Script=Cyrillic}/u.test(l) && CYRILLIC_AS_LATIN.test(l) && !/\p{Script=Cyrillic}/u.test(top),
  );
  const label = mixed ?? lookalike;
  if (label === undefined) return null;
  const aLabel = new URL(`http://${host}/`).hostname;
  return {
    ja:
      `「${label}」はラテン文字に似たキリル文字・ギリシャ文字などを含み、別のドメイン名と同じに見えます` +
      `（決裁者にも事業者にも見分けられません）。この名前に間違いなければ「${aLabel}」（A ラベル）と書いてください`,
    en:
      `"${label}" holds Cyrillic, Greek or Armenian letters that look like Latin ones, so the name reads as ` +
      `another (neither the approver nor the provider could tell). If this is the name meant, write it as ` +
      `"${aLabel}" (its A-label)`,
  };
}

/** The host of an e-mail address or a URL target, or the domain target's name: what `deceptiveHostWords` reads. */
export function targetHost(t: { type: string } & Record<string, unknown>): { key: string; host: string } | null {
  if (t.type === 'domain' && typeof t.name === 'string') return { key: 'name', host: t.name };
  if (t.type === 'email' && typeof t.address === 'string') {
    return { key: 'address', host: t.address.slice(t.address.lastIndexOf('@') + 1) };
  }
  if (t.type === 'url' && typeof t.url === 'string' && URL.canParse(t.url)) {
    // The host as written (URL would give its A-label): between `//` and the first `/`, `?`, `#` or `:`.
    const written = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/iu.exec(t.url)?.[1];
    return written ? { key: 'url', host: written.normalize('NFC').toLowerCase() } : null;
  }
  return null;
}
