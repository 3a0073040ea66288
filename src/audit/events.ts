/** Who did something: a person, a machine client of an organisation, or the system itself. */
export type ActorRef =
  | { type: 'user'; id: string; organisationId: string }
  | { type: 'client'; id: string; organisationId: string }
  | { type: 'system'; id: null; organisationId: null };

export const SYSTEM_ACTOR: ActorRef = { type: 'system', id: null, organisationId: null };

export { AUDIT_ACTIONS, type AuditAction } from '../domain/vocabulary.ts';

import type { AuditAction } from '../domain/vocabulary.ts';

export interface AuditEvent {
  actor: ActorRef;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

/** The key that signs checkpoints, unwrapped in memory for the server's lifetime. */
export interface AuditSigner {
  keyId: string;
  privateKey: string;
}

/** A signed checkpoint of the head is written every CHECKPOINT_EVERY entries. */
export const CHECKPOINT_EVERY = 100;
