import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import type { StoreDialect } from '../location.ts';

// Two holdings of one key — the same address, start and account (two RADIUS sessions of one user on one
// address from one second); the same public port, start and inside address (a TCP and a UDP flow) — both
// still open at a file's end were one open row, and the first end read in a later file closed it: the other
// holding, never ended, was gone from every answer after that end. One row cannot count the holdings it
// stands for. So `hold` joins the key of the three interval tables: the log's own name for a holding whose
// end is not logged (a hash of a session's NAS and id, of a flow's protocol and inside port), 0 where there
// is none or the end is logged (src/attribution/store/same-start.ts). Rows stay as they are, with hold 0
// (an end read later closes such a row as before). SQLite rebuilds each table (WITHOUT ROWID: the key is
// the table); PostgreSQL adds the column and swaps the primary key. `down` takes the old key back while no
// two rows share it, and refuses, in both languages, while some do: the code before 079 keeps one row a
// key, and the first end read would close both holdings again. Frozen with this migration: the statements
// below are its own.

interface Table {
  name: 'attr_assign' | 'attr_nat_block' | 'attr_nat_session';
  /** The key before 079 (003 for attr_assign, 077 for the NAT tables). */
  key: string[];
  /** SQLite's columns before 079, as 003, 067 and 077 made them. */
  columns: string;
}

const NAT_COLUMNS =
  'pub integer NOT NULL, plo integer NOT NULL, t0 integer NOT NULL, inside integer NOT NULL, ' +
  'phi integer NOT NULL, t1 integer NOT NULL, open integer NOT NULL, file integer NOT NULL, ' +
  'line integer NOT NULL, eline integer NOT NULL, reach integer';
const TABLES: Table[] = [
  {
    name: 'attr_assign',
    key: ['addr', 'plen', 't0', 'account'],
    columns:
      'addr blob NOT NULL, plen integer NOT NULL, t0 integer NOT NULL, account integer NOT NULL, ' +
      't1 integer NOT NULL, open integer NOT NULL, file integer NOT NULL, line integer NOT NULL, ' +
      'eline integer NOT NULL, reach integer',
  },
  { name: 'attr_nat_block', key: ['pub', 'plo', 't0', 'inside', 'phi'], columns: NAT_COLUMNS },
  { name: 'attr_nat_session', key: ['pub', 'plo', 't0', 'inside', 'phi'], columns: NAT_COLUMNS },
];
const HOLD = 'hold integer NOT NULL DEFAULT 0';

/** The column names of a column list. */
const names = (columns: string): string =>
  columns
    .split(', ')
    .map((c) => c.split(' ')[0])
    .join(', ');

/** SQLite: the table rebuilt with `columns` and `key`, keeping the rows (the columns before 079). */
async function rebuild<DB>(db: Kysely<DB>, t: Table, columns: string, key: string[]): Promise<void> {
  const old = `${t.name}_before_079`;
  const cols = sql.raw(key.join(', '));
  const kept = sql.raw(names(t.columns));
  await sql`ALTER TABLE ${sql.table(t.name)} RENAME TO ${sql.table(old)}`.execute(db);
  await sql`CREATE TABLE ${sql.table(t.name)} (${sql.raw(columns)},
      CONSTRAINT ${sql.raw(`${t.name}_pkey`)} PRIMARY KEY (${cols})) WITHOUT ROWID`.execute(db);
  const order = sql.raw(t.key.join(', '));
  await sql`INSERT INTO ${sql.table(t.name)} (${kept}) SELECT ${kept} FROM ${sql.table(old)} ORDER BY ${order}`.execute(
    db,
  );
  await sql`DROP TABLE ${sql.table(old)}`.execute(db);
}

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  for (const t of TABLES) {
    const key = [...t.key, 'hold'];
    if (dialect === 'sqlite') {
      await rebuild(db, t, `${t.columns}, ${HOLD}`, key);
      continue;
    }
    const pkey = sql.raw(`${t.name}_pkey`);
    await sql`ALTER TABLE ${sql.table(t.name)} ADD COLUMN hold int4 NOT NULL DEFAULT 0,
        DROP CONSTRAINT ${pkey}, ADD CONSTRAINT ${pkey} PRIMARY KEY (${sql.raw(key.join(', '))})`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  let shared = 0;
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${sql.table(t.name)}
        GROUP BY ${sql.raw(t.key.join(', '))} HAVING count(*) > 1) AS d`.execute(db);
    shared += Number(r.rows[0]?.n ?? 0);
  }
  if (shared > 0) {
    throw new DomainError(
      'CONFLICT',
      {
        ja:
          `アドレス・開始時刻・アカウント（NAT では公開アドレス・ポート・開始時刻・内側アドレス）が同じで、終了の記録のない` +
          `別々の利用を別の行に持つ組が ${shared} 組あります。079 より前の版はこれを一行にまとめ、後から読んだ一つの終了で` +
          'どちらも終わったことにするため、079 は取り消せません',
        en:
          `${shared} key(s) (address, start and account; for NAT, public address, ports, start and inside address) ` +
          'hold rows of separate holdings whose ends were not logged: a store before 079 keeps one row a key, and ' +
          'the first end read would close them all; 079 cannot be taken back',
      },
      { migration: '079-attribution-hold-key', sharedKeys: shared },
    );
  }
  for (const t of TABLES) {
    if (dialect === 'sqlite') {
      await rebuild(db, t, t.columns, t.key);
      continue;
    }
    const pkey = sql.raw(`${t.name}_pkey`);
    await sql`ALTER TABLE ${sql.table(t.name)} DROP CONSTRAINT ${pkey},
        ADD CONSTRAINT ${pkey} PRIMARY KEY (${sql.raw(t.key.join(', '))}), DROP COLUMN hold`.execute(db);
  }
}
