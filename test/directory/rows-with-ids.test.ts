// The directory's rows by id (organisations, units, users): each row once however often its id is
// named, nothing for an id that is not there, and no query at all for no ids. One function serves the
// three tables; each table is checked, on both dialects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  findOrganisations,
  findUnits,
  findUserByLogin,
  findUsers,
  listUnitRows,
} from '../../src/directory/directory.repository.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgIds } from '../support/exchange.ts';

const sorted = (ids: string[]) => [...ids].sort();

for (const dialect of testDialects()) {
  describe(`the directory's rows by id, on ${dialect}`, () => {
    const hub = hubHooks(dialect);

    test('organisations: each once, the unknown left out, none for none', async () => {
      const { isp, board } = await orgIds(hub);
      const rows = await findOrganisations(hub.ctx.store.db, [isp, board, isp, 'no-such-organisation']);
      assert.deepEqual(sorted(rows.map((r) => r.id)), sorted([isp, board]));
      assert.ok(rows.every((r) => r.name_ja.length > 0 && r.kind === 'provider'));
      assert.deepEqual(await findOrganisations(hub.ctx.store.db, []), []);
    });

    test('units and users: the rows of their own table', async () => {
      const { isp } = await orgIds(hub);
      const [unit] = await listUnitRows(hub.ctx.store.db, isp);
      assert.ok(unit);
      const units = await findUnits(hub.ctx.store.db, [unit.id, unit.id]);
      assert.deepEqual(
        units.map((u) => [u.id, u.organisation_id]),
        [[unit.id, isp]],
      );
      const sato = await findUserByLogin(hub.ctx.store.db, 'sato');
      assert.ok(sato);
      const users = await findUsers(hub.ctx.store.db, [sato.id, unit.id]);
      assert.deepEqual(
        users.map((u) => [u.id, u.login]),
        [[sato.id, 'sato']],
      );
      assert.deepEqual(await findUnits(hub.ctx.store.db, []), []);
      assert.deepEqual(await findUsers(hub.ctx.store.db, []), []);
    });
  });
}
