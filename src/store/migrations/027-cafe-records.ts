import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The records Tokyo's ordinance on internet-terminal businesses makes a café keep for three years
// from the end of the service (issue 13): ID checks (who, with which document, when) and terminal use
// (which terminal, which member, entry and exit). Instants are UTC text with the offset as exported.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('cafe_id_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member', 'text', (c) => c.notNull())
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_offset', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cafe_id_checks_by_member').on('cafe_id_checks').columns(['member']).execute();
  await db.schema.createIndex('cafe_id_checks_by_file').on('cafe_id_checks').columns(['sha256']).execute();
  await db.schema
    .createTable('cafe_terminal_use')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal', 'text', (c) => c.notNull())
    .addColumn('member', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_offset', 'integer', (c) => c.notNull())
    .addColumn('exited_at', 'text', (c) => c.notNull())
    .addColumn('exited_offset', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cafe_terminal_use_by_terminal')
    .on('cafe_terminal_use')
    .columns(['terminal', 'entered_at'])
    .execute();
  await db.schema.createIndex('cafe_terminal_use_by_member').on('cafe_terminal_use').columns(['member']).execute();
  await db.schema.createIndex('cafe_terminal_use_by_file').on('cafe_terminal_use').columns(['sha256']).execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('cafe_terminal_use').execute();
  await db.schema.dropTable('cafe_id_checks').execute();
}
