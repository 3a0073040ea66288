// The roles the store keeps of a person are read by one checked reader (src/directory/stored-roles.ts). A code
// this version does not know, or a value that is no list of codes, fails loudly for the holder's own acts,
// naming whose roles and the value — never left out (it could change what the person may do) nor passed on
// as if it were a role. Reads over many people go on: one bad row never stops the hub's start (its directory
// log), an organisation's list of people, or its count of administrators; such a holder counts as no one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countedRoles, shownRoles, storedRoles } from '../../src/directory/stored-roles.ts';
import { directoryEntries, keepDirectoryHead } from '../../src/directory/transparency.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

const owner = { kind: 'user', id: 'usr_x', name: 'someone' } as const;

describe('the one reader of stored roles', () => {
  test('known codes are read as they are stored', () => {
    assert.deepEqual(storedRoles('["investigator","unit_head"]', owner), ['investigator', 'unit_head']);
    assert.deepEqual(storedRoles(null, owner), [], 'no row joined: none');
  });

  test('an unknown code, or no list of codes, is refused naming whose and the value', () => {
    const refused = (json: string, value: RegExp) =>
      assert.throws(
        () => storedRoles(json, owner),
        (e: unknown) =>
          e instanceof DomainError &&
          e.code === 'INTERNAL' &&
          /someone/.test(e.messages.en) &&
          /someone/.test(e.messages.ja) &&
          value.test(e.messages.en) &&
          e.details?.value === json &&
          e.details.userId === 'usr_x',
      );
    refused('["investigator","overseer"]', /does not know: overseer/);
    refused('{"roles":["admin"]}', /not a list of roles/);
    refused('[1]', /not a list of roles/);
    refused('admin', /not a list of roles \(admin\)/);
  });

  test('over many people, an unreadable list is counted as no one and shown by the roles it knows', () => {
    assert.deepEqual(countedRoles('["admin","overseer"]', owner), [], 'never kept as an administrator');
    assert.deepEqual(shownRoles('["admin","overseer"]', owner), ['admin']);
    assert.deepEqual(shownRoles('not json', owner), []);
    assert.deepEqual(countedRoles('["admin"]', owner), ['admin']);
    assert.deepEqual(shownRoles('{"roles":["provider_legal"]}', owner), ['provider_legal'], 'not a list: codes in it');
  });
});

for (const dialect of testDialects()) {
  describe(`a stored role this version does not know (${dialect})`, () => {
    const {
      hub,
      people: [legal, boardAdmin],
    } = hubWithHooks(dialect, ['board.legal', 'board.admin']);

    test("the person's own acts are refused with whose roles and the value; the rest goes on", async () => {
      const db = hub.ctx.store.db;
      const row = await db
        .selectFrom('users')
        .select(['id', 'roles'])
        .where('login', '=', 'board.legal')
        .executeTakeFirstOrThrow();
      const logBefore = await inTransaction(hub.ctx, directoryEntries);
      const bad = JSON.stringify([...JSON.parse(row.roles), 'overseer']);
      await db.updateTable('users').set({ roles: bad }).where('id', '=', row.id).execute();
      // The directory log is history every provider has pinned: the row's known roles keep their entries.
      assert.deepEqual(await inTransaction(hub.ctx, directoryEntries), logBefore, 'the directory log unchanged');
      try {
        const refusedHere = (r: { status: number; body: ApiError }, what: string) => {
          assert.equal(r.status, 500, `${what}: ${JSON.stringify(r.body)}`);
          assert.equal(r.body.error.code, 'INTERNAL', what);
          assert.match(r.body.error.message.en, /user board\.legal .*does not know: overseer/, what);
          assert.match(r.body.error.message.ja, /board\.legal.*overseer/, what);
        };
        refusedHere(await legal.call<ApiError>('GET', '/v1/me'), 'the person themselves');
        const people = await boardAdmin.call<{ items: Array<{ login: string; roles: string[] }> }>('GET', '/v1/users');
        assert.equal(people.status, 200, 'the list of people is still served');
        assert.deepEqual(people.body.items.find((u) => u.login === 'board.legal')?.roles, JSON.parse(row.roles));
        // The hub signs its directory log before it listens: one bad row must not keep it from starting.
        await inTransaction(hub.ctx, keepDirectoryHead);
        refusedHere(
          await boardAdmin.call<ApiError>('POST', `/v1/users/${row.id}/end-role`, { role: 'provider_legal' }),
          'a change to their roles',
        );
        refusedHere(await boardAdmin.call<ApiError>('GET', `/v1/users/${row.id}/role-periods`), 'their periods');
        const kept = await db.selectFrom('users').select('roles').where('id', '=', row.id).executeTakeFirstOrThrow();
        assert.equal(kept.roles, bad, 'nothing written over');
      } finally {
        await db.updateTable('users').set({ roles: row.roles }).where('id', '=', row.id).execute();
      }
      assert.equal((await legal.call('GET', '/v1/me')).status, 200, 'corrected, the person is served again');
    });
  });
}
