import { z } from 'zod';
import { caseForRequest } from '../cases/case-service.ts';
import { recordWarrantUse } from '../court/application-warrant.ts';
import { canonicalJson } from '../crypto/canonical.ts';
import { type Principal, requirePermission, requireRequestKindOf } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { providerOf, type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { LINK_SOURCES } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { nextCounter } from '../store/counters.ts';
import type { RequestRow } from '../store/schema.ts';
import { refuseProviderChangeUnderFiles, requireEditableDraft } from './draft-files.ts';
import { findIdempotencyKey, insertIdempotencyKey, insertRequest, insertRequestLink } from './request.repository.ts';
import { announce, checkContent, loadVisible, newRequestRow, requireRequest, saveRequest } from './requests.ts';

/** What a new request of the chain follows from: an identifier a request's answer revealed, or an e-mail. */
export const FollowsInput = z.strictObject({
  source: z.enum(LINK_SOURCES),
  /** The request whose answer revealed the identifier (absent for an e-mail). */
  requestId: z.string().min(1).max(200).optional(),
  /** What the new request asks about: one of its targets. */
  identifier: TargetSchema,
});

export const CreateRequestInput = z.strictObject({
  content: RequestContentSchema,
  caseId: z.string().min(1).max(200).optional(),
  follows: FollowsInput.optional(),
});
export const UpdateRequestInput = z.strictObject({ content: RequestContentSchema });

export interface Idempotency {
  key: string;
  bodyHash: string;
}

function requireUnit(p: Principal): string {
  if (!p.unitId) {
    throw new DomainError('FORBIDDEN', {
      ja: '捜査機関の所属または法律事務所に属する利用者のみが要請を起案できます',
      en: 'only members of an agency unit or of a law office can draft requests',
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
  requireRequestKindOf(p.organisationKind, content.kind);
  refuseTypedAttachments(content);
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
  await checkContent(uow.tx, content, uow.now, p.organisationId);
  const year = uow.now.getUTCFullYear();
  const seq = await nextCounter(uow.tx, `request:${year}`);
  // A protection emergency without a case number is filed under a protection case of its own.
  const caseReference = content.caseReference || `保護 SHK-${year}-${String(seq).padStart(6, '0')}`;
  const caseId = await caseForRequest(uow, p, input.caseId, caseReference);
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
  if (input.follows) await linkToSource(uow, p, row, content, input.follows);
  await recordWarrantUse(uow, p, row, content);
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
  await uow.auditBy(p, 'request.drafted', ['request', row.id], {
    kind: row.kind,
    reference: row.reference,
    providerOrganisationId: row.provider_organisation_id,
  });
  return row;
}

/**
 * The request a new one of the chain follows: one of the same case that the drafter's own unit issued. A
 * colleague it was only shared with reads it and takes no act on it (docs/security.md), so drafts nothing
 * from it: the issuing unit does. `field` names the input that named it.
 */
export async function followedRequest(
  uow: UnitOfWork,
  p: Principal,
  followed: { requestId: string; caseId: string | null },
  field: string,
): Promise<RequestRow> {
  const { row, side } = await loadVisible(uow.tx, p, followed.requestId, uow.now);
  if (side !== 'agency' || row.case_id !== followed.caseId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '元の照会は同じ事件の自所属の照会でなければなりません',
        en: 'the request followed must be of the same case and of your unit',
      },
      { field, value: followed.requestId },
    );
  }
  if (row.unit_id !== p.unitId) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: 'この照会は閲覧のために共有されたもので、自所属の照会ではありません。次の照会は発出した所属が起案します',
        en: "this request was shared with you to read, it is not your unit's: the issuing unit drafts the next request",
      },
      { field, value: followed.requestId },
    );
  }
  return row;
}

/**
 * Records where a new request of the chain came from. The request it follows must be one the drafter's
 * unit issued, of the same case (`followedRequest`); the identifier must be among the new request's targets.
 */
async function linkToSource(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  content: RequestContent,
  follows: z.infer<typeof FollowsInput>,
): Promise<void> {
  if (follows.source === 'answer') {
    if (!follows.requestId) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: '回答から続く照会には元の照会が必要です',
          en: 'a request following an answer names the request answered',
        },
        { field: 'follows.requestId' },
      );
    }
    await followedRequest(uow, p, { requestId: follows.requestId, caseId: row.case_id }, 'follows.requestId');
  }
  const same = canonicalJson(follows.identifier);
  if (!content.targets.some((t) => canonicalJson(t) === same)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '連結する識別子は新しい照会の対象に含まれていなければなりません',
        en: "the identifier followed must be one of the new request's targets",
      },
      { field: 'follows.identifier' },
    );
  }
  await insertRequestLink(uow.tx, {
    id: newId('link'),
    from_request_id: follows.requestId ?? null,
    to_request_id: row.id,
    source: follows.source,
    identifier: JSON.stringify(follows.identifier),
    created_by: p.id,
    created_at: uow.now.toISOString(),
  });
  await uow.auditBy(p, 'request.linked', ['request', row.id], {
    source: follows.source,
    from: follows.requestId ?? null,
    targetType: follows.identifier.type,
  });
}

/** The drafter edits a draft; its kind never changes, and the same rules run again. */
export async function updateDraft(uow: UnitOfWork, p: Principal, id: string, raw: unknown): Promise<RequestRow> {
  const input = parseOrThrow(UpdateRequestInput, raw);
  const content = input.content;
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  requireEditableDraft(p, row, side, { ja: '要請を編集する', en: 'edit the request' });
  if (content.kind !== row.kind) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '要請の種別は変更できません', en: 'the kind of a request cannot change' },
      { field: 'content.kind', value: content.kind },
    );
  }
  await checkContent(uow.tx, content, uow.now, p.organisationId);
  await refuseProviderChangeUnderFiles(uow.tx, row, providerOf(content) ?? null);
  // The files a draft names are the ones uploaded to it (src/exchange/attachments.ts), never typed in.
  const { attachments: _typed, ...edited } = content;
  const uploaded = (JSON.parse(row.content) as { attachments?: unknown }).attachments;
  const next = await saveRequest(uow, row, {
    content: JSON.stringify(uploaded === undefined ? edited : { ...edited, attachments: uploaded }),
    provider_organisation_id: providerOf(content) ?? null,
  });
  await uow.auditBy(p, 'request.updated', ['request', id]);
  return next;
}

/** A new draft names no files: they are attached by uploading them to it. */
function refuseTypedAttachments(content: RequestContent): void {
  if (content.attachments !== undefined) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'ファイルは起案後に下書きへアップロードして添付します（内容に直接書くことはできません）',
        en: 'files are attached by uploading them to the draft, not by naming them in its content',
      },
      { field: 'content.attachments', value: content.attachments.length },
    );
  }
}
