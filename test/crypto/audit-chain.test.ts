import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditCheckpoint, AuditEntryContent, ChainedAuditEntry } from '../../src/crypto/audit-chain.ts';
import {
  chainEntry,
  entryCanonicalJson,
  entryHash,
  GENESIS_HASH,
  hashedFields,
  signCheckpoint,
  verifyAuditChain,
  verifyCheckpointSignature,
} from '../../src/crypto/audit-chain.ts';
import { canonicalJson, sha256Hex } from '../../src/crypto/canonical.ts';
import { CryptoError } from '../../src/crypto/errors.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { signCanonical } from '../../src/crypto/signatures.ts';

const auditKey = generateSigningKeyPair();
const otherKey = generateSigningKeyPair();
const keys: Record<string, string> = { 'audit-1': auditKey.publicKey };
const resolveKey = (id: string): string | undefined => keys[id];

function content(seq: number): AuditEntryContent {
  return {
    seq,
    at: new Date(Date.UTC(2026, 10, 25, 3, 0, 0, seq)).toISOString(),
    actorType: 'user',
    actorId: `user-${seq % 7}`,
    organisationId: 'org-tokyo-1',
    action: seq % 3 === 0 ? 'answer.read' : 'request.transition',
    subjectType: 'request',
    subjectId: `req-${seq}`,
    details: { from: 'issued', to: 'received', note: `項目 ${seq}`, n: seq / 3 },
  };
}

function buildChain(n: number): ChainedAuditEntry[] {
  const out: ChainedAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = chainEntry(prev, content(seq));
    out.push(e);
    prev = e.hash;
  }
  return out;
}

function checkpointAt(chain: ChainedAuditEntry[], seq: number, key = auditKey, keyId = 'audit-1'): AuditCheckpoint {
  return signCheckpoint(
    key.privateKey,
    keyId,
    seq,
    `2026-11-25T04:00:00.${String(seq).padStart(3, '0')}Z`,
    chain[seq - 1]!.hash,
  );
}

/** Deep copy so each test tampers with its own chain. */
const copy = (chain: ChainedAuditEntry[]): ChainedAuditEntry[] =>
  JSON.parse(JSON.stringify(chain)) as ChainedAuditEntry[];

const base = buildChain(20);
const cps = [checkpointAt(base, 5), checkpointAt(base, 12), checkpointAt(base, 20)];

describe('audit chain — building', () => {
  it('links entries from the genesis hash', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
    assert.equal(base[0]!.prevHash, GENESIS_HASH);
    for (let i = 1; i < base.length; i++) assert.equal(base[i]!.prevHash, base[i - 1]!.hash);
    assert.match(base[0]!.hash, /^[0-9a-f]{64}$/);
  });

  it('hashes only the content fields, normalising undefined to null', () => {
    const c = content(1);
    const h = entryHash(GENESIS_HASH, c);
    assert.equal(entryHash(GENESIS_HASH, { ...c, extraColumn: 'ignored' } as AuditEntryContent), h);
    const withNull = { ...c, details: null, actorId: null };
    const withUndefined = { ...c, details: undefined, actorId: undefined as unknown as null };
    assert.equal(entryHash(GENESIS_HASH, withUndefined), entryHash(GENESIS_HASH, withNull));
    assert.notEqual(entryHash(GENESIS_HASH, withNull), h);
    assert.notEqual(entryHash('1'.repeat(64), c), h);
  });

  it('hashes "shokai/v1 audit-entry\\n" + RFC 8785 JSON of { prevHash, ...content }', () => {
    const samples: AuditEntryContent[] = [
      content(1),
      { ...content(2), actorId: null, organisationId: null, subjectId: null, details: undefined },
      { ...content(3), details: { z: [1, { b: 2, a: '\u{1f600}' }], a: 'x', é: -0 } },
      { ...content(4), details: 'plain string' },
    ];
    for (const c of samples) {
      const prev = sha256Hex(String(c.seq));
      assert.equal(entryCanonicalJson(prev, c), canonicalJson(hashedFields(prev, c)));
      assert.equal(
        entryHash(prev, c),
        sha256Hex(`shokai/v1 audit-entry\n${canonicalJson({ prevHash: prev, ...c, details: c.details ?? null })}`),
      );
    }
  });

  it('survives a JSON round trip (what a store does) with the same hash', () => {
    const e = chainEntry(GENESIS_HASH, { ...content(1), details: { b: 1, a: [1.5, 'x'], u: undefined } });
    const stored = JSON.parse(JSON.stringify(e)) as ChainedAuditEntry;
    assert.equal(entryHash(stored.prevHash, stored), e.hash);
  });

  it('refuses entries a verifier could not check', () => {
    const isInvalid = (err: unknown) => err instanceof CryptoError && err.code === 'INVALID_INPUT';
    assert.throws(() => chainEntry(GENESIS_HASH, { ...content(1), seq: 0 }), isInvalid);
    assert.throws(() => chainEntry(GENESIS_HASH, { ...content(1), seq: 1.5 }), isInvalid);
    assert.throws(() => chainEntry(GENESIS_HASH, { ...content(1), at: '2026-11-25T03:00:00Z' }), isInvalid);
    assert.throws(() => chainEntry(GENESIS_HASH, { ...content(1), at: '2026-11-25T12:00:00.000+09:00' }), isInvalid);
    assert.throws(() => chainEntry('abc', content(1)), isInvalid);
    assert.throws(
      () => chainEntry(GENESIS_HASH, { ...content(1), details: { n: NaN } }),
      (err: unknown) => err instanceof CryptoError && err.code === 'CANONICALIZATION_FAILED',
    );
  });
});

describe('audit chain — checkpoints', () => {
  it('signs and verifies a checkpoint', () => {
    const cp = checkpointAt(base, 5);
    assert.deepEqual(Object.keys(cp).sort(), ['at', 'headHash', 'keyId', 'seq', 'signature']);
    assert.equal(verifyCheckpointSignature(auditKey.publicKey, cp), true);
    assert.equal(verifyCheckpointSignature(otherKey.publicKey, cp), false);
    for (const forged of [
      { ...cp, seq: 6 },
      { ...cp, headHash: base[5]!.hash },
      { ...cp, at: '2026-11-25T04:00:00.999Z' },
      { ...cp, keyId: 'audit-2' },
      { ...cp, signature: 'x' },
    ]) {
      assert.equal(verifyCheckpointSignature(auditKey.publicKey, forged), false);
    }
  });

  it('a signature over the same payload for another purpose is not a checkpoint signature', () => {
    const cp = checkpointAt(base, 5);
    const payload = { seq: cp.seq, at: cp.at, headHash: cp.headHash, keyId: cp.keyId };
    const sig = signCanonical(auditKey.privateKey, 'answer', payload);
    assert.equal(verifyCheckpointSignature(auditKey.publicKey, { ...cp, signature: sig }), false);
  });
});

describe('verifyAuditChain', () => {
  it('passes an intact chain with its checkpoints (sync and async sources)', async () => {
    const r = await verifyAuditChain(base, cps, resolveKey);
    assert.deepEqual(r, { ok: true, entries: 20, checkpoints: 3, headHash: base[19]!.hash });
    async function* stream() {
      for (const e of base) yield e;
    }
    const ra = await verifyAuditChain(stream(), [...cps].reverse(), resolveKey);
    assert.deepEqual(ra, r);
  });

  it('passes an empty log', async () => {
    assert.deepEqual(await verifyAuditChain([], [], resolveKey), {
      ok: true,
      entries: 0,
      checkpoints: 0,
      headHash: GENESIS_HASH,
    });
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await verifyAuditChain(base, [], resolveKey, { progressEvery: 8, onProgress: (n) => seen.push(n) });
    assert.deepEqual(seen, [8, 16]);
  });

  // Every field of entry 7, changed by a single byte, is detected at seq 7.
  const fields = ['at', 'actorType', 'actorId', 'organisationId', 'action', 'subjectType', 'subjectId'] as const;
  for (const field of fields) {
    it(`detects one byte changed in ${field}`, async () => {
      const chain = copy(base);
      const e = chain[6]!;
      const v = e[field]!;
      (e as Record<string, unknown>)[field] = v.slice(0, -1) + String.fromCharCode(v.charCodeAt(v.length - 1) ^ 1);
      const r = await verifyAuditChain(chain, cps, resolveKey);
      assert.equal(r.ok, false);
      assert.equal(r.firstBad?.seq, 7);
      assert.equal(r.firstBad?.problem, 'hash_mismatch');
      assert.equal(r.entries, 6);
      assert.equal(r.headHash, base[5]!.hash);
    });
  }

  it('detects one byte changed deep inside details, and a changed number type', async () => {
    const chain = copy(base);
    (chain[9]!.details as { note: string }).note = '項目 1１';
    let r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 10);
    assert.equal(r.firstBad?.problem, 'hash_mismatch');
    assert.equal(r.firstBad?.found, base[9]!.hash);
    assert.match(r.firstBad?.expected ?? '', /^[0-9a-f]{64}$/);

    const chain2 = copy(base);
    (chain2[9]!.details as { n: unknown }).n = String((chain2[9]!.details as { n: number }).n);
    r = await verifyAuditChain(chain2, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 10);
  });

  it('detects an altered stored hash', async () => {
    const chain = copy(base);
    chain[3]!.hash = chain[3]!.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 4);
    assert.equal(r.firstBad?.problem, 'hash_mismatch');
  });

  it('detects an altered entry whose hash was recomputed, at the next link', async () => {
    const chain = copy(base);
    const altered = chainEntry(chain[7]!.prevHash, { ...chain[7]!, action: 'nothing.to.see' });
    chain[7] = altered;
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 9);
    assert.equal(r.firstBad?.problem, 'prev_hash_mismatch');
    assert.equal(r.firstBad?.expected, altered.hash);
    assert.equal(r.firstBad?.found, base[7]!.hash);
  });

  it('detects a removed entry as a sequence gap', async () => {
    const chain = copy(base);
    chain.splice(10, 1); // seq 11
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.problem, 'sequence_gap');
    assert.equal(r.firstBad?.seq, 11);
    assert.equal(r.firstBad?.expected, '11');
    assert.equal(r.firstBad?.found, '12');
    assert.equal(r.entries, 10);
    assert.match(r.firstBad?.message.en ?? '', /entry 11 is missing/);
    assert.match(r.firstBad?.message.ja ?? '', /11 が欠落/);
  });

  it('detects a removed first entry and a removed last entry before a checkpoint', async () => {
    let r = await verifyAuditChain(base.slice(1), cps, resolveKey);
    assert.equal(r.firstBad?.problem, 'sequence_gap');
    assert.equal(r.firstBad?.seq, 1);
    r = await verifyAuditChain(base.slice(0, 19), cps, resolveKey);
    assert.equal(r.firstBad?.problem, 'checkpoint_beyond_end');
    assert.equal(r.firstBad?.seq, 20);
    assert.equal(r.firstBad?.found, '19');
  });

  it('detects a removed entry with the later ones renumbered and re-hashed, by the checkpoint', async () => {
    const kept = base.slice(0, 10).concat(base.slice(11));
    const rebuilt: ChainedAuditEntry[] = [];
    let prev = GENESIS_HASH;
    kept.forEach((e, i) => {
      const c = chainEntry(prev, { ...e, seq: i + 1 });
      rebuilt.push(c);
      prev = c.hash;
    });
    const r = await verifyAuditChain(rebuilt, cps, resolveKey);
    assert.equal(r.firstBad?.problem, 'checkpoint_mismatch');
    assert.equal(r.firstBad?.seq, 12);
    assert.equal(r.firstBad?.expected, rebuilt[11]!.hash);
    assert.equal(r.firstBad?.found, base[11]!.hash);
    // Without checkpoints, such a rewrite is undetectable: that is what checkpoints are for.
    assert.equal((await verifyAuditChain(rebuilt, [], resolveKey)).ok, true);
  });

  it('detects two swapped entries as reordered', async () => {
    const chain = copy(base);
    [chain[13], chain[14]] = [chain[14]!, chain[13]!]; // seq 14 and 15
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.problem, 'sequence_reordered');
    assert.equal(r.firstBad?.seq, 14);
    assert.equal(r.firstBad?.expected, '14');
    assert.equal(r.firstBad?.found, '15');
    assert.equal(r.entries, 13);
  });

  it('detects an entry moved backwards and a duplicated entry', async () => {
    const chain = copy(base);
    const [moved] = chain.splice(2, 1); // seq 3 moved after seq 6
    chain.splice(5, 0, moved!);
    let r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 3);
    assert.equal(r.firstBad?.problem, 'sequence_gap'); // 3 is absent where expected

    const dup = copy(base);
    dup.splice(4, 0, dup[3]!); // seq 4 twice
    r = await verifyAuditChain(dup, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 5);
    assert.equal(r.firstBad?.problem, 'sequence_reordered');
    assert.equal(r.firstBad?.found, '4');
  });

  it('detects an entry swapped in from another chain with a matching seq', async () => {
    const foreign = buildChain(20).map((e) => ({ ...e }));
    foreign[6] = chainEntry(GENESIS_HASH.replace(/^0/, '1'), { ...content(7), actorId: 'intruder' });
    const chain = copy(base);
    chain[6] = foreign[6]!;
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 7);
    assert.equal(r.firstBad?.problem, 'prev_hash_mismatch');
  });

  it('detects the tail truncated below a checkpoint', async () => {
    const r = await verifyAuditChain(base.slice(0, 15), cps, resolveKey);
    assert.equal(r.ok, false);
    assert.equal(r.firstBad?.problem, 'checkpoint_beyond_end');
    assert.equal(r.firstBad?.seq, 20);
    assert.equal(r.entries, 15);
    assert.equal(r.checkpoints, 2);
  });

  it('accepts a tail written after the last checkpoint', async () => {
    const longer = buildChain(25);
    const r = await verifyAuditChain(longer, cps, resolveKey);
    assert.equal(r.ok, true);
    assert.equal(r.entries, 25);
  });

  it('detects a forged checkpoint (signed by a key outside the directory, or altered)', async () => {
    // A forger recomputes the chain after tampering and signs a new checkpoint with their own key,
    // presenting it under the real key id.
    const chain = copy(base);
    chain[2] = chainEntry(chain[2]!.prevHash, { ...chain[2]!, details: { hidden: true } });
    let prev = chain[2].hash;
    for (let i = 3; i < chain.length; i++) {
      chain[i] = chainEntry(prev, chain[i]!);
      prev = chain[i]!.hash;
    }
    const forged = [checkpointAt(chain, 5, otherKey, 'audit-1'), checkpointAt(chain, 12, otherKey, 'audit-1')];
    let r = await verifyAuditChain(chain, forged, resolveKey);
    assert.equal(r.firstBad?.problem, 'checkpoint_signature_invalid');
    assert.equal(r.firstBad?.seq, 5);

    // The genuine checkpoints catch the same rewrite.
    r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.problem, 'checkpoint_mismatch');
    assert.equal(r.firstBad?.seq, 5);

    // Moving a genuine checkpoint's head to another position breaks its signature.
    r = await verifyAuditChain(base, [{ ...cps[0]!, headHash: base[4]!.hash.replace(/.$/, '0') }], resolveKey);
    assert.equal(r.firstBad?.problem, 'checkpoint_signature_invalid');

    // A forged checkpoint beyond the end cannot fake a truncation either.
    r = await verifyAuditChain(base, [checkpointAt(buildChain(30), 30, otherKey, 'audit-1')], resolveKey);
    assert.equal(r.firstBad?.problem, 'checkpoint_signature_invalid');
    assert.equal(r.firstBad?.seq, 30);
  });

  it('reports a checkpoint signed with an unknown key', async () => {
    const r = await verifyAuditChain(base, [checkpointAt(base, 5, otherKey, 'audit-9')], resolveKey);
    assert.equal(r.firstBad?.problem, 'unknown_checkpoint_key');
    assert.equal(r.firstBad?.seq, 5);
    assert.equal(r.firstBad?.found, 'audit-9');
  });

  it('reports the first problem in seq order', async () => {
    const chain = copy(base);
    chain[15]!.action = 'x';
    (chain[3]!.details as { note: string }).note = 'x';
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.equal(r.firstBad?.seq, 4);
    assert.equal(r.checkpoints, 0);
  });

  it('gives bilingual messages for every problem', async () => {
    const chain = copy(base);
    chain[1]!.actorType = 'system';
    const r = await verifyAuditChain(chain, cps, resolveKey);
    assert.match(r.firstBad?.message.en ?? '', /Audit entry 2 has been altered/);
    assert.match(r.firstBad?.message.ja ?? '', /監査ログ項目 2/);
  });

  it('verifies a long chain streamed from a generator in constant memory', async () => {
    const n = 50_000;
    let head = GENESIS_HASH;
    let checkpoint: AuditCheckpoint | undefined;
    function* generate(): Generator<ChainedAuditEntry> {
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= n; seq++) {
        const e = chainEntry(prev, content(seq));
        prev = e.hash;
        yield e;
      }
    }
    for (const e of generate()) {
      head = e.hash;
      if (e.seq === n) checkpoint = signCheckpoint(auditKey.privateKey, 'audit-1', n, e.at, head);
    }
    const r = await verifyAuditChain(generate(), [checkpoint!], resolveKey);
    assert.equal(r.ok, true);
    assert.equal(r.entries, n);
    assert.equal(r.headHash, head);
  });
});
