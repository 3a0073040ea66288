import { DomainError } from '../domain/errors.ts';
import { setAsideOf } from '../domain/order-set-aside.ts';
import { setAsideAnswerRefusal } from '../domain/order-standing.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { pinnedDirectory } from './intake.ts';
import { contentOfRow, envelopeOf } from './request-row.ts';

// A request taken in before its court order was set aside: once the pinned directory logs the
// set-aside, this installation answers it no more — with the words the hub uses — as the hub refuses
// the answer itself. Declining it stays open.

/** Refuses an answer to a request whose presented order the pinned directory logs as set aside. */
export async function requireOrderNotSetAside(uow: UnitOfWork, row: AgentRequestRow): Promise<void> {
  const dir = await pinnedDirectory(uow);
  if (!dir) return;
  const content = contentOfRow(row);
  const setAside = setAsideOf(dir.entries, content, envelopeOf(row).payload.agencyOrganisationId);
  if (!setAside) return;
  const caseNumber = content.kind === 'civil_disclosure' ? (content.civil.courtOrder?.caseNumber ?? '') : '';
  throw new DomainError('ILLEGAL_TRANSITION', setAsideAnswerRefusal(caseNumber), {
    field: 'civil.courtOrder',
    value: caseNumber,
    standing: 'set_aside',
  });
}
