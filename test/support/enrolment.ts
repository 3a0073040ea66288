// A person a test makes through the directory's service and who then enrols as a real person does: with
// the one-time code their administrator received, through the same door (src/auth/enrolment.ts), choosing
// `password`. What the test needs to sign them in comes back: their TOTP secret beside what was made.
import { enrol } from '../../src/auth/enrolment.ts';
import { createUser } from '../../src/directory/users.ts';
import type { Caller } from '../../src/domain/access.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';

/** Made by `caller`, then enrolled with `password`: what `createUser` returned, and the TOTP secret. */
export async function madeAndEnrolled(
  ctx: AppContext,
  caller: Caller,
  person: Record<string, unknown> & { login: string },
  password: string,
) {
  const made = await run(ctx, createUser, caller, person);
  const enrolled = await enrol(ctx, { login: person.login, code: made.enrolment.code, password }, { client: 'test' });
  return { ...made, user: enrolled.user, totpSecret: enrolled.totpSecret };
}
