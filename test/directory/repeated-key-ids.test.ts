// A hostile hub appends a key entry with the id of an earlier key (the installation key, a person's
// passkey) and its own public key, or writes a key's fingerprint that is not its public key's (a slipped
// key showing a legitimate fingerprint). Pinning refuses such a log, naming the entry and why; the pinned
// keys never rely on the written fingerprint nor let a later entry replace an earlier one; the
// installation knows its own key by its public key, not by the id the hub gave it; `--accept` by a
// fingerprint more than one key has is refused (name it by key id). A key revoked or ended a second time (a
// hub undoing a compromised key's revocation with a later one) is refused, the first revocation standing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { monitorOwnKeys } from '../../src/agent/keys-monitor.ts';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { acceptKeys, knownKeysOf, unknownKeys } from '../../src/directory/key-watch.ts';
import { importDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { keyTrustedFor } from '../../src/domain/key-trust.ts';
import {
  checkDirectory,
  checkExtends,
  type DirectoryEntry,
  type DirectoryExport,
  directoryKeys,
  signDirectoryHead,
} from '../../src/domain/pinned-directory.ts';
import { pinnedOwnKeys } from '../../src/domain/pinned-own-keys.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { startHub, type TestHub } from '../support/exchange.ts';

const hubPair = generateSigningKeyPair();
const signed = (entries: DirectoryEntry[]): DirectoryExport => ({
  format: 'shokai-directory/v1',
  hubKey: { publicKey: hubPair.publicKey, fingerprint: keyFingerprint(hubPair.publicKey) },
  head: signDirectoryHead(hubPair.privateKey, 'key_hub', entries, '2026-01-02T00:00:00.000Z'),
  entries,
});
const ORG = 'org_board';
const key = (
  id: string,
  publicKey: string,
  at: string,
  more: Partial<Extract<DirectoryEntry, { type: 'key' }>> = {},
): DirectoryEntry => ({
  type: 'key',
  at,
  id,
  organisationId: ORG,
  ownerType: 'organisation',
  ownerId: ORG,
  purpose: 'signing',
  algorithm: 'Ed25519',
  publicKey,
  fingerprint: keyFingerprint(publicKey),
  credential: null,
  ...more,
});
const inst = generateSigningKeyPair();
const legal = generateSigningKeyPair();
const evil = generateSigningKeyPair();
const base: DirectoryEntry[] = [
  {
    type: 'organisation',
    at: '2026-01-01T00:00:00.000Z',
    id: ORG,
    kind: 'provider',
    nameJa: 'さくら',
    nameEn: 'Sakura',
  },
  key('key_legal', legal.publicKey, '2026-01-01T00:00:01.000Z', {
    ownerType: 'user',
    ownerId: 'usr_legal',
    credential: { id: 'c1', rpId: 'localhost' },
  }),
  key('key_inst', inst.publicKey, '2026-01-01T00:00:02.000Z'),
];

describe('pinning refuses repeated key ids and written fingerprints that are not the key’s', () => {
  test('a later entry with an earlier key’s id: refused, naming it; the earlier key stands', () => {
    const pin = signed(base);
    const dup = signed([...base, key('key_inst', evil.publicKey, '2026-01-01T00:00:03.000Z')]);
    assert.equal(checkExtends(pin, dup), 'key_repeated');
    assert.equal(checkDirectory(dup), 'key_repeated');
    assert.equal(directoryKeys(dup).get('key_inst')?.publicKey, inst.publicKey, 'never replaced');
    assert.equal(pinnedOwnKeys(dup, ORG).find((k) => k.id === 'key_inst')?.publicKey, inst.publicKey);
    // A revoked key is not brought back by entering it again.
    const revoked = [
      ...base,
      { type: 'key.revoked' as const, at: '2026-01-01T00:00:04.000Z', keyId: 'key_legal', reason: 'compromised' },
    ];
    const back = signed([...revoked, key('key_legal', legal.publicKey, '2026-01-01T00:00:05.000Z')]);
    assert.equal(checkExtends(signed(revoked), back), 'key_repeated');
    assert.notEqual(directoryKeys(back).get('key_legal')?.revokedAt, null);
  });

  test('a second revocation or end of a key: refused; the first stands, compromised stays compromised', () => {
    const revoked = [
      ...base,
      { type: 'key.revoked' as const, at: '2026-01-01T00:00:04.000Z', keyId: 'key_legal', reason: 'compromised' },
    ];
    // the hub appends a revocation "superseded" far in the future: the stolen key would verify again
    const later = signed([
      ...revoked,
      { type: 'key.revoked' as const, at: '2026-01-01T00:00:05.000Z', keyId: 'key_legal', reason: 'superseded' },
    ]);
    assert.equal(checkExtends(signed(revoked), later), 'key_end_repeated');
    assert.equal(checkDirectory(later), 'key_end_repeated');
    const k = directoryKeys(later).get('key_legal') ?? assert.fail('the key');
    assert.deepEqual([k.revokedAt, k.revocationReason], ['2026-01-01T00:00:04.000Z', 'compromised']);
    assert.equal(keyTrustedFor(k, '2026-01-01T00:00:03.000Z', '2026-06-01T00:00:00.000Z'), false);
    // an end written again later would lengthen the key's validity
    const ended = [...base, { type: 'key.ended' as const, at: '2026-01-01T00:00:04.000Z', keyId: 'key_inst' }];
    const longer = signed([
      ...ended,
      { type: 'key.ended' as const, at: '2026-01-01T00:00:06.000Z', keyId: 'key_inst' },
    ]);
    assert.equal(checkExtends(signed(ended), longer), 'key_end_repeated');
    assert.equal(directoryKeys(longer).get('key_inst')?.validTo, '2026-01-01T00:00:04.000Z');
    // an end and then a revocation of one key is the hub's own (a rotated key later found compromised)
    const both = signed([
      ...ended,
      { type: 'key.revoked' as const, at: '2026-01-01T00:00:05.000Z', keyId: 'key_inst', reason: 'compromised' },
    ]);
    assert.equal(checkExtends(signed(ended), both), null);
  });

  test('a fingerprint copied from another key: refused; the keys show the computed one', () => {
    const slipped = key('key_slipped', evil.publicKey, '2026-01-01T00:00:03.000Z', {
      fingerprint: keyFingerprint(legal.publicKey),
    });
    const next = signed([...base, slipped]);
    assert.equal(checkExtends(signed(base), next), 'key_fingerprint');
    assert.equal(directoryKeys(next).get('key_slipped')?.fingerprint, keyFingerprint(evil.publicKey));
    assert.equal(
      pinnedOwnKeys(next, ORG).find((k) => k.id === 'key_slipped')?.fingerprint,
      keyFingerprint(evil.publicKey),
    );
    // The known file matches by key id and the computed fingerprint: the slipped key is unknown.
    const known = knownKeysOf(ORG, pinnedOwnKeys(signed(base), ORG), 'first use');
    assert.deepEqual(
      unknownKeys(pinnedOwnKeys(next, ORG), known).map((k) => k.id),
      ['key_slipped'],
    );
  });

  test('--accept by a fingerprint two keys share is refused; by key id it takes that key only', () => {
    const again = key('key_same', legal.publicKey, '2026-01-01T00:00:03.000Z', {
      ownerType: 'user',
      ownerId: 'usr_legal',
    });
    const dir = signed([...base, again]);
    assert.equal(checkDirectory(dir), null, 'two ids, one public key: each entry is what it says');
    const keys = pinnedOwnKeys(dir, ORG);
    const known = knownKeysOf(ORG, pinnedOwnKeys(signed(base.slice(0, 1)), ORG), 'first use');
    assert.throws(
      () => acceptKeys(known, keys, [keyFingerprint(legal.publicKey)], 'now'),
      (e) => isDomainError(e) && /more than one key/.test(e.messages.en) && /鍵 ID/.test(e.messages.ja),
    );
    const accepted = acceptKeys(known, keys, ['key_same'], 'now');
    assert.deepEqual(
      unknownKeys(keys, accepted).map((k) => k.id),
      ['key_legal', 'key_inst'],
    );
  });
});

for (const dialect of testDialects()) {
  describe(`a log with a repeated key id, pinned and watched (${dialect})`, () => {
    let hub: TestHub;
    before(async () => {
      hub = await startHub(dialect, { demo: false });
    });
    after(async () => hub.close());

    test('importing it is refused naming the entry and the key, in Japanese and English', async () => {
      await run(hub.ctx, importDirectory, SYSTEM_CALLER, signed(base));
      const dup = signed([...base, key('key_inst', evil.publicKey, '2026-01-01T00:00:03.000Z')]);
      await assert.rejects(
        run(hub.ctx, importDirectory, SYSTEM_CALLER, dup),
        (e) =>
          isDomainError(e) &&
          e.details?.reason === 'key_repeated' &&
          /\(entry 4, key key_inst\)/.test(e.messages.en) &&
          /4 番目の項目、鍵 key_inst/.test(e.messages.ja),
      );
    });

    test('the installation knows its key by its public key, not the id the hub gave it', async () => {
      const start = await monitorOwnKeys(hub.ctx, ORG, { publicKey: inst.publicKey }, signed(base.slice(0, 2)));
      assert.equal(start?.own, 0);
      // The hub logs the id it gave the installation key with its own public key.
      const swapped = signed([...base.slice(0, 2), key('key_inst', evil.publicKey, '2026-01-01T00:00:02.000Z')]);
      const w = await monitorOwnKeys(hub.ctx, ORG, { publicKey: inst.publicKey }, swapped);
      assert.equal(w?.own, 0);
      assert.deepEqual(
        w?.unconfirmed.map((k) => k.id),
        ['key_inst'],
      );
      // The real key, logged under any id, is the installation's own.
      const real = signed([...base.slice(0, 2), key('key_other', inst.publicKey, '2026-01-01T00:00:02.000Z')]);
      const r = await monitorOwnKeys(hub.ctx, ORG, { publicKey: inst.publicKey }, real);
      assert.equal(r?.own, 1);
      assert.deepEqual(r?.unconfirmed, []);
    });
  });
}
