// What the holders' tests share: the request an installation resolves, as the hub would deliver it.
import { type RequestContentInput, RequestContentSchema } from '../../src/domain/request-content.ts';
import type { TargetInput } from '../../src/domain/targets.ts';

/** A parsed inquiry (case R8-001, a threat) to the provider for `targets`, asking `categories`. */
export const inquiry = (targets: TargetInput[], categories: Array<'subscriber' | 'access_log'> = ['subscriber']) =>
  RequestContentSchema.parse({
    kind: 'inquiry',
    providerOrganisationId: 'org_provider',
    caseReference: 'R8-001',
    offence: '脅迫',
    facts: '掲示板への書き込み',
    necessity: '被疑者の特定',
    targets,
    categories,
  } satisfies RequestContentInput);
