// The migration that turns the audit log into a Merkle tree log: down removes it cleanly, up hashes an
// existing log into exactly the tree the running code builds, and the first start signs the old tail.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyStoreAudit } from '../../src/audit/audit-service.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { createContext } from '../../src/kernel/context.ts';
import { migrate, openStore, undoMigration } from '../../src/store/database.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { appendEntries } from '../support/audit-tamper.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

const NAME = MIGRATIONS.find((m) => m.name.endsWith('-audit-merkle-tree'))?.name ?? '';

for (const dialect of testDialects()) {
  describe(`the audit Merkle tree migration (${dialect})`, () => {
    const { fresh } = suiteLocation(dialect, 'shokai-audit-mig-');

    test('down and up again: the same tree from the existing entries; the next start signs the tail', async () => {
      assert.ok(NAME, 'the migration is in the list');
      const loc = await fresh();
      const store = await openStore(loc.location);
      try {
        const kek = kekFromSecret(generateKekSecret());
        const ctx = await createContext(store, kek);
        await appendEntries(ctx, 75);
        const nodes = async () =>
          (await store.db.selectFrom('audit_entries').select(['seq', 'tree_nodes']).orderBy('seq').execute()).map(
            (n) => `${n.seq}/${n.tree_nodes}`,
          );
        const frontier = async () =>
          (await store.db.selectFrom('audit_head').select('frontier').executeTakeFirstOrThrow()).frontier;
        const before = { nodes: await nodes(), frontier: await frontier() };
        const stored = before.nodes.reduce((n, s) => n + (s.length - s.indexOf('/') - 1) / 64, 0);
        assert.equal(stored, 2 * 75 - 4, '2n − popcount(n) perfect subtrees');

        await undoMigration(store, NAME);
        await assert.rejects(sql`SELECT count(*) FROM audit_tree_heads`.execute(store.db));
        await assert.rejects(sql`SELECT tree_nodes FROM audit_entries`.execute(store.db));
        const cols = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_head`.execute(store.db);
        assert.equal(Number(cols.rows[0]?.n), 1);

        assert.deepEqual(await migrate(store), [NAME]);
        assert.deepEqual(await nodes(), before.nodes);
        assert.equal(await frontier(), before.frontier);
        const trust = { keys: [ctx.auditSigner.publicKey] };
        const unsigned = await verifyStoreAudit(store.db, { trust });
        assert.equal(unsigned.firstBad?.problem, 'unsigned_tail', 'the heads went with the table');

        await createContext(store, kek);
        const r = await verifyStoreAudit(store.db, { trust });
        assert.equal(r.ok, true, JSON.stringify(r.firstBad));
        assert.equal(r.treeSize, 75);
      } finally {
        await store.close();
      }
    });
  });
}
