// Which `networks` entries of a pinned log an installation routes by, and which its own provider's
// monitor flags, checked offline against the provider's signing key in the same log.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { signCanonical } from '../../src/crypto/signatures.ts';
import type { DirectoryEntry } from '../../src/domain/pinned-directory.ts';
import {
  NETWORKS_DECLARATION_PURPOSE,
  type NetworksEntry,
  networksDeclarationPayload,
} from '../../src/domain/pinned-networks.ts';
import {
  foreignOwnDeclarations,
  lookalikeGuardDomains,
  routableDeclarations,
} from '../../src/domain/pinned-networks-routing.ts';

const ISP = 'org_isp';
const own = generateSigningKeyPair();
const other = generateSigningKeyPair();
const keyEntry = (id: string, ownerId: string, publicKey: string, at: string): DirectoryEntry => ({
  type: 'key',
  at,
  id,
  organisationId: ownerId,
  ownerType: 'organisation',
  ownerId,
  purpose: 'signing',
  algorithm: 'Ed25519',
  publicKey,
  fingerprint: id,
  credential: null,
});

function entry(id: string, at: string, cidrs: string[], sign?: { keyId: string; privateKey: string }): NetworksEntry {
  const set = { organisationId: ISP, cidrs, asns: [], domains: [] };
  const e: NetworksEntry = { type: 'networks', at, id, ...set };
  if (!sign) return e;
  const signedAt = at;
  const value = signCanonical(sign.privateKey, NETWORKS_DECLARATION_PURPOSE, networksDeclarationPayload(set, signedAt));
  return { ...e, signature: { keyId: sign.keyId, signedAt, value } };
}

const KEYS = [
  keyEntry('key_isp', ISP, own.publicKey, '2026-12-01T00:00:00.000Z'),
  keyEntry('key_other', 'org_other', other.publicKey, '2026-12-01T00:00:00.000Z'),
];
const mine = { keyId: 'key_isp', privateKey: own.privateKey };

describe('networks entries routed by, from the pin alone', () => {
  test('unsigned entries count until the provider signs; then a hub-made unsigned one is ignored, said', () => {
    const entries = [
      ...KEYS,
      entry('n1', '2026-12-01T01:00:00.000Z', ['198.51.100.0/24']),
      entry('n2', '2026-12-01T02:00:00.000Z', ['203.0.113.0/24'], mine),
      entry('n3', '2026-12-01T03:00:00.000Z', ['198.18.0.0/15']),
    ];
    const before = routableDeclarations(entries.slice(0, 3));
    assert.deepEqual(before.inForce.get(ISP)?.cidrs, ['198.51.100.0/24'], 'the old path: unsigned, no signed one yet');
    const { inForce, ignored } = routableDeclarations(entries);
    assert.deepEqual(inForce.get(ISP)?.cidrs, ['203.0.113.0/24'], 'the signed declaration stays in force');
    assert.deepEqual(
      ignored.map((g) => [g.id, g.problem]),
      [['n3', 'unsigned']],
    );
    assert.match(ignored[0]?.why.en ?? '', /not signed/);
    assert.match(ignored[0]?.why.ja ?? '', /署名がありません/);
  });

  test('an entry altered after signing, or signed with another provider’s key, is ignored', () => {
    const altered = { ...entry('n2', '2026-12-01T02:00:00.000Z', ['203.0.113.0/24'], mine), cidrs: ['0.0.0.0/0'] };
    const foreignKey = entry('n3', '2026-12-01T03:00:00.000Z', ['198.18.0.0/15'], {
      keyId: 'key_other',
      privateKey: other.privateKey,
    });
    const { inForce, ignored } = routableDeclarations([...KEYS, altered, foreignKey]);
    assert.equal(inForce.get(ISP), undefined);
    assert.deepEqual(
      ignored.map((g) => [g.id, g.problem]),
      [
        ['n2', 'bad_signature'],
        ['n3', 'bad_signature'],
      ],
    );
  });

  test('a signature by a key ended before the entry does not count', () => {
    const ended: DirectoryEntry[] = [...KEYS, { type: 'key.ended', at: '2026-12-01T01:30:00.000Z', keyId: 'key_isp' }];
    const { inForce, ignored } = routableDeclarations([
      ...ended,
      entry('n2', '2026-12-01T02:00:00.000Z', ['203.0.113.0/24'], mine),
    ]);
    assert.equal(inForce.get(ISP), undefined);
    assert.equal(ignored[0]?.problem, 'bad_signature');
  });
});

describe("the monitor of the provider's own installation", () => {
  test('flags every entry in its name since its key that it did not sign with that key', () => {
    const entries = [
      entry('n0', '2026-11-30T00:00:00.000Z', ['192.0.2.0/24']),
      ...KEYS,
      entry('n1', '2026-12-01T01:00:00.000Z', ['203.0.113.0/24'], mine),
      entry('n2', '2026-12-01T02:00:00.000Z', ['198.18.0.0/15']),
      entry('n3', '2026-12-01T03:00:00.000Z', ['198.18.0.0/15'], { keyId: 'key_other', privateKey: other.privateKey }),
      { ...entry('n4', '2026-12-01T04:00:00.000Z', ['203.0.113.0/24'], mine), cidrs: ['198.18.0.0/15'] },
    ];
    assert.deepEqual(
      foreignOwnDeclarations(entries, ISP, 'key_isp').map((f) => [f.id, f.problem]),
      [
        ['n2', 'unsigned'],
        ['n3', 'not_own_key'],
        ['n4', 'bad_signature'],
      ],
      'n0 was made at the hub before the key, n1 is its own',
    );
    assert.deepEqual(foreignOwnDeclarations(entries, ISP, 'key_unknown'), []);
  });
});

describe('the domains the door refuses look-alikes of', () => {
  // Review of the twenty-first session: an entry signed by a key revoked later is dropped from routing, and with it
  // the installation's own domains from the look-alike rule.
  const declared = (id: string, at: string, domains: string[]): NetworksEntry => {
    const set = { organisationId: ISP, cidrs: [], asns: [], domains };
    const value = signCanonical(own.privateKey, NETWORKS_DECLARATION_PURPOSE, networksDeclarationPayload(set, at));
    return { type: 'networks', at, id, ...set, signature: { keyId: 'key_isp', signedAt: at, value } };
  };
  const entries: DirectoryEntry[] = [
    ...KEYS,
    declared('n1', '2026-12-01T01:00:00.000Z', ['sakura-board.example']),
    { type: 'key.revoked', at: '2026-12-02T00:00:00.000Z', keyId: 'key_isp', reason: 'compromised' },
  ];

  test('its own organisation’s, as its own key last signed them, even when that key was revoked since', () => {
    assert.equal(routableDeclarations(entries).inForce.get(ISP), undefined, 'not routed by');
    assert.deepEqual(lookalikeGuardDomains(entries, ISP), ['sakura-board.example']);
  });

  test('another organisation’s only while its declaration is in force', () => {
    assert.deepEqual(lookalikeGuardDomains(entries, 'org_other'), []);
    const live = entries.slice(0, 3);
    assert.deepEqual(lookalikeGuardDomains(live, 'org_other'), ['sakura-board.example']);
    assert.deepEqual(lookalikeGuardDomains(live, ISP), ['sakura-board.example'], 'named once');
  });

  test('a declaration the revoked key signed after its revocation in the log does not replace its last word', () => {
    // Second review: a stolen key, revoked, signs an entry dated before the revocation that drops the domain.
    const after = [...entries, declared('n2', '2026-12-01T02:00:00.000Z', [])];
    assert.deepEqual(lookalikeGuardDomains(after, ISP), ['sakura-board.example']);
  });
});
