import { draftApplication, submitApplication } from '../court/applications.ts';
import { sendApplication, sendPreview } from '../court/approval.ts';
import type { WarrantApplication } from '../court/read-models.ts';
import { applicationAttestationPreview, attestApplication, openRequestFromApplication } from '../court/review.ts';
import type { Principal } from '../domain/access.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';
import type { SoftAssertion } from './soft-authenticator.ts';

// The demo's warrants go the way real ones do: the investigator applies, the unit head sends the
// application signed with his passkey, the judge attests it with his — the demo's software
// authenticators standing in for their devices — and the request is drafted from the warrant.

type Sign = (p: Principal, digest: string) => { assertion?: SoftAssertion };

/** An application drafted by the investigator and sent to the court by the unit head. */
export async function applyForWarrant(
  ctx: AppContext,
  people: { sato: Principal; tanaka: Principal; sign: Sign; judge?: Principal },
  application: Record<string, unknown>,
): Promise<WarrantApplication> {
  const drafted = await run(ctx, draftApplication, people.sato, application);
  await run(ctx, submitApplication, people.sato, drafted.id);
  const { digest } = await run(ctx, sendPreview, people.tanaka, drafted.id);
  return run(ctx, sendApplication, people.tanaka, drafted.id, { digest, ...people.sign(people.tanaka, digest) });
}

/** The judge attests a sent application; the investigator drafts the warrant request from it. */
export async function issueWarrant(
  ctx: AppContext,
  people: { judge: Principal; sign: Sign; sato?: Principal },
  application: WarrantApplication,
  decision: { warrantNumber: string; issuedAt: string; validUntil: string },
  drafter?: Principal,
): Promise<WarrantApplication> {
  const { digest } = await run(ctx, applicationAttestationPreview, people.judge, application.id, decision);
  await run(ctx, attestApplication, people.judge, application.id, {
    ...decision,
    ...people.sign(people.judge, digest),
  });
  const by = drafter ?? people.sato;
  if (!by) throw new Error('demo: nobody drafts the warrant request');
  return run(ctx, openRequestFromApplication, by, application.id, {});
}
