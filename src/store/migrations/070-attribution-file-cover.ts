import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The stretches of time a source file's NAT records cover: the instants its NAT rows start and end at
// (and the ends it logged of rows begun elsewhere), cut wherever two such instants lie more than an hour
// apart. The resolver reads them only for a public address held outright after its NAT span: the direct
// holder may be named only where the NAT log that recorded the address last runs on, without such a gap,
// through the question (src/attribution/nat-cover.ts). Each committed batch adds its own stretches; the
// reader merges them. Files ingested before have none, and their addresses are answered as before.
export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const pg = dialect === 'postgres';
  await db.schema
    .createTable('attr_file_cover')
    .addColumn('file', pg ? 'int4' : 'integer', (c) => c.notNull())
    .addColumn('t_from', pg ? 'int8' : 'integer', (c) => c.notNull())
    .addColumn('t_to', pg ? 'int8' : 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attr_file_cover_pkey', ['file', 't_from', 't_to'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('attr_file_cover').execute();
}
