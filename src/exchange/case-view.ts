import { type Case, getCase } from '../cases/case-service.ts';
import { listScope, type Principal } from '../domain/access.ts';
import type { Target } from '../domain/targets.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestSummary } from './read-models.ts';
import { type CaseLink, caseChain } from './reads.ts';

export type CaseDetail = Case & { requests: Array<RequestSummary & { targets: Target[] }>; links: CaseLink[] };

/**
 * One case's page: the case, its requests with what each asks about (e-mail addresses, addresses at a time,
 * accounts) and the links between them. What each asks about is personal data, so the read is audited as the
 * trace built from the same chain is, and as a request's own page is.
 */
export async function viewCase(uow: UnitOfWork, p: Principal, id: string): Promise<CaseDetail> {
  const cs = await getCase(uow, p, id);
  const chain = await caseChain(uow, p, cs.id);
  await uow.auditBy(p, 'case.viewed', ['case', cs.id], {
    requests: chain.requests.length,
    links: chain.links.length,
    scope: listScope(p).kind,
  });
  return { ...cs, ...chain };
}
