import { issuedOrderRef } from '../court/issued-order-digest.ts';
import { FinalPeriodSchema, keptPeriod, SuitPeriodSchema } from '../domain/objection-period.ts';
import { changedContentDigestOf, type OrderContestEntry } from '../domain/order-contest.ts';
import { groundOf, type OrderSetAsideEntry, reasonDigestOf } from '../domain/order-set-aside.ts';
import { isOneOf, OBJECTION_PARTIES } from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import { type LoggedStandingRow, loggedStandingRows } from './order-set-aside.repository.ts';

// The directory log's entries of how issued disclosure orders stand (../domain/order-set-aside.ts,
// ../domain/order-contest.ts): a set-aside, the objection suit's filing, its end upholding or changing the
// order, finality without a suit — each enters when the judge recorded it, and never moves. Every entry is
// built here from the standing row when the log is read, so what an entry publishes is decided here.

function setAsideEntry({ order, standing: s }: LoggedStandingRow): OrderSetAsideEntry {
  return {
    type: 'order.set_aside',
    at: s.set_aside_logged_at ?? s.updated_at,
    ...issuedOrderRef(order),
    setAsideAt: s.outcome_at ?? '',
    ground: groundOf(s.set_aside_ground),
    reasonDigest: reasonDigestOf(s.outcome_reason ?? ''),
    attestation:
      s.outcome_key_id && s.outcome_signature ? { keyId: s.outcome_key_id, signature: s.outcome_signature } : null,
  };
}

/** The judge's signature over a record as an entry carries it: null when unsigned. */
const signed = (keyId: string | null, signature: string | null, signedAt: string | null) =>
  keyId && signature && signedAt ? { keyId, signature, signedAt } : null;

/** The suit's filing, an outcome other than a set-aside and finality of one standing, as they entered the log. */
function contestEntries({ order, standing: s }: LoggedStandingRow): OrderContestEntry[] {
  const ref = issuedOrderRef(order);
  const entries: OrderContestEntry[] = [];
  if (s.objection_logged_at && s.objection_filed_at && isOneOf(OBJECTION_PARTIES, s.objection_by)) {
    entries.push({
      type: 'order.objection_filed',
      at: s.objection_logged_at,
      ...ref,
      filedAt: s.objection_filed_at,
      by: s.objection_by,
      caseNumber: s.objection_case_number ?? '',
      // Signed since migration 071; a record signed before enters as it did (its leaf keeps its hash).
      ...keptPeriod(SuitPeriodSchema, s.objection_period),
      attestation: signed(s.objection_key_id, s.objection_signature, s.objection_signed_at),
    });
  }
  if (s.outcome_logged_at && (s.outcome === 'upheld' || s.outcome === 'changed') && s.outcome_at) {
    entries.push({
      type: 'order.objection_decided',
      at: s.outcome_logged_at,
      ...ref,
      outcome: s.outcome,
      decidedAt: s.outcome_at,
      reasonDigest: reasonDigestOf(s.outcome_reason ?? ''),
      // The words of a changed order are not published: only the parties read them (the request's view).
      changedContentSha256:
        s.outcome === 'changed' && s.changed_content !== null ? changedContentDigestOf(s.changed_content) : null,
      attestation: signed(s.outcome_key_id, s.outcome_signature, s.outcome_signed_at),
    });
  }
  if (s.final_logged_at && s.final_at && s.outcome === null) {
    entries.push({
      type: 'order.final',
      at: s.final_logged_at,
      ...ref,
      finalAt: s.final_at,
      ...keptPeriod(FinalPeriodSchema, s.final_period),
      attestation: signed(s.final_key_id, s.final_signature, s.final_signed_at),
    });
  }
  return entries;
}

/** The entries of the log about how one issued order stands, as its standing row is now. */
export function standingEntriesOf(row: LoggedStandingRow): Array<OrderSetAsideEntry | OrderContestEntry> {
  return [
    ...(row.standing.outcome === 'set_aside' && row.standing.set_aside_logged_at ? [setAsideEntry(row)] : []),
    ...contestEntries(row),
  ];
}

/** Every entry of the log about how an issued order stands. */
export async function orderStandingEntries(db: Db | Tx): Promise<Array<OrderSetAsideEntry | OrderContestEntry>> {
  return (await loggedStandingRows(db)).flatMap(standingEntriesOf);
}
