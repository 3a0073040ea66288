import { z } from 'zod';
import { caseForRequest } from '../cases/case-service.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { providerOf, type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { actorOf } from '../kernel/principal.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { findIdempotencyKey, insertIdempotencyKey, insertRequest, nextCounter } from './request.repository.ts';
import { announce, checkContent, loadVisible, newRequestRow, requireRequest, saveRequest } from './requests.ts';

export const CreateRequestInput = z.strictObject({
  content: RequestContentSchema,
  caseId: z.string().min(1).max(200).optional(),
});
export const UpdateRequestInput = z.strictObject({ content: RequestContentSchema });

export interface Idempotency {
  key: string;
  bodyHash: string;
}

function requireUnit(p: Principal): string {
  if (!p.unitId) {
    throw new DomainError('FORBIDDEN', {
      ja: '捜査機関の所属に属する利用者のみが要請を起案できます',
      en: 'only members of an agency unit can draft requests',
    });
  }
  return p.unitId;
}

/**
 * An investigator drafts a request: checked against the content rules, the legal matrix and the
 * addressee's policy before anyone signs, filed under its case, numbered SHK-YYYY-NNNNNN.
 */
export async function createDraft(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
  idem?: Idempotency,
): Promise<RequestRow> {
  requirePermission(p, 'request.draft');
  const unitId = requireUnit(p);
  const input = parseOrThrow(CreateRequestInput, raw);
  const content: RequestContent = input.content;
  const idemKey = idem ? `${p.id}:${idem.key}` : undefined;
  if (idem && idemKey) {
    const prior = await findIdempotencyKey(uow.tx, idemKey);
    if (prior) {
      if (prior.body_hash !== idem.bodyHash) {
        throw new DomainError(
          'IDEMPOTENCY_CONFLICT',
          {
            ja: '同じ冪等キーで異なる内容が送られました',
            en: 'the same idempotency key was used with a different body',
          },
          { idempotencyKey: idem.key },
        );
      }
      return requireRequest(uow.tx, prior.response);
    }
  }
  await checkContent(uow.tx, content, uow.now);
  const caseId = await caseForRequest(uow, p, input.caseId, content.caseReference);
  const year = uow.now.getUTCFullYear();
  const seq = await nextCounter(uow.tx, `request:${year}`);
  const at = uow.now.toISOString();
  const row = newRequestRow(at, {
    reference: `SHK-${year}-${String(seq).padStart(6, '0')}`,
    kind: content.kind,
    state: 'draft',
    agency_organisation_id: p.organisationId,
    unit_id: unitId,
    provider_organisation_id: providerOf(content) ?? null,
    case_id: caseId,
    drafted_by: p.id,
    approved_by: null,
    content: JSON.stringify(content),
    envelope: null,
    issued_at: null,
    origin: 'local',
  });
  await insertRequest(uow.tx, row);
  announce(uow, row, null);
  if (idem && idemKey) {
    await insertIdempotencyKey(uow.tx, {
      key: idemKey,
      route: 'POST /v1/requests',
      body_hash: idem.bodyHash,
      status: 201,
      response: row.id,
      created_at: at,
    });
  }
  await uow.audit({
    actor: actorOf(p),
    action: 'request.drafted',
    subjectType: 'request',
    subjectId: row.id,
    details: { kind: row.kind, reference: row.reference, providerOrganisationId: row.provider_organisation_id },
  });
  return row;
}

/** The drafter edits a draft; its kind never changes, and the same rules run again. */
export async function updateDraft(uow: UnitOfWork, p: Principal, id: string, raw: unknown): Promise<RequestRow> {
  const input = parseOrThrow(UpdateRequestInput, raw);
  const content = input.content;
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (side !== 'agency' || row.drafted_by !== p.id) {
    throw new DomainError(
      'FORBIDDEN',
      { ja: '起案者のみが下書きを編集できます', en: 'only the drafter can edit a draft' },
      {
        id,
      },
    );
  }
  if (row.state !== 'draft') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      { ja: `状態 ${row.state} の要請は編集できません`, en: `a request in state ${row.state} cannot be edited` },
      { state: row.state },
    );
  }
  if (content.kind !== row.kind) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '要請の種別は変更できません', en: 'the kind of a request cannot change' },
      { field: 'content.kind', value: content.kind },
    );
  }
  await checkContent(uow.tx, content, uow.now);
  const next = await saveRequest(uow, row, {
    content: JSON.stringify(content),
    provider_organisation_id: providerOf(content) ?? null,
  });
  await uow.audit({ actor: actorOf(p), action: 'request.updated', subjectType: 'request', subjectId: id });
  return next;
}
