import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { isOneOf, ROLE_GRANT_STATES, ROLES, type Role, type RoleGrantState } from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';

// The one reader of the roles the store keeps of a person or a machine client (`users.roles`,
// `clients.roles`: a JSON array of role codes), checked with zod as every boundary is. A code this version
// does not know (a newer version's role in a store run again by an older one, a hand edit) or a value that
// is no list of codes fails loudly, naming whose roles and the value: left out, it would silently change
// what the holder may do and what is checked of them — an auditor's role dropped from the check that
// one person never audits their own administration, an administrator's from the one that keeps one. Kept,
// the permission table would have to know a role it cannot describe. So the holder's own acts (signing
// in, a change to their roles, a check of their authority) fail on such a row until the installation's
// operator corrects it (or runs the version that wrote it). Reads over many people — lists, the directory
// log, the names in the audit log, the counts of administrators and countersigners — go on without them:
// `countedRoles` counts such a holder as holding nothing, `shownRoles` shows the roles it knows; both log
// the row. One bad row never stops the hub or a whole organisation; see docs/decisions.md. A grant's one role
// (`role_grants.role`) is read by the same policy: `grantedRole` where the grant is acted on or its holder's
// periods asked for, `grantedRoleOrUnknown` over many grants (left out of a list, counted on the safe side).

/** Whose stored roles are read: named when they cannot be (their login or name; the id in the details). */
export interface RolesOwner {
  kind: 'user' | 'client';
  id: string;
  name: string | null;
}

const StoredRoleList = z.array(z.string());

/** The roles stored as `json` for `owner`; null (no such row joined) is none. Throws on anything else. */
export function storedRoles(json: string | null, owner: RolesOwner): Role[] {
  if (json === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw unreadableRoles(json, owner, null);
  }
  const list = StoredRoleList.safeParse(parsed);
  if (!list.success) throw unreadableRoles(json, owner, null);
  const unknown = list.data.filter((r) => !isOneOf(ROLES, r));
  if (unknown.length > 0) throw unreadableRoles(json, owner, unknown);
  return list.data.filter((r): r is Role => isOneOf(ROLES, r));
}

/** Whether `err` is the refusal of an unreadable stored role list. */
const unreadable = (err: unknown): boolean =>
  err instanceof DomainError && err.code === 'INTERNAL' && err.details?.stored === 'roles';

/**
 * The roles stored for one among many: read as `storedRoles` reads them, or — a row it refuses — null,
 * logged; each caller decides which side is safe for what it asks.
 */
export function rolesOrUnreadable(json: string | null, owner: RolesOwner): Role[] | null {
  try {
    return storedRoles(json, owner);
  } catch (err) {
    if (!unreadable(err)) throw err;
    logger.warn('directory.stored_roles_unreadable', { kind: owner.kind, id: owner.id });
    return null;
  }
}

/**
 * The roles of one among many, for counting who may act where finding someone is the safe answer
 * (another administrator kept): an unreadable list counts as no roles — never as an administrator kept.
 * Where finding no one would be the unsafe answer (a second person to confirm), the caller uses
 * `rolesOrUnreadable` and takes an unreadable holder as one who might be that person.
 */
export function countedRoles(json: string | null, owner: RolesOwner): Role[] {
  return rolesOrUnreadable(json, owner) ?? [];
}

/**
 * The roles of one among many, for showing or for history (a list of people, the audit log's names, the
 * directory log): the known codes of an unreadable list, and where it is not even a list, the known codes
 * written in it — the log is history, so an entry is never dropped for a code it does not know.
 */
export function shownRoles(json: string | null, owner: RolesOwner): Role[] {
  const read = rolesOrUnreadable(json, owner);
  if (read !== null) return read;
  let codes: unknown;
  try {
    codes = JSON.parse(json ?? '[]');
  } catch {
    codes = null;
  }
  if (Array.isArray(codes)) return codes.filter((r): r is Role => typeof r === 'string' && isOneOf(ROLES, r));
  return ROLES.filter((r) => (json ?? '').includes(`"${r}"`));
}

/** A grant of a role (`role_grants.role`, one code) as the owner of its stored role: its id and its holder. */
export interface GrantOwner {
  grantId: string;
  holder: RolesOwner;
}

/**
 * The one role a grant records, for acting on that grant (countersigning, refusing or activating it) or on
 * its holder's own periods: a code this version does not know throws, naming the grant's holder and the
 * value, as `storedRoles` does for a list — acted on, the grant would give or refuse a role nobody can say.
 */
export function grantedRole(value: string, grant: GrantOwner): Role {
  if (isOneOf(ROLES, value)) return value;
  throw unreadableGrant(value, grant);
}

/**
 * The role of one grant among many (a list of grants, a timeline's periods, what a person awaits): the role,
 * or null — logged — for a code this version does not know. Each caller decides which side is safe for what
 * it asks: a list leaves the grant out (its role cannot be said), a count takes it as whatever would hold back.
 */
export function grantedRoleOrUnknown(value: string, grant: GrantOwner): Role | null {
  if (isOneOf(ROLES, value)) return value;
  logger.warn('directory.stored_grant_role_unreadable', { grantId: grant.grantId, userId: grant.holder.id });
  return null;
}

/** The state of one grant among many: the state, or null — logged — for one this version does not know. */
export function grantStateOrUnknown(value: string, grant: GrantOwner): RoleGrantState | null {
  if (isOneOf(ROLE_GRANT_STATES, value)) return value;
  logger.warn('directory.stored_grant_state_unreadable', { grantId: grant.grantId, userId: grant.holder.id });
  return null;
}

function unreadableGrant(value: string, grant: GrantOwner): DomainError {
  const name = shownInput(grant.holder.name ?? grant.holder.id);
  const code = shownInput(value);
  return new DomainError(
    'INTERNAL',
    {
      ja:
        `利用者 ${name} への役割の付与に、この版の知らない役割が保存されています: ${code}。` +
        '設置の運用者が保存内容を直すまで、この付与への副署・拒否と、この利用者の役割の期間の確認はできません',
      en:
        `a grant of a role to user ${name} holds a role this version does not know: ${code}; it cannot be ` +
        "countersigned or refused, nor this user's role periods checked, until the installation's operator " +
        'corrects the store (or runs the version that wrote it)',
    },
    { stored: 'role', value, grantId: grant.grantId, userId: grant.holder.id },
  );
}

function unreadableRoles(value: string, owner: RolesOwner, unknown: string[] | null): DomainError {
  const name = shownInput(owner.name ?? owner.id);
  const whose =
    owner.kind === 'user'
      ? { ja: `利用者 ${name} の保存された役割`, en: `the stored roles of user ${name}` }
      : { ja: `クライアント ${name} の保存された役割`, en: `the stored roles of client ${name}` };
  const what =
    unknown === null
      ? { ja: `役割の一覧ではありません（${shownInput(value)}）`, en: `are not a list of roles (${shownInput(value)})` }
      : {
          ja: `この版の知らない役割を含みます: ${unknown.map(shownInput).join(', ')}`,
          en: `hold a role this version does not know: ${unknown.map(shownInput).join(', ')}`,
        };
  const subject = owner.kind === 'user' ? '利用者' : 'クライアント';
  return new DomainError(
    'INTERNAL',
    {
      ja: `${whose.ja}が${what.ja}。設置の運用者が保存内容を直すまで、この${subject}の操作と権限の確認はできません`,
      en:
        `${whose.en} ${what.en}; this ${owner.kind}'s own acts and authority cannot be checked until the ` +
        "installation's operator corrects the store (or runs the version that wrote it)",
    },
    { stored: 'roles', value, [owner.kind === 'user' ? 'userId' : 'clientId']: owner.id },
  );
}

/** A person's row as the owner of its stored roles. */
export const ownerOf = (u: { id: string; login: string }): RolesOwner => ({ kind: 'user', id: u.id, name: u.login });
