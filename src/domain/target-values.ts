import { parseAddressOrProblem, STRICT_SYNTAX } from '../net/address.ts';
import { targetHostProblem } from './deceptive-hosts.ts';
import { hiddenCharacter, shownInput } from './shown-text.ts';
import type { Bilingual, TargetType } from './vocabulary.ts';

// What a target's identifier must be, as text: an IP address, a host name, an e-mail address, a phone number,
// a URL — each read, normalised so that one identifier is always written one way, or refused in both
// languages naming what was given. Pure (no zod): the request schemas (targets.ts) read the signed targets
// with it, and the request editor in the browser reads what a person types with the very same rules, so
// that every problem of the targets is said at once, before anything is sent.

type Bi = Bilingual;

/** The longest text each identifier may be (characters), as the request schemas take it. */
export const TARGET_VALUE_MAX = {
  ip: 100,
  account: 256,
  email: 320,
  phone: 40,
  domain: 253,
  url: 4096,
  terminal: 100,
} as const satisfies Record<TargetType, number>;

/** The largest port, and the largest tolerance either side of an address's time (seconds). */
export const PORT_MAX = 65535;
export const TOLERANCE_MAX_SECONDS = 86400;

/**
 * Canonical text of an IP address, or an error. IPv4 only in dotted-quad decimal without leading zeros
 * ("010.0.0.1" is octal to some parsers and decimal to others: refused rather than guessed). IPv6 in
 * RFC 5952 form (lower case, longest zero run compressed), IPv4-mapped addresses as ::ffff:a.b.c.d.
 * Zone indices (fe80::1%eth0) are refused: they mean nothing outside the writer's host.
 */
export function canonicalIpAddress(value: string): string | Bi {
  const a = parseAddressOrProblem(value, STRICT_SYNTAX);
  if (a === 'zone_index') {
    return {
      ja: `${JSON.stringify(value)}: ゾーン ID（%…）付きのアドレスは受け付けません`,
      en: `${JSON.stringify(value)}: addresses with a zone index (%…) are not accepted`,
    };
  }
  if (a === 'not_an_address') {
    return {
      ja: `${JSON.stringify(value)} は IP アドレス（IPv4 または IPv6）ではありません`,
      en: `${JSON.stringify(value)} is not an IPv4 or IPv6 address`,
    };
  }
  return a.text;
}

/** A host name (IDN allowed): lower-cased, NFC, without a trailing dot; checked through its A-label. */
export function normaliseHostname(value: string): string | Bi {
  const bad: Bi = {
    ja: `${JSON.stringify(value)} はドメイン名として不正です`,
    en: `${JSON.stringify(value)} is not a valid domain name`,
  };
  const name = value.normalize('NFC').toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || /[\s/?#@:[\]\\%]/.test(name)) return bad;
  let ascii: string;
  try {
    ascii = new URL(`http://${name}/`).hostname;
  } catch {
    return bad;
  }
  if (ascii.length > 253 || !ascii.includes('.')) return bad;
  const labels = ascii.split('.');
  const labelOk = (l: string) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l);
  if (!labels.every(labelOk)) return bad;
  // The top-level label is never all digits: this also refuses IPv4 addresses given as domains.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return bad;
  return name;
}

export function normaliseEmail(value: string): string | Bi {
  const bad: Bi = {
    ja: `${JSON.stringify(value)} はメールアドレスとして不正です`,
    en: `${JSON.stringify(value)} is not a valid e-mail address`,
  };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return bad;
  const local = value.slice(0, at);
  // Local parts are compared as written by most providers (case included): keep them as written.
  if (
    local.length > 64 ||
    /[\s<>()[\]\\,;:@"]/.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  ) {
    return bad;
  }
  const domain = normaliseHostname(value.slice(at + 1));
  if (typeof domain !== 'string') return bad;
  return `${local}@${domain}`;
}

/**
 * E.164 (`+81…`) or a Japanese domestic number (0 + 9 or 10 digits, hyphens, spaces or parentheses
 * allowed, full-width digits accepted); domestic numbers are normalised to E.164 (+81, leading 0
 * dropped). International numbers must be given in E.164 (a "010" prefix is refused as ambiguous).
 */
export function normalisePhone(value: string): string | Bi {
  const bad: Bi = {
    ja: `${JSON.stringify(value)} は電話番号として不正です（+81 で始まる国際形式か、0 で始まる国内番号）`,
    en:
      `${JSON.stringify(value)} is not a valid phone number (E.164 ` +
      `like +81312345678, or a Japanese number starting with 0)`,
  };
  const s = value.normalize('NFKC').replace(/[\s\-‐‑‒–—―−ー().]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(s)) {
    // +81 0… : a domestic trunk 0 written after the country code.
    if (s.startsWith('+810')) return `+81${s.slice(4)}`;
    return s;
  }
  if (/^0[1-9]\d{8,9}$/.test(s)) return `+81${s.slice(1)}`;
  return bad;
}

export function checkUrl(value: string): string | Bi {
  const bad: Bi = {
    ja: `${JSON.stringify(value)} は http または https の URL ではありません`,
    en: `${JSON.stringify(value)} is not an http or https URL`,
  };
  if (/\s/.test(value) || !URL.canParse(value)) return bad;
  const url = new URL(value);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return bad;
  return value;
}

/**
 * Why a target holding a control, zero-width or text-direction character (`U+XXXX`) is refused: the approver
 * and the provider would see another identifier than the one signed (`U+202E orat_adamay` reads `yamada_taro`).
 */
export function hiddenInTargetWords(hidden: string): Bi {
  return {
    ja: `見えない文字や文字の向きを変える文字（${hidden}）は使えません。決裁者にも事業者にも、書かれたとおりには見えないためです`,
    en:
      `a hidden or text-direction character (${hidden}) is not accepted: neither ` +
      `the approver nor the provider would see the identifier as it is written`,
  };
}

const TOO_LONG = (max: number): Bi => ({
  ja: `長すぎます（${max} 文字まで）`,
  en: `it is too long (at most ${max} characters)`,
});

const NORMALISE: Partial<Record<TargetType, (value: string) => string | Bi>> = {
  ip: canonicalIpAddress,
  email: normaliseEmail,
  phone: normalisePhone,
  domain: normaliseHostname,
  url: checkUrl,
};

/**
 * What is wrong with a target's identifier as typed (trimmed; empty is the form's "required"), or null
 * when the request would take it: a hidden or text-direction character, too long, or not an identifier of
 * its type.
 */
export function targetValueProblem(type: TargetType, typed: string): Bi | null {
  const value = typed.trim();
  if (value === '') return null;
  const hidden = hiddenCharacter(value);
  if (hidden !== undefined) return hiddenInTargetWords(hidden);
  if (value.length > TARGET_VALUE_MAX[type]) return TOO_LONG(TARGET_VALUE_MAX[type]);
  const result = NORMALISE[type]?.(value);
  if (typeof result === 'object') return result;
  const key = { domain: 'name', email: 'address', url: 'url' }[type as string];
  return key && result !== undefined ? (targetHostProblem({ type, [key]: result })?.words ?? null) : null;
}

/** A whole number typed for a port (0–65535) or a tolerance in seconds (0–86400), or what is wrong with it. */
export function targetNumberProblem(field: 'port' | 'tolerance', typed: string): Bi | null {
  const value = typed.trim();
  if (value === '') return null;
  const max = field === 'port' ? PORT_MAX : TOLERANCE_MAX_SECONDS;
  if (/^\d{1,6}$/.test(value) && Number(value) <= max) return null;
  return {
    ja: `「${shownInput(value)}」は 0 から ${max} までの整数ではありません`,
    en: `"${shownInput(value)}" is not a whole number from 0 to ${max}`,
  };
}
