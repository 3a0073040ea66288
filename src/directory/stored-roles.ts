import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { isOneOf, ROLES, type Role } from '../domain/vocabulary.ts';
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
// the row. One bad row never stops the hub or a whole organisation; see docs/decisions.md.

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

/** One role stored for `owner` (a grant's, an end's), read as `storedRoles` reads a list. */
export function storedRole(value: string, owner: RolesOwner): Role {
  if (isOneOf(ROLES, value)) return value;
  throw unreadableRoles(value, owner, [value]);
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
