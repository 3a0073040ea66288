import { DomainError } from '../domain/errors.ts';
import {
  type Bilingual,
  DECLINE_REASON_LABELS,
  type DeclineReason,
  declineReasonsFor,
  REQUEST_KIND_LABELS,
} from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { pinnedDirectory } from './intake.ts';
import { envelopeOf } from './request-row.ts';

// What the review (./review.ts) says of the request itself and of a decline: who asks, as the pinned
// directory names the agency and the unit (what the installation verified against), and whether a reason
// to decline fits the request's kind.

/** Who asks: the agency and the unit as the pinned directory names them (null: not in the pin), and when signed. */
export interface Requester {
  agency: Bilingual | null;
  unit: Bilingual | null;
  issuedAt: string;
}

export async function requesterOf(uow: UnitOfWork, row: AgentRequestRow): Promise<Requester> {
  const { payload } = envelopeOf(row);
  const entries = (await pinnedDirectory(uow))?.entries ?? [];
  const named = (type: 'organisation' | 'unit', id: string): Bilingual | null => {
    const e = entries.find((x) => x.type === type && x.id === id);
    return e && (e.type === 'organisation' || e.type === 'unit') ? { ja: e.nameJa, en: e.nameEn } : null;
  };
  return {
    agency: named('organisation', payload.agencyOrganisationId),
    unit: named('unit', payload.unitId),
    issuedAt: payload.issuedAt,
  };
}

/**
 * Only a reason that fits the request's kind (no "a warrant is required" for an emergency or a warrant,
 * the civil requirements only for a civil claim), as the pages offer them: another is refused in words.
 */
export function requireDeclineReasonFor(
  row: Pick<AgentRequestRow, 'kind' | 'request_id'>,
  reason: DeclineReason,
): void {
  const known = storedValue(STORED.requestKind, row.kind, row.request_id);
  if (declineReasonsFor(known).includes(reason)) return;
  const kind = REQUEST_KIND_LABELS[known];
  const words = DECLINE_REASON_LABELS[reason];
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `「${words.ja}」は${kind.ja}の要請を見送る理由になりません`,
      en: `"${words.en}" is not a reason to decline a request of kind ${kind.en}`,
    },
    { field: 'reason', value: reason },
  );
}
