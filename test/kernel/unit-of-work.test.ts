// The one transaction entry point: its audit writers, its nesting guard and its after-commit hooks,
// on every store the tests are told to use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { subjectEntries } from '../../src/audit/subject-entries.queries.ts';
import { SYSTEM_CALLER } from '../../src/kernel/principal.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks } from '../support/exchange.ts';
import { person } from '../support/principals.ts';

for (const dialect of testDialects()) {
  describe(`unit of work (${dialect})`, () => {
    const hub = hubHooks(dialect, { demo: false });

    test('auditBy records the caller as the actor, with the subject and details given', async () => {
      const p = person(['unit_head'], 'agency');
      await inTransaction(hub.ctx, (uow) => uow.auditBy(p, 'user.login', ['user', 'u-audit-by'], { reference: 'R-1' }));
      await inTransaction(hub.ctx, (uow) => uow.auditBy(SYSTEM_CALLER, 'user.login', ['user', 'u-audit-by']));
      const rows = await subjectEntries(hub.ctx.store.db, 'user', 'u-audit-by', 0);
      assert.equal(rows.length, 2);
      assert.deepEqual(
        rows.map((r) => [r.action, r.actorType, r.actorId, r.details]),
        [
          ['user.login', 'user', p.id, { reference: 'R-1' }],
          ['user.login', 'system', null, {}],
        ],
      );
    });

    test('a unit of work does not nest, and a rolled-back change runs no after-commit hook', async () => {
      await assert.rejects(
        inTransaction(hub.ctx, () => inTransaction(hub.ctx, async () => 1)),
        /inside a unit of work/,
      );
      const ran: string[] = [];
      await assert.rejects(
        inTransaction(hub.ctx, async (uow) => {
          uow.afterCommit(() => {
            ran.push('rolled back');
          });
          await uow.auditBy(SYSTEM_CALLER, 'user.login', ['user', 'u-rolled-back']);
          throw new Error('refused');
        }),
        /refused/,
      );
      await inTransaction(hub.ctx, async (uow) => {
        uow.afterCommit(() => {
          ran.push('committed');
        });
      });
      assert.deepEqual(ran, ['committed']);
      assert.equal((await subjectEntries(hub.ctx.store.db, 'user', 'u-rolled-back', 0)).length, 0);
    });
  });
}
