import { z } from 'zod';
import { caseInScope, getCase } from '../cases/case-service.ts';
import { canonicalJson } from '../crypto/canonical.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { Target } from '../domain/targets.ts';
import { FollowsInput, followedRequest } from '../exchange/drafting.ts';
import { loadVisible } from '../exchange/requests.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { WarrantApplicationRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import type { WarrantApplicationFollows } from './read-models.ts';

// Where a warrant application came from, when it was drafted from an answer's record or an analysed
// e-mail's origin (次の照会を起案 → この内容で令状を請求する): in the words a request of the chain uses
// (`follows` of src/exchange/drafting.ts, a row of request_links), with its case. The applying unit reads it
// and goes back to the answer and the case; the request drafted from the attested warrant is linked with it,
// so the case's trace goes from the answer to that request exactly as a request drafted from the answer does.

/** What a new application adds to its content: what it follows, and the case (needed for an e-mail's). */
export const ApplicationOrigin = {
  /** The identifier it follows, as a request of the chain names it; absent when typed from scratch. */
  follows: FollowsInput.optional(),
  /** The case of what it follows: the answered request's when absent; required for an e-mail's origin. */
  caseId: z.string().min(1).max(200).optional(),
};

type Origin = { follows?: z.infer<typeof FollowsInput> | undefined; caseId?: string | undefined };
type OriginColumns = Pick<
  WarrantApplicationRow,
  'follows_source' | 'follows_request_id' | 'follows_identifier' | 'follows_case_id'
>;

const NO_ORIGIN: OriginColumns = {
  follows_source: null,
  follows_request_id: null,
  follows_identifier: null,
  follows_case_id: null,
};

/** Refuses an identifier followed that is not among the application's targets (the request will ask them). */
function requireAmongTargets(identifier: Target, targets: Target[], field: string): void {
  const same = canonicalJson(identifier);
  if (targets.some((t) => canonicalJson(t) === same)) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: '元の回答で判明した識別子は令状請求の対象に含まれていなければなりません',
      en: "the identifier followed must be one of the application's targets",
    },
    { field },
  );
}

/**
 * The columns of a new application's origin, checked as a request of the chain is (`linkToSource`): the request
 * answered is one of the drafter's unit, of the case; the identifier is among the targets; the case is the
 * drafter's to see.
 */
export async function originColumns(
  uow: UnitOfWork,
  p: Principal,
  input: Origin,
  asked: { targets: Target[]; caseReference: string },
): Promise<OriginColumns> {
  const { follows } = input;
  if (!follows) {
    if (input.caseId === undefined) return NO_ORIGIN;
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '事件は、令状請求の元になった回答またはメールとともに指定します',
        en: 'a case is named with the answer or e-mail the application follows',
      },
      { field: 'caseId' },
    );
  }
  let caseId = input.caseId;
  if (follows.source === 'answer') {
    if (!follows.requestId) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: '回答から続く令状請求には元の照会が必要です',
          en: 'an application following an answer names the request answered',
        },
        { field: 'follows.requestId' },
      );
    }
    caseId ??= (await loadVisible(uow.tx, p, follows.requestId, uow.now)).row.case_id ?? undefined;
    await followedRequest(uow, p, { requestId: follows.requestId, caseId: caseId ?? null }, 'follows.requestId');
  }
  if (!caseId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'メールの解析から続く令状請求には事件の指定が必要です',
        en: 'an application following an analysed e-mail names its case',
      },
      { field: 'caseId' },
    );
  }
  const kase = await getCase(uow, p, caseId);
  requireAmongTargets(follows.identifier, asked.targets, 'follows.identifier');
  requireCaseReference(kase.reference, asked.caseReference);
  return {
    follows_source: follows.source,
    follows_request_id: follows.source === 'answer' ? (follows.requestId ?? null) : null,
    follows_identifier: JSON.stringify(follows.identifier),
    follows_case_id: kase.id,
  };
}

/**
 * Refuses a case reference other than the case's the application follows from: the request drafted from the
 * warrant is filed in that case, and the court reads this reference as the case's.
 */
function requireCaseReference(caseReference: string, given: string): void {
  if (given === caseReference) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja:
        `事件番号 ${shownInput(given)} は、この令状請求の元になった事件の番号 ${shownInput(caseReference)} と` +
        '異なります。事件の番号を記載してください',
      en:
        `case reference ${shownInput(given)} differs from ${shownInput(caseReference)}, the reference of the case ` +
        'this application follows from: give the case reference',
    },
    { field: 'caseReference', value: given, expected: caseReference },
  );
}

/**
 * An edited draft keeps asking about the identifier it follows (the request from the warrant will link it), and
 * keeps the case reference of the case it follows from.
 */
export async function requireOriginKept(
  uow: UnitOfWork,
  p: Principal,
  row: WarrantApplicationRow,
  asked: { targets: Target[]; caseReference: string },
): Promise<void> {
  if (row.follows_identifier === null) return;
  requireAmongTargets(JSON.parse(row.follows_identifier) as Target, asked.targets, 'targets');
  if (row.follows_case_id === null) return;
  const kase = await getCase(uow, p, row.follows_case_id);
  requireCaseReference(kase.reference, asked.caseReference);
}

/** The `warrant_application.drafted` audit's words for the origin, as `request.linked` says it; none from scratch. */
export function originDetails(columns: OriginColumns): Record<string, unknown> {
  if (!columns.follows_source || !columns.follows_identifier) return {};
  return {
    source: columns.follows_source,
    from: columns.follows_request_id,
    targetType: (JSON.parse(columns.follows_identifier) as Target).type,
    caseId: columns.follows_case_id,
  };
}

/** What the request drafted from the attested warrant follows, and its case; nothing when typed from scratch. */
export function originForRequest(row: WarrantApplicationRow): Required<Origin> | null {
  if (!row.follows_source || !row.follows_identifier || !row.follows_case_id) return null;
  return {
    caseId: row.follows_case_id,
    follows: {
      source: storedValue(STORED.linkSource, row.follows_source, row.id),
      ...(row.follows_request_id ? { requestId: row.follows_request_id } : {}),
      identifier: JSON.parse(row.follows_identifier) as Target,
    },
  };
}

/** The request if the viewer may see it (one of the unit's, of the application's unit), else null. */
async function visibleRequest(uow: UnitOfWork, p: Principal, id: string) {
  try {
    return await loadVisible(uow.tx, p, id, uow.now);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

/**
 * Where the application came from, as the applying unit reads it: the request answered (its reference when the
 * viewer sees it), the identifier and the case. The court's judges read what the unit head signed and sent, not
 * the unit's own trace (pages they cannot open): for them, and for an application typed from scratch, null.
 */
export async function followsOf(
  uow: UnitOfWork,
  p: Principal,
  row: WarrantApplicationRow,
  side: 'agency' | 'court',
): Promise<WarrantApplicationFollows | null> {
  const origin = originForRequest(row);
  if (side !== 'agency' || !origin) return null;
  const requestId = origin.follows.requestId ?? null;
  const request = requestId ? await visibleRequest(uow, p, requestId) : null;
  const kase = await caseInScope(uow, p, origin.caseId);
  return {
    source: origin.follows.source,
    requestId: request ? requestId : null,
    reference: request?.row.reference ?? null,
    identifier: origin.follows.identifier,
    case: kase ? { id: kase.id, reference: kase.reference, title: kase.title } : null,
  };
}
