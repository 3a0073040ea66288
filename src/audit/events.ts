/** Who did something: a person, a machine client of an organisation, or the system itself. */
export type ActorRef =
  | { type: 'user'; id: string; organisationId: string }
  | { type: 'client'; id: string; organisationId: string }
  | { type: 'system'; id: null; organisationId: null };

export const SYSTEM_ACTOR: ActorRef = { type: 'system', id: null, organisationId: null };

/** The audited actions: a closed union, so a typo is a compile error. */
export const AUDIT_ACTIONS = [
  'organisation.created',
  'unit.created',
  'user.created',
  'user.disabled',
  'user.login',
  'user.login_failed',
  'user.logout',
  'key.created',
  'key.revoked',
  'policy.published',
  'networks.declared',
  'case.created',
  'request.drafted',
  'request.updated',
  'request.viewed',
  'request.transition',
  'request.signed',
  'request.received',
  'request.intake_rejected',
  'request.message',
  'answer.sealed',
  'answer.read',
  'audit.checkpoint',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
