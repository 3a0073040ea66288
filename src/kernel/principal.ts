import { type ActorRef, SYSTEM_ACTOR } from '../audit/events.ts';
import type { Caller } from '../domain/access.ts';

export type { Caller, Principal, SystemCaller } from '../domain/access.ts';
export { SYSTEM_CALLER } from '../domain/access.ts';

/** The audit actor of a caller. */
export function actorOf(p: Caller): ActorRef {
  return p.kind === 'system' ? SYSTEM_ACTOR : { type: p.kind, id: p.id, organisationId: p.organisationId };
}
