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
// the hub's answer is dropped and logged, never stored), and of each person only the id and the name
// (the one thing used), not the login, roles or standing. Refreshed whenever the hub answers; when it
// does not (unreachable, refused), the last names learned are kept, and an installation without a hub
// (file mode, `shokai agent pin`) shows those it learned while it had one.
//
// The hub's answer is checked as any of its words: an item that is not a person with a name in text is
// dropped (and counted in the log), and nothing in it stops a cycle. A stored value that does not parse
// (written by an older version, or damaged) is taken as no names, never as an error.

const NAME_MAX = 200;
const ID_MAX = 200;

/** A person as the hub lists them, only what is used; other fields are not read. */
const ListedPersonSchema = z.object({
  id: z.string().min(1).max(ID_MAX),
  organisationId: z.string(),
  displayName: z.string(),
});

/** As kept: unknown fields of a value an older version wrote (login, roles) are dropped when read. */
const HubPeopleSchema = z.object({
  organisationId: z.string(),
  /** When the hub last answered with this list (UTC). */
  at: z.string(),
  people: z.array(
    z.object({ id: z.string(), displayName: z.string() }).transform((p) => ({ id: p.id, displayName: p.displayName })),
  ),
});
export type HubPeople = z.infer<typeof HubPeopleSchema>;

/**
 * The people of `organisationId` as the hub last named them, or undefined when none were learned (or
 * what is stored does not parse: logged, and said as no names).
 */
export async function hubPeople(tx: Tx, organisationId: string): Promise<HubPeople | undefined> {
  const text = await getSetting(tx, SETTINGS.agentHubPeople);
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const kept = HubPeopleSchema.safeParse(raw);
  if (!kept.success) {
    logger.warn('agent.people_unreadable', {});
    return undefined;
  }
  return kept.data.organisationId === organisationId ? kept.data : undefined;
}

/** Id → the name the hub gives, for the words of a person's key. */
export function hubNames(people: HubPeople | undefined): ReadonlyMap<string, string> {
  return new Map((people?.people ?? []).map((p) => [p.id, p.displayName]));
}

/** Text from the hub as it is kept: every hidden character written out, at most NAME_MAX characters. */
const asKept = (text: string) => Array.from(visibleText(text.trim())).slice(0, NAME_MAX).join('');

/**
 * Asks the hub for the people of `organisationId` and keeps their names (only theirs); when the hub does
 * not answer, or answers with no list, the names learned before stay. Never throws: names are words on a
 * page, and a cycle does not stop for them. Whether they were learned now.
 */
export async function learnHubPeople(ctx: AppContext, hub: HubLink, organisationId: string): Promise<boolean> {
  try {
    const listed = await listOwnPeople(hub);
    if (!Array.isArray(listed)) {
      logger.warn('agent.people_not_learned', { reason: 'not_a_list' });
      return false;
    }
    const parsed = listed.map((u) => ListedPersonSchema.safeParse(u));
    const valid = parsed.flatMap((r) => (r.success ? [r.data] : []));
    if (valid.length < listed.length)
      logger.warn('agent.people_malformed_dropped', { count: listed.length - valid.length });
    const ours = valid.filter((u) => u.organisationId === organisationId);
    if (ours.length < valid.length) logger.warn('agent.people_foreign_dropped', { count: valid.length - ours.length });
    return await inTransaction(ctx, async (uow) => {
      const at = uow.now.toISOString();
      const people: HubPeople = {
        organisationId,
        at,
        people: ours.map((u) => ({ id: u.id, displayName: asKept(u.displayName) })),
      };
      await putSetting(uow.tx, SETTINGS.agentHubPeople, JSON.stringify(people), at);
      return true;
    });
  } catch (err) {
    const status = err && typeof err === 'object' && 'status' in err ? err.status : undefined;
    logger.warn('agent.people_not_learned', typeof status === 'number' ? { status } : {});
    return false;
  }
}
