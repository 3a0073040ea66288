import type { KeyObject } from 'node:crypto';
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

/** The key that signs tree heads, unwrapped (and imported once) for the server's lifetime. */
export interface AuditSigner {
  keyId: string;
  privateKey: KeyObject;
  publicKey: string;
  fingerprint: string;
}

/**
 * The checkpoint policy (docs/security.md §6). A tree head is signed in the same transaction as the
 * append that brings the unsigned tail to TREE_HEAD_EVERY entries, or that comes TREE_HEAD_MAX_AGE_MS
 * or more after the latest signed head; a quiet server signs a waiting tail on a timer of the same
 * period; receipts, backups and shutdown sign on demand. So at most TREE_HEAD_EVERY − 1 entries ever
 * follow the latest signed head in a store, which verification enforces.
 */
export const TREE_HEAD_EVERY = 32;
export const TREE_HEAD_MAX_AGE_MS = 10_000;
