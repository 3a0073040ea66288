// A holder's spans as every view shows them (the answer's finding, the installation's pages, the CLI, the web).
// Pure: no I/O, no zod (the web imports it through `#shokai/candidate-spans`).
import type { CandidateSpan } from './vocabulary.ts';

/**
 * A candidate's spans: the span its records confirm (`from`–`to`), and, when it may have held it longer, the
 * span it may have been held (`from`–`possibleTo`) — so that no span shown leaves out a time it may have held it.
 */
export function candidateSpans(c: {
  from?: string | undefined;
  to?: string | undefined;
  possibleTo?: string | undefined;
}): Array<{ span: CandidateSpan; from: string; to: string }> {
  if (!c.from) return [];
  const out: Array<{ span: CandidateSpan; from: string; to: string }> = [];
  if (c.to) out.push({ span: 'confirmed', from: c.from, to: c.to });
  if (c.possibleTo && c.possibleTo !== c.to) out.push({ span: 'possible', from: c.from, to: c.possibleTo });
  return out;
}
