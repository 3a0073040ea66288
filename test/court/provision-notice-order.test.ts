// A provision notice holds the order it was sealed for (`orderId`, `orderReference`, written by the hub and
// by a content provider's installation alike, and signed). A notice whose body names another order than the
// one it is listed under — sealed and signed by the content provider under order A with order B's words —
// is refused wherever
// it is opened: on the access provider's device (against the order's reference it is shown), on the hub
// for an access provider whose key the hub holds, and when that access provider carries out its own
// order from the notice. What was opened is not used.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createApiClient } from '../../src/client/client.ts';
import { openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice } from '../support/exchange.ts';
import { receiveProvisionOrder, resellerChainHooks } from '../support/provision.ts';
import { boardNoticeTo, carriedOutAndReleased, resellerWithHubKey } from '../support/provision-notices.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Notice = Schemas['ProvisionNotice'];

const SENDER = { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00+09:00' };

for (const dialect of testDialects()) {
  describe(`a provision notice sealed for another order (${dialect})`, () => {
    const { hub, lawyer, board, isp, orgs, mvno, reseller, provisionOrder, refusedFromNotice } = resellerChainHooks(
      dialect,
      resellerWithHubKey,
    );

    /**
     * A notice to `holder` whose body names order `names`, signed by the board's installation key (so that the
     * order it names is what is refused).
     */
    const noticeTo = (holder: string, names: Order) => boardNoticeTo(hub, orgs.board, holder, names, [SENDER]);

    test('refused on the device, on the hub and when carrying out from it; nothing opened is used', async () => {
      const a = await provisionOrder('981');
      const b = await provisionOrder('982');
      await receiveProvisionOrder(board, a.path);
      // Order A carried out with notices whose bodies name order B.
      const toIsp = await noticeTo(orgs.isp, b.order);
      const toMvno = await noticeTo(reseller.id, b.order);
      const parties = { board, lawyer, courtId: orgs.court, ispId: orgs.isp, mvnoId: reseller.id };
      const { mvnoCase } = await carriedOutAndReleased(parties, a.path, [toIsp, toMvno], ['9813', '9814']);
      const listed = (await isp.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
      assert.equal(listed.find((n) => n.id === toIsp.id)?.order.reference, a.order.reference);

      // On the ISP's device (its key is on its devices): refused in words, naming no address.
      const device = demoDevice(hub, 'isp.legal') ?? assert.fail('the ISP has a demo device');
      const api = createApiClient({ baseUrl: hub.url, token: isp.token });
      await assert.rejects(openProvisionNoticeOnDevice(api, await importDemoDevice(device), toIsp.id), (e) => {
        assert.ok(isDomainError(e), String(e));
        assert.equal(e.code, 'SIGNATURE_INVALID');
        assert.match(e.messages.ja, /通知が示す提供命令のものではありません/);
        assert.match(e.messages.en, /sealed for another provision order/);
        assert.doesNotMatch(JSON.stringify(e), /203\.0\.113\.77/);
        return true;
      });

      // On the hub, for the MVNO whose key the hub holds: 422 in words, nothing of the body shown.
      const opened = await mvno.call<ApiError>('GET', `/v1/provision-notices/${toMvno.id}`);
      assert.equal(opened.status, 422, JSON.stringify(opened.body));
      assert.equal(opened.body.error.code, 'SIGNATURE_INVALID');
      assert.match(opened.body.error.message.ja, /通知が示す提供命令のものではありません/);
      assert.doesNotMatch(JSON.stringify(opened.body), /203\.0\.113\.77/);
      const opens = await auditEntries(hub.ctx.store.db, 'ancillary_order.notice_opened', toMvno.id);
      assert.equal(opens.length, 0, 'not recorded as opened');

      // The MVNO's own order in the case against it, carried out from that notice: refused, not carried out.
      const communication = { ...SENDER, accessProviderOrganisationId: orgs.isp };
      await refusedFromNotice(mvnoCase.id, '令和8年(発チ)第9815号', toMvno.id, communication);
    });
  });
}
