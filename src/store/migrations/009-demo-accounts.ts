import { type Kysely, sql } from 'kysely';
import { verifyPassword } from '../../crypto/key-wrap.ts';
import type { StoreDialect } from '../location.ts';

// The demo's accounts are marked, so that `serve` refuses a store holding them unless it runs the
// demo. Stores seeded before this migration gave every demo account one password written in the
// source; those accounts are found by that password and marked too. It is kept here only to find
// them: the demo now draws a random password per installation.
const PUBLISHED_DEMO_PASSWORD = 'shokai-demo-2026';
const DEMO_LOGINS = [
  'sato',
  'tanaka',
  'mpd.admin',
  'mpd.keys',
  'osaka.admin',
  'osaka',
  'osaka.head',
  'court.admin',
  'judge',
  'board.intake',
  'board.legal',
  'board.admin',
  'isp.legal',
  'isp.operator',
  'cafe.staff',
  'auditor',
  'admin',
];

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('demo_accounts')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .execute();
  const candidates = await sql<{ id: string; password_hash: string }>`
    SELECT id, password_hash FROM users WHERE login IN (${sql.join(DEMO_LOGINS)})`.execute(db);
  const at = new Date().toISOString();
  for (const u of candidates.rows) {
    if (!(await verifyPassword(PUBLISHED_DEMO_PASSWORD, u.password_hash))) continue;
    await sql`INSERT INTO demo_accounts (user_id, marked_at) VALUES (${u.id}, ${at})`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('demo_accounts').execute();
}
