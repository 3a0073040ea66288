// A provider's installation key or machine client registered by its administrator waits for a second
// person (src/directory/key-registrations.ts). Tests about something else have the installation's operator
// confirm it, as for a provider with no second administrator; test/directory/key-registrations.test.ts
// tests the rule itself.
import { confirmKeyRegistration } from '../../src/directory/key-registrations.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';

export async function confirmedByOperator(hub: { ctx: AppContext }, registrationId: string): Promise<void> {
  await run(hub.ctx, confirmKeyRegistration, SYSTEM_CALLER, registrationId);
}

/** The registrations a command printed as awaiting a second person (`provider key register`, `agent register`). */
export function printedRegistrations(stdout: string): string[] {
  return [...stdout.matchAll(/[(（](?:registration|申請) (kreg_[\w-]+)[)）]/g)].map((m) => m[1] ?? '');
}

/** Has the operator confirm every registration a command printed as awaiting a second person. */
export async function confirmPrinted(hub: { ctx: AppContext }, stdout: string): Promise<number> {
  const ids = printedRegistrations(stdout);
  for (const id of ids) await confirmedByOperator(hub, id);
  return ids.length;
}
