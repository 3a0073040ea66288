import { z } from 'zod';
import type { Caller } from '../domain/access.ts';
import { AGENT_REFUSALS, type AgentIntakeVerdict, checkArrivedEnvelope } from '../domain/agent-intake.ts';
import { type DirectoryExport, DirectoryExportSchema } from '../domain/pinned-directory.ts';
import type { ProviderCategory } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { getSetting, SETTINGS } from '../store/settings.ts';
import {
  findAgentRequest,
  findAgentRequestByEnvelope,
  heldWarrantEnvelopes,
  insertAgentRequest,
  insertRefusal,
} from './agent.repository.ts';

// Intake in the provider's own installation: an envelope that arrived from the hub (pulled, or carried
// by file) is checked against the PINNED directory first; a refused one is recorded with its reason and
// the digest of what arrived (never its content) and goes no further; a verified one is stored once.
// Nothing here reads the provider's logs: the attribution engine sees only what passed.

export type ArrivalSource = 'pull' | 'file';

export interface Arrival {
  /** The envelope as it arrived (parsed JSON, not yet trusted). */
  envelope: unknown;
  source: ArrivalSource;
  /** The request the hub listed it under (pulls). */
  expectedRequestId?: string;
  /** False: a refusal is not recorded nor audited (a pull's share of refusals is spent; it is judged again). */
  recordRefusal?: boolean;
}

export type IntakeOutcome =
  | { outcome: 'stored'; requestId: string; kind: string }
  | { outcome: 'already'; requestId: string }
  | { outcome: 'refused'; requestId: string | null; verdict: Extract<AgentIntakeVerdict, { ok: false }> };

/** The pinned directory of this installation, or undefined when none is pinned. */
export async function pinnedDirectory(uow: UnitOfWork): Promise<DirectoryExport | undefined> {
  const text = await getSetting(uow.tx, SETTINGS.pinnedDirectory);
  return text ? DirectoryExportSchema.parse(JSON.parse(text)) : undefined;
}

function requestIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('payload' in raw)) return null;
  const p = raw.payload;
  if (typeof p !== 'object' || p === null || !('requestId' in p)) return null;
  return typeof p.requestId === 'string' ? p.requestId.slice(0, 200) : null;
}

async function refused(
  uow: UnitOfWork,
  caller: Caller,
  arrival: Arrival,
  dir: DirectoryExport | undefined,
  verdict: Extract<AgentIntakeVerdict, { ok: false }>,
): Promise<IntakeOutcome> {
  const requestId = arrival.expectedRequestId ?? requestIdOf(arrival.envelope);
  if (arrival.recordRefusal === false) return { outcome: 'refused', requestId, verdict };
  const first = await insertRefusal(uow.tx, {
    id: newId('arf'),
    request_id: requestId ?? '',
    envelope_digest: verdict.digest,
    directory_size: dir?.head.size ?? 0,
    source: arrival.source,
    reason: verdict.reason,
    refused_at: uow.now.toISOString(),
  });
  if (first) {
    await uow.auditBy(caller, 'agent.refused', ['request', requestId], {
      reason: verdict.reason,
      digest: verdict.digest,
      source: arrival.source,
      ...(verdict.field ? { field: verdict.field } : {}),
    });
  }
  return { outcome: 'refused', requestId, verdict };
}

/** What a request says of itself when it arrives; the rest `receivedRequestRow` fills. */
type ArrivedRequest = Pick<
  AgentRequestRow,
  'request_id' | 'envelope_id' | 'payload_digest' | 'hub_fingerprint' | 'source' | 'kind' | 'reference' | 'envelope'
>;

/** A request as intake stores it when it arrives at `at`: received, nothing prepared, decided or sent yet. */
export const receivedRequestRow = (at: string, arrived: ArrivedRequest): AgentRequestRow => ({
  ...arrived,
  state: 'received',
  findings: null,
  draft: null,
  edited_by: null,
  decided_by: null,
  decided_at: null,
  decline_reason: null,
  automatic: 0,
  submission: null,
  sent_at: null,
  attempts: 0,
  last_error: null,
  received_at: at,
  updated_at: at,
});

/** The provider an installation takes envelopes in for: its id, and its category when its configuration gives it. */
export interface IntakeFor {
  organisationId: string;
  providerCategory?: ProviderCategory | undefined;
}

/**
 * Takes in one envelope for the provider `self` (its id, or its id and category): verified against the pinned
 * directory, then stored once (the same envelope again is `already`; another envelope for a request already
 * held is refused).
 */
export async function receiveEnvelope(
  uow: UnitOfWork,
  caller: Caller,
  self: string | IntakeFor,
  arrival: Arrival,
): Promise<IntakeOutcome> {
  const dir = await pinnedDirectory(uow);
  const { organisationId, providerCategory } = typeof self === 'string' ? { organisationId: self } : self;
  const verdict = checkArrivedEnvelope(
    arrival.envelope,
    dir,
    organisationId,
    uow.now,
    arrival.expectedRequestId,
    providerCategory,
  );
  if (!verdict.ok) return refused(uow, caller, arrival, dir, verdict);
  const p = verdict.envelope.payload;
  const held =
    (await findAgentRequest(uow.tx, p.requestId)) ?? (await findAgentRequestByEnvelope(uow.tx, p.envelopeId));
  if (held) {
    if (held.envelope_id === p.envelopeId && held.payload_digest === verdict.digest) {
      return { outcome: 'already', requestId: held.request_id };
    }
    return refused(uow, caller, arrival, dir, {
      ok: false,
      reason: 'replay',
      message: AGENT_REFUSALS.replay,
      digest: verdict.digest,
    });
  }
  const used = verdict.content.kind === 'warrant' ? await warrantHeldFor(uow, verdict.content.warrant) : undefined;
  if (used !== undefined) {
    const w = verdict.content.kind === 'warrant' ? verdict.content.warrant : undefined;
    return refused(uow, caller, arrival, dir, {
      ok: false,
      reason: 'warrant_used',
      message: AGENT_REFUSALS.warrant_used,
      detail: {
        ja: `令状 ${w?.warrantNumber ?? ''} は要請 ${used} で受け付け済みです`,
        en: `warrant ${w?.warrantNumber ?? ''} was received with request ${used}`,
      },
      field: 'warrant.warrantNumber',
      digest: verdict.digest,
    });
  }
  const at = uow.now.toISOString();
  await insertAgentRequest(
    uow.tx,
    receivedRequestRow(at, {
      request_id: p.requestId,
      envelope_id: p.envelopeId,
      payload_digest: verdict.digest,
      hub_fingerprint: dir?.hubKey.fingerprint ?? '',
      source: arrival.source,
      kind: p.kind,
      reference: p.reference,
      envelope: JSON.stringify(verdict.envelope),
    }),
  );
  await uow.auditBy(caller, 'agent.received', ['request', p.requestId], {
    envelopeId: p.envelopeId,
    kind: p.kind,
    source: arrival.source,
    digest: verdict.digest,
    // The pin it was checked against: a revocation the hub logged after this instant was not seen.
    directoryAt: dir?.head.at ?? null,
  });
  return { outcome: 'stored', requestId: p.requestId, kind: p.kind };
}

/** What a held warrant request's envelope says of its warrant (an unreadable one is passed over). */
const HeldWarrant = z.object({
  payload: z.object({
    content: z.object({ warrant: z.object({ courtOrganisationId: z.string(), warrantNumber: z.string() }) }),
  }),
});

/**
 * The request this installation already holds the same warrant for (the court and its number), if any: the
 * hub refuses a warrant used by a second request, and the installation does not take its word for it.
 */
async function warrantHeldFor(
  uow: UnitOfWork,
  w: { courtOrganisationId: string; warrantNumber: string },
): Promise<string | undefined> {
  for (const row of await heldWarrantEnvelopes(uow.tx)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.envelope);
    } catch {
      continue;
    }
    const held = HeldWarrant.safeParse(parsed);
    const hw = held.success ? held.data.payload.content.warrant : undefined;
    if (hw?.courtOrganisationId === w.courtOrganisationId && hw.warrantNumber === w.warrantNumber)
      return row.request_id;
  }
  return undefined;
}
