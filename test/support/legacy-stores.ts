// Stores made the old way: before the attribution and registry tables entered the migration list,
// each module created its tables itself (the DDL below is theirs, copied from the code that did it)
// and kept a schema version of its own. Each table gets one row, so a test can migrate such a store
// and read every row back.
import { sql } from 'kysely';
import { type Db, migrate, migrateDown, openStore } from '../../src/store/database.ts';
import type { StoreDialect, StoreLocation } from '../../src/store/location.ts';

const OLD_ATTR_SQLITE =
  `
CREATE TABLE IF NOT EXISTS attr_schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS attr_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attr_file (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL, ` +
  `format TEXT NOT NULL,
  resume_from INTEGER NOT NULL, done INTEGER NOT NULL, records INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attr_account (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS attr_assign (addr BLOB NOT NULL, plen INTEGER NOT NULL, t0 INTEGER NOT NULL, ` +
  `account INTEGER NOT NULL,
  t1 INTEGER NOT NULL, open INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL, eline INTEGER NOT NULL,
  PRIMARY KEY (addr, plen, t0, account)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attr_nat_block (pub INTEGER NOT NULL, plo INTEGER NOT NULL, t0 INTEGER NOT NULL, ` +
  `inside INTEGER NOT NULL,
  phi INTEGER NOT NULL, t1 INTEGER NOT NULL, open INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL, ` +
  `eline INTEGER NOT NULL,
  PRIMARY KEY (pub, plo, t0, inside)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attr_nat_session (pub INTEGER NOT NULL, plo INTEGER NOT NULL, t0 INTEGER NOT NULL, ` +
  `inside INTEGER NOT NULL,
  phi INTEGER NOT NULL, t1 INTEGER NOT NULL, open INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL, ` +
  `eline INTEGER NOT NULL,
  PRIMARY KEY (pub, plo, t0, inside)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attr_subscriber (account TEXT NOT NULL, contract_start INTEGER NOT NULL, ` +
  `contract_end INTEGER,
  name TEXT NOT NULL, name_kana TEXT NOT NULL, installation_address TEXT NOT NULL, billing_address TEXT NOT NULL,
  phone TEXT NOT NULL, email TEXT NOT NULL, PRIMARY KEY (account, contract_start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attr_nat_config (name TEXT NOT NULL, valid_from INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (name, valid_from)) WITHOUT ROWID;
`;

const oldNatTable = (t: string): string => `CREATE TABLE IF NOT EXISTS ${t} (pub int4 NOT NULL, plo int4 NOT NULL,
  t0 int8 NOT NULL, inside int4 NOT NULL, phi int4 NOT NULL, t1 int8 NOT NULL, open int2 NOT NULL, file int4 NOT NULL,
  line int4 NOT NULL, eline int4 NOT NULL, PRIMARY KEY (pub, plo, t0, inside))`;

const OLD_ATTR_POSTGRES = [
  'CREATE TABLE IF NOT EXISTS attr_schema_version (version int4 NOT NULL)',
  'CREATE TABLE IF NOT EXISTS attr_meta (key text PRIMARY KEY, value text NOT NULL)',
  `CREATE TABLE IF NOT EXISTS attr_file (id serial PRIMARY KEY, sha256 text NOT NULL UNIQUE, path text NOT NULL,
    format text NOT NULL, resume_from int4 NOT NULL, done int2 NOT NULL, records int8 NOT NULL, ` +
    `updated_at text NOT NULL)`,
  'CREATE TABLE IF NOT EXISTS attr_account (id serial PRIMARY KEY, name text NOT NULL UNIQUE)',
  `CREATE TABLE IF NOT EXISTS attr_assign (addr bytea NOT NULL, plen int2 NOT NULL, t0 int8 NOT NULL,
    account int4 NOT NULL, t1 int8 NOT NULL, open int2 NOT NULL, file int4 NOT NULL, line int4 NOT NULL,
    eline int4 NOT NULL, PRIMARY KEY (addr, plen, t0, account))`,
  oldNatTable('attr_nat_block'),
  oldNatTable('attr_nat_session'),
  `CREATE TABLE IF NOT EXISTS attr_subscriber (account text NOT NULL, contract_start int8 NOT NULL, contract_end int8,
    name text NOT NULL, name_kana text NOT NULL, installation_address text NOT NULL, billing_address text NOT NULL,
    phone text NOT NULL, email text NOT NULL, PRIMARY KEY (account, contract_start))`,
  `CREATE TABLE IF NOT EXISTS attr_nat_config (name text NOT NULL, valid_from int8 NOT NULL, body text NOT NULL,
    PRIMARY KEY (name, valid_from))`,
];

/** The instants of the old rows: 2026-03-29T01:00:00+09:00 and an hour later. */
export const LEGACY_T0 = 1774713600;
export const LEGACY_T1 = LEGACY_T0 + 3600;
const key = (dotted: string): number => {
  const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
  return a * 16777216 + b * 65536 + c * 256 + d - 2147483648;
};

/** The old attribution store (version 1): 10.0.0.1 held by account alice, behind 203.0.113.9 ports 1024–1279. */
async function oldAttribution(db: Db, dialect: StoreDialect): Promise<void> {
  const ddl = dialect === 'sqlite' ? OLD_ATTR_SQLITE.split(';').filter((x) => x.trim() !== '') : OLD_ATTR_POSTGRES;
  for (const statement of ddl) await sql.raw(statement).execute(db);
  await sql`INSERT INTO attr_schema_version (version) VALUES (1)`.execute(db);
  for (const [k, v] of [
    ['plens4', '32'],
    ['block', '1'],
    ['session', '1'],
    ['span', '255'],
    ['assignFrom', String(LEGACY_T0)],
    ['assignTo', String(LEGACY_T1)],
    ['natFrom', String(LEGACY_T0)],
    ['natTo', String(LEGACY_T1)],
  ])
    await sql`INSERT INTO attr_meta (key, value) VALUES (${k}, ${v})`.execute(db);
  // ids as the old code made them: from the table's own sequence (the first row is 1)
  await sql`INSERT INTO attr_file (sha256, path, format, resume_from, done, records, updated_at)
    VALUES (${'a'.repeat(64)}, '/var/log/old.log', 'radius-detail', 3, 1, 2, '2026-03-29T00:00:00.000Z')`.execute(db);
  await sql`INSERT INTO attr_account (name) VALUES ('alice')`.execute(db);
  await sql`INSERT INTO attr_assign (addr, plen, t0, account, t1, open, file, line, eline)
    VALUES (${Buffer.from([10, 0, 0, 1])}, 32, ${LEGACY_T0}, 1, ${LEGACY_T1}, 0, 1, 1, 2)`.execute(db);
  for (const t of ['attr_nat_block', 'attr_nat_session']) {
    const plo = t === 'attr_nat_block' ? 1024 : 2000;
    const phi = t === 'attr_nat_block' ? 1279 : 2000;
    const insertNat = sql`INSERT INTO ${sql.table(t)} (pub, plo, t0, inside, phi, t1, open, file, line, eline)
      VALUES (${key('203.0.113.9')}, ${plo}, ${LEGACY_T0}, ${key('10.0.0.1')}, ${phi}, ${LEGACY_T1}, 0, 1, 1, 2)`;
    await insertNat.execute(db);
  }
  await sql`INSERT INTO attr_subscriber (account, contract_start, contract_end, name, name_kana, installation_address,
      billing_address, phone, email)
    VALUES ('alice', -1000000000000000, NULL, '山田 花子', 'ヤマダ ハナコ', '東京都千代田区1', '東京都千代田区1',
      '03-0000-0000', 'alice@example.jp')`.execute(db);
  const config = {
    name: 'det-old',
    insideBase: key('100.65.0.0') + 2147483648,
    insideCount: 256,
    outside: [key('198.51.100.128') + 2147483648],
    portsPerSubscriber: 256,
    firstPort: 1024,
    validFrom: LEGACY_T0 - 86400,
    validTo: null,
  };
  await sql`INSERT INTO attr_nat_config (name, valid_from, body)
    VALUES (${config.name}, ${config.validFrom}, ${JSON.stringify(config)})`.execute(db);
}

/** The old registry tables (version 1, or 2 with the snapshot table): APNIC's 60.32.0.0/12 allocated in JP. */
async function oldRegistry(db: Db, dialect: StoreDialect, version: 1 | 2): Promise<void> {
  await db.schema
    .createTable('registry_schema_version')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('registry_sources')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('registry', 'text')
    .addColumn('data_date', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('registry_ranges')
    .addColumn('source_id', 'integer', (c) => c.notNull().references('registry_sources.id').onDelete('cascade'))
    .addColumn('family', 'integer', (c) => c.notNull())
    .addColumn('start_key', 'text', (c) => c.notNull())
    .addColumn('end_key', 'text', (c) => c.notNull())
    .addColumn('registry', 'text')
    .addColumn('country', 'text')
    .addColumn('status', 'text')
    .addColumn('holder', 'text')
    .addColumn('handle', 'text')
    .addColumn('abuse', 'text')
    .addColumn('asns', 'text')
    .addColumn('opaque_id', 'text')
    .addColumn('record_date', 'text')
    .execute();
  await db.schema.createIndex('registry_ranges_source').on('registry_ranges').column('source_id').execute();
  await db.schema
    .createTable('registry_asns')
    .addColumn('source_id', 'integer', (c) => c.notNull().references('registry_sources.id').onDelete('cascade'))
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('first_asn', 'bigint', (c) => c.notNull())
    .addColumn('asn_count', 'integer', (c) => c.notNull())
    .addColumn('opaque_id', 'text')
    .execute();
  await db.schema.createIndex('registry_asns_source').on('registry_asns').column('source_id').execute();
  if (version === 2) {
    await db.schema
      .createTable('registry_snapshot')
      .addColumn('format_version', 'integer', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('built_at', 'text', (c) => c.notNull())
      .addColumn('byte_size', 'integer', (c) => c.notNull())
      .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .execute();
  }
  await sql`INSERT INTO registry_schema_version (version) VALUES (${version})`.execute(db);
  await sql`INSERT INTO registry_sources (format, file_name, sha256, registry, data_date, imported_at, record_count)
    VALUES ('delegated', 'delegated-apnic-extended-latest', ${'b'.repeat(64)}, 'apnic', '2026-11-24',
      '2026-11-25T03:00:00.000Z', 2)`.execute(db);
  const row = sql`INSERT INTO registry_ranges (source_id, family, start_key, end_key, registry, country, status, holder,
      handle, abuse, asns, opaque_id, record_date)
    VALUES (1, 4, '3c200000', '3c2fffff', 'apnic', 'JP', 'allocated', NULL, NULL, NULL, NULL, 'A91A7381', '20000101')`;
  await row.execute(db);
  await sql`INSERT INTO registry_asns (source_id, registry, country, first_asn, asn_count, opaque_id)
    VALUES (1, 'apnic', 'JP', 4713, 1, 'A91A7381')`.execute(db);
}

/**
 * Makes a store the old way. `mainTables`: the main store had its own migrations applied (001–002)
 * too, as when the modules shared the main database; otherwise it is a store of their own.
 */
export async function makeLegacyStore(
  location: StoreLocation,
  options: { attribution?: boolean; registryVersion?: 1 | 2; mainTables?: boolean },
): Promise<void> {
  const store = await openStore(location, { migrate: false });
  try {
    if (options.mainTables) {
      await migrate(store);
      await migrateDown(store, '002-hardening');
    }
    if (options.attribution) await oldAttribution(store.db, store.dialect);
    if (options.registryVersion) await oldRegistry(store.db, store.dialect, options.registryVersion);
  } finally {
    await store.close();
  }
}
