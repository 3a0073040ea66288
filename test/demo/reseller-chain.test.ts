// The demo shows the two features a newcomer could not see in it (docs/decisions.md, "The demo's reseller
// and its compromised key"): a reseller (MVNO) reached by a chain of provision orders board → ISP → reseller,
// and the reseller's earlier custody key found compromised with the notice left to seal again.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { z } from 'zod';
import type { Schemas } from '#shokai/client';
import { createApiClient, unwrap } from '../../src/client/client.ts';
import { enrolDevice, openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { resealOnDevice } from '../../src/client/custody-reseal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { demoRecoveryPath, writeDemoLogins } from '../../src/demo/logins-file.ts';
import { DEMO_RESELLER, LOST_MACHINE_LABEL } from '../../src/demo/reseller.ts';
import { newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice, hubWithHooks, orgId } from '../support/exchange.ts';

type Order = Schemas['AncillaryOrder'];
/** The recovery key file as the devices page downloads (and reads back) one. */
const RecoveryFile = z.object({
  format: z.literal('shokai-recovery-key/v1'),
  deviceId: z.string(),
  publicKey: z.string(),
  privateKey: z.string(),
});
type Notice = Schemas['ProvisionNotice'];

for (const dialect of testDialects()) {
  describe(`the demo's reseller and its compromised key (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, mvno],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'hibari.legal']);

    test('a reseller with its logins and declared networks', async () => {
      const id = await orgId(hub, DEMO_RESELLER.nameEn);
      const logins = hub.demo.logins.filter((l) => l.organisation === DEMO_RESELLER.nameJa).map((l) => l.login);
      assert.deepEqual(logins, ['hibari.legal', 'hibari.ops']);
      const networks = await lawyer.call<{ items: Array<Schemas['ProviderNetworks']> }>('GET', '/v1/provider-networks');
      assert.equal(networks.status, 200, JSON.stringify(networks.body));
      const own = networks.body.items.find((n) => n.organisationId === id);
      assert.deepEqual([own?.cidrs, own?.domains], [['2001:db8:4000::/36'], ['hibari-mobile.example']]);
    });

    test('the chain board → ISP → reseller, seen by the lawyer and held by the reseller', async () => {
      const resellerId = await orgId(hub, DEMO_RESELLER.nameEn);
      const orders = (await lawyer.call<{ items: Order[] }>('GET', '/v1/ancillary-orders')).body.items;
      const board = orders.find((o) => o.provision?.accessProviders.some((a) => a.organisation.id === orgs.isp));
      const isp = orders.find((o) => o.provision?.accessProviders.some((a) => a.organisation.id === resellerId));
      assert.ok(board && isp, 'two provision orders carried out: the board naming the ISP, the ISP the reseller');
      assert.equal(isp.namedUnder?.orderId, board.id, 'the lawyer follows the chain up');
      assert.deepEqual(
        isp.provision?.accessProviders.map((a) => [a.organisation.nameEn, a.notified, Boolean(a.application)]),
        [[DEMO_RESELLER.nameEn, true, true]],
      );
      const notices = (await mvno.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
      assert.equal(notices.length, 1);
      assert.equal(notices[0]?.contentProvider.id, orgs.isp, 'given by the ISP (the wholesaler)');
      assert.equal(notices[0]?.order.signatureVerified, true);
    });

    test('an earlier key marked compromised: the notice is left to seal again, and is sealed again', async () => {
      const api = createApiClient({ baseUrl: hub.url, token: mvno.token });
      const custody = await unwrap(api.GET('/v1/custody'));
      const lost = custody.devices.find((d) => d.label === LOST_MACHINE_LABEL);
      assert.equal(lost?.state, 'removed', 'the lost machine was removed (the key rotated)');
      const machine = demoDevice(hub, 'hibari.legal') ?? assert.fail('the reseller has a demo machine');
      const status = async (deviceId: string) =>
        unwrap(api.GET('/v1/custody/reseal-status', { params: { query: { device: deviceId } } }));
      const before = await status(machine.deviceId);
      assert.equal(before.compromisedKeys.length, 1);
      assert.notEqual(before.compromisedKeys[0]?.id, custody.custodyKey?.id, 'an earlier key, not the current one');
      assert.deepEqual([before.left, before.openableHere], [1, 1]);

      // A newcomer's browser: registered, then enrolled from the demo's recovery key file (the page's field).
      const dir = mkdtempSync(join(tmpdir(), 'shokai-demo-files-'));
      try {
        const loginsFile = join(dir, 'demo-logins.json');
        writeDemoLogins(loginsFile, hub.storeUrl, hub.demo);
        const file = RecoveryFile.parse(JSON.parse(readFileSync(demoRecoveryPath(loginsFile, 'hibari.legal'), 'utf8')));
        const recovery = await importDemoDevice({ ...file, login: 'hibari.legal', kind: 'recovery' });
        const { handle: browser } = await newDevice(api, 'ひばりモバイル 法務 ブラウザ');
        await enrolDevice(api, recovery, browser);
        // The page shows the work: one left, none here (a compromised key is never passed on to a device).
        const here = await status(browser.id);
        assert.deepEqual([here.left, here.openableHere, here.compromisedKeys.length], [1, 0, 1]);
        // A device that held the key before it was marked (the head's machine) seals it again; then the
        // browser opens the notice, sealed again to the current key.
        // It made no key (the demo's script did): its holder confirms the current key's fingerprint, as
        // compared with the device that made it, and the machine seals only to the key with that one.
        const confirmed = custody.custodyKey?.fingerprint;
        const done = await resealOnDevice(api, await importDemoDevice(machine), undefined, confirmed);
        assert.deepEqual([done.resealed, done.left], [1, 0]);
        const [notice] = (await mvno.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
        const opened = await openProvisionNoticeOnDevice(api, browser, notice?.id ?? '');
        assert.deepEqual(
          opened.communications.map((c) => [c.address, c.port]),
          [['203.0.113.164', 51234]],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
