// What the holders' tests share: the request an installation resolves, as the hub would deliver it, and a
// store of a suite's own holding a board's post log.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { type RequestContentInput, RequestContentSchema } from '../../src/domain/request-content.ts';
import type { TargetInput } from '../../src/domain/targets.ts';
import { importPostLog } from '../../src/holders/board-service.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { type AttributionTestStore, openAttribution } from '../attribution/setup.ts';
import { type Dialect, suiteLocation } from '../support/dialects.ts';

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

/**
 * A fresh store on `dialect` for the suite this is called in: opened before its tests with the post log
 * `posts` imported (when given), closed after them, before its location is dropped.
 */
export function postLogSuite(
  dialect: Dialect,
  prefix: string,
  posts?: { name: string; content: string },
): { readonly ctx: AppContext } {
  let s: AttributionTestStore | undefined;
  after(async () => s?.close());
  const { fresh } = suiteLocation(dialect, prefix);
  before(async () => {
    s = await openAttribution((await fresh()).location);
    if (posts) await run(s.ctx, importPostLog, SYSTEM_CALLER, { file: posts });
  });
  return {
    get ctx() {
      return (s ?? assert.fail('the suite has not begun')).ctx;
    },
  };
}
