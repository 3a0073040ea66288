import { z } from 'zod';
import type { PublicKeyRecord } from './key-trust.ts';

// Whether the owner of a key held a role at an organisation when they signed, checked against the grants a
// directory log publishes beside every key (each grant with when it took effect and when it ended): a key
// alone, which any person of the organisation could have registered (or a hub that lies could have minted),
// does not say what its owner may do. Read for judges (./pinned-judges.ts: a warrant's or an order's signer)
// and for a content provider's people who carry out a provision order (./provision-notice.ts: a notice's).

/** An id and an instant as a log entry writes them. */
export const Id = z.string().min(1).max(200);
export const At = z.string().min(1).max(40);

/** A grant of a role the log carries: `at` when the log recorded it, `from` when it took effect. */
export const RoleEntrySchema = z.strictObject({
  type: z.literal('role'),
  at: At,
  id: Id,
  organisationId: Id,
  unitId: Id.nullable(),
  userId: Id,
  role: z.string(),
  from: At,
});
/** The end of a grant (its holder disabled): the role is not held from `at` on. */
export const RoleEndedEntrySchema = z.strictObject({
  type: z.literal('role.ended'),
  at: At,
  grantId: Id,
  reason: z.string(),
});
export type RoleEntry = z.infer<typeof RoleEntrySchema> | z.infer<typeof RoleEndedEntrySchema>;
/** A grant of a pinned log with the period it counts for (`until` exclusive, null while it lasts). */
export interface PinnedGrant {
  id: string;
  organisationId: string;
  unitId: string | null;
  userId: string;
  role: string;
  from: string;
  until: string | null;
}

/**
 * The grants of a pinned log, in log order. A grant counts from when it took effect only where the log
 * recorded it then, or in the log's first batch of grants (the roles held when the hub's log began to
 * carry them, all recorded at one instant: the hub's one declaration of its past). A grant recorded later
 * with an earlier start counts from when it was recorded: nobody becomes an approver after the fact.
 */
export function pinnedGrants(entries: readonly RoleEntry[]): PinnedGrant[] {
  const grants = new Map<string, PinnedGrant>();
  const epoch = entries.find((e) => e.type === 'role')?.at;
  for (const e of entries) {
    if (e.type === 'role') {
      const from = e.at === epoch || Date.parse(e.from) >= Date.parse(e.at) ? e.from : e.at;
      const { type: _t, at: _a, id, ...grant } = e;
      grants.set(id, { id, ...grant, from, until: null });
    } else {
      const g = grants.get(e.grantId);
      if (g && g.until === null) g.until = e.at;
    }
  }
  return [...grants.values()];
}

/** Whether a pinned grant counts at instant `t` (ms). */
export const heldAt = (g: PinnedGrant, t: number): boolean =>
  Date.parse(g.from) <= t && (g.until === null || t < Date.parse(g.until));

/**
 * The grants of `roles` in a log, in log order, and their ends. Each family of roles has its own first
 * batch (the grants held when the hub's log began to carry them: migrations 038, 068, 072), counted from
 * when they took effect; a grant recorded later counts from when it was recorded (pinnedGrants).
 */
export function pinnedRoleGrants(
  entries: readonly { type: string; role?: unknown }[],
  roles: readonly string[],
): PinnedGrant[] {
  const family = entries.filter(
    (e): e is RoleEntry =>
      (e.type === 'role' && typeof e.role === 'string' && roles.includes(e.role)) || e.type === 'role.ended',
  );
  return pinnedGrants(family);
}

/**
 * Why the grants do not show the owner of `key` holding one of them at `organisationId` at `signedAt`:
 * `unpinned`, no grant at all (a log from before it carried them); `newer`, signed after the log's head
 * `headAt` (a grant the log does not have yet); `not_held`, the log says they did not hold it then.
 */
export type PinnedRoleRefusal = 'unpinned' | 'newer' | 'not_held';

/** Null when the owner of `key` (a user's key, its signature already checked) held one of the grants then. */
export function pinnedRoleRefusal(
  grants: readonly PinnedGrant[],
  key: Pick<PublicKeyRecord, 'ownerType' | 'ownerId'>,
  organisationId: string,
  signedAt: string,
  headAt: string,
): PinnedRoleRefusal | null {
  const t = Date.parse(signedAt);
  const held =
    key.ownerType === 'user' &&
    !Number.isNaN(t) &&
    grants.some((g) => g.userId === key.ownerId && g.organisationId === organisationId && heldAt(g, t));
  if (held) return null;
  if (grants.length === 0) return 'unpinned';
  if (t > Date.parse(headAt)) return 'newer';
  return 'not_held';
}
