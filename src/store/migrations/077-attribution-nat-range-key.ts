import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import type { StoreDialect } from '../location.ts';

// A NAT row's key was (pub, plo, t0, inside): a second record of the same public address, port_low, start
// and inside address was one row with the first, and where it named another port_high the row could keep
// only one range. Two records — ports 40192–40447 until 01:05 and 40192–40319 until 02:00 — prove the
// union of two rectangles (ports × time); no one row holds it: keeping either range drops what the other
// proves, their hull claims ports 40320–40447 after 01:05 that no record gave (a `unique` answer for a
// translation nobody logged). So phi joins the key: each range keeps its own row, and the records of one
// range (the same rectangle's start) keep the latest end (src/attribution/store/same-start.ts). Rows stay as
// they are; the lookups read the key's first columns as before. SQLite rebuilds each table (WITHOUT ROWID:
// the key is the table); PostgreSQL swaps the primary key. `down` takes the old key back while no two rows
// share it, and refuses while some do: the code before 077 can keep only one of them, and one port range
// dropped or widened is a wrong answer. Frozen with this migration: the statements below are its own.

const TABLES = ['attr_nat_block', 'attr_nat_session'] as const;
const OLD_KEY = ['pub', 'plo', 't0', 'inside'];
const NEW_KEY = [...OLD_KEY, 'phi'];
/** The tables' columns in their order (003, and 067's reach). */
const COLUMNS = 'pub, plo, t0, inside, phi, t1, open, file, line, eline, reach';

async function rekey<DB>(db: Kysely<DB>, dialect: StoreDialect, key: string[]): Promise<void> {
  for (const t of TABLES) {
    const pkey = sql.raw(`${t}_pkey`);
    const cols = sql.raw(key.join(', '));
    if (dialect === 'postgres') {
      const swap = sql`DROP CONSTRAINT ${pkey}, ADD CONSTRAINT ${pkey} PRIMARY KEY (${cols})`;
      await sql`ALTER TABLE ${sql.table(t)} ${swap}`.execute(db);
      continue;
    }
    const old = `${t}_before_077`;
    await sql`ALTER TABLE ${sql.table(t)} RENAME TO ${sql.table(old)}`.execute(db);
    await sql`CREATE TABLE ${sql.table(t)} (pub integer NOT NULL, plo integer NOT NULL, t0 integer NOT NULL,
        inside integer NOT NULL, phi integer NOT NULL, t1 integer NOT NULL, open integer NOT NULL,
        file integer NOT NULL, line integer NOT NULL, eline integer NOT NULL, reach integer,
        CONSTRAINT ${pkey} PRIMARY KEY (${cols})) WITHOUT ROWID`.execute(db);
    await sql`INSERT INTO ${sql.table(t)} (${sql.raw(COLUMNS)})
        SELECT ${sql.raw(COLUMNS)} FROM ${sql.table(old)} ORDER BY ${cols}`.execute(db);
    await sql`DROP TABLE ${sql.table(old)}`.execute(db);
  }
}

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  await rekey(db, dialect, NEW_KEY);
}

export async function down<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  let shared = 0;
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${sql.table(t)}
        GROUP BY ${sql.raw(OLD_KEY.join(', '))} HAVING count(*) > 1) AS d`.execute(db);
    shared += Number(r.rows[0]?.n ?? 0);
  }
  if (shared > 0) {
    throw new DomainError(
      'CONFLICT',
      {
        ja:
          `NAT の記録で、公開アドレス・開始ポート・開始時刻・内側アドレスが同じでポート範囲の異なる行が ${shared} 組あります。` +
          '077 より前の版はそのうち一行しか保てず、ポート範囲を落とすか広げて誤った回答をするため、077 は取り消せません',
        en:
          `${shared} NAT key(s) (public address, port_low, start, inside address) hold rows of different port ` +
          'ranges: a store before 077 keeps one row a key, so a range would be dropped or widened and answers ' +
          'would be wrong; 077 cannot be taken back',
      },
      { migration: '077-attribution-nat-range-key', sharedKeys: shared },
    );
  }
  await rekey(db, dialect, OLD_KEY);
}
