import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The provider's own installation (`shokai agent`, issue 13): the requests it took in from a hub after
// verifying their envelopes against the pinned directory (what it prepared, who reviewed it, what left),
// and the envelopes it refused (no content kept: only why, and the digest of what was refused).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('agent_requests')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('envelope_id', 'text', (c) => c.notNull().unique())
    .addColumn('payload_digest', 'text', (c) => c.notNull())
    .addColumn('hub_fingerprint', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('findings', 'text')
    .addColumn('draft', 'text')
    .addColumn('edited_by', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('automatic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submission', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agent_requests_state').on('agent_requests').columns(['state', 'received_at']).execute();
  await db.schema
    .createTable('agent_refusals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('envelope_digest', 'text', (c) => c.notNull())
    .addColumn('directory_size', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('refused_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agent_refusals_request')
    .on('agent_refusals')
    .columns(['request_id', 'envelope_digest', 'directory_size'])
    .unique()
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('agent_refusals').execute();
  await db.schema.dropTable('agent_requests').execute();
}
