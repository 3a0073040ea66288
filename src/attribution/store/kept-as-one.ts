// Records kept as one holding with another's row: a record whose row's key (address or prefix, start, account
// and holding; public address, port range, start, inside address and holding) another record's row holds
// already — a lease exported with its renewal as a second line, a Start logged twice, two RADIUS sessions of one
// user on one address from one second with their ends logged, a NAT log repeating a block. The store keeps one
// row (same-start.ts); the ingest says how many records were so kept, so that a log repeating itself is seen.
//
// Counted as the rows a batch writes (its rows, and the CloseOp fallbacks it stores) less the rows they insert:
// a row beyond the first of its key in the batch, and the first where the store held the key, is not inserted,
// whether it changes the row or not. So the count is the same wherever batches end. PostgreSQL reads what its
// upsert inserted from RETURNING (xmax = 0) (a conflict that changes nothing returns no row; rows the batch
// merges before the statement are not in it). SQLite's upsert tells neither (its change count takes effective
// updates with inserts, and RETURNING misses a conflict that changes nothing): a temporary trigger after each
// insert into the three interval tables counts it instead, as an upsert's update path fires no insert trigger.
// (One probe of a batch's keys through json_each before the upsert, the route h1 wrote down, cost about a
// quarter of the ingest's CPU in the benchmark; the trigger is one call a row inserted.) An end read later that
// closes or extends an open row inserts nothing and writes no row: it is not another holding. The lines a run
// reads again (a resumed run, a file read again with --zone) count nothing: ingest.ts commits them apart and
// leaves their count out, since what they give was stored before (attr_file.read_to, 080).
import type { Database } from 'better-sqlite3';

/** Rows inserted into the interval tables over one SQLite connection, as its triggers counted them. */
export interface InsertCount {
  n: number;
  /** Makes sure the triggers are there (a migration that rebuilt a table dropped its trigger); returns `n`. */
  begin(): number;
}

const TABLES = ['attr_assign', 'attr_nat_block', 'attr_nat_session'] as const;
const FUNCTION = 'shokai_attr_row_inserted';
const counts = new WeakMap<Database, InsertCount>();

/** The connection's insert count: one for every repository over it (the function is registered once). */
export function countInserts(db: Database): InsertCount {
  const known = counts.get(db);
  if (known) return known;
  const triggers = TABLES.map(
    (t) => `CREATE TEMP TRIGGER IF NOT EXISTS ${t}_inserted AFTER INSERT ON main.${t} BEGIN SELECT ${FUNCTION}(); END;`,
  ).join('\n');
  const count: InsertCount = {
    n: 0,
    begin: () => {
      db.exec(triggers);
      return count.n;
    },
  };
  db.function(FUNCTION, { deterministic: false }, () => {
    count.n++;
    return null;
  });
  counts.set(db, count);
  return count;
}
