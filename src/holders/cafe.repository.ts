import { sql } from 'kysely';
import { batches } from '../store/batches.ts';
import type { Db, Tx } from '../store/database.ts';
import type { CafeIdCheckRow, CafeTerminalUseRow } from '../store/schema.ts';

// All SQL of a café's ID-check and terminal-use records.

export type CafeTable = 'cafe_id_checks' | 'cafe_terminal_use';

/** Whether rows of a file with this content were imported before into `table`. */
export async function cafeFileImported(tx: Tx, table: CafeTable, sha256: string): Promise<boolean> {
  const r = await tx.selectFrom(table).select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function insertIdChecks(tx: Tx, rows: CafeIdCheckRow[]): Promise<void> {
  for (const batch of batches(rows, 200)) await tx.insertInto('cafe_id_checks').values(batch).execute();
}

export async function insertTerminalUse(tx: Tx, rows: CafeTerminalUseRow[]): Promise<void> {
  for (const batch of batches(rows, 200)) await tx.insertInto('cafe_terminal_use').values(batch).execute();
}

/** Uses of a terminal overlapping [from, to] (UTC text; both ends included). */
export async function findTerminalUse(
  db: Db | Tx,
  terminal: string,
  from: string,
  to: string,
): Promise<CafeTerminalUseRow[]> {
  return db
    .selectFrom('cafe_terminal_use')
    .selectAll()
    .where('terminal', '=', terminal)
    .where('entered_at', '<=', to)
    .where('exited_at', '>=', from)
    .orderBy('entered_at')
    .orderBy('line')
    .limit(1001)
    .execute();
}

/** The ID checks of the given members, oldest first. */
export async function findIdChecks(db: Db | Tx, members: string[]): Promise<CafeIdCheckRow[]> {
  if (members.length === 0) return [];
  return db.selectFrom('cafe_id_checks').selectAll().where('member', 'in', members).orderBy('checked_at').execute();
}

/** Whether the café holds any terminal-use record (a café's installation). */
export async function holdsTerminalUse(db: Db | Tx): Promise<boolean> {
  return (await db.selectFrom('cafe_terminal_use').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Terminal use whose service ended before `cutoff` (UTC text). */
function terminalUsePastCutoff(db: Db | Tx, cutoff: string) {
  return db.selectFrom('cafe_terminal_use').where('exited_at', '<', cutoff);
}

/**
 * ID checks older than `cutoff` of members with no service ending at or after it (the record is kept
 * three years from the end of the service, ordinance art. on ID-check records).
 */
function checksPastCutoff(db: Db | Tx, cutoff: string) {
  return db
    .selectFrom('cafe_id_checks')
    .where('checked_at', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('cafe_terminal_use as u')
            .select(sql<number>`1`.as('one'))
            .whereRef('u.member', '=', 'cafe_id_checks.member')
            .where('u.exited_at', '>=', cutoff),
        ),
      ),
    );
}

export async function countPastCutoff(db: Db | Tx, cutoff: string): Promise<{ terminalUse: number; idChecks: number }> {
  const u = await terminalUsePastCutoff(db, cutoff)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const c = await checksPastCutoff(db, cutoff)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { terminalUse: Number(u?.n ?? 0), idChecks: Number(c?.n ?? 0) };
}

/** Deletes what is past the cutoff: terminal use first, then the ID checks no kept use needs. */
export async function deletePastCutoff(tx: Tx, cutoff: string): Promise<{ terminalUse: number; idChecks: number }> {
  const u = await tx.deleteFrom('cafe_terminal_use').where('exited_at', '<', cutoff).executeTakeFirst();
  const ids = (await checksPastCutoff(tx, cutoff).select('id').execute()).map((r) => r.id);
  let checks = 0;
  for (const batch of batches(ids, 500)) {
    const r = await tx.deleteFrom('cafe_id_checks').where('id', 'in', batch).executeTakeFirst();
    checks += Number(r.numDeletedRows);
  }
  return { terminalUse: Number(u.numDeletedRows), idChecks: checks };
}
