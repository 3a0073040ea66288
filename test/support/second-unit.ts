// A second unit of a demo force, with an investigator of its own signed in: what a test of need-to-know between
// the units of one force (statistics, requests) stands beside the demo's one unit.
import { createUnit } from '../../src/directory/organisations.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { madeAndEnrolled } from './enrolment.ts';
import { type Client, MADE_PASSWORD, signInMade, type TestHub } from './exchange.ts';

/** Section 2 of the force `organisationId`, and its investigator `login`, signed in. */
export async function secondUnitInvestigator(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  organisationId: string,
  login: string,
): Promise<{ unitId: string; investigator: Client }> {
  const unit = await run(hub.ctx, createUnit, SYSTEM_CALLER, organisationId, {
    nameJa: 'サイバー犯罪対策課第二係',
    nameEn: 'Cybercrime Division, Section 2',
  });
  const made = await madeAndEnrolled(
    hub.ctx,
    SYSTEM_CALLER,
    { organisationId, unitId: unit.id, login, displayName: '第二係 捜査員', roles: ['investigator'] },
    MADE_PASSWORD,
  );
  return { unitId: unit.id, investigator: await signInMade(hub, login, MADE_PASSWORD, made.totpSecret) };
}
