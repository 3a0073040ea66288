import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// A bulletin board's post log, imported from its own export (issue 13): which address and source
// port posted which post, when (UTC, with the offset the export wrote), under which account, and the
// file and line each row came from.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('board_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_url', 'text')
    .addColumn('post_id', 'text')
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('posted_offset', 'integer', (c) => c.notNull())
    .addColumn('source_address', 'text', (c) => c.notNull())
    .addColumn('source_port', 'integer')
    .addColumn('account', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_posts_by_id').on('board_posts').columns(['post_id']).execute();
  await db.schema.createIndex('board_posts_by_url').on('board_posts').columns(['post_url']).execute();
  await db.schema.createIndex('board_posts_by_file').on('board_posts').columns(['sha256']).execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('board_posts').execute();
}
