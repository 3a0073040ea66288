// Provision orders (提供命令, art. 15): with its disclosure-order application against the board, the
// lawyer applies for a provision order; the judge issues it with his own passkey; the board checks the
// signature, receives it and carries it out — the lawyer learns only the access provider's name, the
// sender's address, port and time go sealed to that access provider once the lawyer notifies its
// application against it. The lawyer never receives the address.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createApiClient } from '../../src/client/client.ts';
import { enrolDevice, openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { apiErrorCode, copyRefused, newDevice, substituteCopy } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice, hubWithHooks, previewAndSign } from '../support/exchange.ts';
import { orderApplication } from '../support/flow.ts';
import { portAlone } from '../support/provision.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Notice = Schemas['ProvisionNotice'];
type Application = Schemas['DisclosureOrderApplication'];

const SENDER = { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00+09:00' };

for (const dialect of testDialects()) {
  describe(`provision orders (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge, board, isp],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge', 'board.legal', 'isp.legal']);

    async function fileCase(
      providerOrganisationId: string,
      n: number,
      senderInformation: string[],
      claimant = '甲野 花子',
    ) {
      const r = await lawyer.call<Application>(
        'POST',
        '/v1/disclosure-order-applications',
        orderApplication(orgs.court, providerOrganisationId, `95${n}`, senderInformation, claimant),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    }

    /** The provision order of a case against the board, issued by the judge and received by the board. */
    async function receivedOrder(n: number): Promise<Order> {
      const c = await fileCase(orgs.board, n, ['ip_and_port', 'timestamp']);
      const applied = await lawyer.call<Order>('POST', `/v1/disclosure-order-applications/${c.id}/ancillary-orders`, {
        type: 'provision',
        reasons: '相手方は氏名・住所を保有せず、経由プロバイダの接続記録は短期間で消去される。',
      });
      assert.equal(applied.status, 201, JSON.stringify(applied.body));
      const body = {
        caseNumber: `令和8年(発チ)第9${n}号`,
        orderedAt: hub.ctx.clock().toISOString(),
        content: '相手方は、申立人に対し、他の開示関係役務提供者の氏名等情報を提供せよ。',
      };
      const path = `/v1/ancillary-orders/${applied.body.id}`;
      const { preview, reply: issued } = await previewAndSign<Order>(
        judge,
        `${path}/issue-preview`,
        `${path}/issue`,
        body,
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.match(preview.body.canonical, /"purpose":"provision-order"/);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const seen = await board.call<Order>('GET', `/v1/ancillary-orders/${applied.body.id}`);
      assert.equal(seen.body.signatureVerified, true);
      // Carrying it out before receiving it (the signature checked) is refused.
      assert.equal(
        (await board.call('POST', `/v1/ancillary-orders/${applied.body.id}/provide`, { communications: [SENDER] }))
          .status,
        409,
      );
      const received = await board.call<Order>('POST', `/v1/ancillary-orders/${applied.body.id}/receive`);
      assert.equal(received.status, 200, JSON.stringify(received.body));
      assert.deepEqual(received.body.actions, ['provide']);
      return received.body;
    }

    test('the lawyer learns the access provider; the access provider alone gets the address', async () => {
      const o = await receivedOrder(1);
      const provided = await board.call<Order>('POST', `/v1/ancillary-orders/${o.id}/provide`, {
        communications: [SENDER],
      });
      assert.equal(provided.status, 200, JSON.stringify(provided.body));
      assert.equal(provided.body.provision?.identified, true);
      assert.deepEqual(
        provided.body.provision?.accessProviders.map((a) => a.organisation.id),
        [orgs.isp],
      );

      // The lawyer: the access provider's name, nothing of the communication.
      const law = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(law.status, 200);
      assert.equal(law.body.provision?.accessProviders[0]?.organisation.nameEn, 'Nihon Network Communications K.K.');
      assert.equal(law.body.provision?.accessProviders[0]?.notified, false);
      assert.deepEqual(law.body.actions, ['notify']);
      // Before the lawyer's notice the access provider has nothing.
      // (The demo's chain released one notice to the ISP already, for another order.)
      const noticesOf = async (orderRef: string) =>
        (await isp.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items.filter(
          (n) => n.order.reference === orderRef,
        );
      assert.deepEqual(await noticesOf(o.reference), []);

      // Notifying the case against the board itself (not a named access provider) is refused.
      const wrong = await lawyer.call<ApiError>('POST', `/v1/ancillary-orders/${o.id}/notify`, {
        applicationId: o.applicationId,
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.details?.field, 'applicationId');
      // Nor an application against the access provider for another claimant.
      const other = await fileCase(orgs.isp, 4, ['name', 'address'], '乙山 次郎');
      const otherClaimant = await lawyer.call<ApiError>('POST', `/v1/ancillary-orders/${o.id}/notify`, {
        applicationId: other.id,
      });
      assert.equal(otherClaimant.status, 400);
      // The lawyer applies against the access provider, and notifies the board.
      const second = await fileCase(orgs.isp, 2, ['name', 'address']);
      const notified = await lawyer.call<Order>('POST', `/v1/ancillary-orders/${o.id}/notify`, {
        applicationId: second.id,
      });
      assert.equal(notified.status, 200, JSON.stringify(notified.body));
      assert.equal(notified.body.provision?.accessProviders[0]?.notified, true);
      assert.deepEqual(notified.body.actions, []);

      // The access provider opens the notice: the sender's address, port and time.
      const list = { body: { items: await noticesOf(o.reference) } };
      assert.equal(list.body.items.length, 1);
      assert.equal(list.body.items[0]?.communications, null, 'the list does not open it');
      assert.equal(list.body.items[0]?.applicationReference, second.reference);
      // The order it rests on, the judge's signature checked as the provider bound checks it.
      assert.equal(list.body.items[0]?.order.court?.id, orgs.court);
      assert.equal(list.body.items[0]?.order.signatureVerified, true);
      assert.equal(list.body.items[0]?.lawOffice?.nameEn, law.body.lawOffice.nameEn);
      const noticeId = list.body.items[0]?.id ?? '';
      // Its key is on its devices: the hub cannot open it; the access provider's device does.
      assert.equal(
        (await isp.call<ApiError>('GET', `/v1/provision-notices/${noticeId}`)).body.error.code,
        'OPEN_ON_DEVICE',
      );
      const device = demoDevice(hub, 'isp.legal');
      assert.ok(device, 'the access provider has a demo device');
      const api = createApiClient({ baseUrl: hub.url, token: isp.token });
      const opened = await openProvisionNoticeOnDevice(api, await importDemoDevice(device), noticeId);
      assert.deepEqual(opened.communications, [SENDER]);
      assert.equal(opened.contentProvider.id, orgs.board);
      // Nobody else opens it: not the lawyer, not the board that sealed it.
      assert.ok([403, 404].includes((await lawyer.call('GET', `/v1/provision-notices/${noticeId}`)).status));
      assert.equal((await board.call('GET', `/v1/provision-notices/${noticeId}`)).status, 404);

      // Nothing the lawyer can read holds the address.
      const everything = JSON.stringify([
        (await lawyer.call('GET', `/v1/ancillary-orders/${o.id}`)).body,
        (await lawyer.call('GET', '/v1/ancillary-orders')).body,
        (await lawyer.call('GET', `/v1/disclosure-order-applications/${second.id}`)).body,
        (await lawyer.call('GET', `/v1/disclosure-order-applications/${o.applicationId}`)).body,
      ]);
      assert.doesNotMatch(everything, /203\.0\.113\.77/);
      assert.doesNotMatch(everything, portAlone(51515));
      const stored = await hub.ctx.store.db
        .selectFrom('provision_notices')
        .select('sealed')
        .where('id', '=', noticeId)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.sealed, /203\.0\.113\.77/, 'kept sealed');

      // The access provider's key found compromised: its legal officer marks it (a new key made on its
      // device), re-seals the notice there, and a device of its enrolled afterwards opens the notice.
      const ispDevice = await importDemoDevice(device);
      const keyId = (await api.GET('/v1/custody')).data?.custodyKey?.id ?? '';
      await markCompromised(api, ispDevice, keyId);
      const { handle: later } = await newDevice(api, '法務 新端末');
      await enrolDevice(api, ispDevice, later);
      await assert.rejects(openProvisionNoticeOnDevice(api, later, noticeId), apiErrorCode('NOT_FOUND'));
      assert.equal((await resealOnDevice(api, ispDevice)).left, 0);
      assert.deepEqual((await openProvisionNoticeOnDevice(api, later, noticeId)).communications, [SENDER]);
      // A hub that puts a notice of its own in the copy's place (sealed to the new key's public part) is
      // caught on the device: with the re-sealer's declaration kept, fitted to it, or without its MAC.
      const forged = JSON.stringify({ communications: [{ address: '198.51.100.9', at: SENDER.at }] });
      const notice = { kind: 'notice', itemId: noticeId, aad: `shokai/provision-notice/${noticeId}` };
      for (const declaration of ['kept', 'fitted', 'dropped'] as const) {
        const restore = await substituteCopy(hub.ctx.store.db, notice, forged, declaration);
        await assert.rejects(openProvisionNoticeOnDevice(api, later, noticeId), copyRefused, declaration);
        await restore();
      }
      assert.deepEqual((await openProvisionNoticeOnDevice(api, later, noticeId)).communications, [SENDER]);
    });

    test('no access provider can be identified: the lawyer is told so', async () => {
      const o = await receivedOrder(3);
      const provided = await board.call<Order>('POST', `/v1/ancillary-orders/${o.id}/provide`, {
        communications: [{ address: '192.0.2.10', at: '2026-11-20T09:15:00+09:00' }],
      });
      assert.equal(provided.status, 200, JSON.stringify(provided.body));
      const law = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${o.id}`);
      assert.equal(law.body.provision?.identified, false);
      assert.deepEqual(law.body.provision?.accessProviders, []);
      assert.deepEqual(law.body.actions, []);
      assert.doesNotMatch(JSON.stringify(law.body), /192\.0\.2\.10/);
      // Carried out once.
      assert.equal(
        (await board.call('POST', `/v1/ancillary-orders/${o.id}/provide`, { communications: [SENDER] })).status,
        409,
      );
    });
  });
}
