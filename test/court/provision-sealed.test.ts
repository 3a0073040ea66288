// A provision order carried out with notices sealed on the content provider's side
// (`POST /v1/ancillary-orders/{id}/provide-sealed`, what a provider's own installation sends): the hub
// refuses a box not addressed to the named access provider's current key, a notice to the provider
// itself or twice to one access provider, and an order not yet received — each naming the field, and
// nothing stored; a right one is stored as it came and names the access provider to the lawyer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { sealToRecipient } from '../../src/client/answer-seal.ts';
import { provisionNoticeAad } from '../../src/domain/ancillary-order.ts';
import { testDialects } from '../support/dialects.ts';
import { boardOrderHooks } from '../support/provision.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
const BODY = '{"communications":[{"address":"203.0.113.77","at":"2026-11-20T09:15:00+09:00"}]}';

for (const dialect of testDialects()) {
  describe(`provision notices sealed by the content provider (${dialect})`, () => {
    const { hub, lawyer, board, orgs, provisionOrder } = boardOrderHooks(dialect);

    async function issued(): Promise<string> {
      return (await provisionOrder('931', '提供せよ。')).order.id;
    }

    const keyOf = async (organisationId: string) => {
      const k = await hub.ctx.store.db
        .selectFrom('keys')
        .select(['id', 'public_key', 'algorithm'])
        .where('owner_type', '=', 'organisation')
        .where('owner_id', '=', organisationId)
        .where('purpose', '=', 'encryption')
        .where('valid_to', 'is', null)
        .orderBy('valid_from', 'desc')
        .executeTakeFirstOrThrow();
      return { id: k.id, publicKey: k.public_key, algorithm: k.algorithm };
    };
    const notice = async (to: string, sealTo = to) => {
      const id = `prov_${crypto.randomUUID()}`;
      const sealed = await sealToRecipient(await keyOf(sealTo), BODY, provisionNoticeAad(id));
      return { id, accessProviderOrganisationId: to, communications: 1, sealed };
    };

    test('refusals name the field and store nothing; a right box is stored as it came', async () => {
      const id = await issued();
      const path = `/v1/ancillary-orders/${id}`;
      // This order's notices (the demo's chain holds notices of its own orders).
      const stored = async () =>
        (await hub.ctx.store.db.selectFrom('provision_notices').selectAll().where('order_id', '=', id).execute())
          .length;
      // Not received yet (the judge's signature not checked by the provider).
      assert.equal(
        (await board.call('POST', `${path}/provide-sealed`, { notices: [await notice(orgs.isp)] })).status,
        409,
      );
      assert.equal((await board.call('POST', `${path}/receive`)).status, 200);

      const wrongKey = await board.call<ApiError>('POST', `${path}/provide-sealed`, {
        notices: [await notice(orgs.isp, orgs.board)],
      });
      assert.equal(wrongKey.status, 400, JSON.stringify(wrongKey.body));
      assert.equal(wrongKey.body.error.details?.field, 'notices.0.sealed.recipientKeyId');
      const toSelf = await board.call<ApiError>('POST', `${path}/provide-sealed`, {
        notices: [await notice(orgs.board)],
      });
      assert.equal(toSelf.status, 400);
      assert.equal(toSelf.body.error.details?.field, 'notices.0.accessProviderOrganisationId');
      const twice = await board.call<ApiError>('POST', `${path}/provide-sealed`, {
        notices: [await notice(orgs.isp), await notice(orgs.isp)],
      });
      assert.equal(twice.status, 400);
      assert.equal(twice.body.error.details?.field, 'notices.1.accessProviderOrganisationId');
      assert.equal(await stored(), 0);
      // The lawyer cannot carry out the board's order.
      assert.ok([403, 404].includes((await lawyer.call('POST', `${path}/provide-sealed`, { notices: [] })).status));

      const right = await notice(orgs.isp);
      const done = await board.call<Order>('POST', `${path}/provide-sealed`, { notices: [right] });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(
        done.body.provision?.accessProviders.map((a) => a.organisation.id),
        [orgs.isp],
      );
      const row = await hub.ctx.store.db
        .selectFrom('provision_notices')
        .selectAll()
        .where('id', '=', right.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(row.sealed), right.sealed);
      assert.equal(row.communications, 1);
      // Carried out once.
      assert.equal((await board.call('POST', `${path}/provide-sealed`, { notices: [] })).status, 409);
    });
  });
}
