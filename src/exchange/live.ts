import { type Principal, requestSide } from '../domain/access.ts';
import type { AppEvent } from '../kernel/events.ts';
import type { Db } from '../store/database.ts';
import { accessOf } from './request.repository.ts';

/**
 * Whether a principal may be told of a change: the same access rule as reading the request (the
 * issuing unit, people it shared the request with, the addressed provider once delivered, oversight).
 */
export async function mayBeToldOf(db: Db, p: Principal, e: AppEvent, at: Date): Promise<boolean> {
  const facts = {
    agencyOrganisationId: e.agencyOrganisationId,
    unitId: e.unitId,
    providerOrganisationId: e.providerOrganisationId,
    draftedBy: e.draftedBy,
    origin: e.origin,
    receivedAt: e.receivedAt,
  };
  if (requestSide(p, facts)) return true;
  if (p.organisationKind !== 'agency' || p.organisationId !== e.agencyOrganisationId) return false;
  const access = await accessOf(db, e.requestId, p.id, at.toISOString());
  return requestSide(p, { ...facts, sharedWithViewer: access.shared }) !== null;
}
