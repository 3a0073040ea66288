import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { type HeardRecord, requireProviderHeard } from '../domain/order-hearing.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import { HEARD_PARTIES, HEARING_MANNERS } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderHearingRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { moveApplication } from './application-kind.ts';
import type { DisclosureOrderApplication } from './disclosure-order-models.ts';
import { toView } from './disclosure-order-views.ts';
import { ORDER_APPLICATIONS, onSide, wrongState } from './disclosure-orders.ts';
import { insertHearing, listHearings } from './order-hearing.repository.ts';

// The court hears the parties on a disclosure-order application (当事者の陳述聴取, art. 11(3)): a judge of
// the addressed court records whose statement was heard (the respondent provider or the petitioner), when,
// how (in writing or at a hearing date) and a short note, while the application is before the court. Each
// record is audited on the application like the court's other acts; the order is issued only once the
// provider was heard (disclosure-order-review.ts), a dismissal without any.

export const RecordHearingInput = z.strictObject({
  party: z.enum(HEARD_PARTIES),
  /** When the party was heard: an instant with its offset, not in the future, not before the filing. */
  heardAt: InstantSchema,
  manner: z.enum(HEARING_MANNERS),
  /** A short note: what was heard, or the paper it came in. */
  note: text(1, 1000),
});

/** When the hearing was held, checked: not in the future, not before the application was filed. */
function checkHeardAt(heardAt: string, filedAt: string, now: Date): string {
  const at = parseInstant(heardAt, 'heardAt').epochMs;
  if (at > now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `陳述を聴いた日時（${heardAt}）が未来です`,
        en: `the time the party was heard (${heardAt}) is in the future`,
      },
      { field: 'heardAt', value: heardAt, now: now.toISOString() },
    );
  }
  if (at < Date.parse(filedAt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `陳述を聴いた日時（${heardAt}）が申立て（${filedAt}）より前です`,
        en: `the time the party was heard (${heardAt}) is before the application was filed (${filedAt})`,
      },
      { field: 'heardAt', value: heardAt, earliest: filedAt },
    );
  }
  return new Date(at).toISOString();
}

/** A judge of the addressed court records that a party was heard on the application before the court. */
export async function recordHearing(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<DisclosureOrderApplication> {
  requirePermission(p, 'disclosure_order.decide');
  const row = await onSide(uow, p, id, 'court');
  if (row.state !== 'filed') throw wrongState(row, ['filed']);
  const input = parseOrThrow(RecordHearingInput, raw);
  const heardAt = checkHeardAt(input.heardAt, row.filed_at, uow.now);
  const hearing: DisclosureOrderHearingRow = {
    id: newId('dohr'),
    application_id: row.id,
    party: input.party,
    heard_at: heardAt,
    manner: input.manner,
    note: input.note,
    recorded_by: p.id,
    recorded_at: uow.now.toISOString(),
  };
  await insertHearing(uow.tx, hearing);
  const moved = await moveApplication(uow, p, ORDER_APPLICATIONS, row, ['filed'], {}, 'disclosure_order.party_heard', {
    party: input.party,
    heardAt,
    manner: input.manner,
  });
  return toView(uow, p, moved, 'court');
}

/** Refuses to issue application `row`'s order made at `orderedAt` until the provider was heard (by then). */
export async function requireHeardBeforeOrder(
  uow: UnitOfWork,
  row: DisclosureOrderApplicationRow,
  orderedAt: string,
): Promise<void> {
  const heard: HeardRecord[] = (await listHearings(uow.tx, row.id)).map((h) => ({
    party: storedValue(STORED.heardParty, h.party, h.id),
    heardAt: h.heard_at,
  }));
  requireProviderHeard(heard, parseInstant(orderedAt, 'orderedAt').epochMs, row.reference);
}
