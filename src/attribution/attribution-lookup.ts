import { z } from 'zod';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema } from '../domain/instant.ts';
import { IpAddressSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { LINE_USES } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { lookupAddress } from './attribution-service.ts';
import { CANDIDATE_NOTES, QueryError } from './resolver.ts';

// "Who held this address and port at that instant", from this installation's ingested logs, as the
// API and the web ask it: the same audited use case as `shokai logs lookup` (lookupAddress), for the
// provider that owns the records only, with the input checked at the door and the reasons in both
// languages.

export const AttributionLookupInput = z.strictObject({
  address: IpAddressSchema,
  port: z.number().int().min(0).max(65535).optional(),
  /** The instant, ISO 8601 with an offset. */
  at: InstantSchema,
  /** Seconds either side of `at` (clock skew between the requester's log and ours). */
  toleranceSeconds: z.number().int().min(0).max(86400).optional(),
});

const Bi = z.object({ ja: z.string(), en: z.string() });

export const AttributionLookupSchema = z.object({
  query: z.object({
    ip: z.string(),
    port: z.number().nullable(),
    at: z.string(),
    atUtc: z.string(),
    tolerance: z.number(),
    window: z.object({ from: z.string(), to: z.string() }),
  }),
  verdict: z.enum(['unique', 'ambiguous', 'none']),
  candidates: z.array(
    z.object({
      account: z.string().nullable(),
      holder: z
        .object({
          name: z.string(),
          nameKana: z.string(),
          installationAddress: z.string(),
          billingAddress: z.string(),
          phone: z.string(),
          email: z.string(),
          /** The contract's first day, `YYYY-MM-DD` in Asia/Tokyo (null: unknown). */
          contractStart: z.string().nullable(),
          /** Its last day, included, `YYYY-MM-DD` in Asia/Tokyo (null: still running). */
          contractEnd: z.string().nullable(),
          /** The kind of line (residential, business, shared; unknown when the directory does not say). */
          lineUse: z.enum(LINE_USES),
        })
        .nullable(),
      insideAddress: z.string().nullable(),
      /** When its holding began (UTC). */
      from: z.string(),
      /** The last instant its records confirm ('' when none of its links is confirmed together). */
      to: z.string(),
      /** Until when it may have held it: `to` when every end was logged, later when not ('' without end). */
      possibleTo: z.string(),
      /** The log lines the answer rests on. */
      sources: z.array(
        z.object({
          kind: z.enum(['nat-block', 'nat-session', 'nat-config', 'assign']),
          file: z.string(),
          line: z.number(),
          endLine: z.number().nullable(),
        }),
      ),
      /** Remarks on the candidate, each by its code and in both languages. */
      notes: z.array(z.object({ code: z.enum(CANDIDATE_NOTES), text: Bi })),
    }),
  ),
  reasons: z.array(z.object({ code: z.string(), message: z.string(), text: Bi })),
});
export type AttributionLookup = z.infer<typeof AttributionLookupSchema>;

/**
 * Who held an address (and port) at an instant, from the logs this installation ingested. Needs
 * `attribution.lookup` and to be of the organisation the records belong to (others are refused,
 * whatever their roles); audited by lookupAddress (the question and the verdict, never the holder).
 */
export async function lookupAttribution(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<AttributionLookup> {
  requirePermission(caller, 'attribution.lookup');
  const input = parseOrThrow(AttributionLookupInput, raw);
  try {
    const r = await lookupAddress(uow, caller, {
      ip: input.address,
      port: input.port ?? null,
      at: input.at,
      tolerance: input.toleranceSeconds ?? 0,
    });
    // A note's message is in the process's language: the API gives its code and both languages.
    const notes = (c: (typeof r.candidates)[number]) => c.notes.map(({ code, text }) => ({ code, text }));
    return { ...r, candidates: r.candidates.map((c) => ({ ...c, notes: notes(c) })) };
  } catch (err) {
    if (!(err instanceof QueryError)) throw err;
    const field = err.field === 'ip' ? 'address' : err.field === 'tolerance' ? 'toleranceSeconds' : err.field;
    const value =
      field === 'address' ? input.address : field === 'port' ? input.port : field === 'at' ? input.at : undefined;
    throw new DomainError(err.code, { ja: err.ja, en: err.en }, { field, value });
  }
}
