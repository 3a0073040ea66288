import { isOneOf, ROLES, type Role } from '../domain/vocabulary.ts';

/** A user's or client's stored role list (JSON) read back as roles, anything else left out. */
export function storedRoles(json: string | null): Role[] {
  if (json === null) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((r): r is Role => isOneOf(ROLES, r)) : [];
  } catch {
    return [];
  }
}
