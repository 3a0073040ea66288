// Decided (docs/decisions.md, "role periods not audited"): a person's role periods, like the list of the
// organisation's people, are its own directory of staff — not the personal data whose every read the audit log
// records (the people a request, an answer, a lookup, a hearing or a consultation is about). Reading them leaves no
// entry; every change to them (a role granted, countersigned, ended) is an entry. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`the directory of staff: its reads are not audited, its changes are (${dialect})`, () => {
    const {
      hub,
      people: [boardAdmin],
    } = hubWithHooks(dialect, ['board.admin']);
    const entries = async () =>
      (
        await hub.ctx.store.db
          .selectFrom('audit_entries')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const legalId = async () =>
      (
        await hub.ctx.store.db
          .selectFrom('users')
          .select('id')
          .where('login', '=', 'board.legal')
          .executeTakeFirstOrThrow()
      ).id;

    test('reading the people and a person’s role periods leaves no entry; ending a role is one', async () => {
      const id = await legalId();
      const before = Number(await entries());
      const periods = await boardAdmin.call('GET', `/v1/users/${id}/role-periods`);
      assert.equal(periods.status, 200, JSON.stringify(periods.body));
      const people = await boardAdmin.call('GET', '/v1/users');
      assert.equal(people.status, 200, JSON.stringify(people.body));
      assert.equal(Number(await entries()), before, 'reads of the directory of staff are not audited');
      const ended = await boardAdmin.call('POST', `/v1/users/${id}/end-role`, { role: 'provider_legal' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      assert.ok(Number(await entries()) > before, 'a change to a person’s roles is');
    });
  });
}
