import type { Finding, FindingCandidate } from '../domain/finding.ts';
import { formatOffset, utcIso } from '../domain/time.ts';
import {
  FINDING_NOTE_LABELS,
  FINDING_REASON_LABELS,
  type FindingNote,
  type FindingReason,
  type LineUse,
  RESOLVE_HINT_LABELS,
  type ResolveHint,
} from '../domain/vocabulary.ts';

// Small helpers shared by the three kinds of finding (address logs, post log, café records).

/** `epochMs` written in ISO 8601 with the given offset (the offset the question came with). */
export function isoAt(epochMs: number, offsetMinutes: number): string {
  const utc = utcIso(epochMs + offsetMinutes * 60_000);
  return `${utc.slice(0, -1)}${formatOffset(offsetMinutes)}`;
}

export function reason(code: FindingReason, text?: { ja: string; en: string }): Finding['reasons'][number] {
  return { code, text: text ?? FINDING_REASON_LABELS[code] };
}

export function note(code: FindingNote, text?: { ja: string; en: string }): FindingCandidate['notes'][number] {
  return { code, text: text ?? FINDING_NOTE_LABELS[code] };
}

export function hint(code: ResolveHint): Finding['resolveBy'][number] {
  return { code, text: RESOLVE_HINT_LABELS[code] };
}

/** "A line, not a person": the addresses of a contract and what kind of line it is. */
export function lineFacts(
  installationAddress: string | undefined,
  billingAddress: string | undefined,
  use: LineUse,
): NonNullable<FindingCandidate['line']> {
  const i = installationAddress?.trim() || undefined;
  const b = billingAddress?.trim() || undefined;
  const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return {
    ...(i === undefined ? {} : { installationAddress: i }),
    ...(b === undefined ? {} : { billingAddress: b }),
    addressesDiffer: i !== undefined && b !== undefined && squash(i) !== squash(b),
    use,
  };
}

/** Drops empty strings from a record of optional strings. */
export function compact<T extends Record<string, string | null | undefined>>(r: T): { [K in keyof T]?: string } {
  const out: { [K in keyof T]?: string } = {};
  for (const [k, v] of Object.entries(r) as Array<[keyof T, string | null | undefined]>) {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}
