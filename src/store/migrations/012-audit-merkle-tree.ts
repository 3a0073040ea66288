import { type Kysely, sql } from 'kysely';
import { entryDigests } from '../../crypto/audit-chain.ts';
import { MerkleFrontier } from '../../crypto/merkle.ts';
import type { StoreDialect } from '../location.ts';

// The audit log becomes a Merkle tree log (RFC 9162 style) over the same entries: every perfect subtree
// hash is kept, with the entry whose append completed it (audit_entries.tree_nodes), so the root of any
// size and every inclusion and consistency proof is a handful of lookups; signed tree heads are kept in
// audit_tree_heads; the head row carries the tree's right edge (frontier) and where the last signed
// head stands. Existing entries are hashed into the tree here.

type EntryRow = {
  seq: number | string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  organisation_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
};

const PAGE = 2000;

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .alterTable('audit_entries')
    .addColumn('tree_nodes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('audit_tree_heads')
    .addColumn('size', bigint, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_tree_heads_pk', ['size', 'at'])
    .execute();
  await db.schema
    .alterTable('audit_head')
    .addColumn('frontier', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('audit_head')
    .addColumn('signed_size', bigint, (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('audit_head').addColumn('signed_at', 'text').execute();

  const frontier = MerkleFrontier.empty();
  for (let after = 0; ; ) {
    const rows = (
      await sql<EntryRow>`SELECT seq, at, actor_type, actor_id, organisation_id, action, subject_type, subject_id,
        details, prev_hash FROM audit_entries WHERE seq > ${after} ORDER BY seq LIMIT ${PAGE}`.execute(db)
    ).rows;
    for (const r of rows) {
      let details: unknown;
      try {
        details = JSON.parse(r.details);
      } catch {
        details = r.details;
      }
      const { leaf } = entryDigests(r.prev_hash, {
        seq: Number(r.seq),
        at: r.at,
        actorType: r.actor_type,
        actorId: r.actor_id,
        organisationId: r.organisation_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        details,
      });
      const nodes = frontier
        .append(leaf)
        .map((n) => n.hash.toString('hex'))
        .join('');
      await sql`UPDATE audit_entries SET tree_nodes = ${nodes} WHERE seq = ${r.seq}`.execute(db);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = Number(last.seq);
  }
  await sql`UPDATE audit_head SET frontier = ${frontier.toString()} WHERE id = 1`.execute(db);
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('audit_head').dropColumn('signed_at').execute();
  await db.schema.alterTable('audit_head').dropColumn('signed_size').execute();
  await db.schema.alterTable('audit_head').dropColumn('frontier').execute();
  await db.schema.dropTable('audit_tree_heads').execute();
  await db.schema.alterTable('audit_entries').dropColumn('tree_nodes').execute();
}
