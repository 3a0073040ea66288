import { readFileSync } from 'node:fs';
import { analyzeMessage, EvidenceInputError } from '../../src/evidence/index.ts';
import { parseRegistryFile } from '../../src/evidence/registry/import.ts';
import { HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';
import { classifyAddress } from '../../src/net/classify.ts';
import { rng } from './helpers.ts';

const MAIL = [
  'postfix.eml',
  'exim.eml',
  'sendmail.eml',
  'qmail.eml',
  'exchange.eml',
  'gmail.eml',
  'yahoo-japan.eml',
  'forged.eml',
  'received-forms.eml',
];
const REG: Array<[string, 'delegated' | 'rdap' | 'jpnic']> = [
  ['delegated-apnic-extended.txt', 'delegated'],
  ['delegated-ripencc.txt', 'delegated'],
  ['rdap-ocn.json', 'rdap'],
  ['jpnic-e.txt', 'jpnic'],
];
const PIECES = [
  '(',
  ')',
  '[',
  ']',
  ';',
  ':',
  '<',
  '>',
  '\n',
  '\r\n',
  ' ',
  '\t',
  'from ',
  ' by ',
  ' with ',
  ' id ',
  ' for ',
  'helo=',
  'HELO ',
  'IPv6:',
  '::ffff:',
  '=?UTF-8?B?',
  '?=',
  '|',
  '"',
  '{',
  '}',
  '255.255.255.255',
  '0.0.0.0',
  '+9999',
  'Received: ',
  '\u0000',
  '\uFFFD',
  '日本',
];

function mutate(text: string, rand: () => number): string {
  let s = text;
  const n = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < n; i++) {
    const pos = Math.floor(rand() * (s.length + 1));
    const op = rand();
    if (op < 0.35) s = s.slice(0, pos) + PIECES[Math.floor(rand() * PIECES.length)]! + s.slice(pos);
    else if (op < 0.55) s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(rand() * 20));
    else if (op < 0.7) s = s.slice(0, pos) + String.fromCharCode(Math.floor(rand() * 0x3000)) + s.slice(pos + 1);
    else if (op < 0.8) s = s.slice(0, pos);
    else {
      const a = Math.floor(rand() * s.length);
      s = s.slice(0, pos) + s.slice(a, a + Math.floor(rand() * 200)) + s.slice(pos);
    }
  }
  return s;
}

export interface FuzzReport {
  mailCases: number;
  registryCases: number;
  refused: number;
}

/** Mutated inputs must never crash a parser nor break an invariant; throws on the first failure. */
export function fuzz(seed: number, iterations: number): FuzzReport {
  const rand = rng(seed);
  const mails = MAIL.map((f) => readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'));
  const regs = REG.map(([f, fmt]) => [readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8'), fmt] as const);
  let refused = 0;
  for (let i = 0; i < iterations; i++) {
    const input = mutate(mails[i % mails.length]!, rand);
    try {
      const a = analyzeMessage(rand() < 0.5 ? input : new TextEncoder().encode(input), {
        now: new Date('2026-12-01T00:00:00Z'),
        trusted: ['10.0.0.0/8', '.example.jp'],
        authservId: 'mx.google.com',
      });
      if (a.originatingIp !== null) {
        const p = parseAddress(a.originatingIp, HEADER_SYNTAX);
        if (!p || classifyAddress(p) !== 'public') throw new Error(`non-public origin ${a.originatingIp}`);
      }
      for (const h of a.hops)
        if (h.from.ip !== null && !parseAddress(h.from.ip, HEADER_SYNTAX)) throw new Error(`bad hop ip ${h.from.ip}`);
      JSON.stringify(a);
    } catch (err) {
      if (err instanceof EvidenceInputError) refused++;
      else
        throw new Error(
          `mail fuzz case ${i} (seed ${seed}): ${(err as Error).message}\n--- input ---\n${input.slice(0, 2000)}`,
          { cause: err },
        );
    }
  }
  for (let i = 0; i < iterations; i++) {
    const [text, fmt] = regs[i % regs.length]!;
    const input = mutate(text, rand);
    try {
      const p = parseRegistryFile(input, fmt);
      for (const r of p.ranges) if (r.end < r.start) throw new Error('range end before start');
    } catch (err) {
      throw new Error(
        `registry fuzz case ${i} (seed ${seed}, ${fmt}): ${(err as Error).message}\n--- input ---\n` +
          `${input.slice(0, 2000)}`,
        { cause: err },
      );
    }
  }
  return { mailCases: iterations, registryCases: iterations, refused };
}
