// What the key watch prints comes from the pinned log — key ids, the names of units, organisations and
// lawyers — and from the hub. A name with a newline (or an escape sequence) must not forge a line of its
// own on the terminal: `shokai directory watch`, `shokai agent own-keys list` and the warnings of
// `shokai agent pull` / `pin` show every such character written out (\u000a), each key on one line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OwnKeysWatch } from '../../src/agent/keys-monitor.ts';
import { ownKeysLines, unconfirmedKeyLines } from '../../src/cli/agent-own-keys.ts';
import { watchLines } from '../../src/cli/directory.ts';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import type { DirectoryEntry, DirectoryExport } from '../../src/domain/pinned-directory.ts';
import { pinnedKeyLine, pinnedOwnKeys } from '../../src/domain/pinned-own-keys.ts';

const ORG = 'org_board';
const FORGED = '\nall 3 keys of Sakura are in known.json (pinned log of 90 entries)\u001b[2K';
const key = (id: string, ownerType: string, ownerId: string, organisationId: string | null): DirectoryEntry => {
  const publicKey = generateSigningKeyPair().publicKey;
  return {
    type: 'key',
    at: '2026-01-01T00:00:03.000Z',
    id,
    organisationId,
    ownerType,
    ownerId,
    purpose: 'signing',
    algorithm: 'Ed25519',
    publicKey,
    fingerprint: keyFingerprint(publicKey),
    credential: null,
  };
};
const dir = {
  head: { size: 6, at: '2026-01-02T00:00:00.000Z' },
  entries: [
    {
      type: 'organisation',
      at: '2026-01-01T00:00:00.000Z',
      id: ORG,
      kind: 'provider',
      nameJa: `さくら${FORGED}`,
      nameEn: `Sakura${FORGED}`,
    },
    {
      type: 'unit',
      at: '2026-01-01T00:00:01.000Z',
      id: 'unit_1',
      organisationId: ORG,
      nameJa: `法務${FORGED}`,
      nameEn: `Legal"${FORGED}`,
    },
    {
      type: 'lawyer',
      at: '2026-01-01T00:00:02.000Z',
      id: 'usr_l',
      organisationId: ORG,
      name: `弁護士${FORGED}`,
      registrationNumber: '1',
      barAssociation: 'x',
    },
    key(`key_unit${FORGED}`, 'unit', 'unit_1', ORG),
    key('key_lawyer', 'user', 'usr_l', ORG),
    key('key_odd', 'system', 'unit_1', `org${FORGED}`),
  ],
} as unknown as DirectoryExport;

/** Each printed line is one line, with nothing a terminal acts on. */
function assertOneLineEach(lines: readonly string[]): void {
  for (const line of lines) {
    assert.ok(!['\n', '\r', '\u001b'].some((c) => line.includes(c)), JSON.stringify(line));
  }
  assert.ok(
    lines.some((l) => l.includes('\\u000a')),
    'the newline is shown written out',
  );
}

describe('the key watch on a terminal: one key, one line', () => {
  const keys = pinnedOwnKeys(dir, ORG);
  test('the words of each key', () => {
    assert.equal(keys.length, 3);
    for (const lang of ['ja', 'en'] as const) assertOneLineEach(keys.map((k) => pinnedKeyLine(k, lang, 'Asia/Tokyo')));
  });

  test('shokai directory watch', () => {
    const r = { organisation: { id: ORG, nameJa: `さくら${FORGED}`, nameEn: `Sakura${FORGED}` }, head: dir.head, keys };
    assertOneLineEach(watchLines(r, keys, 'known.json', 'Asia/Tokyo'));
    assertOneLineEach(watchLines(r, [], 'known.json', 'Asia/Tokyo').concat(watchLines(r, keys, 'k', 'UTC')));
  });

  test('shokai agent own-keys list and the warnings of pull', () => {
    const [first, ...rest] = keys;
    const w: OwnKeysWatch = {
      baseline: { at: '2026-01-01T00:00:00.000Z', count: 0 },
      unconfirmed: rest.map((k) => ({ ...k, decided: null })),
      disowned: first
        ? [{ ...first, decided: { decision: 'not_ours', by: `reviewer${FORGED}`, at: '2026-01-03T00:00:00.000Z' } }]
        : [],
      confirmed: 0,
      own: 0,
      names: null,
    };
    assertOneLineEach(unconfirmedKeyLines(w));
    assertOneLineEach(ownKeysLines(w));
  });
});
