import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Two things a provider's installation did not see.
// 1. The files a requester attached to a request: the installation opens each with its own device key,
//    checks it against the SHA-256 the approver signed, and keeps what it checked — a verified file still
//    sealed (the box to the provider's record key and that key wrapped to the installation's device, as
//    the hub handed them out), a refused one (another file, one missing, one the request does not name)
//    only as that verdict.
// 2. The revocation of a duty designation enters the hub's directory log, so the offline check sees it. A
//    revocation enters the log when it is made (`logged_at` = `revoked_at`); those made before this
//    migration enter it at this migration's instant, after every entry a provider may have pinned, so an
//    old pin is extended, not rewritten. Each keeps the instant it took effect (`revoked_at`).
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
  await db.schema.alterTable('duty_designations').addColumn('logged_at', 'text').execute();
  const now = new Date().toISOString();
  await sql`UPDATE duty_designations SET logged_at = ${now} WHERE revoked_at IS NOT NULL`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('duty_designations').dropColumn('logged_at').execute();
  await db.schema.dropTable('agent_request_files').execute();
}
