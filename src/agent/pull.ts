import { SYSTEM_CALLER } from '../domain/access.ts';
import { arrivedDigest } from '../domain/agent-intake.ts';
import type { DirectoryRefusal } from '../domain/pinned-directory.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { knownRequestIds, wasRefused } from './agent.repository.ts';
import { fetchEnvelope, type HubLink, listOpenRequests } from './hub.ts';
import { type IntakeOutcome, pinnedDirectory, receiveEnvelope } from './intake.ts';
import { extendPin } from './pin-extension.ts';

// One pull: list the open requests addressed to this provider, fetch the envelope of each one not yet
// held, and take it in (verified against the pinned directory first). Before the first envelope the
// cycle has not seen under this pin is verified, the pin is extended to the hub's current log (once a
// cycle, only then: ./pin-extension.ts), so a key or a duty designation revoked since counts; a log that
// does not extend the pin is refused, and then nothing new is taken in this cycle.

export interface PullSummary {
  listed: number;
  stored: string[];
  already: number;
  refused: Array<{ requestId: string | null; reason: string }>;
  /** The pin was extended to the hub's current log this cycle. */
  directoryRefreshed: boolean;
  /** The hub's log was refused as not extending the pin: why; nothing new was taken in. */
  pinRefused: DirectoryRefusal | null;
  /** Envelopes not verified this cycle because the hub's log was refused (they wait for the next). */
  held: number;
}

export async function pullOnce(ctx: AppContext, hub: HubLink, organisationId: string): Promise<PullSummary> {
  const summary: PullSummary = {
    listed: 0,
    stored: [],
    already: 0,
    refused: [],
    directoryRefreshed: false,
    pinRefused: null,
    held: 0,
  };
  const ids = await listOpenRequests(hub);
  summary.listed = ids.length;
  const known = await knownRequestIds(ctx.store.db, ids);
  let extended = false;
  for (const id of ids) {
    if (known.has(id)) {
      summary.already++;
      continue;
    }
    const envelope = await fetchEnvelope(hub, id);
    const size = (await inTransaction(ctx, (uow) => pinnedDirectory(uow)))?.head.size ?? 0;
    if (await wasRefused(ctx.store.db, id, arrivedDigest(envelope), size)) continue;
    if (summary.pinRefused) {
      summary.held++;
      continue;
    }
    if (!extended) {
      extended = true;
      const pin = await extendPin(ctx, hub);
      summary.directoryRefreshed = pin.extended;
      summary.pinRefused = pin.refused;
      if (pin.refused) {
        summary.held++;
        continue;
      }
    }
    const out: IntakeOutcome = await inTransaction(ctx, (uow) =>
      receiveEnvelope(uow, SYSTEM_CALLER, organisationId, { envelope, source: 'pull', expectedRequestId: id }),
    );
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
