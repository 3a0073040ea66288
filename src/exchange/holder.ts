import { currentPolicy, getOrganisation } from '../directory/lookups.ts';
import type { Principal } from '../domain/access.ts';
import type { Holder } from '../domain/next-step.ts';
import { whomToAsk } from '../evidence/whom/whom-service.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';

/**
 * Whom to ask about an address, as the trace's next step needs it: the shared "whom to ask" service
 * (declared networks first, then the registry data; audited as `evidence.whom_asked`), joined with
 * the holder's category and published policy, which decide the kind of the next request.
 */
export async function holderOfAddress(
  uow: UnitOfWork,
  p: Principal,
  question: { address: string; port?: number; at: string; caseId: string },
): Promise<Holder> {
  const whom = await whomToAsk(uow, p, question);
  const foundBy = whom.reasons[0]?.message ?? whom.summary;
  if (whom.holder) {
    const org = await getOrganisation(uow.tx, whom.holder.organisationId);
    const { policy } = await currentPolicy(uow.tx, org);
    return {
      kind: 'provider',
      providerOrganisationId: org.id,
      name: { ja: org.nameJa, en: org.nameEn },
      category: org.providerCategory ?? 'other',
      isTelecomCarrier: org.isTelecomCarrier,
      policy,
      foundBy,
    };
  }
  if (whom.verdict === 'foreign') {
    return {
      kind: 'foreign',
      country: whom.registry?.country ?? null,
      name: whom.registry?.holder?.name ?? null,
      foundBy,
    };
  }
  return { kind: 'unknown', reason: whom.summary };
}
