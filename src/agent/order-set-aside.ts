import { z } from 'zod';
import { subjectEntries } from '../audit/subject-entries.queries.ts';
import type { Caller } from '../domain/access.ts';
import { isCourt } from '../domain/agent-intake.ts';
import { DomainError } from '../domain/errors.ts';
import { contestRecordOf, ignoredRecordMessage } from '../domain/order-contest.ts';
import { presentedOrderOf, setAsideOf, setAsideSignature } from '../domain/order-set-aside.ts';
import { answerRefusal, standingOf } from '../domain/order-standing.ts';
import { type DirectoryExport, directoryKeys } from '../domain/pinned-directory.ts';
import { ownerSignatureVerifies } from '../domain/verification.ts';
import type { Bilingual, DisclosureOrderStanding } from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';
import { KeepChanges, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { awaitingHere, findAgentRequest } from './agent.repository.ts';
import { changedOrderTexts } from './changed-orders.ts';
import { pinnedDirectory } from './intake.ts';
import { countedRecordWords, NO_ORDER_RECORD, setAsideWords, standingWords } from './order-log-texts.ts';
import { contentOfRow, envelopeOf } from './request-row.ts';

// How the court order a request presents stands, as this installation's pinned directory log says: once
// the log carries the order's set-aside, it is answered no more; while the log carries the judge's record
// that an objection suit was filed and none that ended it (upheld, changed) or made the order final, no
// answer is prepared or approved — with the words the hub refuses an answer with (`answerRefusal`). The
// suit's records count only when the judge's signature verifies against his key in the pin; one that
// does not is ignored, audited and logged with why; an order changed on the suit counts once its words,
// fetched from the hub (./changed-orders.ts), match the entry's digest and verify. A set-aside is
// refused signed or not (declining to disclose is the safe side). Declining stays open.

/**
 * What the pinned log says of the court order the request presents, for its page and `shokai agent
 * review` (./order-log-texts.ts has the words): null when it presents none or nothing is pinned.
 */
export interface OrderLogView {
  /** How the order stands by the records that count, as the hub reads its own (`standingOf`). */
  standing: DisclosureOrderStanding;
  /** The standing in words. */
  standingWords: Bilingual;
  /** Each record that counts, with when and its check; or that the pinned log holds none of the order. */
  records: Bilingual[];
  /** Why it cannot be answered now (the hub's words), or null. */
  refusal: Bilingual | null;
  /** The records about its order the pinned log holds but that were ignored, each with why. */
  ignored: Bilingual[];
}

/** The standing of the request's presented order as the pinned log says, and the records ignored. */
async function orderInLog(uow: UnitOfWork, row: AgentRequestRow) {
  const dir = await pinnedDirectory(uow);
  return dir ? orderIn(dir, await changedOrderTexts(uow.tx), row) : undefined;
}

/** `orderInLog` over a pinned log already read, with the changed orders' words held here. */
function orderIn(dir: DirectoryExport, texts: ReadonlyMap<string, string>, row: AgentRequestRow) {
  const content = contentOfRow(row);
  const office = envelopeOf(row).payload.agencyOrganisationId;
  const order = presentedOrderOf(content, office);
  if (!order) return undefined;
  const court = isCourt(dir, order.courtOrganisationId);
  const keys = directoryKeys(dir);
  const found = contestRecordOf(dir.entries, order, keys, dir.head.at, court, ownerSignatureVerifies, texts);
  const { record, counted, ignored, notes } = found;
  const setAside = setAsideOf(dir.entries, content, office);
  const standing = setAside ? 'set_aside' : standingOf(record);
  const problems = ignored.map((i) => ignoredRecordMessage(order.caseNumber, i.entry, i.signature, i.problem));
  const records = counted.map((e) => countedRecordWords(e, notes.get(e)));
  if (setAside) records.push(setAsideWords(setAside, setAsideSignature(setAside, keys, court, ownerSignatureVerifies)));
  const refusal = answerRefusal(standing, order.caseNumber);
  return { order, standing, records, ignored, problems, refusal };
}

/**
 * Whether a request held here awaiting a person presents an order the pin shows contested: the pull then
 * extends the pin each cycle, so the suit's end, logged after the request was taken in, is learnt without
 * waiting for a new request (the log is read and parsed once).
 */
export async function contestedHere(uow: UnitOfWork): Promise<boolean> {
  const dir = await pinnedDirectory(uow);
  if (!dir) return false;
  const texts = await changedOrderTexts(uow.tx);
  for (const id of await awaitingHere(uow.tx)) {
    const row = await findAgentRequest(uow.tx, id);
    if (row && orderIn(dir, texts, row)?.standing === 'contested') return true;
  }
  return false;
}

/** What the request's page shows of the pinned log's records of its order (read only: nothing audited). */
export async function orderLogView(uow: UnitOfWork, row: AgentRequestRow): Promise<OrderLogView | null> {
  const found = await orderInLog(uow, row);
  if (!found) return null;
  const { order, standing, records, problems, refusal } = found;
  const none = records.length === 0 && problems.length === 0;
  return {
    standing,
    standingWords: standingWords(order.caseNumber, standing),
    records: none ? [NO_ORDER_RECORD] : records,
    refusal,
    ignored: problems,
  };
}

/**
 * Refuses to prepare or approve an answer to a request whose presented order the pinned log shows as
 * set aside or contested; `by` is who is acting (the records ignored are audited under them, not a changed
 * order whose words are not fetched yet: it is held until they are).
 */
export async function requireOrderAnswerable(uow: UnitOfWork, by: Caller, row: AgentRequestRow): Promise<void> {
  const found = await orderInLog(uow, row);
  if (!found) return;
  const { order, standing, ignored, problems, refusal } = found;
  // A changed order's words not fetched yet is no problem of the record: the pull fetches them.
  const toAudit = ignored.some((i) => i.signature !== 'text_missing');
  const audited = toAudit ? await auditedIgnored(uow, row.request_id) : new Set<string>();
  let wrote = false;
  for (const [n, i] of ignored.entries()) {
    if (i.signature === 'text_missing') continue;
    // Once per record and check: preparing is tried again each cycle.
    if (audited.has(ignoredKey(i.entry.type, i.entry.at, i.signature))) continue;
    logger.warn('agent.order_record_ignored', { requestId: row.request_id, type: i.entry.type, check: i.signature });
    await uow.auditBy(by, 'agent.order_record_ignored', ['request', row.request_id], {
      type: i.entry.type,
      orderId: i.entry.orderId,
      at: i.entry.at,
      check: i.signature,
      words: problems[n],
    });
    wrote = true;
  }
  if (!refusal) return;
  const refused = new DomainError('ILLEGAL_TRANSITION', refusal, {
    field: 'civil.courtOrder',
    value: order.caseNumber,
    standing,
    ...(problems.length > 0 ? { ignored: problems } : {}),
  });
  // The refusal must not roll back the audit of the records it ignored (nothing else is written before).
  throw wrote ? new KeepChanges(refused) : refused;
}

const ignoredKey = (type: string, at: string, check: string): string => JSON.stringify([type, at, check]);
const IgnoredDetails = z.object({ type: z.string(), at: z.string(), check: z.string() });

/** The records of this request's order already audited as ignored: (type, logged at, check). */
async function auditedIgnored(uow: UnitOfWork, requestId: string): Promise<Set<string>> {
  const entries = await subjectEntries(uow.tx, 'request', requestId, 0);
  const keys = new Set<string>();
  for (const e of entries) {
    const d = e.action === 'agent.order_record_ignored' ? IgnoredDetails.safeParse(e.details) : null;
    if (d?.success) keys.add(ignoredKey(d.data.type, d.data.at, d.data.check));
  }
  return keys;
}
