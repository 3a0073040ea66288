import { z } from 'zod';
import { type Caller, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { EMERGENCY_BASES } from '../domain/emergency.ts';
import {
  checkRequestAgainstPolicy,
  type PolicyCheck,
  type ProviderPolicy,
  ProviderPolicySchema,
} from '../domain/policy.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { DATA_CATEGORIES, REQUEST_KINDS } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { insertPolicyRow } from './directory.repository.ts';
import { currentPolicy, type PublishedPolicy, requireProvider } from './lookups.ts';

/** A provider's published policy, read by anyone signed in (requesters check it before drafting). */
export async function readPolicy(uow: UnitOfWork, providerId: string): Promise<PublishedPolicy> {
  return currentPolicy(uow.tx, await requireProvider(uow.tx, providerId, 'id'));
}

/** Publishes a new version of a provider's policy (its own administrator or legal reviewer). */
export async function publishPolicy(
  uow: UnitOfWork,
  caller: Caller,
  providerId: string,
  raw: unknown,
): Promise<{ version: number; policy: ProviderPolicy }> {
  requirePermission(caller, 'policy.publish');
  requireSameOrganisation(caller, providerId);
  const policy = parseOrThrow(ProviderPolicySchema, raw);
  const org = await requireProvider(uow.tx, providerId, 'id');
  const { version } = await currentPolicy(uow.tx, org);
  const next = version + 1;
  await insertPolicyRow(uow.tx, {
    organisation_id: org.id,
    version: next,
    policy: JSON.stringify(policy),
    published_at: uow.now.toISOString(),
  });
  await uow.auditBy(caller, 'policy.published', ['organisation', org.id], { version: next });
  return { version: next, policy };
}

export const PolicyCheckInputSchema = z.strictObject({
  kind: z.enum(REQUEST_KINDS),
  providerOrganisationId: z.string().min(1),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  emergencyBasis: z.enum(EMERGENCY_BASES).optional(),
  /** The request will ask that the subscriber not be told (秘匿). */
  doNotNotify: z.boolean().optional(),
});

/** Would this provider accept this kind of request for these categories? (runs as the investigator types) */
export async function checkPolicy(uow: UnitOfWork, raw: unknown): Promise<PolicyCheck> {
  const input = parseOrThrow(PolicyCheckInputSchema, raw);
  const org = await requireProvider(uow.tx, input.providerOrganisationId);
  const { policy } = await currentPolicy(uow.tx, org);
  return checkRequestAgainstPolicy(
    {
      kind: input.kind,
      categories: input.categories,
      ...(input.emergencyBasis ? { emergencyBasis: input.emergencyBasis } : {}),
      ...(input.doNotNotify ? { doNotNotify: true } : {}),
    },
    { isTelecomCarrier: org.isTelecomCarrier, policy },
  );
}
