import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Batch, ParseError } from '../../src/attribution/model.ts';
import { createParser, type LogFormat } from '../../src/attribution/parsers/index.ts';
import { TimeError } from '../../src/attribution/time.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string): string => join(FIXTURES, name);

/** 2026-03-28T16:00:00Z = 2026-03-29 01:00:00 JST, the base instant of the fixtures. */
export const B = 1774713600;

/** The public address and port the rotated-flow and race tests translate flows through. */
export const FLOW_PUB = '198.51.100.7';
export const FLOW_PORT = 40000;

/**
 * One `conntrack -E -o timestamp` event ([NEW] or [DESTROY]) of a flow of `inside` from inside port `sport` through
 * FLOW_PUB:`port`, `offset` seconds after B.
 */
export function conntrackEvent(
  event: 'start' | 'end',
  offset: number,
  inside = '100.64.0.11',
  sport = 5000,
  port = FLOW_PORT,
): string {
  const orig = `src=${inside} dst=93.184.216.34 sport=${sport} dport=443`;
  const reply = `src=93.184.216.34 dst=${FLOW_PUB} sport=443 dport=${port}`;
  const t = `[${B + offset}.000000]\t`;
  return event === 'start'
    ? `${t}    [NEW] tcp      6 120 SYN_SENT ${orig} [UNREPLIED] ${reply}`
    : `${t}[DESTROY] tcp      6 ${orig} ${reply} [ASSURED]`;
}

/** Parse a text with one parser, without a store: rows plus `line: reason` errors. */
export function parseText(
  format: LogFormat,
  text: string,
  zone?: string,
): { batch: Batch; errors: Array<{ line: number; reason: string }> } {
  const parser = createParser(format, zone === undefined ? {} : { zone });
  const batch = new Batch();
  const errors: Array<{ line: number; reason: string }> = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => {
    try {
      parser.line(l, i + 1, batch);
    } catch (err) {
      if (!(err instanceof ParseError || err instanceof TimeError)) throw err;
      errors.push({
        line: err instanceof ParseError && err.line !== undefined ? err.line : i + 1,
        reason: err.message,
      });
    }
  });
  try {
    parser.finish(batch);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    errors.push({ line: err.line ?? lines.length, reason: err.message });
  }
  return { batch, errors };
}

export function parseFixture(format: LogFormat, name: string, zone?: string): ReturnType<typeof parseText> {
  return parseText(format, readFileSync(fixture(name), 'utf8'), zone);
}

export const iso = (t: number): string => new Date(t * 1000).toISOString();

/**
 * The generic CSV of the inside holdings the rotation and race tests read: alice holds 100.64.0.11 and carol
 * 100.64.0.12 the whole day; zed holds 100.64.0.99 from the day before to the day after (the records of another
 * address that go on after every question). Only the holders named, in this order.
 */
const INSIDE_HOLDINGS = {
  alice: 'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00,100.64.0.11,,,,alice',
  carol: 'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00,100.64.0.12,,,,carol',
  zed: 'assign,2026-03-28T00:00:00+09:00,2026-03-31T00:00:00+09:00,100.64.0.99,,,,zed',
} as const;
export const insideCsv = (...holders: (keyof typeof INSIDE_HOLDINGS)[]): string =>
  ['type,start,end,address,port_low,port_high,inside_address,account', ...holders.map((h) => INSIDE_HOLDINGS[h])].join(
    '\n',
  );

/** alice's answer line from `from` to `to` (offsets from B), `possible` to `possibleTo` when her end is not logged. */
export const aliceSpan = (from: number, to: number, possibleTo = to, notes = ''): string =>
  `alice ${iso(B + from)}..${iso(B + to)} possible ${iso(B + possibleTo)} ${notes}`;
