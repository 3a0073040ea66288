// The devices page reads a recovery key file back: the right file gives the key; every wrong one is
// refused in words (not "an unexpected error"), and nothing is sent to the hub for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Schemas } from '../../src/client/client.ts';
import { FormIssues } from '../../web/src/lib/error-text.ts';
import { RECOVERY_KEY_REFUSALS, readRecoveryKey } from '../../web/src/lib/recovery-key.ts';

const b64u = (bytes: ArrayBuffer): string => Buffer.from(bytes).toString('base64url');

async function recoveryKey(deviceId: string) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const publicKey = b64u(await crypto.subtle.exportKey('raw', pair.publicKey));
  const privateKey = b64u(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { format: 'shokai-recovery-key/v1', deviceId, publicKey, privateKey };
}

const device = (
  id: string,
  publicKey: string,
  kind: Schemas['Device']['kind'],
  state: Schemas['Device']['state'],
): Schemas['Device'] => ({
  id,
  ownerType: 'unit',
  ownerId: 'unit_1',
  userId: 'usr_head',
  holderName: '所属長',
  kind,
  label: 'recovery key',
  publicKey,
  fingerprint: 'fp',
  state,
  registeredAt: '2026-12-01T00:00:00.000Z',
  enrolledAt: '2026-12-01T00:00:00.000Z',
  removedAt: null,
});

async function refusal(text: string, devices: Schemas['Device'][]): Promise<unknown> {
  try {
    await readRecoveryKey(text, devices);
  } catch (err) {
    assert.ok(err instanceof FormIssues, String(err));
    assert.equal(err.issues.length, 1);
    return err.issues[0];
  }
  assert.fail('the file was taken');
}

test('the recovery key saved by the page gives back its device and a usable private key', async () => {
  const file = await recoveryKey('dev_rec');
  const got = await readRecoveryKey(JSON.stringify(file), [device('dev_rec', file.publicKey, 'recovery', 'enrolled')]);
  assert.equal(got.id, 'dev_rec');
  assert.equal(got.publicKey, file.publicKey);
  assert.equal(got.privateKey.type, 'private');
  assert.equal(got.privateKey.extractable, false);
});

test('every wrong file is refused in words', async () => {
  const file = await recoveryKey('dev_rec');
  const enrolled = [device('dev_rec', file.publicKey, 'recovery', 'enrolled')];
  const R = RECOVERY_KEY_REFUSALS;
  assert.deepEqual(await refusal('not json at all', enrolled), R.not_recovery_key);
  assert.deepEqual(await refusal(JSON.stringify({ v: 1, logins: [] }), enrolled), R.not_recovery_key);
  assert.deepEqual(
    await refusal(JSON.stringify({ ...file, format: 'shokai-installation-key/v1' }), enrolled),
    R.not_recovery_key,
  );
  // A recovery key of another unit, a removed one, or a browser's id: not this unit's recovery key.
  assert.deepEqual(await refusal(JSON.stringify({ ...file, deviceId: 'dev_other' }), enrolled), R.not_this_unit);
  assert.deepEqual(
    await refusal(JSON.stringify(file), [device('dev_rec', file.publicKey, 'recovery', 'removed')]),
    R.not_this_unit,
  );
  assert.deepEqual(
    await refusal(JSON.stringify(file), [device('dev_rec', file.publicKey, 'browser', 'enrolled')]),
    R.not_this_unit,
  );
  const other = await recoveryKey('dev_rec');
  assert.deepEqual(await refusal(JSON.stringify({ ...file, publicKey: other.publicKey }), enrolled), R.key_differs);
  // A private key swapped for another: its own public key is not the registered one.
  assert.deepEqual(await refusal(JSON.stringify({ ...file, privateKey: other.privateKey }), enrolled), R.key_differs);
  assert.deepEqual(await refusal(JSON.stringify({ ...file, privateKey: 'AAAA' }), enrolled), R.damaged);
});
