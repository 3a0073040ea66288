// A provision order carried out by the content provider's own installation, as the hub takes it
// (`POST /v1/ancillary-orders/{id}/provide-sealed`): each notice must go to another provider of the
// directory, once, sealed to that provider's current key, under an id not used before. A submission
// that breaks any of these is refused naming the field, and nothing of it is stored.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { sealToRecipient } from '../../src/client/answer-seal.ts';
import { currentKey } from '../../src/directory/key.repository.ts';
import { provisionNoticeAad } from '../../src/domain/ancillary-order.ts';
import { testDialects } from '../support/dialects.ts';
import { boardOrderHooks, receiveProvisionOrder } from '../support/provision.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];

for (const dialect of testDialects()) {
  describe(`provision orders carried out sealed by the content provider (${dialect})`, () => {
    const { hub, board, orgs, provisionOrder } = boardOrderHooks(dialect);

    async function receivedOrder(): Promise<Order> {
      const { path } = await provisionOrder('971');
      return receiveProvisionOrder(board, path);
    }

    async function noticeTo(holder: string, id = `prov_${randomUUID()}`) {
      const key = await currentKey(hub.ctx.store.db, 'organisation', holder, 'encryption', hub.ctx.clock());
      assert.ok(key, `${holder} has an encryption key`);
      const body = JSON.stringify({ communications: [{ address: '203.0.113.77', at: '2026-11-20T09:15:00+09:00' }] });
      const sealed = await sealToRecipient(
        { id: key.id, publicKey: key.public_key, algorithm: key.algorithm },
        body,
        provisionNoticeAad(id),
      );
      return { id, accessProviderOrganisationId: holder, communications: 1, sealed };
    }

    test('refused naming the field, nothing stored; then taken once', async () => {
      const o = await receivedOrder();
      const path = `/v1/ancillary-orders/${o.id}/provide-sealed`;
      const refused = async (notices: unknown[], status: number, field: string) => {
        const r = await board.call<ApiError>('POST', path, { notices });
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.error.details?.field, field, JSON.stringify(r.body));
      };
      const toIsp = await noticeTo(orgs.isp);
      // To itself, to no provider of the directory, to one provider twice, sealed to another key.
      await refused([await noticeTo(orgs.board)], 400, 'notices.0.accessProviderOrganisationId');
      await refused(
        [{ ...toIsp, accessProviderOrganisationId: 'org_nope' }],
        404,
        'notices.0.accessProviderOrganisationId',
      );
      await refused([toIsp, await noticeTo(orgs.isp)], 400, 'notices.1.accessProviderOrganisationId');
      const boardBox = (await noticeTo(orgs.board, toIsp.id)).sealed;
      await refused([{ ...toIsp, sealed: boardBox }], 400, 'notices.0.sealed.recipientKeyId');
      // The same notice id twice in one submission is a conflict named by its field, not a failure.
      await refused([toIsp, await noticeTo(orgs.cafe, toIsp.id)], 409, 'notices.1.id');
      await refused(
        [toIsp, { ...toIsp, accessProviderOrganisationId: orgs.court }],
        422,
        'notices.1.accessProviderOrganisationId',
      );
      const db = hub.ctx.store.db;
      assert.equal(
        (await db.selectFrom('provision_notices').selectAll().where('order_id', '=', o.id).execute()).length,
        0,
      );
      const still = await board.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(still.body.provision, null);

      const taken = await board.call<Order>('POST', path, { notices: [toIsp] });
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      assert.deepEqual(
        taken.body.provision?.accessProviders.map((a) => a.organisation.id),
        [orgs.isp],
      );
      // The id is taken now: another order's notice may not reuse it.
      const again = await board.call<ApiError>('POST', path, { notices: [toIsp] });
      assert.equal(again.status, 409);
    });
  });
}
