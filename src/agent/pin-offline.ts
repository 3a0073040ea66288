import { importDirectory, type Pinned } from '../directory/transparency.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';
import { findAgentRequest } from './agent.repository.ts';
import { recheckAwaitingLog } from './hub-ended.ts';
import { type HubEndedView, hubEndedOf } from './hub-ended-texts.ts';

// `shokai agent pin`: an installation with no line to the hub grows its pin from a directory carried to
// it. What it recorded of a request's end whose check waited on the pinned log (a withdrawal signed with
// a key the pin did not reach yet, a set-aside not in it) is checked again against the new pin at once,
// as the pull does each cycle online: otherwise an air-gapped installation would show "not in the pinned
// log" for good.

/** A recorded end whose check changed with the new pin, as it reads now. */
export interface CheckedAgain {
  requestId: string;
  view: HubEndedView;
}

/** Pins the directory given (verified as `importDirectory` does), then checks again what waited on it. */
export async function pinAndCheckAgain(
  ctx: AppContext,
  raw: unknown,
): Promise<{ pinned: Pinned; checkedAgain: CheckedAgain[] }> {
  const pinned = await run(ctx, importDirectory, SYSTEM_CALLER, raw);
  // The pin is already extended here: nothing to do before the checks.
  const ids = await recheckAwaitingLog(ctx, async () => undefined);
  const checkedAgain: CheckedAgain[] = [];
  for (const requestId of ids) {
    const row = await findAgentRequest(ctx.store.db, requestId);
    const view = row ? hubEndedOf(row) : null;
    if (view) checkedAgain.push({ requestId, view });
  }
  return { pinned, checkedAgain };
}
