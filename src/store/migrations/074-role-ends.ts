import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import type { StoreDialect } from '../location.ts';

// A person's role may end without their account: a judge moves to another court, a provider's legal officer
// to another department. Each end is a row here, with its instant (UTC ms, ISO) and who ended it; the
// directory log enters it as the end of the grant (`role.ended`, as a disabling already is). `grant_id` is
// the role's id in the log: a countersigned grant's `role_grants.id`, or `<user id>:<role>` for a role the
// person was made with (src/directory/transparency.repository.ts). Nothing existed before: no entry of an
// older log moves, so every pin of it is extended, not rewritten. `down` drops the table while it is empty,
// and refuses while it holds an end: the code before 074 knows no end but a disabling, so it would log an
// ended grant not at all (every pin refusing the log as rewritten) and a role the person was made with,
// ended and granted again, as held from their making with no end (what was signed between counting again).
// Frozen with this migration: the statements below are its own.
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('role_ends')
    .addColumn('grant_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('ended_by', 'text')
    .execute();
  await db.schema.createIndex('role_ends_user').on('role_ends').columns(['user_id', 'role']).execute();
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const kept = await sql<{ n: number | string }>`SELECT count(*) AS n FROM role_ends`.execute(db);
  const n = Number(kept.rows[0]?.n ?? 0);
  if (n > 0) {
    throw new DomainError(
      'CONFLICT',
      {
        ja:
          `役割の終了が ${n} 件記録されています。074 より前の版は役割の終了を表せず、ディレクトリの記録から終了が` +
          '消え、終了した役割を保持中と扱うため、074 は取り消せません',
        en:
          `${n} role end(s) are kept: a store before 074 cannot show a role's end, so the directory log would ` +
          'lose them and count ended roles as held; 074 cannot be taken back',
      },
      { migration: '074-role-ends', roleEnds: n },
    );
  }
  await db.schema.dropTable('role_ends').execute();
}
