import { EvidenceInputError } from '../messages.ts';
import { aLabels } from './domain-name.ts';

// The pieces of a records file's line: its errors (naming the line and value), its names and its TXT data.

/** One label of a record name as DNS holds it (the underscore of `_dmarc`, `_domainkey` and `_spf` allowed). */
export const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,62})$/;

/** The error of a bad line, naming the line and (the start of) what it says. */
export function bad(line: number, value: string, en: string, ja: string): EvidenceInputError {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new EvidenceInputError({
    code: 'MAIL_DNS_RECORD_INVALID',
    en: `DNS records, line ${line} ("${shown}"): ${en}`,
    ja: `DNS レコードの ${line} 行目（「${shown}」）: ${ja}`,
  });
}

/** The TXT data: quoted strings joined (`\DDD` and `\X` unescaped), or the rest of the line as is. */
export function txtData(rest: string, line: number, raw: string): string {
  const s = rest.trim();
  if (!s.startsWith('"')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i >= s.length) break;
    if (s[i] !== '"') throw bad(line, raw, 'text outside the quoted strings.', '引用符の外に文字があります。');
    i++;
    let closed = false;
    while (i < s.length) {
      const c = s[i];
      const ddd = c === '\\' ? /^\d{3}/.exec(s.slice(i + 1, i + 4)) : null;
      if (ddd) {
        // RFC 1035 §5.1: \DDD is the octet of that decimal value (dig writes a ";" as \059).
        const n = Number(ddd[0]);
        if (n > 255)
          throw bad(
            line,
            raw,
            `\\${ddd[0]} is not an octet (000-255).`,
            `\\${ddd[0]} は 000〜255 の値ではありません。`,
          );
        out += String.fromCharCode(n);
        i += 4;
      } else if (c === '\\' && i + 1 < s.length) {
        out += s[i + 1];
        i += 2;
      } else if (c === '"') {
        closed = true;
        i++;
        break;
      } else {
        out += c;
        i++;
      }
    }
    if (!closed) throw bad(line, raw, 'a quoted string is not closed.', '引用符が閉じていません。');
  }
  return out;
}

/**
 * A record name as DNS holds it: lower case, no trailing dot, an internationalised label (U-label) in its
 * A-label form (`例え.jp` → `xn--r8jz45g.jp`), as DNS holds it.
 */
export function internationalName(written: string, line: number, raw: string): string {
  const name = written.toLowerCase().replace(/\.$/, '');
  const ascii = aLabels(name);
  if (ascii.split('.').some((l) => l === '') && name.split('.').every((l) => l !== ''))
    throw bad(
      line,
      raw,
      `"${written}" has a label that cannot be converted to its A-label form: write the name in punycode (xn--…).`,
      `「${written}」には A ラベルに変換できないラベルがあります。名前を punycode（xn--…）で書いてください。`,
    );
  return ascii;
}
