// Subscriber directory CSV: maps accounts (RADIUS user names, hardware addresses, DUIDs …) to
// contract holders. Contract dates without a time are civil dates in Asia/Tokyo (whole days).
import { normaliseHardware } from '../net/hardware.ts';
import { ParseError, splitCsv } from './model.ts';
import { parseInstant, TimeError, wallInZone } from './time.ts';

export const SUBSCRIBER_COLUMNS = [
  'account',
  'name',
  'name_kana',
  'installation_address',
  'billing_address',
  'phone',
  'email',
  'contract_start',
  'contract_end',
] as const;

export interface Subscriber {
  account: string;
  name: string;
  nameKana: string;
  installationAddress: string;
  billingAddress: string;
  phone: string;
  email: string;
  /** Epoch seconds, inclusive; null = unknown / open. */
  contractStart: number | null;
  /** Epoch seconds, exclusive; null = still running. */
  contractEnd: number | null;
}

export const CONTRACT_ZONE = 'Asia/Tokyo';

function contractTime(v: string, field: string, end: boolean): number | null {
  if (v === '') return null;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  try {
    if (d) {
      const start = wallInZone({ y: +d[1]!, mo: +d[2]!, d: +d[3]!, h: 0, mi: 0, s: 0 }, CONTRACT_ZONE);
      return end ? start + 86400 : start; // an end date includes that whole day
    }
    return parseInstant(v);
  } catch (err) {
    if (err instanceof TimeError) throw new ParseError(`field ${field}: ${err.message}`);
    throw err;
  }
}

/** Account names are compared as written, except hardware-address-like accounts, which are normalised. */
export function normaliseAccount(a: string): string {
  const t = a.trim();
  return /^([0-9a-fA-F]{2}[:-]){5,}[0-9a-fA-F]{2}$/.test(t) ? normaliseHardware(t) : t;
}

export function parseSubscriberLine(cols: Map<string, number>, text: string): Subscriber {
  const f = splitCsv(text);
  const get = (n: string): string => (f[cols.get(n)!] ?? '').trim();
  const account = normaliseAccount(get('account'));
  if (account === '') throw new ParseError('field account: empty');
  const s: Subscriber = {
    account,
    name: get('name'),
    nameKana: get('name_kana'),
    installationAddress: get('installation_address'),
    billingAddress: get('billing_address'),
    phone: get('phone'),
    email: get('email'),
    contractStart: contractTime(get('contract_start'), 'contract_start', false),
    contractEnd: contractTime(get('contract_end'), 'contract_end', true),
  };
  if (s.contractStart !== null && s.contractEnd !== null && s.contractEnd <= s.contractStart) {
    throw new ParseError(
      `field contract_end: "${get('contract_end')}" is not after contract_start "${get('contract_start')}"`,
    );
  }
  return s;
}

export function parseSubscriberHeader(text: string): Map<string, number> {
  const names = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(',')
    .map((s) => s.trim());
  const missing = SUBSCRIBER_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new ParseError(`header lacks column(s) ${missing.join(', ')}; expected ${SUBSCRIBER_COLUMNS.join(',')}`);
  return new Map(names.map((n, i) => [n, i]));
}
