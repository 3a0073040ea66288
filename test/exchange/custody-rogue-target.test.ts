import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ApiClient, createApiClient, unwrap } from '../../src/client/client.ts';
import { type DeviceHandle, enrolDevice, startCustody } from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import { wrapCustodyKey } from '../../src/crypto/device-seal.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { madeCustodyKey } from '../support/crypto.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAbout } from '../support/flow.ts';

// The security review's finding: a hub that names a custody key of its own as the re-seal target AND
// lists a wrap of it for the device (anyone can seal to a device's public key) passed every check the
// device made, and was handed every plaintext sealed to the compromised key. The device now seals only to
// a key it made itself, or one whose fingerprint its holder compared with the device that made it.

type Rogue = Awaited<ReturnType<typeof madeCustodyKey>>;

/**
 * The hub as its operator would rewrite it: the re-seal work names `rogue` as the key to seal to, the
 * device's key listing carries a wrap of it to the device; every re-sealed copy posted is caught here.
 */
function rogueHub(url: string, token: string, device: DeviceHandle, rogue: Rogue) {
  const posted: unknown[] = [];
  const api: ApiClient = createApiClient({ baseUrl: url, token });
  api.use({
    async onRequest({ request }) {
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/custody/reseal') {
        posted.push(await request.clone().json());
      }
    },
    async onResponse({ request, response }) {
      const path = new URL(request.url).pathname;
      if (request.method !== 'GET') return;
      const toKey = { id: rogue.id, publicKey: rogue.publicKey, fingerprint: rogue.fingerprint };
      if (path === '/v1/custody/reseal')
        return Response.json({ ...((await response.clone().json()) as object), toKey });
      if (path === `/v1/custody/devices/${device.id}/keys`) {
        const body = (await response.clone().json()) as { items: unknown[] };
        const wrapped = await wrapCustodyKey(rogue.pkcs8, rogue.id, device);
        const item = { keyId: rogue.id, publicKey: rogue.publicKey, fingerprint: rogue.fingerprint, wrapped };
        return Response.json({ ...body, items: [...body.items, { ...item, current: true, passOn: true }] });
      }
    },
  });
  return { api, posted };
}

const refused = (reason: string, text: RegExp) => (e: unknown) =>
  isDomainError(e) && e.code === 'KEY_UNKNOWN' && e.details?.reason === reason && text.test(e.messages.en);

for (const dialect of testDialects()) {
  describe(`a hub naming a custody key of its own to re-seal to (${dialect})`, () => {
    const { hub, sato, tanaka, board, orgs, satoApi, tanakaApi } = custodyHooks(dialect);

    test('refused on the device that made the key and on one that confirmed its fingerprint', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      const { handle: satoDev } = await newDevice(satoApi, '佐藤 PC');
      await enrolDevice(tanakaApi, head, satoDev);
      // The head's second device, enrolled before the compromise: it holds the old key, but made no key.
      const { handle: laptop } = await newDevice(tanakaApi, '田中 ノート');
      await enrolDevice(tanakaApi, head, laptop);
      await answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'ROGUE-1',
        name: '伊藤 一郎',
      });
      const oldKey = (await unwrap(tanakaApi.GET('/v1/custody'))).custodyKey?.id ?? '';
      // An ordinary compromise: Sato's laptop leaked the key; the head marks it and removes that device.
      const marked = await markCompromised(tanakaApi, head, oldKey, [satoDev.id]);
      assert.ok(marked.leftToReseal > 0);
      // The head's device recorded the key it made, and shows its fingerprint from that record.
      const made = head.madeKeys?.at(-1);
      assert.equal(made?.id, marked.custodyKey?.id);
      assert.equal(made?.fingerprint, marked.custodyKey?.fingerprint);

      const rogue = await madeCustodyKey();
      // On the device that made the current key, the hub's own key is refused: nothing is sealed to it.
      const onHead = rogueHub(hub.url, tanaka.token, head, rogue);
      await assert.rejects(resealOnDevice(onHead.api, head), refused('unconfirmed', /was not made on this device/));
      // On a device that made no key, confirming the fingerprint the head's device shows refuses it too.
      const onLaptop = rogueHub(hub.url, tanaka.token, laptop, rogue);
      await assert.rejects(
        resealOnDevice(onLaptop.api, laptop, undefined, `SHA-256 ${made?.fingerprint.replaceAll(':', ' ')}`),
        refused('mismatch', /does not match the fingerprint confirmed/),
      );
      // ...and a holder who confirms whatever the hub shows gets nothing sealed to another key than that.
      assert.deepEqual([onHead.posted.length, onLaptop.posted.length], [0, 0]);
      const status = await unwrap(
        tanakaApi.GET('/v1/custody/reseal-status', { params: { query: { device: head.id } } }),
      );
      assert.equal(status.left, marked.leftToReseal, 'nothing was sealed again');

      // The genuine key, on the laptop: unconfirmed it is refused, naming the fingerprint to compare...
      await assert.rejects(resealOnDevice(tanakaApi, laptop), (e: unknown) => {
        assert.ok(refused('unconfirmed', /was not made on this device/)(e));
        assert.ok(isDomainError(e) && e.details?.fingerprint === made?.fingerprint);
        assert.match(e.messages.ja, /この端末で作った鍵ではありません/);
        return true;
      });
      // ...and confirmed (as the page shows it, or the stored form) it is sealed again to it.
      const done = await resealOnDevice(tanakaApi, laptop, undefined, made?.fingerprint);
      assert.deepEqual([done.resealed, done.left], [marked.leftToReseal, 0]);
    });
  });
}
