import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Issue 14 items 4, 6 and 2:
// - deconfliction between forces: an index of keyed hashes of the identifiers issued requests name
//   (never the identifiers), and the matches between two forces' requests that became pointer notices;
// - retention: what was purged or archived of a closed request, when, and the sealed archive;
// - attachments: files of a request, a message or an answer, sealed to each party that may read them.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('overlap_index')
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('agency_organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('overlap_index_pk', ['digest', 'request_id'])
    .execute();
  await db.schema.createIndex('overlap_index_request').on('overlap_index').column('request_id').execute();

  await db.schema
    .createTable('overlap_matches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('other_request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('other_unit_id', 'text', (c) => c.notNull())
    .addColumn('matched_at', 'text', (c) => c.notNull())
    .addColumn('notified', 'integer', (c) => c.notNull())
    .addUniqueConstraint('overlap_matches_pair', ['request_id', 'other_request_id'])
    .execute();
  await db.schema
    .createIndex('overlap_matches_unit')
    .on('overlap_matches')
    .columns(['unit_id', 'matched_at'])
    .execute();
  await db.schema
    .createIndex('overlap_matches_other_unit')
    .on('overlap_matches')
    .columns(['other_unit_id', 'matched_at'])
    .execute();

  await db.schema
    .createTable('retention_records')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('requests.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('archive', 'text')
    .addColumn('removed', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sealed_for_agency', 'text')
    .addColumn('sealed_for_provider', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('purged_at', 'text')
    .execute();
  await db.schema.createIndex('attachments_request').on('attachments').column('request_id').execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('attachments').execute();
  await db.schema.dropTable('retention_records').execute();
  await db.schema.dropTable('overlap_matches').execute();
  await db.schema.dropTable('overlap_index').execute();
}
