import { z } from 'zod';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { InstantSchema, toUtcIso } from '../domain/instant.ts';
import { setAsideOf, setAsideSignature } from '../domain/order-set-aside.ts';
import { directoryKeys } from '../domain/pinned-directory.ts';
import { ownerSignatureVerifies } from '../domain/verification.ts';
import { isOneOf } from '../domain/vocabulary.ts';
import {
  type WithdrawalSignature,
  WithdrawalSignatureSchema,
  withdrawalVerdict,
} from '../domain/withdrawal-signature.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { awaitingHere, changeHubCheck, endedWithCheck, noteEndedAtHub } from './agent.repository.ts';
import { fetchRequestIfShown, type HubLink } from './hub.ts';
import {
  HUB_CHECKS_AWAITING_LOG,
  HUB_ENDED_REASONS,
  HUB_ENDED_STATES,
  type HubEndedCheck,
  type HubEndedReason,
  type HubEndedState,
  hubEndedWords,
} from './hub-ended-texts.ts';
import { pinnedDirectory } from './intake.ts';
import { contentOfRow, envelopeOf, requireAgentRequest } from './request-row.ts';

// A request this installation took in and still holds awaiting a person may since have been withdrawn at
// the hub — by the requesting office, or ended as withdrawn because its court order was set aside — or
// closed. The pull lists only open requests, so each cycle asks the hub about every request held here
// awaiting review that its list no longer shows as open (one read each; none when nothing changed), and
// records what the hub says beside the request: its own state, its findings and draft are kept, nothing
// is deleted, and it is no longer prepared, answered, declined or edited here (hub-ended-texts.ts). The
// office's withdrawal signed with the withdrawing person's passkey is checked against their key in the
// pinned directory log (verified, fails, unsigned, key not in the log); a set-aside likewise against the
// judge's; a close, or a withdrawal from a hub that gives no signature, stays the hub's word. A check that
// waits on how far the pin reaches (the key or the set-aside not in the pinned log) is made again on each
// later cycle against the pin as it then is, until it is final; a change is audited, the first one kept.

const HubMessageSchema = z.object({
  side: z.string(),
  purpose: z.string(),
  body: z.string(),
  notice: z.object({ code: z.string() }).nullable(),
  createdAt: InstantSchema,
});
/** The office's withdrawal as the hub gives it: the words and instant signed, and the signature (null: none). */
const HubWithdrawalSchema = z.object({
  reason: z.string(),
  at: InstantSchema,
  signature: WithdrawalSignatureSchema.nullable(),
});
/** The part of the hub's view of a request (GET /v1/requests/{id}) read here; a hub before 058 gives no withdrawal. */
export const HubRequestSchema = z.object({
  state: z.string(),
  closedAt: InstantSchema.nullable(),
  updatedAt: InstantSchema,
  messages: z.array(HubMessageSchema),
  withdrawal: HubWithdrawalSchema.nullable().optional(),
});
export type HubRequestView = z.infer<typeof HubRequestSchema>;

/** What the hub says of a request's end. */
export interface EndedAtHub {
  state: HubEndedState;
  reason: HubEndedReason | null;
  at: string;
  note: string | null;
  /** The office's withdrawal as the hub gives it (its signature is checked here, never the hub's verdict). */
  withdrawal?: { reason: string; at: string; signature: WithdrawalSignature | null };
}

/**
 * What of the hub's view says why a request ended: the court's notice that it ended with its order, else
 * the office's withdrawal as signed (058), else its note in the thread (a hub or a withdrawal before it).
 */
function whyEnded(view: HubRequestView) {
  const setAside = view.messages.findLast((m) => m.notice?.code === 'order_set_aside_withdrawn');
  const signed = setAside ? null : (view.withdrawal ?? null);
  const byOffice =
    setAside || signed
      ? undefined
      : view.messages.findLast((m) => m.side === 'agency' && m.purpose === 'note' && m.notice === null);
  return { setAside, signed, byOffice };
}

/**
 * What the hub's view of a request says of its end: undefined while it is neither withdrawn nor closed
 * (or the view is not one). Why and when come from the thread: the court's notice that it ended with its
 * order, or the office's withdrawal note (its words); a close without either is dated by `closedAt`.
 */
export function endedAtHub(raw: unknown): EndedAtHub | undefined {
  const view = HubRequestSchema.safeParse(raw);
  if (!view.success) return undefined;
  const { state } = view.data;
  if (state !== 'withdrawn' && state !== 'closed') return undefined;
  const { setAside, signed, byOffice } = whyEnded(view.data);
  if (signed) {
    const withdrawal = { reason: signed.reason, at: toUtcIso(signed.at), signature: signed.signature };
    const note = signed.reason === '' ? null : signed.reason;
    return { state, reason: 'office', at: withdrawal.at, note, withdrawal };
  }
  const why = setAside ?? byOffice;
  const at = why?.createdAt ?? view.data.closedAt ?? view.data.updatedAt;
  return {
    state,
    reason: setAside ? 'order_set_aside' : byOffice ? 'office' : null,
    at: toUtcIso(at),
    note: !setAside && byOffice && byOffice.body !== '' ? byOffice.body : null,
  };
}

/**
 * The hub's view of a request that ended, cut to what `endedAtHub` reads of it — its state and times, the
 * office's withdrawal as signed, and of the thread only the message that says why — for a medium to carry
 * to an installation with no line to the hub (carried-end.ts); undefined while it has not ended.
 */
export function endedViewOf(raw: unknown): HubRequestView | undefined {
  const view = HubRequestSchema.safeParse(raw);
  if (!view.success || !endedAtHub(view.data)) return undefined;
  const { setAside, byOffice } = whyEnded(view.data);
  return { ...view.data, messages: view.data.messages.filter((m) => m === setAside || m === byOffice) };
}

/**
 * The office's withdrawal checked against the pinned log: the withdrawing person's key (a user of the
 * requesting office, valid when they signed, not revoked then nor compromised since) over this request,
 * the words the hub gives and the instant, after the request was issued. Without a signature: unsigned.
 */
async function withdrawalCheck(uow: UnitOfWork, row: AgentRequestRow, ended: EndedAtHub): Promise<HubEndedCheck> {
  const w = ended.withdrawal;
  if (!w?.signature) return 'unsigned';
  const dir = await pinnedDirectory(uow);
  const key = dir ? directoryKeys(dir).get(w.signature.keyId) : undefined;
  const { payload } = envelopeOf(row);
  const on = {
    requestId: row.request_id,
    agencyOrganisationId: payload.agencyOrganisationId,
    issuedAt: payload.issuedAt,
    now: uow.now.toISOString(),
  };
  const verdict = withdrawalVerdict(w, key, on, ownerSignatureVerifies);
  return verdict === 'key_unknown' ? 'key_not_in_log' : verdict;
}

/** What the pinned log lets the installation check of the hub's word. */
export async function checkOffline(uow: UnitOfWork, row: AgentRequestRow, ended: EndedAtHub): Promise<HubEndedCheck> {
  if (ended.reason === 'office') return withdrawalCheck(uow, row, ended);
  if (ended.reason !== 'order_set_aside') return 'not_signed';
  const dir = await pinnedDirectory(uow);
  const entry = dir ? setAsideOf(dir.entries, contentOfRow(row), envelopeOf(row).payload.agencyOrganisationId) : null;
  if (!dir || !entry) return 'not_in_log';
  const isCourt = dir.entries.some(
    (e) => e.type === 'organisation' && e.id === entry.courtOrganisationId && e.kind === 'court',
  );
  return setAsideSignature(entry, directoryKeys(dir), isCourt, ownerSignatureVerifies);
}

/** Records what the hub said of one request's end (once), audited: whether it was recorded now. */
export async function recordEndedAtHub(uow: UnitOfWork, requestId: string, ended: EndedAtHub): Promise<boolean> {
  const row = await requireAgentRequest(uow.tx, requestId);
  const check = await checkOffline(uow, row, ended);
  const noted = await noteEndedAtHub(uow.tx, requestId, {
    hub_state: ended.state,
    hub_state_at: ended.at,
    hub_reason: ended.reason,
    hub_note: ended.note,
    hub_check: check,
    hub_noted_at: uow.now.toISOString(),
    // Kept so that a check waiting on the pinned log is made again of the same withdrawal, offline.
    hub_signature: ended.withdrawal?.signature ? JSON.stringify(ended.withdrawal.signature) : null,
  });
  if (!noted) return false;
  // The office's words stay with the request; the audit names the state, when, why and the check.
  await uow.auditBy(SYSTEM_CALLER, 'agent.ended_at_hub', ['request', requestId], {
    hubState: ended.state,
    at: ended.at,
    reason: ended.reason,
    check,
    kept: true,
    words: hubEndedWords(ended.state, ended.reason, check),
  });
  if (check === 'failed') {
    logger.warn('agent.withdrawal_signature_failed', { requestId, keyId: ended.withdrawal?.signature?.keyId });
  }
  return true;
}

/**
 * What the hub said of a request's end as recorded here, with the office's withdrawal as it was checked
 * (its words, instant and the signature the hub gave); undefined when the hub said nothing, or a
 * withdrawal's signature was not kept (learnt before migration 059: it cannot be checked again).
 */
function endedAsRecorded(row: AgentRequestRow): EndedAtHub | undefined {
  const { hub_state: state, hub_reason: reason, hub_state_at: at } = row;
  if (!isOneOf(HUB_ENDED_STATES, state) || !at) return undefined;
  const ended: EndedAtHub = { state, reason: isOneOf(HUB_ENDED_REASONS, reason) ? reason : null, at, note: null };
  if (ended.reason !== 'office') return ended;
  const signature = keptSignature(row.hub_signature);
  if (!signature) return undefined;
  return { ...ended, note: row.hub_note ?? null, withdrawal: { reason: row.hub_note ?? '', at, signature } };
}

/** The withdrawal's signature as kept beside the request (undefined: none kept, or not one). */
function keptSignature(text: string | null | undefined): WithdrawalSignature | undefined {
  try {
    const kept = WithdrawalSignatureSchema.safeParse(text ? JSON.parse(text) : undefined);
    return kept.success ? kept.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks again, against the pin as it is now, a recorded check that waits on the pinned log: when it
 * changed, records the new one and audits the change once (the earlier check stays in the audit, beside
 * the first record). Whether it changed.
 */
export async function recheckEndedAtHub(uow: UnitOfWork, requestId: string): Promise<boolean> {
  const row = await requireAgentRequest(uow.tx, requestId);
  const before = row.hub_check;
  const ended = endedAsRecorded(row);
  if (!ended || !isOneOf(HUB_CHECKS_AWAITING_LOG, before)) return false;
  const check = await checkOffline(uow, row, ended);
  if (check === before || !(await changeHubCheck(uow.tx, requestId, before, check))) return false;
  await uow.auditBy(SYSTEM_CALLER, 'agent.hub_check_changed', ['request', requestId], {
    hubState: ended.state,
    reason: ended.reason,
    previous: before,
    check,
    words: hubEndedWords(ended.state, ended.reason, check),
  });
  if (check === 'failed') {
    logger.warn('agent.withdrawal_signature_failed', { requestId, keyId: ended.withdrawal?.signature?.keyId });
  }
  return true;
}

/**
 * Checks again each recorded end whose check waits on the pinned log, after `beforeCheck` (the pull
 * extends the pin there, once a cycle): the requests whose check changed.
 */
export async function recheckAwaitingLog(ctx: AppContext, beforeCheck: () => Promise<unknown>): Promise<string[]> {
  const ids = await endedWithCheck(ctx.store.db, HUB_CHECKS_AWAITING_LOG);
  if (ids.length === 0) return [];
  await beforeCheck();
  const changed: string[] = [];
  for (const id of ids) {
    if (await inTransaction(ctx, (uow) => recheckEndedAtHub(uow, id))) {
      changed.push(id);
      logger.info('agent.hub_check_changed', { requestId: id });
    }
  }
  return changed;
}

/**
 * Asks the hub about each request held here awaiting a person that is not among `openAtHub`, and records
 * those it says were withdrawn or closed. `beforeCheck` runs before a set-aside or a signed withdrawal is
 * checked against the pin (the pull extends the pin there, once a cycle: a key registered or revoked since
 * counts). A request the hub does not show (404, 403) is left as it is.
 */
export async function learnEndedAtHub(
  ctx: AppContext,
  hub: HubLink,
  openAtHub: ReadonlySet<string>,
  beforeCheck: () => Promise<unknown>,
): Promise<string[]> {
  const recorded: string[] = [];
  for (const id of await awaitingHere(ctx.store.db)) {
    if (openAtHub.has(id)) continue;
    const ended = endedAtHub(await fetchRequestIfShown(hub, id));
    if (!ended || !HUB_ENDED_STATES.includes(ended.state)) continue;
    if (ended.reason === 'order_set_aside' || ended.withdrawal?.signature) await beforeCheck();
    if (await inTransaction(ctx, (uow) => recordEndedAtHub(uow, id, ended))) {
      recorded.push(id);
      logger.info('agent.ended_at_hub', { requestId: id, hubState: ended.state, reason: ended.reason });
    }
  }
  return recorded;
}
