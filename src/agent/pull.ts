import { importDirectory } from '../directory/transparency.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { arrivedDigest } from '../domain/agent-intake.ts';
import { DomainError } from '../domain/errors.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, run } from '../kernel/unit-of-work.ts';
import { knownRequestIds, wasRefused } from './agent.repository.ts';
import { fetchDirectory, fetchEnvelope, type HubLink, listOpenRequests } from './hub.ts';
import { type IntakeOutcome, pinnedDirectory, receiveEnvelope } from './intake.ts';

// One pull: list the open requests addressed to this provider, fetch the envelope of each one not yet
// held, and take it in (verified against the pinned directory first). When an envelope is signed with a
// key newer than the pinned directory, the hub's current directory is fetched and pinned ONLY if it
// verifies under the pinned hub key and appends to the pinned log; then the envelope is checked again.

export interface PullSummary {
  listed: number;
  stored: string[];
  already: number;
  refused: Array<{ requestId: string | null; reason: string }>;
  directoryRefreshed: boolean;
}

async function refreshDirectory(ctx: AppContext, hub: HubLink): Promise<boolean> {
  try {
    const next = await fetchDirectory(hub);
    await run(ctx, importDirectory, SYSTEM_CALLER, next);
    return true;
  } catch (err) {
    logger.warn('agent.directory_refresh_refused', {
      reason: err instanceof DomainError ? String(err.details?.reason ?? err.code) : 'unreachable',
    });
    return false;
  }
}

/**
 * Refusals a newer directory may cure: a key (or a judge's credential) registered after the pin, an
 * approver's grant newer than the pin, or a pin older than the log's approval authority records.
 */
const STALE_PIN = new Set(['key_newer', 'attestation', 'authority_newer', 'roles_unpinned']);

export async function pullOnce(ctx: AppContext, hub: HubLink, organisationId: string): Promise<PullSummary> {
  const summary: PullSummary = { listed: 0, stored: [], already: 0, refused: [], directoryRefreshed: false };
  const ids = await listOpenRequests(hub);
  summary.listed = ids.length;
  const known = await knownRequestIds(ctx.store.db, ids);
  for (const id of ids) {
    if (known.has(id)) {
      summary.already++;
      continue;
    }
    const envelope = await fetchEnvelope(hub, id);
    const size = (await inTransaction(ctx, (uow) => pinnedDirectory(uow)))?.head.size ?? 0;
    if (await wasRefused(ctx.store.db, id, arrivedDigest(envelope), size)) continue;
    let out: IntakeOutcome = await inTransaction(ctx, (uow) =>
      receiveEnvelope(uow, SYSTEM_CALLER, organisationId, { envelope, source: 'pull', expectedRequestId: id }),
    );
    if (out.outcome === 'refused' && STALE_PIN.has(out.verdict.reason) && !summary.directoryRefreshed) {
      summary.directoryRefreshed = await refreshDirectory(ctx, hub);
      if (summary.directoryRefreshed) {
        out = await inTransaction(ctx, (uow) =>
          receiveEnvelope(uow, SYSTEM_CALLER, organisationId, { envelope, source: 'pull', expectedRequestId: id }),
        );
      }
    }
    if (out.outcome === 'stored') {
      summary.stored.push(out.requestId);
      logger.info('agent.received', { requestId: out.requestId, kind: out.kind, source: 'pull' });
    } else if (out.outcome === 'already') summary.already++;
    else {
      summary.refused.push({ requestId: out.requestId, reason: out.verdict.reason });
      logger.warn('agent.refused', { requestId: out.requestId, reason: out.verdict.reason, source: 'pull' });
    }
  }
  return summary;
}
