import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Two things a provider's installation did not see.
// 1. The files a requester attached to a request: the installation opens each with its own device key,
//    checks it against the SHA-256 the approver signed, and keeps what it checked — a verified file still
//    sealed (the box to the provider's record key and that key wrapped to the installation's device, as
//    the hub handed them out), a refused one (another file, one missing, one the request does not name)
//    only as that verdict.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('agent_request_files')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_request_files_pk', ['request_id', 'id'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('agent_request_files').execute();
}
