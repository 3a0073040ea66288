import type { Kysely } from 'kysely';
import type { StoreDialect } from '../location.ts';

// Re-sealing after a custody key is found compromised: a holder's device opens what was sealed to that
// key and seals the same content again to the owner's current key; the hub keeps the copy beside the
// original box (never in its place: the original stays as the sender sealed and signed it). One copy
// per item, owner and new key: posting it again changes nothing.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('resealed_boxes')
    // 'answer' | 'attachment' | 'archive' | 'notice'
    .addColumn('kind', 'text', (c) => c.notNull())
    // the request id (answer, archive), the attachment id, the provision notice id
    .addColumn('item_id', 'text', (c) => c.notNull())
    // whose copy: 'unit' | 'organisation', and its id
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('from_key_id', 'text', (c) => c.notNull())
    .addColumn('to_key_id', 'text', (c) => c.notNull())
    // JSON DeviceBox sealed to to_key_id, with the original box's context (aad)
    .addColumn('box', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the content, as the re-sealing device found it
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('resealed_by', 'text', (c) => c.notNull())
    .addColumn('resealed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resealed_boxes_pk', ['kind', 'item_id', 'owner_type', 'owner_id', 'to_key_id'])
    .execute();
  await db.schema
    .createIndex('resealed_boxes_owner')
    .on('resealed_boxes')
    .columns(['owner_type', 'owner_id'])
    .execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('resealed_boxes').execute();
}
