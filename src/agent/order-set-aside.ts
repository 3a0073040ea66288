import type { Caller } from '../domain/access.ts';
import { isCourt } from '../domain/agent-intake.ts';
import { DomainError } from '../domain/errors.ts';
import { contestRecordOf, ignoredRecordMessage } from '../domain/order-contest.ts';
import { presentedOrderOf, setAsideOf } from '../domain/order-set-aside.ts';
import { answerRefusal, standingOf } from '../domain/order-standing.ts';
import { directoryKeys } from '../domain/pinned-directory.ts';
import { ownerSignatureVerifies } from '../domain/verification.ts';
import { logger } from '../kernel/logger.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { pinnedDirectory } from './intake.ts';
import { contentOfRow, envelopeOf } from './request-row.ts';

// How the court order a request presents stands, as this installation's pinned directory log says: once
// the log carries the order's set-aside, it is answered no more; while the log carries the judge's record
// that an objection suit was filed and none that ended it (upheld, changed) or made the order final, no
// answer is prepared or approved — with the words the hub refuses an answer with (`answerRefusal`). The
// suit's records count only when the judge's signature verifies against his key in the pin; one that
// does not is ignored, audited and logged with why. A set-aside is refused signed or not (declining to
// disclose is the safe side). Declining stays open.

/**
 * Refuses to prepare or approve an answer to a request whose presented order the pinned log shows as
 * set aside or contested; `by` is who is acting (the records ignored are audited under them).
 */
export async function requireOrderAnswerable(uow: UnitOfWork, by: Caller, row: AgentRequestRow): Promise<void> {
  const dir = await pinnedDirectory(uow);
  if (!dir) return;
  const content = contentOfRow(row);
  const office = envelopeOf(row).payload.agencyOrganisationId;
  const order = presentedOrderOf(content, office);
  if (!order) return;
  const court = isCourt(dir, order.courtOrganisationId);
  const { record, ignored } = contestRecordOf(dir.entries, order, directoryKeys(dir), court, ownerSignatureVerifies);
  const problems = ignored.map((i) => ignoredRecordMessage(order.caseNumber, i.entry, i.signature));
  for (const [n, i] of ignored.entries()) {
    logger.warn('agent.order_record_ignored', { requestId: row.request_id, type: i.entry.type, check: i.signature });
    await uow.auditBy(by, 'agent.order_record_ignored', ['request', row.request_id], {
      type: i.entry.type,
      orderId: i.entry.orderId,
      at: i.entry.at,
      check: i.signature,
      words: problems[n],
    });
  }
  const standing = setAsideOf(dir.entries, content, office) ? 'set_aside' : standingOf(record);
  const refusal = answerRefusal(standing, order.caseNumber);
  if (!refusal) return;
  throw new DomainError('ILLEGAL_TRANSITION', refusal, {
    field: 'civil.courtOrder',
    value: order.caseNumber,
    standing,
    ...(problems.length > 0 ? { ignored: problems } : {}),
  });
}
