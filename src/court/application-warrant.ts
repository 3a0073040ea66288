import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { findRequest } from '../exchange/request.repository.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow, WarrantApplicationRow } from '../store/schema.ts';
import { findApplicationByWarrant, recordApplicationRequest } from './application.repository.ts';

// One warrant, one request, whichever way it is drafted: from the application (令状から要請を起案) or from the
// answer's page with the unit's issued warrant chosen (`POST /v1/requests` carrying its court, number and
// provider). Either way the application records the request, so it shows it and offers no second draft; a
// second draft with the warrant is refused, naming the first, until that one is withdrawn.

/** The request the application records, unless withdrawn (then the warrant may be drafted with again). */
export async function liveRequestOf(uow: UnitOfWork, row: WarrantApplicationRow): Promise<RequestRow | null> {
  if (!row.request_id) return null;
  const r = await findRequest(uow.tx, row.request_id);
  return r && r.state !== 'withdrawn' ? r : null;
}

/** CONFLICT naming the request already drafted with the application's warrant (its reference, and its id). */
export function warrantTaken(row: WarrantApplicationRow, request: RequestRow, field: string): DomainError {
  return new DomainError(
    'CONFLICT',
    {
      ja:
        `令状 ${row.warrant_number ?? ''}（${row.reference}）では既に要請 ${request.reference} が起案されています。` +
        'その要請を使うか、取り下げてから起案してください',
      en:
        `request ${request.reference} was already drafted with warrant ${row.warrant_number ?? ''} ` +
        `(${row.reference}): use it, or withdraw it first`,
    },
    { field, applicationId: row.id, requestId: request.id, requestReference: request.reference },
  );
}

/** Refuses a second request with the application's warrant while the one it records is not withdrawn. */
export async function requireWarrantFree(uow: UnitOfWork, row: WarrantApplicationRow, field: string): Promise<void> {
  const live = await liveRequestOf(uow, row);
  if (live) throw warrantTaken(row, live, field);
}

/**
 * A new draft carrying the warrant of one of the drafter's unit's attested applications: refused if that warrant
 * already has a request that is not withdrawn; else recorded as the application's request, audited as
 * `warrant_application.request_opened` (as 令状から要請を起案 is). Other drafts are left as they are.
 */
export async function recordWarrantUse(
  uow: UnitOfWork,
  p: Principal,
  request: RequestRow,
  content: RequestContent,
): Promise<void> {
  if (content.kind !== 'warrant' || !request.unit_id) return;
  const row = await findApplicationByWarrant(uow.tx, {
    unitId: request.unit_id,
    courtOrganisationId: content.warrant.courtOrganisationId,
    warrantNumber: content.warrant.warrantNumber,
    providerOrganisationId: content.providerOrganisationId,
  });
  if (!row) return;
  await requireWarrantFree(uow, row, 'content.warrant.warrantNumber');
  if (!(await recordApplicationRequest(uow.tx, row.id, request.id, row.request_id, uow.now.toISOString()))) {
    const now = await findApplicationByWarrant(uow.tx, { ...applicationKey(row), unitId: request.unit_id });
    const live = now ? await liveRequestOf(uow, now) : null;
    if (now && live) throw warrantTaken(now, live, 'content.warrant.warrantNumber');
    throw new DomainError('CONFLICT', {
      ja: '令状請求が同時に変更されました',
      en: 'the application was changed concurrently',
    });
  }
  await uow.auditBy(p, 'warrant_application.request_opened', ['warrant_application', row.id], {
    reference: row.reference,
    requestId: request.id,
    requestReference: request.reference,
  });
}

function applicationKey(row: WarrantApplicationRow) {
  return {
    courtOrganisationId: row.court_organisation_id,
    warrantNumber: row.warrant_number ?? '',
    providerOrganisationId: row.provider_organisation_id,
  };
}
