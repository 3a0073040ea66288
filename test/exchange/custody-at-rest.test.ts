import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson } from '../../src/crypto/canonical.ts';
import { b64uToBytes, DEVICE_SEAL_ALG, openBox, unwrapCustodyKey } from '../../src/crypto/device-seal.ts';
import { unwrapKey } from '../../src/crypto/key-wrap.ts';
import { open as openLegacy, SealedBoxSchema } from '../../src/crypto/seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { readDemoLogins } from '../../src/demo/logins-file.ts';
import { keyWrapAad } from '../../src/kernel/context.ts';
import { stolenDemoHooks } from '../support/stolen-demo.ts';

// Issue 11: the hub operator holds the store (file and WAL), the logs and the master key after a full
// demo — and still no answer opens. The demo's own file (its members' device keys) opens them all,
// which shows the attempt below is a real one.

interface KeyRowLite {
  id: string;
  algorithm: string;
  owner_type: string;
  private_key_wrapped: string | null;
}
interface AnswerLite {
  request_id: string;
  sealed: string;
  sealed_for_provider: string | null;
  unit_id: string;
  provider_organisation_id: string;
}

describe('a full demo: the store, the logs and the master key open no answer', () => {
  const demo = stolenDemoHooks();

  const answersQuery =
    'SELECT a.request_id, a.sealed, a.sealed_for_provider, r.unit_id, r.provider_organisation_id ' +
    'FROM answers a JOIN requests r ON r.id = a.request_id';

  test('every private key the master key unwraps fails on every answer; no answer is in the clear', async () => {
    const kek = demo.kek();
    const keys = demo.read<KeyRowLite>('SELECT id, algorithm, owner_type, private_key_wrapped FROM keys');
    const unwrapped = keys
      .filter((k) => k.private_key_wrapped !== null)
      .map((k) => ({ ...k, priv: unwrapKey(kek, k.private_key_wrapped as string, keyWrapAad(k.id)) }));
    assert.ok(unwrapped.length > 0, 'the master key does unwrap the hub-held keys (signing, audit, …)');
    assert.ok(
      keys.filter((k) => k.algorithm === 'ECDH-P256').every((k) => k.private_key_wrapped === null),
      'no custody key has a private part on the hub',
    );
    // Encryption keys the hub still holds belong to no one who receives answers (a provider's desk unit).
    const receiving = new Set(
      demo.read<{ owner_id: string }>("SELECT owner_id FROM keys WHERE algorithm = 'ECDH-P256'").map((r) => r.owner_id),
    );
    const x25519 = demo.read<{ owner_id: string; private_key_wrapped: string | null }>(
      "SELECT owner_id, private_key_wrapped FROM keys WHERE algorithm = 'X25519'",
    );
    assert.deepEqual(
      x25519.filter((k) => k.private_key_wrapped !== null && receiving.has(k.owner_id)),
      [],
      'the hub erased the encryption keys of every unit and provider in device custody',
    );
    const answers = demo.read<AnswerLite>(answersQuery);
    assert.ok(answers.length >= 2, 'the demo has answers');
    let boxes = 0;
    for (const a of answers) {
      for (const text of [a.sealed, a.sealed_for_provider]) {
        if (!text) continue;
        boxes++;
        const box = JSON.parse(text) as { alg: string };
        assert.equal(box.alg, DEVICE_SEAL_ALG, 'sealed to keys held on devices');
        // Whatever the operator holds, tried as an opening key (legacy X25519 path and P-256).
        for (const k of unwrapped) {
          assert.throws(() => openLegacy(k.priv, SealedBoxSchema.parse(box), a.request_id));
        }
      }
    }
    assert.ok(boxes >= 4, 'the unit copy and the provider copy of each answer');
  });

  test("no device's private key is in the store or the logs; the demo's own file opens every answer", async () => {
    const kept = readDemoLogins(...demo.demoFile());
    assert.ok('demo' in kept, JSON.stringify(kept));
    const devices = kept.demo.devices ?? [];
    assert.ok(devices.length >= 10);
    const haystack = Buffer.concat([demo.storeBytes(), Buffer.from(demo.logs)]);
    for (const d of devices) {
      assert.equal(haystack.includes(Buffer.from(d.privateKey)), false, `${d.deviceId}'s key (text) is not kept`);
      assert.equal(haystack.includes(Buffer.from(b64uToBytes(d.privateKey) as Uint8Array)), false);
    }
    // The positive control: with the devices (never the hub), every answer opens.
    const byDevice = new Map(
      demo.read<{ id: string; owner_id: string }>('SELECT id, owner_id FROM devices').map((r) => [r.id, r.owner_id]),
    );
    const wraps = demo.read<{ key_id: string; device_id: string; wrapped: string }>(
      'SELECT key_id, device_id, wrapped FROM custody_key_wraps',
    );
    const pubs = new Map(
      demo.read<{ id: string; public_key: string }>('SELECT id, public_key FROM keys').map((k) => [k.id, k.public_key]),
    );
    let opened = 0;
    for (const a of demo.read<AnswerLite>(answersQuery)) {
      for (const [text, owner] of [
        [a.sealed, a.unit_id],
        [a.sealed_for_provider, a.provider_organisation_id],
      ] as const) {
        if (!text) continue;
        const box = JSON.parse(text) as { recipientKeyId: string };
        const d = devices.find(
          (x) =>
            x.kind === 'machine' &&
            byDevice.get(x.deviceId) === owner &&
            wraps.some((w) => w.device_id === x.deviceId && w.key_id === box.recipientKeyId),
        );
        assert.ok(d, `a demo device of ${owner} holds ${box.recipientKeyId}`);
        const w = wraps.find((x) => x.device_id === d.deviceId && x.key_id === box.recipientKeyId);
        const key = await unwrapCustodyKey(await importDemoDevice(d), box.recipientKeyId, JSON.parse(w?.wrapped ?? ''));
        const plain = await openBox(key, pubs.get(box.recipientKeyId) ?? '', box, a.request_id);
        const inner = JSON.parse(new TextDecoder().decode(plain)) as { signed: { requestId: string; answer: unknown } };
        assert.equal(inner.signed.requestId, a.request_id);
        // Nothing of what opened is in the store, the WAL or the logs in clear.
        assert.equal(haystack.includes(Buffer.from(plain)), false);
        assert.equal(haystack.includes(Buffer.from(canonicalJson(inner.signed.answer))), false);
        opened++;
      }
    }
    assert.ok(opened >= 4);
  });
});
