import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApiClient, unwrap } from '../../src/client/client.ts';
import { enrolDevice, openAnswerOnDevice } from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { apiErrorCode, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice, hubHooks } from '../support/exchange.ts';

// A provider's record key (its kept copies of what it disclosed) found compromised: its legal officer
// marks it from the provider's device, seals the kept copies again there, and a device of the provider
// enrolled afterwards reads back the answer (docs/decisions.md, "Re-sealing after a compromised custody key").

for (const dialect of testDialects()) {
  describe(`a provider's record key compromised (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test("the legal officer marks the provider's key and re-seals its kept copies on its device", async () => {
      const legal = await hub.as('board.legal');
      const api = createApiClient({ baseUrl: hub.url, token: legal.token });
      const demo = demoDevice(hub, 'board.legal');
      assert.ok(demo);
      const device = await importDemoDevice(demo);
      const custody = await unwrap(api.GET('/v1/custody'));
      assert.equal(custody.ownerType, 'organisation');
      const oldKey = custody.custodyKey?.id ?? '';
      const db = hub.ctx.store.db;
      const kept = (await db.selectFrom('answers').select(['request_id', 'sealed_for_provider']).execute()).filter(
        (a) => a.sealed_for_provider && JSON.parse(a.sealed_for_provider).recipientKeyId === oldKey,
      );
      const answered = kept[0]?.request_id;
      assert.ok(answered, "the demo has an answer of the board's, its copy kept sealed to its key");

      // The provider's intake desk does not mark it.
      const intake = createApiClient({ baseUrl: hub.url, token: (await hub.as('board.intake')).token });
      const byIntake = await intake.POST('/v1/custody/compromised', { body: { keyId: oldKey } });
      assert.equal(byIntake.response.status, 403);

      const marked = await markCompromised(api, device, oldKey);
      assert.ok(marked.leftToReseal >= kept.length);
      const { handle: later } = await newDevice(api, '法務 新PC');
      await enrolDevice(api, device, later);
      await assert.rejects(openAnswerOnDevice(api, later, answered), apiErrorCode('NOT_FOUND'));

      const done = await resealOnDevice(api, device);
      assert.deepEqual([done.resealed, done.left], [marked.leftToReseal, 0]);
      const opened = await openAnswerOnDevice(api, later, answered);
      assert.equal(opened.copy, 'provider');
      assert.equal(opened.signatureValid, true);
      const rows = await db
        .selectFrom('resealed_boxes')
        .select(['owner_type', 'kind'])
        .where('item_id', '=', answered)
        .execute();
      assert.deepEqual(rows, [{ owner_type: 'organisation', kind: 'answer' }]);
    });
  });
}
