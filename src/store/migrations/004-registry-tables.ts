import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';
import { legacyVersion } from './legacy.ts';

// IP registry data (src/evidence/registry/): the imported files, their address ranges and ASN blocks,
// and the built lookup index saved as one binary snapshot. Branches on the dialect only for column
// types.

/** The last version the registry's own schema table recorded before this migration (2 added the snapshot). */
const LEGACY_VERSION = 2;

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  // A store made by the registry code before (version 1 or 2): keep its rows, add what version 2
  // added, drop its version table.
  const adopting = (await legacyVersion(db, dialect, 'registry_schema_version', LEGACY_VERSION)) !== null;
  const pg = dialect === 'postgres';
  const table = (name: string) => (adopting ? db.schema.createTable(name).ifNotExists() : db.schema.createTable(name));
  const index = (name: string) => (adopting ? db.schema.createIndex(name).ifNotExists() : db.schema.createIndex(name));

  await table('registry_sources')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('registry', 'text')
    .addColumn('data_date', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .execute();

  await table('registry_ranges')
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
  await index('registry_ranges_source').on('registry_ranges').column('source_id').execute();

  await table('registry_asns')
    .addColumn('source_id', 'integer', (c) => c.notNull().references('registry_sources.id').onDelete('cascade'))
    .addColumn('registry', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('first_asn', 'bigint', (c) => c.notNull())
    .addColumn('asn_count', 'integer', (c) => c.notNull())
    .addColumn('opaque_id', 'text')
    .execute();
  await index('registry_asns_source').on('registry_asns').column('source_id').execute();

  await table('registry_snapshot')
    .addColumn('format_version', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();

  if (adopting) await db.schema.dropTable('registry_schema_version').execute();
}

export async function down<DB>(db: Kysely<DB>): Promise<void> {
  for (const name of ['registry_snapshot', 'registry_asns', 'registry_ranges', 'registry_sources']) {
    await db.schema.dropTable(name).execute();
  }
}
