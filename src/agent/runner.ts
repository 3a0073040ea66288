import type { AnswerSigner } from '../client/answer-seal.ts';
import type { DeviceHandle } from '../client/custody.ts';
import { type Principal, requirePermission, SYSTEM_CALLER } from '../domain/access.ts';
import { isDomainError } from '../domain/errors.ts';
import type { ProviderCategory } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { outbox, unprepared } from './agent.repository.ts';
import { heldHere } from './held-here.ts';
import type { HubLink } from './hub.ts';
import { learnHubPeople } from './hub-people.ts';
import { monitorOwnName } from './own-monitors.ts';
import { type PullSummary, pullOnce } from './pull.ts';
import { syncAllRequestFiles } from './request-files.ts';
import { draftOfRow, notIn, requireAgentRequest, requireOpenDraft } from './request-row.ts';
import { type AgentPolicy, approveAnswer, draftDigest, prepareRequest } from './review.ts';
import { resolveSealKeys, sealerFor } from './seal.ts';
import { pushSubmission, recordSend, type SendOutcome, uploadFiles } from './send.ts';
import { TransportError } from './transport.ts';

// One cycle of the provider's installation, and the long-lived loop around it: pull what is addressed to
// it (verified against the pinned directory first), prepare the findings of what was taken in, let the
// provider's policy approve what it allows without a person (off by default), and send what a person
// approved. Every step records itself in the installation's own store, so a restart resumes where it
// stopped and never answers twice. Its log lines carry ids, counts and reasons: never personal data.

export interface AgentRuntime {
  ctx: AppContext;
  organisationId: string;
  /** The provider's category as its configuration gives it (the civil stage rule at intake); absent: not said. */
  providerCategory?: ProviderCategory | undefined;
  policy: AgentPolicy;
  /** Signs answers with the installation key (held only here). */
  signer: AnswerSigner;
  /** The hub, or null in file mode (air-gapped). */
  hub: HubLink | null;
  /** The installation's own device of the provider's record key (opens request files), when it has one. */
  device?: DeviceHandle;
}

/**
 * Approval (a person's, or the policy's when `p` is null) of the draft named by `digest`: the keys to
 * seal to are resolved against the pinned directory first, then the answer is signed and sealed and
 * waits in the outbox.
 */
export async function approve(rt: AgentRuntime, p: Principal | null, requestId: string, digest: string): Promise<void> {
  if (p) requirePermission(p, 'request.answer');
  const row = await requireAgentRequest(rt.ctx.store.db, requestId);
  const keys = await resolveSealKeys(rt.ctx, rt.hub, row, rt.organisationId);
  const seal = sealerFor(rt.signer, keys, rt.organisationId);
  await inTransaction(rt.ctx, (uow) => approveAnswer(uow, p, requestId, { digest }, seal, rt));
}

/** The last cycle, for the status page: when, whether it reached the hub, and why not. */
export interface LastCycle {
  at: string;
  ok: boolean;
  summary: CycleSummary | null;
  failure: string | null;
}

export interface CycleSummary {
  pulled: PullSummary | null;
  /** Request files checked in the cycle (verified or refused). */
  requestFiles: number;
  prepared: number;
  automatic: number;
  sent: number;
  failed: number;
  /** `networks` entries in the provider's own name in the pin that it did not sign (./networks-monitor.ts). */
  foreignNetworks: number;
  /** Keys in the provider's own name in the pin no person of it has confirmed yet (./keys-monitor.ts). */
  unconfirmedKeys: number;
}

/** Prepares every request taken in but not yet prepared; approves those the policy lets go alone. */
export async function prepareAll(rt: AgentRuntime): Promise<{ prepared: number; automatic: number }> {
  let prepared = 0;
  let automatic = 0;
  for (const id of await unprepared(rt.ctx.store.db, 500)) {
    try {
      const r = await inTransaction(rt.ctx, (uow) => prepareRequest(uow, SYSTEM_CALLER, id, rt.policy, rt));
      prepared++;
      logger.info('agent.prepared', { requestId: id, verdicts: r.verdicts });
      if (r.automatic) {
        // The draft just prepared, read as every action reads it (a prepared request holds one).
        const row = await requireOpenDraft(rt.ctx.store.db, id);
        const draft = draftOfRow(row);
        if (!draft) throw notIn(row, 'prepared');
        await approve(rt, null, id, draftDigest(draft));
        automatic++;
        logger.info('agent.approved', { requestId: id, automatic: true });
      }
    } catch (err) {
      logger.warn('agent.prepare_failed', { requestId: id, code: isDomainError(err) ? err.code : 'ERROR' });
    }
  }
  return { prepared, automatic };
}

/** Sends every approved answer and decline not yet acknowledged by the hub. */
export async function sendAll(rt: AgentRuntime, hub: HubLink): Promise<{ sent: number; failed: number }> {
  // One at a time, oldest first: each outcome is recorded before the next is sent.
  let sent = 0;
  let failed = 0;
  for (const row of await outbox(rt.ctx.store.db, 500)) {
    // An emergency this installation asks a call-back for waits here until a reviewer records one.
    // Its own hold (./held-here.ts): no send, no refusal of the hub's, no attempt counted.
    if (await inTransaction(rt.ctx, (uow) => heldHere(uow, row))) {
      logger.info('agent.send_held', { requestId: row.request_id });
      continue;
    }
    const outcome: SendOutcome = (await uploadFiles(rt.ctx, hub, row)) ?? (await pushSubmission(hub, row));
    await inTransaction(rt.ctx, (uow) => recordSend(uow, SYSTEM_CALLER, row.request_id, outcome));
    if (outcome.result === 'failed') {
      failed++;
      logger.warn('agent.send_failed', { requestId: row.request_id, code: outcome.refusal?.code ?? 'ERROR' });
    } else {
      sent++;
      logger.info('agent.sent', { requestId: row.request_id, reconciled: outcome.result === 'already' });
    }
  }
  return { sent, failed };
}

function failureReason(hub: HubLink | null): string | undefined {
  const f = hub?.lastFailure();
  if (!f) return undefined;
  return f instanceof TransportError ? f.reason : 'unreachable';
}

/** The most ids of each kind the `agent.cycle` line names (its counts say how many there are). */
const LOGGED_IDS = 20;

export async function cycle(rt: AgentRuntime): Promise<CycleSummary> {
  const hub = rt.hub;
  // What was approved leaves first: a hostile or slow listing never delays an approved answer.
  const first = hub ? await sendAll(rt, hub) : { sent: 0, failed: 0 };
  const pulled = hub ? await pullOnce(rt.ctx, hub, rt) : null;
  // In the provider's own name in the pin now, a declaration it did not sign and a key none of its people
  // confirmed: recorded, audited once, logged, on the status page. Before anything else the hub says.
  const { foreignNetworks, unconfirmedKeys } = await monitorOwnName(rt.ctx, rt.organisationId, rt.signer);
  // The names the hub gives the provider's own people, for the words of a person's key in the pin (the log
  // has none): refreshed when the hub answers, the last ones kept when it does not; never stops a cycle.
  if (hub) await learnHubPeople(rt.ctx, hub, rt.organisationId);
  // The requests' files, opened here and checked against the signed envelope (with a device of its own).
  const requestFiles = hub ? await syncAllRequestFiles(rt.ctx, hub, rt.device, pulled?.stored ?? []) : 0;
  const { prepared, automatic } = await prepareAll(rt);
  // Then what this cycle approved by the provider's policy (what failed first is tried again with it).
  const then = hub && automatic > 0 ? await sendAll(rt, hub) : null;
  const sent = first.sent + (then?.sent ?? 0);
  const failed = then ? then.failed : first.failed;
  return { pulled, requestFiles, prepared, automatic, sent, failed, foreignNetworks, unconfirmedKeys };
}

/**
 * Runs cycles every `intervalMs` until stopped; `kick()` runs one now (the review pages call it after
 * an approval, so an answer leaves at once). A failed cycle (hub unreachable, refused pin) is logged and
 * retried at the next interval.
 */
export function runLoop(
  rt: AgentRuntime,
  intervalMs: number,
  options: { push?: boolean } = {},
): { stop(): Promise<void>; kick(): Promise<CycleSummary | null>; last(): LastCycle | null } {
  let stopped = false;
  let last: LastCycle | null = null;
  let running: Promise<CycleSummary | null> = Promise.resolve(null);
  let timer: NodeJS.Timeout | undefined;
  const once = (): Promise<CycleSummary | null> => {
    running = running.then(async () => {
      if (stopped) return null;
      try {
        const s = await cycle(rt);
        last = { at: rt.ctx.clock().toISOString(), ok: true, summary: s, failure: null };
        logger.info('agent.cycle', {
          listed: s.pulled?.listed ?? 0,
          stored: s.pulled?.stored.length ?? 0,
          refused: s.pulled?.refused.length ?? 0,
          endedAtHub: s.pulled?.endedAtHub.length ?? 0,
          // The ids the hub gave no envelope for, this cycle or passed over / waiting from before (./not-given.ts).
          unfetched: s.pulled?.unfetched ?? 0,
          unfetchedIds: (s.pulled?.unfetchedIds ?? []).slice(0, LOGGED_IDS),
          passedOver: s.pulled?.passedOver ?? 0,
          passedOverIds: (s.pulled?.passedOverIds ?? []).slice(0, LOGGED_IDS),
          retryLater: s.pulled?.retryLater ?? 0,
          retryLaterIds: (s.pulled?.retryLaterIds ?? []).slice(0, LOGGED_IDS),
          requestFiles: s.requestFiles,
          prepared: s.prepared,
          automatic: s.automatic,
          sent: s.sent,
          failed: s.failed,
          unconfirmedKeys: s.unconfirmedKeys,
        });
        return s;
      } catch (err) {
        last = {
          at: rt.ctx.clock().toISOString(),
          ok: false,
          summary: null,
          failure: failureReason(rt.hub) ?? (isDomainError(err) ? err.code : 'error'),
        };
        logger.warn('agent.cycle_failed', {
          code: isDomainError(err) ? err.code : err instanceof Error ? err.name : 'ERROR',
          ...(failureReason(rt.hub) ? { reason: failureReason(rt.hub) } : {}),
        });
        return null;
      }
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await once();
      schedule();
    }, intervalMs);
  };
  void once().then(schedule);
  // Push: a request delivered to this provider starts a cycle at once (the interval still runs).
  const watching =
    options.push && rt.hub
      ? rt.hub.watch((e) => {
          if (e.state === 'received' || e.state === 'clarified') void once();
        })
      : undefined;
  return {
    kick: once,
    last: () => last,
    async stop() {
      stopped = true;
      watching?.close();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
