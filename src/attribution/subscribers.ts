// Subscriber directory CSV: maps accounts (RADIUS user names, hardware addresses, DUIDs …) to
// contract holders. Contract dates without a time are civil dates in Asia/Tokyo (whole days).

import { dayInZone, JAPAN_ZONE } from '../domain/time.ts';
import { isOneOf, LINE_USES, type LineUse } from '../domain/vocabulary.ts';
import { normaliseHardware } from '../net/hardware.ts';
import { fieldEmpty, fieldError, headerLacks, type ParseError, splitCsv } from './model.ts';
import { lineTime, NOT_A_LOG, parseInstant, wallInZone } from './time.ts';

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

/**
 * Optional columns: a directory exported before them stays valid. `line_use` is the kind of line
 * (`residential`, `business`, `shared`; empty or absent: `unknown`) — "a line, not a person".
 */
export const SUBSCRIBER_OPTIONAL_COLUMNS = ['line_use'] as const;

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
  /** The kind of line, as the directory says (`unknown` when it does not). */
  lineUse: LineUse;
}

/**
 * Whether an entry's contract covers the whole window from `a` to `b`: started by `a` (or its start
 * unknown) and not ended by `b`. The repositories' joined probe selects the same entries in SQL.
 */
export function contractCovers(s: Subscriber, { a, b }: { a: number; b: number }): boolean {
  return (s.contractStart === null || s.contractStart <= a) && (s.contractEnd === null || s.contractEnd > b);
}

/** The kind of line as written in the directory; empty is `unknown`, anything else not in the list is refused. */
export function parseLineUse(v: string): LineUse {
  const s = v.trim().toLowerCase();
  if (s === '') return 'unknown';
  if (isOneOf(LINE_USES, s)) return s;
  const list = LINE_USES.join(', ');
  throw fieldError('line_use', {
    ja: `"${v}" は ${list} のいずれでもありません（空欄は unknown）`,
    en: `"${v}" is not one of ${list} (empty: unknown)`,
  });
}

/** A stored kind of line (a row written before the column existed reads as `unknown`). */
export function storedLineUse(v: unknown): LineUse {
  return typeof v === 'string' && isOneOf(LINE_USES, v) ? v : 'unknown';
}

export const CONTRACT_ZONE = JAPAN_ZONE;

function contractTime(v: string, field: string, end: boolean): number | null {
  if (v === '') return null;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!d) return lineTime(() => parseInstant(v, NOT_A_LOG), field);
  const start = lineTime(
    () => wallInZone({ y: +d[1]!, mo: +d[2]!, d: +d[3]!, h: 0, mi: 0, s: 0 }, CONTRACT_ZONE),
    field,
  );
  return end ? start + 86400 : start; // an end date includes that whole day
}

/**
 * A contract's first and last day (`YYYY-MM-DD` in Asia/Tokyo, the last day included), as an answer states
 * them: the directory's civil dates as written. A directory that gave an instant (`2020-01-01T10:00+09:00`)
 * has the day it falls on; an end instant, the day of the contract's last second. The instants themselves
 * stay the engine's, for comparing with a window (contractCovers).
 */
export function contractDays(s: Pick<Subscriber, 'contractStart' | 'contractEnd'>): {
  start: string | null;
  end: string | null;
} {
  return {
    start: s.contractStart === null ? null : dayInZone(s.contractStart * 1000, CONTRACT_ZONE),
    end: s.contractEnd === null ? null : dayInZone((s.contractEnd - 1) * 1000, CONTRACT_ZONE),
  };
}

/** Account names are compared as written, except hardware-address-like accounts, which are normalised. */
export function normaliseAccount(a: string): string {
  const t = a.trim();
  return /^([0-9a-fA-F]{2}[:-]){5,}[0-9a-fA-F]{2}$/.test(t) ? normaliseHardware(t) : t;
}

export function parseSubscriberLine(cols: Map<string, number>, text: string): Subscriber {
  const f = splitCsv(text);
  const get = (n: string): string => {
    const i = cols.get(n);
    return i === undefined ? '' : (f[i] ?? '').trim();
  };
  const account = normaliseAccount(get('account'));
  if (account === '') throw fieldEmpty('account');
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
    lineUse: parseLineUse(get('line_use')),
  };
  if (s.contractStart !== null && s.contractEnd !== null && s.contractEnd <= s.contractStart) {
    const [end, start] = [get('contract_end'), get('contract_start')];
    throw fieldError('contract_end', {
      ja: `"${end}" が contract_start "${start}" より後ではありません`,
      en: `"${end}" is not after contract_start "${start}"`,
    });
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
  if (missing.length > 0) throw headerLacks(missing, SUBSCRIBER_COLUMNS);
  return new Map(names.map((n, i) => [n, i]));
}

/** A directory entry with the line it was read from. */
export interface DirectoryLine {
  line: number;
  entry: Subscriber;
}

/**
 * One entry per contract (account and start). A contract written on several lines the same way is one
 * entry; written differently (another holder, another end …), the directory contradicts itself and
 * keeping the last line would name a holder by file order: every such line is refused, naming the others.
 */
export function oneEntryPerContract(lines: readonly DirectoryLine[]): {
  entries: Subscriber[];
  refused: Array<{ line: number; error: ParseError }>;
} {
  const byContract = new Map<string, DirectoryLine[]>();
  for (const l of lines) {
    const key = `${l.entry.account}\u0000${l.entry.contractStart ?? ''}`;
    const same = byContract.get(key);
    if (same) same.push(l);
    else byContract.set(key, [l]);
  }
  const entries: Subscriber[] = [];
  const refused: Array<{ line: number; error: ParseError }> = [];
  for (const group of byContract.values()) {
    const first = JSON.stringify(group[0]!.entry);
    if (group.every((l) => JSON.stringify(l.entry) === first)) {
      entries.push(group[0]!.entry);
      continue;
    }
    const account = group[0]!.entry.account;
    const numbers = group.map((l) => l.line).join(', ');
    const error = fieldError('account', {
      ja: `"${account}" の同じ開始の契約が ${numbers} 行目に異なる内容で書かれています。どの行も読み込みません`,
      en: `"${account}": one contract (same start) is written differently on lines ${numbers}; none is loaded`,
    });
    for (const l of group) refused.push({ line: l.line, error });
  }
  refused.sort((x, y) => x.line - y.line);
  return { entries, refused };
}
