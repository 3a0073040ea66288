import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The provider's own installation attaches files to an answer (a log excerpt, a contract scan): each
// file as a person added it to a draft (its bytes, kept on the provider's premises like the records
// they come from), and — once the answer is approved — the file sealed to the requesting unit and to
// the provider (the body of the hub's sealed upload) and when the hub took it. The id is chosen when
// the file is added and is the id the hub is given: a second upload after a crash is refused there as
// a duplicate, so nothing is uploaded twice.
export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('agent_answer_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('sealed', bytes)
    .addColumn('uploaded_at', 'text')
    .execute();
  await db.schema
    .createIndex('agent_answer_files_request')
    .on('agent_answer_files')
    .columns(['request_id', 'added_at'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('agent_answer_files').execute();
}
