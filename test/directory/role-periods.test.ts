// A person's roles over time, on SQLite and PostgreSQL: each period from its start (registered with it,
// granted again, countersigned) to its end, who acted by name; read by the people's administrators only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Period = Schemas['RolePeriod'];
const tick = () => new Promise((r) => setTimeout(r, 5));

for (const dialect of testDialects()) {
  describe(`a person's roles over time (${dialect})`, () => {
    const {
      hub,
      people: [sato, , mpdAdmin, boardAdmin],
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'mpd.admin', 'board.admin']);

    const userOf = (login: string) =>
      hub.ctx.store.db
        .selectFrom('users')
        .select(['id', 'organisation_id', 'created_at', 'display_name'])
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
    const periodsOf = async (login: string, by = boardAdmin) =>
      by.call<{ items: Period[] } & ApiError>('GET', `/v1/users/${(await userOf(login)).id}/role-periods`);

    test('an ended role and the same role granted again are two periods, each with who acted', async () => {
      const legal = await userOf('board.legal');
      const ended = await boardAdmin.call('POST', `/v1/users/${legal.id}/end-role`, { role: 'provider_legal' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      await tick();
      const again = await boardAdmin.call('POST', `/v1/users/${legal.id}/grant-role`, { role: 'provider_legal' });
      assert.equal(again.status, 200, JSON.stringify(again.body));

      const read = await periodsOf('board.legal');
      assert.equal(read.status, 200, JSON.stringify(read.body));
      const legalPeriods = read.body.items.filter((p) => p.role === 'provider_legal');
      assert.equal(legalPeriods.length, 2, JSON.stringify(read.body.items));
      const [first, second] = legalPeriods as [Period, Period];
      const admin = { name: (await userOf('board.admin')).display_name, login: 'board.admin' };
      assert.deepEqual(
        { from: first.from, start: first.start, end: first.end, endedBy: first.endedBy },
        { from: legal.created_at, start: 'made', end: 'ended', endedBy: admin },
      );
      assert.ok(first.to !== null && second.from !== null && first.to < second.from, 'ended before granted again');
      assert.deepEqual(
        { start: second.start, grantedBy: second.grantedBy, to: second.to, end: second.end },
        { start: 'granted', grantedBy: admin, to: null, end: 'held' },
      );
      assert.doesNotMatch(JSON.stringify(read.body), /usr_|grant_/, 'no ids');
    });

    test('a privileged role held once a second person countersigned it names both', async () => {
      const read = await periodsOf('tanaka', mpdAdmin);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      const head = read.body.items.find((p) => p.role === 'unit_head') ?? assert.fail('a unit head period');
      assert.equal(head.start, 'countersigned');
      assert.ok(head.countersignedBy?.login, JSON.stringify(head));
      assert.equal(head.end, 'held');
    });

    test("only the person's own organisation's administrators read them", async () => {
      assert.equal((await periodsOf('board.legal', mpdAdmin)).status, 404);
      assert.equal((await periodsOf('tanaka', sato)).status, 403);
    });
  });
}
