// How often does our Received parser name the same sending address as a well-known mail filter?
//
//   npm run measure:received -- FILE... [--verbose] [--min PERCENT]
//
// Each FILE is a local copy, downloaded by the developer, of a public table of real Received
// headers with the address the filter expects:
//   * SpamAssassin's `t/rcvd_parser.t` (a Perl hash: header => '[ ip=… rdns=… helo=… … ]', or ''
//     for a line the filter skips as not being a relay);
//   * rspamd's `test/lua/unit/received.lua` (Lua cases: header, { real_ip = …, from_ip = … }).
// Keep such copies under bench/.tmp/ (git-ignored): they are other projects' test data and never
// part of this repository. Nothing here touches the network.
//
// For every header with an expected address, the header is analysed as a one-Received message with
// `analyzeMessage` and the hop's `from.ip` (the TCP peer the receiving server recorded) is compared
// with the expected address, both in canonical form. Lines the filter skips (local pick-ups,
// fetchmail, content scanners re-injecting) have no expected address and are counted apart.
// Prints the rate and every disagreement; with --min, exits 1 when the rate is below PERCENT.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeMessage } from '../src/evidence/mail/analyze.ts';
import { HEADER_SYNTAX, parseAddress } from '../src/net/address.ts';

export interface ReceivedCase {
  /** The Received field's value, on one line. */
  header: string;
  /** The address the filter expects; null when it expects none; undefined when the case does not say. */
  expected: string | null | undefined;
  /** The filter skips this line (not a relay): nothing to compare. */
  skipped: boolean;
}

export type TableFormat = 'spamassassin' | 'rspamd';

// ---------- SpamAssassin: the `my %data = ( 'header' => 'expected', … );` block ----------

/** Single-quoted Perl strings of a list, in order; `#` comments skipped. */
function perlStrings(block: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < block.length) {
    const c = block[i];
    if (c === '#') {
      const nl = block.indexOf('\n', i);
      i = nl < 0 ? block.length : nl + 1;
    } else if (c === "'") {
      let s = '';
      i++;
      while (i < block.length && block[i] !== "'") {
        if (block[i] === '\\' && (block[i + 1] === "'" || block[i + 1] === '\\')) i++;
        s += block[i];
        i++;
      }
      i++;
      out.push(s);
    } else i++;
  }
  return out;
}

function readSpamAssassin(text: string): ReceivedCase[] {
  const start = text.search(/my\s+%data\s*=\s*\(/);
  if (start < 0) throw new Error('no "my %data = (" block: not a SpamAssassin rcvd_parser.t');
  const end = text.indexOf('\n);', start);
  const strings = perlStrings(text.slice(text.indexOf('(', start) + 1, end < 0 ? text.length : end));
  const cases: ReceivedCase[] = [];
  for (let k = 0; k + 1 < strings.length; k += 2) {
    const header = strings[k] ?? '';
    const want = strings[k + 1] ?? '';
    if (want.trim() === '') {
      cases.push({ header, expected: null, skipped: true });
      continue;
    }
    const m = /\bip=(\S*)/.exec(want);
    cases.push({ header, expected: m ? m[1] || null : undefined, skipped: false });
  }
  return cases;
}

// ---------- rspamd: `local cases = { {header, {key = 'value', …}}, … }` ----------

type LuaToken = { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'punct'; v: string };
type LuaValue = string | LuaValue[] | { [key: string]: LuaValue };

function luaTokens(src: string): LuaToken[] {
  const out: LuaToken[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) i++;
    else if (src.startsWith('--', i)) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl + 1;
    } else if (src.startsWith('[[', i)) {
      const close = src.indexOf(']]', i + 2);
      const body = src.slice(i + 2, close < 0 ? src.length : close);
      out.push({ t: 'str', v: body.startsWith('\n') ? body.slice(1) : body });
      i = close < 0 ? src.length : close + 2;
    } else if (c === "'" || c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') {
          i++;
          const e = src[i] ?? '';
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else s += src[i];
        i++;
      }
      i++;
      out.push({ t: 'str', v: s });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 64));
      const name = m?.[0] ?? c;
      out.push({ t: 'name', v: name });
      i += name.length;
    } else {
      out.push({ t: 'punct', v: c });
      i++;
    }
  }
  return out;
}

/** A Lua table constructor of strings, nested tables and `key = value` / `['key'] = value` fields. */
function luaTable(tokens: LuaToken[], at: number): { value: LuaValue; next: number } {
  let i = at + 1; // after "{"
  const list: LuaValue[] = [];
  const fields: { [key: string]: LuaValue } = {};
  let hasFields = false;
  const valueAt = (j: number): { value: LuaValue; next: number } => {
    const tok = tokens[j];
    if (tok?.t === 'punct' && tok.v === '{') return luaTable(tokens, j);
    if (tok?.t === 'str') return { value: tok.v, next: j + 1 };
    throw new Error(`unexpected ${tok ? tok.v : 'end of file'} in the cases table`);
  };
  while (i < tokens.length) {
    const tok = tokens[i];
    if (tok?.t === 'punct' && tok.v === '}') return { value: hasFields ? fields : list, next: i + 1 };
    if (tok?.t === 'punct' && tok.v === ',') {
      i++;
      continue;
    }
    let key: string | null = null;
    if (tok?.t === 'name' && tokens[i + 1]?.v === '=') {
      key = tok.v;
      i += 2;
    } else if (tok?.v === '[' && tokens[i + 1]?.t === 'str' && tokens[i + 2]?.v === ']' && tokens[i + 3]?.v === '=') {
      key = tokens[i + 1]?.v ?? '';
      i += 4;
    }
    const { value, next } = valueAt(i);
    if (key === null) list.push(value);
    else {
      fields[key] = value;
      hasFields = true;
    }
    i = next;
  }
  throw new Error('unclosed table in the cases table');
}

function readRspamd(text: string): ReceivedCase[] {
  const m = /local\s+cases\s*=\s*\{/.exec(text);
  if (!m) throw new Error('no "local cases = {" table: not an rspamd received.lua');
  const tokens = luaTokens(text.slice(m.index + m[0].length - 1));
  const { value } = luaTable(tokens, 0);
  if (!Array.isArray(value)) throw new Error('the cases table is not a list');
  const cases: ReceivedCase[] = [];
  for (const c of value) {
    if (!Array.isArray(c) || typeof c[0] !== 'string') continue;
    const want = c[1];
    const fields = want && typeof want === 'object' && !Array.isArray(want) ? want : {};
    const pick = (k: string): string | null | undefined => {
      const v = fields[k];
      return typeof v === 'string' ? v || null : undefined;
    };
    // real_ip is the peer; older tables give only from_ip for the same thing
    const real = pick('real_ip');
    // the test itself replaces folding line breaks by spaces before parsing
    cases.push({
      header: c[0].replace(/\n/g, ' '),
      expected: real !== undefined ? real : pick('from_ip'),
      skipped: false,
    });
  }
  return cases;
}

export function detectFormat(text: string): TableFormat {
  if (/my\s+%data\s*=\s*\(/.test(text)) return 'spamassassin';
  if (/local\s+cases\s*=\s*\{/.test(text)) return 'rspamd';
  throw new Error('neither a SpamAssassin rcvd_parser.t nor an rspamd received.lua');
}

export function readReceivedTable(text: string): { format: TableFormat; cases: ReceivedCase[] } {
  const format = detectFormat(text);
  return { format, cases: format === 'spamassassin' ? readSpamAssassin(text) : readRspamd(text) };
}

// ---------- measuring ----------

const canonical = (ip: string | null): string | null =>
  ip === null ? null : (parseAddress(ip, HEADER_SYNTAX)?.text ?? ip);

/** The from-clause address our analyser reads from one Received value (the hop's TCP peer). */
export function ourAddress(header: string): string | null {
  const a = analyzeMessage(`Received: ${header}\n\n`, { now: new Date('2030-01-01T00:00:00Z') });
  return a.hops[0]?.from.ip ?? null;
}

export interface Agreement {
  compared: number;
  agreed: number;
  skipped: number;
  /** Skipped lines where we still read an address (listed with --verbose). */
  skippedWithAddress: Array<{ header: string; got: string }>;
  disagreements: Array<{ header: string; expected: string | null; got: string | null }>;
}

export function measureAgreement(cases: ReceivedCase[]): Agreement {
  const r: Agreement = { compared: 0, agreed: 0, skipped: 0, skippedWithAddress: [], disagreements: [] };
  for (const c of cases) {
    const got = canonical(ourAddress(c.header));
    if (c.skipped) {
      r.skipped++;
      if (got !== null) r.skippedWithAddress.push({ header: c.header, got });
      continue;
    }
    if (c.expected === undefined) continue;
    r.compared++;
    const expected = canonical(c.expected);
    if (got === expected) r.agreed++;
    else r.disagreements.push({ header: c.header, expected, got });
  }
  return r;
}

const pct = (n: number, m: number): string => (m === 0 ? '—' : `${((100 * n) / m).toFixed(1)}%`);

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const minAt = args.indexOf('--min');
  const min = minAt >= 0 ? Number(args[minAt + 1]) : null;
  const files = args.filter((a, i) => !a.startsWith('--') && !(minAt >= 0 && i === minAt + 1));
  if (files.length === 0) {
    process.stderr.write(
      'usage: npm run measure:received -- FILE... [--verbose] [--min PERCENT]\n' +
        "  FILE: a local copy of SpamAssassin's t/rcvd_parser.t or rspamd's test/lua/unit/received.lua\n",
    );
    process.exit(2);
  }
  let agreed = 0;
  let compared = 0;
  for (const file of files) {
    const { format, cases } = readReceivedTable(readFileSync(file, 'utf8'));
    const r = measureAgreement(cases);
    agreed += r.agreed;
    compared += r.compared;
    process.stdout.write(
      `${basename(file)} (${format}): ${r.agreed} of ${r.compared} agree (${pct(r.agreed, r.compared)}); ` +
        `${r.skipped} lines the filter skips, on ${r.skippedWithAddress.length} of them we read an address\n`,
    );
    for (const d of r.disagreements)
      process.stdout.write(`  DIFFERS expected ${d.expected ?? '(none)'}, got ${d.got ?? '(none)'}\n    ${d.header}\n`);
    if (verbose)
      for (const s of r.skippedWithAddress)
        process.stdout.write(`  skipped by the filter, we read ${s.got}\n    ${s.header}\n`);
  }
  process.stdout.write(`total: ${agreed} of ${compared} agree (${pct(agreed, compared)})\n`);
  if (min !== null && (compared === 0 || (100 * agreed) / compared < min)) process.exitCode = 1;
}

if (import.meta.main) main();
