// The devices page offers the head to mark an earlier answer key compromised: the keys this browser
// holds that are neither the current one (marked with its replacement) nor already marked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Schemas } from '../../src/client/client.ts';
import { earlierKeysToMark } from '../../web/src/lib/custody-keys.ts';

const box = { v: 1, alg: 'ECDH-P256-HKDF-SHA256-A256GCM', recipientKeyId: 'dev_1', epk: '', iv: '', ct: '' } as const;
const key = (keyId: string, current: boolean, passOn: boolean): Schemas['WrappedKey'] => ({
  keyId,
  publicKey: `pk-${keyId}`,
  fingerprint: `fp-${keyId}`,
  current,
  passOn,
  wrapped: box,
});

test('only earlier keys not yet marked compromised are offered', () => {
  const held = [key('ck_now', true, true), key('ck_before', false, true), key('ck_leaked', false, false)];
  assert.deepEqual(earlierKeysToMark(held), [{ id: 'ck_before', fingerprint: 'fp-ck_before' }]);
  assert.deepEqual(earlierKeysToMark([key('ck_now', true, true)]), []);
});
