import type { Tx } from '../store/database.ts';
import type { OverlapIndexRow, OverlapMatchRow } from '../store/schema.ts';

// The deconfliction index (keyed hashes only) and the matches between forces' requests.

/** States in which a request no longer counts for a match. */
const ENDED = ['closed', 'withdrawn', 'declined', 'draft', 'awaiting_approval'];

export async function insertIndexEntries(tx: Tx, rows: OverlapIndexRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('overlap_index')
    .values(rows)
    .onConflict((oc) => oc.columns(['digest', 'request_id']).doNothing())
    .execute();
}

/**
 * Other forces' open requests issued since `since` that name one of the digests: one row per request
 * (however many identifiers it shares), with its unit.
 */
export async function findOverlaps(
  tx: Tx,
  digests: string[],
  agencyOrganisationId: string,
  since: string,
  requestId: string,
): Promise<Array<{ request_id: string; unit_id: string }>> {
  if (digests.length === 0) return [];
  return tx
    .selectFrom('overlap_index as i')
    .innerJoin('requests as r', 'r.id', 'i.request_id')
    .select(['i.request_id', 'i.unit_id'])
    .distinct()
    .where('i.digest', 'in', digests)
    .where('i.agency_organisation_id', '<>', agencyOrganisationId)
    .where('i.issued_at', '>=', since)
    .where('i.request_id', '<>', requestId)
    .where('r.state', 'not in', ENDED)
    .orderBy('i.request_id')
    .execute();
}

/** Matches a unit's issuances notified since an instant (the rate limit counts them). */
export async function countNotifiedMatches(tx: Tx, unitId: string, since: string): Promise<number> {
  const r = await tx
    .selectFrom('overlap_matches')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('unit_id', '=', unitId)
    .where('notified', '=', 1)
    .where('matched_at', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertMatch(tx: Tx, row: OverlapMatchRow): Promise<boolean> {
  const r = await tx
    .insertInto('overlap_matches')
    .values(row)
    .onConflict((oc) => oc.columns(['request_id', 'other_request_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A notice as a unit head sees it: the own request, the other unit and organisation — nothing of its request. */
export interface NoticeRow {
  id: string;
  matched_at: string;
  own_request_id: string;
  own_reference: string;
  other_unit_id: string;
}

/** The notified matches that concern a unit, newest first: from its own issuances and from the other side's. */
export async function noticesForUnit(tx: Tx, unitId: string, limit: number): Promise<NoticeRow[]> {
  // A match has a request and its unit on each side (request_id, unit_id; other_request_id,
  // other_unit_id): a unit reads it from whichever side it stands on.
  const fromSide = (
    own: 'request_id' | 'other_request_id',
    unit: 'unit_id' | 'other_unit_id',
    other: 'unit_id' | 'other_unit_id',
  ) =>
    tx
      .selectFrom('overlap_matches as m')
      .innerJoin('requests as r', 'r.id', `m.${own}`)
      .select((eb) => [
        'm.id',
        'm.matched_at',
        eb.ref(`m.${own}`).as('own_request_id'),
        'r.reference as own_reference',
        eb.ref(`m.${other}`).as('other_unit_id'),
      ])
      .where(`m.${unit}`, '=', unitId)
      .where('m.notified', '=', 1)
      .orderBy('m.matched_at', 'desc')
      .limit(limit)
      .execute();
  const mine = await fromSide('request_id', 'unit_id', 'other_unit_id');
  const theirs = await fromSide('other_request_id', 'other_unit_id', 'unit_id');
  return [...mine, ...theirs]
    .sort((a, b) => b.matched_at.localeCompare(a.matched_at) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** Drops a request's index entries (it was purged by retention, or is being reindexed). */
export async function deleteIndexEntries(tx: Tx, requestId: string): Promise<void> {
  await tx.deleteFrom('overlap_index').where('request_id', '=', requestId).execute();
}
