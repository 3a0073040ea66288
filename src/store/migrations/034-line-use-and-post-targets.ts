import { type Kysely, sql } from 'kysely';
import { canonicalPost } from '../../domain/post-target.ts';
import type { StoreDialect } from '../location.ts';

// Issue 13's findings: (1) the subscriber directory says what kind of line a contract is
// (`residential`, `business`, `shared`; `unknown` for every row loaded before, as the directory did
// not say); (2) a board's post log keeps its post URLs and IDs in the one canonical form lookups use
// (`canonicalPost`: `…/t/100#5` and `…/t/100/5` are `…/t/100` + post `5`), so rows imported before
// match too. `down` drops the column; the canonical URLs stay (they are what the log's post was; the
// file and line of every row still point at what the export wrote).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .alterTable('attr_subscriber')
    .addColumn('line_use', 'text', (c) => c.notNull().defaultTo('unknown'))
    .execute();
  const rows = await sql<{ id: string; post_url: string | null; post_id: string | null }>`
    SELECT id, post_url, post_id FROM board_posts WHERE post_url IS NOT NULL`.execute(db);
  for (const r of rows.rows) {
    if (r.post_url === null) continue;
    const post = canonicalPost(r.post_url, r.post_id);
    if (!post || (post.url === r.post_url && post.postId === r.post_id)) continue;
    await sql`UPDATE board_posts SET post_url = ${post.url}, post_id = ${post.postId} WHERE id = ${r.id}`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('attr_subscriber').dropColumn('line_use').execute();
}
