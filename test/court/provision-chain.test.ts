// A chain of provision orders down to a reseller (提供命令, art. 15), as practice needs for MVNOs and
// virtual ISPs: the board's provision order names the access provider that holds the address (a
// wholesaler); its records show the line is resold by another provider; the lawyer applies, in the
// case against the wholesaler, for a provision order against it; the wholesaler carries it out from
// the notice it received, naming the reseller from its own records; the lawyer learns only the
// reseller's name; the reseller opens the communications once the lawyer notifies its application.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createApiClient } from '../../src/client/client.ts';
import { openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, demoDevice } from '../support/exchange.ts';
import { portAlone, resellerChainHooks } from '../support/provision.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Notice = Schemas['ProvisionNotice'];

// The post's source: an address of the demo ISP's declared network.
const SENDER = { address: '203.0.113.91', port: 40211, at: '2026-11-21T22:04:05+09:00' };

for (const dialect of testDialects()) {
  describe(`a chain of provision orders down to a reseller (${dialect})`, () => {
    const { hub, lawyer, board, isp, orgs, mvno, reseller, fileCase, orderReceivedBy } = resellerChainHooks(dialect);
    const reasons = '経由プロバイダの接続記録は短期間で消去される。回線の再販先の特定が必要である。';

    /** The lawyer's provision order in a case, issued by the judge and received by `bound`, which may provide. */
    async function receivedOrder(caseId: string, n: number, bound: Client): Promise<Order> {
      const { order } = await orderReceivedBy(bound, caseId, `令和8年(発チ)第97${n}号`, { reasons });
      assert.deepEqual(order.actions, ['provide']);
      return order;
    }

    test('board → ISP (wholesaler) → MVNO: each learns what it needs, the lawyer only names', async () => {
      // (1) The board's order names the ISP, whose declared network holds the address.
      const boardCase = await fileCase(orgs.board, '971', ['ip_and_port', 'timestamp']);
      const boardOrder = await receivedOrder(boardCase.id, 1, board);
      const provided = await board.call<Order>('POST', `/v1/ancillary-orders/${boardOrder.id}/provide`, {
        communications: [SENDER],
      });
      assert.equal(provided.status, 200, JSON.stringify(provided.body));
      assert.deepEqual(
        provided.body.provision?.accessProviders.map((a) => a.organisation.id),
        [orgs.isp],
      );
      const ispCase = await fileCase(orgs.isp, '972', ['ip_and_port', 'timestamp', 'name', 'address']);
      const notified = await lawyer.call<Order>('POST', `/v1/ancillary-orders/${boardOrder.id}/notify`, {
        applicationId: ispCase.id,
      });
      assert.equal(notified.status, 200, JSON.stringify(notified.body));
      // The lawyer follows the chain down: the case against the ISP the notice went with.
      assert.deepEqual(notified.body.provision?.accessProviders[0]?.application, {
        id: ispCase.id,
        reference: ispCase.reference,
      });
      const [notice] = (await isp.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
      assert.ok(notice, 'the ISP received the notice');

      // (2) In the case against the ISP, the lawyer applies for a provision order against it.
      const ispOrder = await receivedOrder(ispCase.id, 2, isp);
      assert.equal(ispOrder.namedUnder?.noticeId, notice.id, 'the ISP is shown the notice it carries it out from');
      assert.equal(ispOrder.namedUnder?.reference, boardOrder.reference);
      assert.equal(ispOrder.namedUnder?.provider.id, orgs.board);
      assert.equal(ispOrder.namedUnder?.orderId, null, "the ISP never gets the board's order");
      const lawView = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${ispOrder.id}`);
      assert.equal(lawView.body.namedUnder?.orderId, boardOrder.id, 'the lawyer sees the chain up');
      assert.equal(lawView.body.namedUnder?.applicationId, boardCase.id);
      assert.equal(ispOrder.namedUnder?.applicationId, null);
      assert.equal(lawView.body.namedUnder?.noticeId, null);

      // The ISP opens the notice on its device: the communications it carries the order out from.
      const device = demoDevice(hub, 'isp.legal');
      assert.ok(device, 'the ISP has a demo device');
      const api = createApiClient({ baseUrl: hub.url, token: isp.token });
      const opened = await openProvisionNoticeOnDevice(api, await importDemoDevice(device), notice.id);
      assert.deepEqual(opened.communications, [SENDER]);
      const fromNotice = (opened.communications ?? []).map((c) => ({
        ...c,
        accessProviderOrganisationId: reseller.id,
      }));
      const provide = (body: unknown) =>
        isp.call<ApiError>('POST', `/v1/ancillary-orders/${ispOrder.id}/provide`, body);
      // Its records show the line is the MVNO's: naming itself, or a notice of another case, is refused.
      const self = await provide({
        noticeId: notice.id,
        communications: [{ ...SENDER, accessProviderOrganisationId: orgs.isp }],
      });
      assert.equal(self.status, 400, JSON.stringify(self.body));
      assert.equal(self.body.error.details?.field, 'communications[0].accessProviderOrganisationId');
      const court = await provide({ communications: [{ ...SENDER, accessProviderOrganisationId: orgs.court }] });
      assert.equal(court.body.error.details?.field, 'communications[0].accessProviderOrganisationId');
      const wrongNotice = await provide({ noticeId: 'prov_elsewhere', communications: fromNotice });
      assert.equal(wrongNotice.status, 400);
      assert.equal(wrongNotice.body.error.details?.field, 'noticeId');
      const carried = await isp.call<Order>('POST', `/v1/ancillary-orders/${ispOrder.id}/provide`, {
        noticeId: notice.id,
        communications: fromNotice,
      });
      assert.equal(carried.status, 200, JSON.stringify(carried.body));
      assert.equal(carried.body.provision?.identified, true);

      // (3) The lawyer learns only the MVNO's name, applies against it and notifies the ISP's order.
      const named = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${ispOrder.id}`);
      assert.deepEqual(
        named.body.provision?.accessProviders.map((a) => [a.organisation.nameEn, a.notified]),
        [['Mirai Mobile K.K.', false]],
      );
      assert.deepEqual(named.body.actions, ['notify']);
      assert.deepEqual((await mvno.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items, []);
      const mvnoCase = await fileCase(reseller.id, '973', ['name', 'address']);
      const released = await lawyer.call<Order>('POST', `/v1/ancillary-orders/${ispOrder.id}/notify`, {
        applicationId: mvnoCase.id,
      });
      assert.equal(released.status, 200, JSON.stringify(released.body));
      assert.equal(released.body.provision?.accessProviders[0]?.application?.reference, mvnoCase.reference);

      // (4) The MVNO opens its notice (its key is the hub's) and has the address, port and time.
      const list = await mvno.call<{ items: Notice[] }>('GET', '/v1/provision-notices');
      assert.equal(list.body.items.length, 1);
      const mine = list.body.items[0];
      assert.equal(mine?.contentProvider.id, orgs.isp, 'given by the ISP');
      assert.equal(mine?.applicationReference, mvnoCase.reference);
      assert.equal(mine?.order.reference, ispOrder.reference);
      assert.equal(mine?.order.signatureVerified, true);
      const read = await mvno.call<Notice>('GET', `/v1/provision-notices/${mine?.id}`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.deepEqual(read.body.communications, [SENDER]);
      // The ISP does not open what it sealed to the MVNO.
      assert.equal((await isp.call('GET', `/v1/provision-notices/${mine?.id}`)).status, 404);

      // (5) Further down, the hub compares what a provider whose key it holds gives with its notice.
      const mvnoOrder = await receivedOrder(mvnoCase.id, 3, mvno);
      assert.equal(mvnoOrder.namedUnder?.noticeId, mine?.id);
      const altered = await mvno.call<ApiError>('POST', `/v1/ancillary-orders/${mvnoOrder.id}/provide`, {
        noticeId: mine?.id,
        communications: [{ ...SENDER, port: 40212, accessProviderOrganisationId: orgs.isp }],
      });
      assert.equal(altered.status, 400, JSON.stringify(altered.body));
      assert.equal(altered.body.error.details?.field, 'communications[0]');

      // Nothing the lawyer can read holds the address or the port.
      const everything = JSON.stringify([
        (await lawyer.call('GET', '/v1/ancillary-orders')).body,
        (await lawyer.call('GET', `/v1/disclosure-order-applications/${ispCase.id}`)).body,
        (await lawyer.call('GET', `/v1/disclosure-order-applications/${mvnoCase.id}`)).body,
      ]);
      assert.doesNotMatch(everything, /203\.0\.113\.91/);
      assert.doesNotMatch(everything, portAlone(40211));
    });
  });
}
