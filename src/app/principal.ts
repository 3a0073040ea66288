import type { ActorRef } from '../audit/audit-log.ts';
import { DomainError } from '../domain/errors.ts';
import type { OrganisationKind, Role } from '../domain/vocabulary.ts';

/** The authenticated caller of a service: a person or a provider's machine client. */
export interface Principal {
  kind: 'user' | 'client';
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  unitId: string | null;
  roles: Role[];
  displayName: string;
}

export function actorOf(p: Principal): ActorRef {
  return { type: p.kind, id: p.id, organisationId: p.organisationId };
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}

/** The one access check: a role among `roles` (and optionally an organisation kind), or FORBIDDEN. */
export function requireRole(p: Principal, roles: Role[], orgKinds?: OrganisationKind[]): void {
  if (!hasRole(p, ...roles) || (orgKinds && !orgKinds.includes(p.organisationKind))) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: `この操作には次の役割が必要です: ${roles.join(', ')}`,
        en: `this action needs one of the roles: ${roles.join(', ')}`,
      },
      { required: roles, organisationKinds: orgKinds },
    );
  }
}

/** Writes and private reads stay inside one's own organisation — no role crosses this line. */
export function requireSameOrganisation(p: Principal, organisationId: string): void {
  if (p.organisationId !== organisationId) {
    throw new DomainError(
      'FORBIDDEN',
      { ja: '他の組織のデータは参照できません', en: 'you cannot access data of another organisation' },
      { organisationId },
    );
  }
}
