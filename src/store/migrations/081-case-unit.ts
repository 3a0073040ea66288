import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The unit that opened a case. A case's reference and title (free text: often the victim's or the suspect's
// name) were shown to every unit of the force, while its requests were the issuing unit's alone; a case is now
// its opening unit's, and seen by another unit only through a request of it that unit sees (shared with it).
// A case stored before takes the unit of whoever opened it (its `case.created` audit entry), else of its first
// request; where neither is known it stays without a unit, seen as before by those of the organisation who
// have none. Down drops the column: the code before it shows every case to the whole organisation, as it did.
// Frozen with this migration: the statements are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN unit_id text`.execute(db);
  await sql`UPDATE cases SET unit_id = coalesce(
      (SELECT u.unit_id FROM audit_entries a JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'case.created' AND a.subject_type = 'case' AND a.subject_id = cases.id
        ORDER BY a.seq LIMIT 1),
      (SELECT r.unit_id FROM requests r WHERE r.case_id = cases.id ORDER BY r.created_at, r.id LIMIT 1))`.execute(db);
  await sql`CREATE INDEX cases_unit ON cases (organisation_id, unit_id)`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await sql`DROP INDEX cases_unit`.execute(db);
  await sql`ALTER TABLE cases DROP COLUMN unit_id`.execute(db);
}
