// A provision order carried out by the content provider's own installation, as the hub takes it
// (`POST /v1/ancillary-orders/{id}/provide-sealed`): each notice must go to another provider of the
// directory, once, sealed to that provider's current key, under an id not used before. A submission
// that breaks any of these is refused naming the field, and nothing of it is stored.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { sealToRecipient } from '../../src/client/answer-seal.ts';
import { currentKey } from '../../src/directory/key.repository.ts';
import { provisionNoticeAad } from '../../src/domain/ancillary-order.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWith, previewAndSign, type TestHub } from '../support/exchange.ts';
import { orderApplication } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Application = Schemas['DisclosureOrderApplication'];

for (const dialect of testDialects()) {
  describe(`provision orders carried out sealed by the content provider (${dialect})`, () => {
    let hub: TestHub;
    let lawyer: Client, judge: Client, board: Client;
    let courtId: string, boardId: string, ispId: string, cafeId: string;

    before(async () => {
      ({
        hub,
        people: [lawyer, judge, board],
        orgs: { court: courtId, board: boardId, isp: ispId, cafe: cafeId },
      } = await hubWith(dialect, ['lawyer', 'judge', 'board.legal']));
    });
    after(async () => hub.close());

    async function receivedOrder(): Promise<Order> {
      const c = await lawyer.call<Application>(
        'POST',
        '/v1/disclosure-order-applications',
        orderApplication(courtId, boardId, '971', ['ip_and_port', 'timestamp']),
      );
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const applied = await lawyer.call<Order>(
        'POST',
        `/v1/disclosure-order-applications/${c.body.id}/ancillary-orders`,
        { type: 'provision', reasons: '経由プロバイダの接続記録は短期間で消去される。' },
      );
      assert.equal(applied.status, 201, JSON.stringify(applied.body));
      const path = `/v1/ancillary-orders/${applied.body.id}`;
      const body = {
        caseNumber: '令和8年(発チ)第971号',
        orderedAt: hub.ctx.clock().toISOString(),
        content: '相手方は、申立人に対し、他の開示関係役務提供者の氏名等情報を提供せよ。',
      };
      const { reply } = await previewAndSign<Order>(judge, `${path}/issue-preview`, `${path}/issue`, body);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const received = await board.call<Order>('POST', `${path}/receive`);
      assert.equal(received.status, 200, JSON.stringify(received.body));
      return received.body;
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
      const toIsp = await noticeTo(ispId);
      // To itself, to no provider of the directory, to one provider twice, sealed to another key.
      await refused([await noticeTo(boardId)], 400, 'notices.0.accessProviderOrganisationId');
      await refused(
        [{ ...toIsp, accessProviderOrganisationId: 'org_nope' }],
        404,
        'notices.0.accessProviderOrganisationId',
      );
      await refused([toIsp, await noticeTo(ispId)], 400, 'notices.1.accessProviderOrganisationId');
      const boardBox = (await noticeTo(boardId, toIsp.id)).sealed;
      await refused([{ ...toIsp, sealed: boardBox }], 400, 'notices.0.sealed.recipientKeyId');
      // The same notice id twice in one submission is a conflict named by its field, not a failure.
      await refused([toIsp, await noticeTo(cafeId, toIsp.id)], 409, 'notices.1.id');
      await refused(
        [toIsp, { ...toIsp, accessProviderOrganisationId: courtId }],
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
        [ispId],
      );
      // The id is taken now: another order's notice may not reuse it.
      const again = await board.call<ApiError>('POST', path, { notices: [toIsp] });
      assert.equal(again.status, 409);
    });
  });
}
