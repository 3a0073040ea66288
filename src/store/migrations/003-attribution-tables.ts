import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';
import { legacyVersion } from './legacy.ts';

// The attribution engine's tables (src/attribution/store/): address holdings, CGNAT port blocks and
// sessions, the subscriber directory, deterministic NAT configurations and the files they came from.
// Integers are as narrow as the values allow (IPv4 as a signed 32-bit key, times as epoch seconds):
// the tables hold billions of rows. Branches on the dialect only for column types, and on SQLite for
// WITHOUT ROWID (the primary key is the lookup index and the table itself).

/** The last version the attribution engine's own schema table recorded before this migration. */
const LEGACY_VERSION = 1;

const TABLES = [
  'attr_meta',
  'attr_file',
  'attr_account',
  'attr_assign',
  'attr_nat_block',
  'attr_nat_session',
  'attr_subscriber',
  'attr_nat_config',
] as const;

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  // A store made by the engine before: keep its tables and rows, drop its version table.
  const adopting = (await legacyVersion(db, dialect, 'attr_schema_version', LEGACY_VERSION)) !== null;
  const pg = dialect === 'postgres';
  const i2 = pg ? 'int2' : 'integer';
  const i4 = pg ? 'int4' : 'integer';
  const i8 = pg ? 'int8' : 'integer';
  const serial = pg ? 'serial' : 'integer';
  const create = (name: (typeof TABLES)[number]) => {
    const t = db.schema.createTable(name);
    return adopting ? t.ifNotExists() : t;
  };
  const keyed = <T extends string>(t: CreateTableBuilder<string, T>, name: string, columns: T[]) => {
    const withKey = t.addPrimaryKeyConstraint(`${name}_pkey`, columns);
    return pg ? withKey : withKey.modifyEnd(sql`without rowid`);
  };

  await create('attr_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();

  await create('attr_file')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('resume_from', i4, (c) => c.notNull())
    .addColumn('done', i2, (c) => c.notNull())
    .addColumn('records', i8, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await create('attr_account')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();

  await keyed(
    create('attr_assign')
      .addColumn('addr', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('plen', i2, (c) => c.notNull())
      .addColumn('t0', i8, (c) => c.notNull())
      .addColumn('account', i4, (c) => c.notNull())
      .addColumn('t1', i8, (c) => c.notNull())
      .addColumn('open', i2, (c) => c.notNull())
      .addColumn('file', i4, (c) => c.notNull())
      .addColumn('line', i4, (c) => c.notNull())
      .addColumn('eline', i4, (c) => c.notNull()),
    'attr_assign',
    ['addr', 'plen', 't0', 'account'],
  ).execute();

  for (const name of ['attr_nat_block', 'attr_nat_session'] as const) {
    await keyed(
      create(name)
        .addColumn('pub', i4, (c) => c.notNull())
        .addColumn('plo', i4, (c) => c.notNull())
        .addColumn('t0', i8, (c) => c.notNull())
        .addColumn('inside', i4, (c) => c.notNull())
        .addColumn('phi', i4, (c) => c.notNull())
        .addColumn('t1', i8, (c) => c.notNull())
        .addColumn('open', i2, (c) => c.notNull())
        .addColumn('file', i4, (c) => c.notNull())
        .addColumn('line', i4, (c) => c.notNull())
        .addColumn('eline', i4, (c) => c.notNull()),
      name,
      ['pub', 'plo', 't0', 'inside'],
    ).execute();
  }

  await keyed(
    create('attr_subscriber')
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('contract_start', i8, (c) => c.notNull())
      .addColumn('contract_end', i8)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_kana', 'text', (c) => c.notNull())
      .addColumn('installation_address', 'text', (c) => c.notNull())
      .addColumn('billing_address', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull()),
    'attr_subscriber',
    ['account', 'contract_start'],
  ).execute();

  await keyed(
    create('attr_nat_config')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('valid_from', i8, (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull()),
    'attr_nat_config',
    ['name', 'valid_from'],
  ).execute();

  if (adopting) await db.schema.dropTable('attr_schema_version').execute();
}

export async function down<DB>(db: Kysely<DB>): Promise<void> {
  for (const name of [...TABLES].reverse()) await db.schema.dropTable(name).execute();
}
