import { postSealedUpload } from '../client/attachment-seal.ts';
import { ApiError, type Schemas, unwrap } from '../client/client.ts';
import type { Caller } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { AppContext } from '../kernel/context.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { findAgentRequest, moveAgentRequest, noteAttempt } from './agent.repository.ts';
import { markUploaded, pendingUploads } from './answer-files.repository.ts';
import type { HubLink } from './hub.ts';
import { refusalOf, type SendRefusal, sameRefusal, sendRefusalOf } from './send-refusal.ts';

// Sending what a person approved (or declined): the stored submission is the body of the request's
// transition at the hub — for an answer, the answer signed with the installation key and sealed (the hub
// routes ciphertext); for a decline, its reason. A request is sent once: after a crash between the hub's
// acceptance and the local record, the hub refuses a second answer, and the agent reads the request's
// state at the hub to record that it was sent rather than send again. An answer's files go first, each
// sealed at approval and uploaded under the id chosen when it was added (uploadFiles).

export type SendResult = 'sent' | 'already' | 'failed';
/** What happened to one send: on `failed`, the hub's refusal in its words. */
export interface SendOutcome {
  result: SendResult;
  refusal: Omit<SendRefusal, 'since'> | null;
}

function transitionBody(row: AgentRequestRow): Schemas['Transition'] {
  const body: unknown = JSON.parse(row.submission ?? 'null');
  if (typeof body !== 'object' || body === null || !('action' in body)) {
    throw new DomainError('VALIDATION_FAILED', {
      ja: '送付内容が壊れています',
      en: 'the stored submission is damaged',
    });
  }
  // The submission was built by this installation (seal.ts / declineRequest) for this very schema.
  return body as Schemas['Transition'];
}

const post = (hub: HubLink, id: string, body: Schemas['Transition']) =>
  unwrap(hub.api.POST('/v1/requests/{id}/transitions', { params: { path: { id } }, body }));

/** The request's state at the hub now (null when it cannot be read). */
const hubState = (hub: HubLink, id: string) =>
  unwrap(hub.api.GET('/v1/requests/{id}', { params: { path: { id } } }))
    .then((r) => r.state)
    .catch(() => null);

/** A send that failed: the hub's refusal in its words; none when the hub was not reached (status 0). */
const failure = (err: ApiError): SendOutcome => ({
  result: 'failed',
  refusal: err.status === 0 ? null : refusalOf(err),
});

/**
 * Uploads the sealed files of an approved answer that the hub has not taken yet, each recorded as taken
 * at once (its own unit of work). A file uploaded just before a crash is refused by the hub as a
 * duplicate of its id: recorded as taken, never uploaded twice. Null when every file is there (the
 * answer may go); otherwise the outcome to record instead of sending the answer.
 */
export async function uploadFiles(ctx: AppContext, hub: HubLink, row: AgentRequestRow): Promise<SendOutcome | null> {
  const pending = await pendingUploads(ctx.store.db, row.request_id);
  if (pending.length === 0) return null;
  // Files go to an answer that may be given now: a warrant's review is opened first; answered is done.
  const state = await hubState(hub, row.request_id);
  if (state === 'answered') return { result: 'already', refusal: null };
  if (state === 'received') await post(hub, row.request_id, { action: 'start_review' }).catch(() => undefined);
  for (const f of pending) {
    try {
      await postSealedUpload(hub.api, row.request_id, f.sealed);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (!(err.status === 409 && err.details?.field === 'attachmentId')) return failure(err);
    }
    await inTransaction(ctx, (uow) => markUploaded(uow.tx, f.id, uow.now.toISOString()));
  }
  return null;
}

/**
 * Pushes one submission to the hub; returns what happened (the caller records it). Where the hub's
 * lifecycle wants the review opened first (a warrant), the agent opens it and sends again once.
 */
export async function pushSubmission(hub: HubLink, row: AgentRequestRow): Promise<SendOutcome> {
  const body = transitionBody(row);
  let reviewOpened = false;
  for (;;) {
    try {
      await post(hub, row.request_id, body);
      return { result: 'sent', refusal: null };
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 409 || err.code === 'ILLEGAL_TRANSITION') {
        // Already answered or declined at the hub (this installation's earlier send, not recorded here)?
        // Or still `received` where the review must be opened first?
        const state = await hubState(hub, row.request_id);
        if (state === (body.action === 'decline' ? 'declined' : 'answered'))
          return { result: 'already', refusal: null };
        if (state === 'received' && !reviewOpened) {
          reviewOpened = true;
          const opened = await post(hub, row.request_id, { action: 'start_review' })
            .then(() => true)
            .catch(() => false);
          if (opened) continue;
        }
      }
      return failure(err);
    }
  }
}

/**
 * Records the outcome of a send in the installation's store (one unit of work). A refusal is kept with the
 * hub's words (./send-refusal.ts) and audited when it is new: the same refusal each cycle is audited once.
 */
export async function recordSend(
  uow: UnitOfWork,
  caller: Caller,
  requestId: string,
  outcome: SendOutcome,
  via: 'hub' | 'file' = 'hub',
): Promise<void> {
  const row = await findAgentRequest(uow.tx, requestId);
  if (!row) return;
  const at = uow.now.toISOString();
  if (outcome.result === 'failed') {
    const refusal = outcome.refusal;
    // Not reached: an attempt, the refusal kept (if any) stands as it was.
    if (!refusal) return noteAttempt(uow.tx, requestId, row.last_error, at);
    const before = sendRefusalOf(row);
    const same = sameRefusal(before, refusal);
    const kept: SendRefusal = { ...refusal, since: same && before ? before.since : at };
    await noteAttempt(uow.tx, requestId, JSON.stringify(kept), at);
    if (!same) {
      await uow.auditBy(caller, 'agent.send_refused', ['request', requestId], {
        what: row.state === 'approved' ? 'answer' : 'decline',
        code: refusal.code,
      });
    }
    return;
  }
  await moveAgentRequest(uow.tx, requestId, row.state, {
    state: row.state === 'approved' ? 'sent' : row.state,
    sent_at: at,
    attempts: row.attempts + 1,
    last_error: null,
    updated_at: at,
  });
  await uow.auditBy(caller, 'agent.sent', ['request', requestId], {
    what: row.state === 'approved' ? 'answer' : 'decline',
    via,
    reconciled: outcome.result === 'already',
  });
}
