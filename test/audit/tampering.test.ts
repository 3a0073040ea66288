// Issue 10, item 2: every way to shorten or re-sign the audit log that went undetected before the
// Merkle tree log, on SQLite and PostgreSQL. Each test tampers the way someone with write access to
// the database would, then runs the offline verifier (the service behind `shokai audit verify`) with
// the audit key pinned outside the database.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fromRow } from '../../src/audit/audit.repository.ts';
import { checkpointNow, verifyStoreAudit } from '../../src/audit/audit-service.ts';
import { TREE_HEAD_EVERY } from '../../src/audit/events.ts';
import { entryHash, signCheckpoint } from '../../src/crypto/audit-chain.ts';
import { generateKekSecret, kekFromSecret, wrapKey } from '../../src/crypto/key-wrap.ts';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import type { SignedTreeHead } from '../../src/crypto/tree-head.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { type Db, openStore } from '../../src/store/database.ts';
import { appendEntries, entryCount, rehashLog } from '../support/audit-tamper.ts';
import { type Dialect, freshLocation, testDialects } from '../support/dialects.ts';

const ENTRIES = 150;

interface Log {
  ctx: AppContext;
  db: Db;
  masterKey: string;
  /** The pinned audit key: what data/audit-key.pub or SHOKAI_AUDIT_PUBLIC_KEY holds. */
  pin: { keys: string[] };
  verify(knownHeads?: SignedTreeHead[]): ReturnType<typeof verifyStoreAudit>;
  heads(): Promise<number[]>;
}

async function rewriteDetails(db: Db, seq: number, details: unknown): Promise<string> {
  const row = await db.selectFrom('audit_entries').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const hash = entryHash(row.prev_hash, { ...fromRow(row), details });
  await db
    .updateTable('audit_entries')
    .set({ details: JSON.stringify(details), hash })
    .where('seq', '=', seq)
    .execute();
  return hash;
}

for (const dialect of testDialects()) {
  describe(`audit log tampering is detected (${dialect})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-audit-'));
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups) await c();
      rmSync(dir, { recursive: true, force: true });
    });

    async function freshLog(d: Dialect = dialect, n = ENTRIES): Promise<Log> {
      const loc = await freshLocation(d, dir);
      const store = await openStore(loc.location);
      const masterKey = generateKekSecret();
      const ctx = await createContext(store, kekFromSecret(masterKey));
      cleanups.push(async () => {
        await store.close();
        await loc.drop();
      });
      await appendEntries(ctx, n);
      const pin = { keys: [ctx.auditSigner.publicKey] };
      return {
        ctx,
        db: store.db,
        masterKey,
        pin,
        verify: (knownHeads) => verifyStoreAudit(store.db, { trust: pin, ...(knownHeads ? { knownHeads } : {}) }),
        heads: async () =>
          (await store.db.selectFrom('audit_tree_heads').select('size').orderBy('size').execute()).map((h) =>
            Number(h.size),
          ),
      };
    }

    test('an untouched log verifies: chain, tree nodes, every signed tree head, the stored head', async () => {
      const log = await freshLog();
      const r = await log.verify();
      assert.equal(r.ok, true, JSON.stringify(r.firstBad));
      assert.equal(r.entries, ENTRIES);
      assert.equal(r.treeSize, ENTRIES);
      const heads = await log.heads();
      assert.equal(r.treeHeads, heads.length);
      assert.ok(heads.length >= ENTRIES / TREE_HEAD_EVERY, `a head every ${TREE_HEAD_EVERY} entries: ${heads}`);
      assert.equal(r.trust.source, 'pinned');
      assert.deepEqual(r.trust.fingerprints, [keyFingerprint(log.ctx.auditSigner.publicKey)]);
    });

    test('the unsigned tail never exceeds the policy after any commit', async () => {
      const log = await freshLog(dialect, 0);
      for (let i = 0; i < 40; i++) {
        await appendEntries(log.ctx, 1 + ((i * 7) % 11));
        const size = await entryCount(log.db);
        const heads = await log.heads();
        assert.ok(size - (heads.at(-1) ?? 0) < TREE_HEAD_EVERY, `size ${size}, heads ${heads}`);
      }
    });

    describe('pattern 1: deleting or rewriting the newest entries after the last signed head', () => {
      test('deleting them (the head row left as it was) is a head mismatch', async () => {
        const log = await freshLog();
        const last = (await log.heads()).at(-1) ?? 0;
        assert.ok(last < ENTRIES - 3, 'some entries follow the last signed head');
        await log.db
          .deleteFrom('audit_entries')
          .where('seq', '>', ENTRIES - 3)
          .execute();
        const r = await log.verify();
        assert.equal(r.ok, false);
        assert.equal(r.firstBad?.problem, 'head_mismatch');
        assert.equal(r.firstBad?.seq, ENTRIES - 3);
        assert.match(r.firstBad?.message.en ?? '', /removed or altered/);
        assert.match(r.firstBad?.message.ja ?? '', /削除・改変/);
      });

      const headSetBackTitle =
        'deleting them and setting the chain head back is still a head mismatch (the tree is compared)';
      test(headSetBackTitle, async () => {
        const log = await freshLog();
        const keep = await log.db
          .selectFrom('audit_entries')
          .select('hash')
          .where('seq', '=', ENTRIES - 3)
          .executeTakeFirstOrThrow();
        await log.db
          .deleteFrom('audit_entries')
          .where('seq', '>', ENTRIES - 3)
          .execute();
        await log.db
          .updateTable('audit_head')
          .set({ seq: ENTRIES - 3, hash: keep.hash })
          .where('id', '=', 1)
          .execute();
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'head_mismatch');
      });

      test('rewriting the newest entry with a valid chain hash is caught by its stored leaf', async () => {
        const log = await freshLog();
        const hash = await rewriteDetails(log.db, ENTRIES, { note: 'nothing happened here' });
        await log.db.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'tree_node_mismatch');
        assert.equal(r.firstBad?.seq, ENTRIES);
      });

      test('rewriting them with every derived row recomputed is caught by a head someone kept', async () => {
        const log = await freshLog();
        // A receipt or a copy of the head taken after these entries (here: on demand, as before a backup).
        const kept = await checkpointNow(log.ctx);
        assert.ok(kept);
        await log.db.deleteFrom('audit_tree_heads').where('size', '=', kept.size).execute();
        await rewriteDetails(log.db, ENTRIES - 1, { note: 'rewritten' });
        await rehashLog(log.db);
        assert.equal((await log.verify()).ok, true, 'the store alone cannot tell: the tail was never signed there');
        const r = await log.verify([kept]);
        assert.equal(r.firstBad?.problem, 'tree_head_mismatch');
        assert.equal(r.firstBad?.seq, ENTRIES);
      });
    });

    describe('pattern 2: deleting every checkpoint and re-hashing', () => {
      const unsignedTailTitle =
        'an altered entry, all signed heads deleted, everything re-hashed: the unsigned tail gives it away';
      test(unsignedTailTitle, async () => {
        const log = await freshLog();
        await rewriteDetails(log.db, 40, { note: 'rewritten' });
        await log.db.deleteFrom('audit_tree_heads').execute();
        await log.db.deleteFrom('audit_checkpoints').execute();
        await rehashLog(log.db);
        const r = await log.verify();
        assert.equal(r.ok, false);
        assert.equal(r.firstBad?.problem, 'unsigned_tail');
        assert.equal(r.firstBad?.seq, ENTRIES);
        assert.match(r.firstBad?.message.en ?? '', /150 entries follow the latest signed tree head \(size 0\)/);
      });

      const rehashedKeptHeadsTitle =
        're-hashing without deleting the heads is a tree head mismatch at the first head after the change';
      test(rehashedKeptHeadsTitle, async () => {
        const log = await freshLog();
        await rewriteDetails(log.db, 40, { note: 'rewritten' });
        await rehashLog(log.db);
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'tree_head_mismatch');
        assert.equal(
          r.firstBad?.seq,
          (await log.heads()).find((s) => s >= 40),
        );
      });
    });

    describe('pattern 3: truncating past a checkpoint and deleting that checkpoint', () => {
      test('with the head row left as it was: a head mismatch', async () => {
        const log = await freshLog();
        await log.db.deleteFrom('audit_entries').where('seq', '>', 100).execute();
        await log.db.deleteFrom('audit_tree_heads').where('size', '>', 100).execute();
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'head_mismatch');
      });

      test('with only the head rows gone: the stored head names the missing signed head', async () => {
        const log = await freshLog();
        const heads = await log.heads();
        await log.db
          .deleteFrom('audit_tree_heads')
          .where('size', '=', heads.at(-1) ?? 0)
          .execute();
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'tree_head_missing');
      });

      test('cut far back and re-hashed: the unsigned tail gives it away', async () => {
        const log = await freshLog();
        await log.db.deleteFrom('audit_entries').where('seq', '>', 90).execute();
        await log.db.deleteFrom('audit_tree_heads').where('size', '>', 40).execute();
        await rehashLog(log.db);
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'unsigned_tail');
      });

      const truncationTitle =
        'cut close behind a remaining head and re-hashed: any kept head or receipt proves the truncation';
      test(truncationTitle, async () => {
        const log = await freshLog();
        const heads = await log.heads();
        const cut = heads.filter((s) => s <= 110).at(-1) ?? 0;
        const deleted = await log.db
          .selectFrom('audit_tree_heads')
          .selectAll()
          .where('size', '>', cut)
          .orderBy('size')
          .executeTakeFirstOrThrow();
        const kept: SignedTreeHead = {
          size: Number(deleted.size),
          rootHash: deleted.root_hash,
          at: deleted.at,
          keyId: deleted.key_id,
          signature: deleted.signature,
        };
        await log.db
          .deleteFrom('audit_entries')
          .where('seq', '>', cut + 2)
          .execute();
        await rehashLog(log.db);
        const r = await log.verify([kept]);
        assert.equal(r.ok, false);
        assert.equal(r.firstBad?.problem, 'tree_head_beyond_end');
        assert.equal(r.firstBad?.seq, kept.size);
        assert.equal(r.firstBad?.found, String(cut + 2));
      });
    });

    describe("pattern 4: one's own 'system' key row, every checkpoint re-signed", () => {
      async function forge(log: Log): Promise<{ keyId: string; publicKey: string }> {
        const attacker = generateSigningKeyPair();
        const keyId = 'key_attacker';
        await log.db
          .insertInto('keys')
          .values({
            id: keyId,
            organisation_id: null,
            owner_type: 'system',
            owner_id: 'audit',
            purpose: 'signing',
            algorithm: 'Ed25519',
            public_key: attacker.publicKey,
            // Even with the master key in hand: the row is as good as the server's own.
            private_key_wrapped: wrapKey(kekFromSecret(log.masterKey), attacker.privateKey, `shokai/key/${keyId}`),
            fingerprint: keyFingerprint(attacker.publicKey),
            valid_from: '2020-01-01T00:00:00.000Z',
            valid_to: null,
            revoked_at: null,
            revocation_reason: null,
            created_at: '2999-01-01T00:00:00.000Z',
          })
          .execute();
        await rewriteDetails(log.db, 40, { note: 'rewritten' });
        await log.db.deleteFrom('audit_entries').where('seq', '>', 140).execute();
        await rehashLog(log.db, { resign: { keyId, privateKey: attacker.privateKey } });
        return { keyId, publicKey: attacker.publicKey };
      }

      test('tree heads signed by a key that is not the pinned one are refused', async () => {
        const log = await freshLog();
        const forged = await forge(log);
        const r = await log.verify();
        assert.equal(r.ok, false);
        assert.equal(r.firstBad?.problem, 'untrusted_tree_head_key');
        assert.equal(r.firstBad?.found, forged.keyId);
        // Trusting whatever the database holds accepts the forgery: that is why the key is pinned outside.
        const naive = await verifyStoreAudit(log.db);
        assert.equal(naive.ok, true);
        assert.equal(naive.trust.source, 'database');
        // --expect-key with the genuine fingerprint refuses it too.
        const byFingerprint = await verifyStoreAudit(log.db, {
          trust: { fingerprint: keyFingerprint(log.ctx.auditSigner.publicKey) },
        });
        assert.equal(byFingerprint.firstBad?.problem, 'untrusted_tree_head_key');
      });

      test('the same key id with the public key swapped in the database is refused as well', async () => {
        const log = await freshLog();
        const attacker = generateSigningKeyPair();
        const keyId = log.ctx.auditSigner.keyId;
        await log.db.updateTable('keys').set({ public_key: attacker.publicKey }).where('id', '=', keyId).execute();
        await rehashLog(log.db, { resign: { keyId, privateKey: attacker.privateKey } });
        const r = await log.verify();
        assert.equal(r.firstBad?.problem, 'untrusted_tree_head_key');
      });

      test('a server started with the pin signs with the pinned key only, and refuses a store without it', async () => {
        const log = await freshLog();
        await forge(log);
        const kek = kekFromSecret(log.masterKey);
        const pinned = await createContext(log.ctx.store, kek, undefined, { pinnedAuditKeys: log.pin.keys });
        assert.equal(pinned.auditSigner.keyId, log.ctx.auditSigner.keyId);
        await inTransaction(pinned, (uow) =>
          uow.audit({
            actor: { type: 'system', id: null, organisationId: null },
            action: 'request.viewed',
            subjectType: 'request',
            subjectId: null,
          }),
        );
        await log.db.deleteFrom('keys').where('id', '=', log.ctx.auditSigner.keyId).execute();
        await assert.rejects(
          createContext(log.ctx.store, kek, undefined, { pinnedAuditKeys: log.pin.keys }),
          /no audit key pinned for this store/,
        );
      });

      test('a log whose key and heads were dropped gets no new key, pinned or not', async () => {
        const log = await freshLog();
        await log.db.deleteFrom('audit_tree_heads').execute();
        await log.db.deleteFrom('audit_checkpoints').execute();
        await log.db.updateTable('audit_head').set({ signed_size: 0 }).execute();
        await log.db.deleteFrom('keys').where('owner_id', '=', 'audit').execute();
        const kek = kekFromSecret(log.masterKey);
        for (const options of [{ pinnedAuditKeys: log.pin.keys, newStoreMayExtendPin: true }, {}]) {
          await assert.rejects(createContext(log.ctx.store, kek, undefined, options), /no audit key: the key row/);
        }
        const keys = await log.db.selectFrom('keys').select('id').where('owner_id', '=', 'audit').execute();
        assert.deepEqual(keys, []);
      });
    });

    test('an altered stored tree node is named', async () => {
      const log = await freshLog();
      const row = await log.db
        .selectFrom('audit_entries')
        .select('tree_nodes')
        .where('seq', '=', 64)
        .executeTakeFirstOrThrow();
      assert.equal(row.tree_nodes.length, 7 * 64, 'entry 64 completes the subtrees of heights 0..6');
      const altered = row.tree_nodes.slice(0, 6 * 64) + 'ab'.repeat(32);
      await log.db.updateTable('audit_entries').set({ tree_nodes: altered }).where('seq', '=', 64).execute();
      const r = await log.verify();
      assert.equal(r.firstBad?.problem, 'tree_node_mismatch');
      assert.equal(r.firstBad?.seq, 64);
    });

    test('checkpoints of the hash chain from before the tree are still verified against the pinned key', async () => {
      const log = await freshLog();
      const row = await log.db.selectFrom('audit_entries').selectAll().where('seq', '=', 50).executeTakeFirstOrThrow();
      const genuine = signCheckpoint(log.ctx.auditSigner.privateKey, log.ctx.auditSigner.keyId, 50, row.at, row.hash);
      const values = {
        seq: genuine.seq,
        at: genuine.at,
        head_hash: genuine.headHash,
        key_id: genuine.keyId,
        signature: genuine.signature,
      };
      await log.db.insertInto('audit_checkpoints').values(values).execute();
      const r = await log.verify();
      assert.equal(r.ok, true, JSON.stringify(r.firstBad));
      assert.equal(r.checkpoints, r.treeHeads + 1);
      const other = generateSigningKeyPair();
      const forged = signCheckpoint(other.privateKey, 'key_other', 60, row.at, row.hash);
      await log.db
        .insertInto('audit_checkpoints')
        .values({ ...values, seq: 60, key_id: 'key_other', signature: forged.signature })
        .execute();
      assert.equal((await log.verify()).firstBad?.problem, 'checkpoint_signature_invalid');
    });
  });
}
