// Two changes made at the same moment on PostgreSQL: the test holds the audit log's head row (every writing
// unit of work takes it when it audits, src/kernel/unit-of-work.ts) until both changes wait for it, so each
// has read what it checks before either is written; then it lets them go and returns both outcomes.
import assert from 'node:assert/strict';
import { type Kysely, sql } from 'kysely';

const pause = () => new Promise((r) => setTimeout(r, 25));

export async function twoAtTheAuditHead<DB>(
  db: Kysely<DB>,
  start: () => [Promise<unknown>, Promise<unknown>],
): Promise<Array<PromiseSettledResult<unknown>>> {
  const waiting = async () =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE '%audit_head%'`.execute(db)
      ).rows[0]?.n ?? 0,
    );
  let outcomes: Array<PromiseSettledResult<unknown>> = [];
  await db.transaction().execute(async (tx) => {
    await sql`SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE`.execute(tx);
    const both = Promise.allSettled(start());
    for (let i = 0; i < 200 && (await waiting()) < 2; i++) await pause();
    assert.equal(await waiting(), 2, 'both changes wait for the audit head');
    // released when this transaction commits, below
    void both.then((r) => {
      outcomes = r;
    });
  });
  for (let i = 0; i < 200 && outcomes.length === 0; i++) await pause();
  assert.equal(outcomes.length, 2, 'both changes ended');
  return outcomes;
}
