import { DomainError } from '../domain/errors.ts';
import type { OrganisationKind, Role } from '../domain/vocabulary.ts';
import type { Db } from '../store/database.ts';
import type { Principal } from './principal.ts';

/** The principal of a user, by login (CLI and demo act as a named user through the same services). */
export async function principalOfLogin(db: Db, login: string): Promise<Principal> {
  const r = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.organisation_id', 'u.unit_id', 'u.roles', 'u.display_name', 'u.disabled', 'o.kind'])
    .where('u.login', '=', login)
    .executeTakeFirst();
  if (!r || r.disabled)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `利用者 ${login} は存在しません`, en: `user ${login} does not exist` },
      { field: 'login', value: login },
    );
  return {
    kind: 'user',
    id: r.id,
    organisationId: r.organisation_id,
    organisationKind: r.kind as OrganisationKind,
    unitId: r.unit_id,
    roles: JSON.parse(r.roles) as Role[],
    displayName: r.display_name,
  };
}
