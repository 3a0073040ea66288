import type { Finding, FindingCandidate } from '../domain/finding.ts';
import { ID_DOCUMENT_KINDS, isOneOf } from '../domain/vocabulary.ts';
import type { CafeIdCheckRow, CafeTerminalUseRow } from '../store/schema.ts';
import { compact, hint, isoAt, reason } from './finding-text.ts';

// A café terminal over a period → the member who used it: unique when one member's use overlaps the
// period, ambiguous when several members' sessions overlap it (or part of it lies beyond the three
// years the records are kept, or past the newest use imported, or it holds more sessions than a lookup
// reads), none when no session does or the whole period is beyond retention.

/** Records are kept three years from the end of the service (Tokyo ordinance). */
export const CAFE_RETENTION_YEARS = 3;

/** The most uses of a terminal one lookup reads; one more is read to tell that there were more. */
export const TERMINAL_USE_READ = 1000;

/** The instant before which a service's records are no longer kept, as of `now`. */
export function cafeRetentionCutoff(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - CAFE_RETENTION_YEARS);
  return d;
}

export interface TerminalQuery {
  terminal: string;
  from: { epochMs: number; offsetMinutes: number; asWritten: string };
  to: { epochMs: number; offsetMinutes: number; asWritten: string };
}

/**
 * `cutoff`: the start of the three years kept; `newest`: the end of the newest use imported (UTC text),
 * past which a session may have been under way and not exported yet.
 */
export function cafeFinding(
  q: TerminalQuery,
  { cutoff, newest }: { cutoff: Date; newest: string | null },
  uses: CafeTerminalUseRow[],
  checks: CafeIdCheckRow[],
): Finding {
  const window = {
    from: isoAt(q.from.epochMs, q.from.offsetMinutes),
    to: isoAt(q.to.epochMs, q.to.offsetMinutes),
  };
  const query = { asReceived: `${q.terminal} ${q.from.asWritten} – ${q.to.asWritten}`, window };
  const beyond = q.from.epochMs < cutoff.getTime();
  const after = newest !== null && q.to.epochMs > Date.parse(newest);
  // Wholly beyond the three years: purged, unless a request held it (cafe-holds.ts) — then it answers,
  // but never as unique (a session of the period not held may have gone).
  if (q.to.epochMs < cutoff.getTime() && uses.length === 0) {
    return {
      verdict: 'none',
      records: 'cafe_records',
      query,
      candidates: [],
      reasons: [reason('outside_retention')],
      resolveBy: [],
    };
  }
  // More uses than a lookup reads: a member of the ones not read may have used it too (never unique).
  const cut = uses.length > TERMINAL_USE_READ;
  const byMember = new Map<string, CafeTerminalUseRow[]>();
  for (const u of uses.slice(0, TERMINAL_USE_READ)) byMember.set(u.member, [...(byMember.get(u.member) ?? []), u]);
  const candidates = [...byMember.entries()].map(([member, rows]): FindingCandidate => {
    const own = checks.filter((c) => c.member === member);
    const latest = own[own.length - 1];
    const person = latest
      ? compact({ name: latest.name, installationAddress: latest.address, birthDate: latest.birth_date })
      : undefined;
    const first = rows[0] as CafeTerminalUseRow;
    const last = rows.reduce((a, b) => (b.exited_at > a.exited_at ? b : a), first);
    return {
      account: member,
      ...(person === undefined || Object.keys(person).length === 0 ? {} : { person }),
      from: isoAt(Date.parse(first.entered_at), first.entered_offset),
      to: isoAt(Date.parse(last.exited_at), last.exited_offset),
      terminalUse: rows.map((u) => ({
        terminal: u.terminal,
        enteredAt: isoAt(Date.parse(u.entered_at), u.entered_offset),
        exitedAt: isoAt(Date.parse(u.exited_at), u.exited_offset),
      })),
      ...(own.length === 0
        ? {}
        : {
            idChecks: own.flatMap((c) =>
              isOneOf(ID_DOCUMENT_KINDS, c.document_kind)
                ? [{ documentKind: c.document_kind, checkedAt: isoAt(Date.parse(c.checked_at), c.checked_offset) }]
                : [],
            ),
          }),
      sources: [
        ...rows.map((u) => ({ kind: 'terminal-use' as const, file: u.file_name, line: u.line })),
        ...own.map((c) => ({ kind: 'id-check' as const, file: c.file_name, line: c.line })),
      ],
      notes: [],
    };
  });
  const reasons: Finding['reasons'] = [];
  const resolveBy: Finding['resolveBy'] = [];
  let verdict: Finding['verdict'];
  if (candidates.length === 0) {
    verdict = 'none';
    reasons.push(reason('no_session'));
    if (after) reasons.push(reason('after_records'));
    if (beyond) reasons.push(reason('outside_retention'));
  } else if (candidates.length === 1 && !beyond && !cut && !after) {
    verdict = 'unique';
    reasons.push(reason('session_found'));
  } else {
    verdict = 'ambiguous';
    if (candidates.length > 1) reasons.push(reason('several_sessions'));
    if (cut) reasons.push(reason('too_many_sessions'));
    if (after) reasons.push(reason('after_records'));
    if (beyond) reasons.push(reason('outside_retention'));
    resolveBy.push(hint('narrower_window'));
  }
  return { verdict, records: 'cafe_records', query, candidates, reasons, resolveBy };
}
