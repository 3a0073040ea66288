import type { Principal } from '../../src/domain/access.ts';
import type { OrganisationKind, Role } from '../../src/domain/vocabulary.ts';

/** A signed-in person with `roles` in an organisation of `kind`, for calling services directly. */
export const person = (roles: Role[], organisationKind: OrganisationKind = 'provider'): Principal => ({
  kind: 'user',
  id: `usr_${roles.join('_')}_${organisationKind}`,
  organisationId: `org_${organisationKind}`,
  organisationKind,
  unitId: null,
  roles,
  displayName: roles.join(', '),
});
