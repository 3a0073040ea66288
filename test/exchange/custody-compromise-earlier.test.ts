import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../../src/client/client.ts';
import { enrolDevice, removeAndRotate, startCustody } from '../../src/client/custody.ts';
import { markCompromised } from '../../src/client/custody-reseal.ts';
import { earlierKeysToMark } from '../../web/src/lib/custody-keys.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';

// The devices page marks an earlier answer key compromised as the command line does (`--key`): from the
// keys this browser holds it offers the earlier ones not yet marked, and marking one (the same client
// call the page makes) revokes it and leaves the current key and the devices as they are.

for (const dialect of testDialects()) {
  describe(`an earlier custody key marked compromised from the devices page (${dialect})`, () => {
    const { hub, satoApi, tanakaApi } = custodyHooks(dialect);

    test('offered, marked, no longer offered; the current key stays', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      await startCustody(tanakaApi, head, []);
      const first = (await unwrap(tanakaApi.GET('/v1/custody'))).custodyKey?.id ?? '';
      const { handle: satoDev } = await newDevice(satoApi, '佐藤 PC');
      await enrolDevice(tanakaApi, head, satoDev);
      // Sato leaves: the key is rotated, the first key stays an earlier key of the unit.
      const rotated = await removeAndRotate(tanakaApi, head, { deviceIds: [satoDev.id] });
      const current = rotated.custodyKey?.id ?? '';
      assert.ok(first && current && first !== current);
      const held = async () =>
        (await unwrap(tanakaApi.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: head.id } } }))).items;
      const offered = earlierKeysToMark(await held());
      assert.deepEqual(
        offered.map((k) => k.id),
        [first],
      );

      const marked = await markCompromised(tanakaApi, head, first);
      assert.equal(marked.custodyKey?.id, current, 'the current key stays');
      assert.deepEqual(
        marked.devices.filter((d) => d.state === 'enrolled').map((d) => d.id),
        [head.id],
      );
      const revoked = await hub.ctx.store.db
        .selectFrom('keys')
        .select(['revocation_reason'])
        .where('id', '=', first)
        .executeTakeFirstOrThrow();
      assert.equal(revoked.revocation_reason, 'compromised');
      assert.deepEqual(earlierKeysToMark(await held()), [], 'marked: no longer offered');
    });
  });
}
