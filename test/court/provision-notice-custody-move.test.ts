// A provision notice sealed to an access provider whose key the hub holds (a reseller) follows that provider
// when it moves to device custody: the move seals the notice again to the new key with the notice's context,
// so the provider's device opens it, the same words, and the hub no longer can. Before, the move re-sealed
// answers, files and archives but not notices, then erased the hub-held key: the notice could never be opened.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createApiClient } from '../../src/client/client.ts';
import { openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { withNewAnswerKey } from '../../src/client/made-keys.ts';
import { newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { receiveProvisionOrder, resellerChainHooks } from '../support/provision.ts';
import { boardNoticeTo, carriedOutAndReleased, resellerWithHubKey } from '../support/provision-notices.ts';

type Order = Schemas['AncillaryOrder'];

const SENDER = { address: '203.0.113.78', port: 51616, at: '2026-11-20T09:15:00+09:00' };

for (const dialect of testDialects()) {
  describe(`a provision notice follows its provider to device custody (${dialect})`, () => {
    const { hub, lawyer, board, mvno, reseller, orgs, provisionOrder } = resellerChainHooks(
      dialect,
      resellerWithHubKey,
    );

    const noticeTo = (holder: string, order: Order) => boardNoticeTo(hub, orgs.board, holder, order, [SENDER]);

    test('sealed again at the move: opened on the device, no longer on the hub', async () => {
      const a = await provisionOrder('983');
      await receiveProvisionOrder(board, a.path);
      const toIsp = await noticeTo(orgs.isp, a.order);
      const toMvno = await noticeTo(reseller.id, a.order);
      const parties = { board, lawyer, courtId: orgs.court, ispId: orgs.isp, mvnoId: reseller.id };
      await carriedOutAndReleased(parties, a.path, [toIsp, toMvno], ['9833', '9834']);
      const before = await mvno.call<{ communications: unknown[] }>('GET', `/v1/provision-notices/${toMvno.id}`);
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.match(JSON.stringify(before.body), /203\.0\.113\.78/, 'the hub opens it while it holds the key');

      const api = createApiClient({ baseUrl: hub.url, token: mvno.token });
      const { handle: device } = await newDevice(api, 'みらいモバイル 法務 PC');
      const { handle: recovery } = await newDevice(api, '回復鍵', 'recovery');
      const { response, error } = await withNewAnswerKey(device, [device, recovery], (key) =>
        api.POST('/v1/custody/start', { body: key }),
      );
      assert.equal(response.status, 200, JSON.stringify(error));

      const onDevice = await openProvisionNoticeOnDevice(api, device, toMvno.id);
      assert.match(JSON.stringify(onDevice), /203\.0\.113\.78/);
      assert.match(JSON.stringify(onDevice), /51616/);
      const row = await hub.ctx.store.db
        .selectFrom('provision_notices')
        .select(['sealed_key_id'])
        .where('id', '=', toMvno.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.sealed_key_id, 'sealed to the custody key now');
      const after = await mvno.call<{ error: { code: string } }>('GET', `/v1/provision-notices/${toMvno.id}`);
      assert.notEqual(after.status, 200, 'the hub no longer opens it');
      assert.doesNotMatch(JSON.stringify(after.body), /203\.0\.113\.78/);
    });
  });
}
