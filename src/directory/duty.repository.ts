import type { Db, Tx } from '../store/database.ts';
import type { DutyDesignationRow } from '../store/schema.ts';

// All SQL of duty designations (当直責任者, issue 15).

type Q = Db | Tx;

export async function insertDutyDesignation(tx: Q, row: DutyDesignationRow): Promise<void> {
  await tx.insertInto('duty_designations').values(row).execute();
}

export async function findDutyDesignation(db: Q, id: string): Promise<DutyDesignationRow | undefined> {
  return db.selectFrom('duty_designations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A unit's designations, newest first (the unit's own page; the past ones too, as a record). */
export async function listUnitDesignations(db: Q, unitId: string, limit = 200): Promise<DutyDesignationRow[]> {
  return db
    .selectFrom('duty_designations')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The designations of a person that have not ended and were not revoked by `at`, soonest ending first. */
export async function liveDesignationsOf(db: Q, userId: string, at: Date): Promise<DutyDesignationRow[]> {
  const iso = at.toISOString();
  return db
    .selectFrom('duty_designations')
    .selectAll()
    .where('designee_user_id', '=', userId)
    .where('valid_until', '>=', iso)
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', iso)]))
    .orderBy('valid_until', 'asc')
    .execute();
}

export async function revokeDutyDesignation(tx: Q, id: string, at: string, by: string, reason: string): Promise<void> {
  await tx
    .updateTable('duty_designations')
    // The revocation enters the directory log now, with the instant it takes effect.
    .set({ revoked_at: at, revoked_by: by, revoke_reason: reason, logged_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
