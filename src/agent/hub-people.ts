import { z } from 'zod';
import { visibleText } from '../domain/shown-text.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { type HubLink, listOwnPeople } from './hub.ts';

// The pinned directory log has no names for a person's key: a passkey of the provider's legal officer is
// there as "user usr_…", and nobody at the provider can say from an internal id whose it is. The
// installation asks the hub for the people of its own organisation on each cycle (GET /v1/users, the
// caller's organisation only) and keeps their names, so the watch of the keys in its own name
// (./keys-monitor.ts) says a person's key by the name the hub gives. The name is the hub's word, and the
// hub's operator is the party that watch guards against: the words say so ("as the hub names user …").
//
// Need-to-know: only the installation's own organisation is kept (a person of another organisation in
// the hub's answer is dropped and logged, never stored). Refreshed whenever the hub answers; when it does
// not (unreachable, refused), the last names learned are kept, and an installation without a hub (file
// mode, `shokai agent pin`) shows those it learned while it had one.

const NAME_MAX = 200;

const HubPeopleSchema = z.strictObject({
  organisationId: z.string(),
  /** When the hub last answered with this list (UTC). */
  at: z.string(),
  people: z.array(
    z.strictObject({
      id: z.string(),
      displayName: z.string(),
      login: z.string(),
      roles: z.array(z.string()),
      disabled: z.boolean(),
    }),
  ),
});
export type HubPeople = z.infer<typeof HubPeopleSchema>;

/** The people of `organisationId` as the hub last named them, or undefined when none were learned. */
export async function hubPeople(tx: Tx, organisationId: string): Promise<HubPeople | undefined> {
  const text = await getSetting(tx, SETTINGS.agentHubPeople);
  const kept = text ? HubPeopleSchema.parse(JSON.parse(text)) : undefined;
  return kept?.organisationId === organisationId ? kept : undefined;
}

/** Id → the name the hub gives, for the words of a person's key. */
export function hubNames(people: HubPeople | undefined): ReadonlyMap<string, string> {
  return new Map((people?.people ?? []).map((p) => [p.id, p.displayName]));
}

/** Text from the hub as it is kept: every hidden character written out, at most NAME_MAX characters. */
const asKept = (text: string) => Array.from(visibleText(text.trim())).slice(0, NAME_MAX).join('');

/**
 * Asks the hub for the people of `organisationId` and keeps them (only theirs); when the hub does not
 * answer, the names learned before stay. Whether they were learned now.
 */
export async function learnHubPeople(ctx: AppContext, hub: HubLink, organisationId: string): Promise<boolean> {
  let listed: Awaited<ReturnType<typeof listOwnPeople>>;
  try {
    listed = await listOwnPeople(hub);
  } catch (err) {
    const status = err && typeof err === 'object' && 'status' in err ? err.status : undefined;
    logger.warn('agent.people_not_learned', typeof status === 'number' ? { status } : {});
    return false;
  }
  const ours = listed.filter((u) => u.organisationId === organisationId);
  if (ours.length < listed.length) {
    logger.warn('agent.people_foreign_dropped', { count: listed.length - ours.length });
  }
  return inTransaction(ctx, async (uow) => {
    const at = uow.now.toISOString();
    const people: HubPeople = {
      organisationId,
      at,
      people: ours.map((u) => ({
        id: u.id,
        displayName: asKept(u.displayName),
        login: asKept(u.login),
        roles: u.roles,
        disabled: u.disabled,
      })),
    };
    await putSetting(uow.tx, SETTINGS.agentHubPeople, JSON.stringify(people), at);
    return true;
  });
}
