import { type ExpressionBuilder, sql } from 'kysely';
import { batches } from '../store/batches.ts';
import type { Db, Tx } from '../store/database.ts';
import type { CafeIdCheckRow, CafeTerminalUseRow, Database } from '../store/schema.ts';
import { TERMINAL_USE_READ } from './cafe-findings.ts';
import type { HeldTerminal } from './cafe-holds.ts';

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

/**
 * Uses of a terminal overlapping [from, to] (UTC text; both ends included), at most TERMINAL_USE_READ + 1.
 * With `heldOnly`, only those that lie in one of these held periods — the one definition of "held"
 * (inHeld) the purge keeps by.
 */
export async function findTerminalUse(
  db: Db | Tx,
  terminal: string,
  from: string,
  to: string,
  heldOnly?: readonly HeldTerminal[],
): Promise<CafeTerminalUseRow[]> {
  if (heldOnly?.length === 0) return [];
  const q = db
    .selectFrom('cafe_terminal_use')
    .selectAll()
    .where('terminal', '=', terminal)
    .where('entered_at', '<=', to)
    .where('exited_at', '>=', from);
  return (heldOnly ? q.where((eb) => inHeld(eb, heldOnly)) : q)
    .orderBy('entered_at')
    .orderBy('line')
    .limit(TERMINAL_USE_READ + 1)
    .execute();
}

/** The ID checks of the given members, oldest first. */
export async function findIdChecks(db: Db | Tx, members: string[]): Promise<CafeIdCheckRow[]> {
  if (members.length === 0) return [];
  return db.selectFrom('cafe_id_checks').selectAll().where('member', 'in', members).orderBy('checked_at').execute();
}

/** The end of the newest terminal use the café holds (UTC text): how far its imported records reach. */
export async function newestTerminalUse(db: Db | Tx): Promise<string | null> {
  const r = await db
    .selectFrom('cafe_terminal_use')
    .select((eb) => eb.fn.max('exited_at').as('newest'))
    .executeTakeFirst();
  return r?.newest ?? null;
}

/** Whether the café holds any terminal-use record (a café's installation). */
export async function holdsTerminalUse(db: Db | Tx): Promise<boolean> {
  return (await db.selectFrom('cafe_terminal_use').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Whether a terminal-use row lies in one of the held periods (its terminal, overlapping). */
function inHeld(eb: ExpressionBuilder<Database, 'cafe_terminal_use'>, held: readonly HeldTerminal[]) {
  return eb.or(
    held.map((h) =>
      eb.and([eb('terminal', '=', h.terminal), eb('entered_at', '<=', h.to), eb('exited_at', '>=', h.from)]),
    ),
  );
}

/** Terminal use whose service ended before `cutoff` (UTC text) and that no request holds. */
function terminalUsePastCutoff(db: Db | Tx, cutoff: string, held: readonly HeldTerminal[]) {
  const q = db.selectFrom('cafe_terminal_use').where('exited_at', '<', cutoff);
  return held.length === 0 ? q : q.where((eb) => eb.not(inHeld(eb, held)));
}

/** The members whose terminal use a request holds. */
async function heldMembers(db: Db | Tx, held: readonly HeldTerminal[]): Promise<string[]> {
  if (held.length === 0) return [];
  const rows = await db
    .selectFrom('cafe_terminal_use')
    .select('member')
    .distinct()
    .where((eb) => inHeld(eb, held))
    .execute();
  return rows.map((r) => r.member);
}

/**
 * ID checks older than `cutoff` of members with no service ending at or after it (the record is kept
 * three years from the end of the service, ordinance art. on ID-check records), and none held.
 */
function checksPastCutoff(db: Db | Tx, cutoff: string, keep: readonly string[]) {
  const q = db
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
  return keep.length === 0 ? q : q.where('member', 'not in', keep);
}

/**
 * What is past the cutoff and would go; `held`, the terminal use past it that requests keep, and
 * `holdingRequests`, the requests whose periods keep some of it.
 */
export interface PastCutoff {
  terminalUse: number;
  idChecks: number;
  held: number;
  holdingRequests: { id: string; reference: string }[];
}

/** The requests whose held periods cover terminal use past the cutoff. */
async function holdingRequests(
  db: Db | Tx,
  cutoff: string,
  held: readonly HeldTerminal[],
): Promise<{ id: string; reference: string }[]> {
  const found = new Map<string, string>();
  for (const h of held) {
    if (found.has(h.requestId)) continue;
    const hit = await db
      .selectFrom('cafe_terminal_use')
      .select('id')
      .where('exited_at', '<', cutoff)
      .where((eb) => inHeld(eb, [h]))
      .limit(1)
      .executeTakeFirst();
    if (hit) found.set(h.requestId, h.reference);
  }
  return [...found]
    .map(([id, reference]) => ({ id, reference }))
    .sort((a, b) => a.reference.localeCompare(b.reference));
}

/** How many terminal-use rows past the cutoff no request holds (`held` empty: all of them). */
async function countTerminalUse(db: Db | Tx, cutoff: string, held: readonly HeldTerminal[]): Promise<number> {
  const r = await terminalUsePastCutoff(db, cutoff, held)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function countPastCutoff(db: Db | Tx, cutoff: string, held: readonly HeldTerminal[]): Promise<PastCutoff> {
  const all = await countTerminalUse(db, cutoff, []);
  const terminalUse = held.length === 0 ? all : await countTerminalUse(db, cutoff, held);
  const c = await checksPastCutoff(db, cutoff, await heldMembers(db, held))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return {
    terminalUse,
    idChecks: Number(c?.n ?? 0),
    held: all - terminalUse,
    holdingRequests: await holdingRequests(db, cutoff, held),
  };
}

/**
 * Deletes what is past the cutoff and not held: terminal use first, then the ID checks no kept use
 * needs (nor a held one).
 */
export async function deletePastCutoff(tx: Tx, cutoff: string, held: readonly HeldTerminal[]): Promise<PastCutoff> {
  const all = await countTerminalUse(tx, cutoff, []);
  const keep = await heldMembers(tx, held);
  const del = tx.deleteFrom('cafe_terminal_use').where('exited_at', '<', cutoff);
  const u = await (held.length === 0 ? del : del.where((eb) => eb.not(inHeld(eb, held)))).executeTakeFirst();
  const ids = (await checksPastCutoff(tx, cutoff, keep).select('id').execute()).map((r) => r.id);
  let checks = 0;
  for (const batch of batches(ids, 500)) {
    const r = await tx.deleteFrom('cafe_id_checks').where('id', 'in', batch).executeTakeFirst();
    checks += Number(r.numDeletedRows);
  }
  const terminalUse = Number(u.numDeletedRows);
  // The held rows are still there: which requests keep them is read after the deletion.
  return {
    terminalUse,
    idChecks: checks,
    held: all - terminalUse,
    holdingRequests: await holdingRequests(tx, cutoff, held),
  };
}
