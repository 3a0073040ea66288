// What the tests of forged or shaped mail headers share: the instant they analyse at, a message made of
// `Received:` lines, and the warnings an analysis gives.
import type { analyzeMessage } from '../../src/evidence/index.ts';

type Analysis = ReturnType<typeof analyzeMessage>;

/** The instant the analyses run at: after every date the messages carry. */
export const NOW = new Date('2026-12-01T00:00:00Z');

/** The codes of the analysis's warnings, in order. */
export const codes = (a: Analysis): string[] => a.warnings.map((w) => w.code);

/** The analysis's warning of `code`, if it gave one. */
export const warning = (a: Analysis, code: string) => a.warnings.find((w) => w.code === code);

/** A message whose header is the `Received:` lines `received` (the newest first), a sender and a date. */
export function msg(received: string[]): string {
  const head = received.map((r) => `Received: ${r}\r\n`).join('');
  return `${head}From: a@example.jp\r\nDate: Wed, 25 Nov 2026 12:00:00 +0900\r\n\r\nbody\r\n`;
}
