// What the holders' tests share: the request an installation resolves, as the hub would deliver it.
import { type RequestContentInput, RequestContentSchema } from '../../src/domain/request-content.ts';
import type { TargetInput } from '../../src/domain/targets.ts';

type Addressed = { providerOrganisationId?: string; caseReference?: string; necessity?: string };

/**
 * A parsed inquiry (case R8-001, a threat) to the provider for `targets`, asking `categories`; to
 * another holder, in another case or for another need as `o` says.
 */
export const inquiry = (
  targets: TargetInput[],
  categories: Array<'subscriber' | 'access_log'> = ['subscriber'],
  o: Addressed = {},
) =>
  RequestContentSchema.parse({
    kind: 'inquiry',
    providerOrganisationId: 'org_provider',
    caseReference: 'R8-001',
    offence: '脅迫',
    facts: '掲示板への書き込み',
    necessity: '被疑者の特定',
    targets,
    categories,
    ...o,
  } satisfies RequestContentInput);

/** The board's parsed inquiry in case `caseReference` about the posts `targets`: who wrote them, and from where. */
export const boardInquiry = (caseReference: string, targets: TargetInput[]) =>
  inquiry(targets, ['subscriber', 'access_log'], {
    providerOrganisationId: 'org_board',
    caseReference,
    necessity: '書き込んだ者の特定',
  });
