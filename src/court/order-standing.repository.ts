import type { Db, Tx } from '../store/database.ts';
import type { DisclosureOrderApplicationRow, DisclosureOrderStandingRow } from '../store/schema.ts';

// All SQL about how an issued disclosure order stands (異議の訴え, 確定).

type Q = Db | Tx;

export async function findStanding(db: Q, applicationId: string): Promise<DisclosureOrderStandingRow | undefined> {
  return db
    .selectFrom('disclosure_order_standings')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

/** Writes the order's standing: the row is created at the first record and changed after. */
export async function saveStanding(tx: Tx, row: DisclosureOrderStandingRow): Promise<void> {
  const { application_id, created_at, ...changes } = row;
  const done = await tx
    .updateTable('disclosure_order_standings')
    .set(changes)
    .where('application_id', '=', application_id)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) await tx.insertInto('disclosure_order_standings').values(row).execute();
}

/**
 * The order a court issued here under a case number (`presented`: as a request names it) between the
 * same parties as the request presenting it — the office that applied, against the provider asked —
 * with its standing; none for another case.
 */
export async function findPresentedOrder(
  db: Q,
  presented: { courtOrganisationId: string; caseNumber: string },
  lawOfficeOrganisationId: string,
  providerOrganisationId: string | null,
): Promise<{ order: DisclosureOrderApplicationRow; standing: DisclosureOrderStandingRow | undefined } | undefined> {
  const order = await db
    .selectFrom('disclosure_order_applications')
    .selectAll()
    .where('court_organisation_id', '=', presented.courtOrganisationId)
    .where('case_number', '=', presented.caseNumber)
    .where('state', '=', 'issued')
    .where('law_office_organisation_id', '=', lawOfficeOrganisationId)
    .where('provider_organisation_id', '=', providerOrganisationId ?? '')
    .executeTakeFirst();
  if (!order) return undefined;
  return { order, standing: await findStanding(db, order.id) };
}

/** The standing of order `row` with nothing recorded yet, created at `at`. */
export function blankStanding(row: DisclosureOrderApplicationRow, at: string): DisclosureOrderStandingRow {
  return {
    application_id: row.id,
    objection_filed_at: null,
    objection_by: null,
    objection_case_number: null,
    objection_recorded_by: null,
    outcome: null,
    outcome_at: null,
    outcome_reason: null,
    changed_content: null,
    outcome_recorded_by: null,
    final_at: null,
    final_recorded_by: null,
    set_aside_ground: null,
    set_aside_logged_at: null,
    outcome_key_id: null,
    outcome_signature: null,
    outcome_signed_at: null,
    objection_key_id: null,
    objection_signature: null,
    objection_signed_at: null,
    final_key_id: null,
    final_signature: null,
    final_signed_at: null,
    objection_logged_at: null,
    outcome_logged_at: null,
    final_logged_at: null,
    objection_noticed_on: null,
    objection_last_day: null,
    objection_period: null,
    final_period: null,
    created_at: at,
    updated_at: at,
  };
}
