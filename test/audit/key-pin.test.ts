// Where the audit key is pinned: outside the database, in the pin file next to the master key (or the
// environment). A store's first start adds its key to the file; a store whose audit keys are not
// pinned is refused, so a key row added to the database is never used.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseExpectedKey, readAuditKeyPin } from '../../src/audit/key-pin.ts';
import { generateKekSecret } from '../../src/crypto/key-wrap.ts';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { bootstrap } from '../../src/kernel/bootstrap.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { parseStoreLocation, storeIdentity } from '../../src/store/location.ts';

describe('the audit key pin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-pin-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) =>
    loadConfig({ SHOKAI_DATA_DIR: dir, SHOKAI_MASTER_KEY: masterKey, ...extra });
  const masterKey = generateKekSecret();
  const start = async (store: string, extra: Record<string, string> = {}) => {
    const ctx = await bootstrap(env(extra), { databaseUrl: join(dir, store) });
    await ctx.store.close();
    return ctx;
  };

  test('the first start pins; another store over the same data directory adds its own key', async () => {
    const a = await start('a.sqlite');
    assert.equal(a.auditPinSource, 'created');
    assert.equal(a.auditPinFile, join(dir, 'audit-key.pub'));
    const text = readFileSync(a.auditPinFile, 'utf8');
    assert.match(text, new RegExp(`fingerprint ${keyFingerprint(a.auditSigner.publicKey)}`));
    const again = await start('a.sqlite');
    assert.equal(again.auditPinSource, 'file');
    assert.equal(again.auditSigner.keyId, a.auditSigner.keyId);
    const b = await start('b.sqlite');
    assert.equal(b.auditPinSource, 'added');
    assert.deepEqual(readAuditKeyPin(undefined, a.auditPinFile).keys, [
      a.auditSigner.publicKey,
      b.auditSigner.publicKey,
    ]);
  });

  test('a store that has begun but lost its audit key is refused, and the pin file is left alone', async () => {
    // A database writer drops the key row and the signed heads, then waits for a restart: the hub must
    // not make a new key, pin it and sign the rewritten log as whole.
    const pinFile = join(dir, 'audit-key.pub');
    const ctx = await bootstrap(env(), { databaseUrl: join(dir, 'd.sqlite') });
    await inTransaction(ctx, (uow) =>
      uow.audit({
        actor: { type: 'system', id: null, organisationId: null },
        action: 'request.viewed',
        subjectType: 'request',
        subjectId: null,
      }),
    );
    await ctx.store.db.deleteFrom('audit_tree_heads').execute();
    await ctx.store.db.deleteFrom('audit_checkpoints').execute();
    await ctx.store.db.deleteFrom('keys').where('owner_id', '=', 'audit').execute();
    await ctx.store.close();
    const pinsBefore = readFileSync(pinFile, 'utf8');
    await assert.rejects(start('d.sqlite'), /has audit entries, organisations or people but no audit key/);
    assert.equal(readFileSync(pinFile, 'utf8'), pinsBefore);
  });

  test('a store wiped to empty is not given a new key: the pin file knows it had one', async () => {
    const pinFile = join(dir, 'audit-key.pub');
    const e = await start('e.sqlite');
    assert.match(readFileSync(pinFile, 'utf8'), new RegExp(`# store sqlite:${join(dir, 'e.sqlite')}\n# fingerprint`));
    rmSync(join(dir, 'e.sqlite'));
    const pinsBefore = readFileSync(pinFile, 'utf8');
    await assert.rejects(start('e.sqlite'), (err: Error) => {
      assert.match(err.message, /says this store \(sqlite:.*e\.sqlite\) had the audit key/);
      assert.match(err.message, /No new audit key is made/);
      return true;
    });
    assert.equal(readFileSync(pinFile, 'utf8'), pinsBefore);
    // The operator who made it again on purpose removes its lines, and it starts as a new store.
    const fp = keyFingerprint(e.auditSigner.publicKey);
    const kept = pinsBefore.replace(
      `# store sqlite:${join(dir, 'e.sqlite')}\n# fingerprint ${fp}\n${e.auditSigner.publicKey}\n`,
      '',
    );
    assert.notEqual(kept, pinsBefore);
    writeFileSync(pinFile, kept);
    assert.equal((await start('e.sqlite')).auditPinSource, 'added');
  });

  test('a pin file from before stores were named learns the name of a store started over it', async () => {
    const own = mkdtempSync(join(tmpdir(), 'shokai-pin-old-'));
    try {
      const config = loadConfig({ SHOKAI_DATA_DIR: own, SHOKAI_MASTER_KEY: masterKey });
      const first = await bootstrap(config, { databaseUrl: join(own, 'f.sqlite') });
      await first.store.close();
      const pinFile = join(own, 'audit-key.pub');
      // As the file was written before today: no `# store` line.
      writeFileSync(pinFile, readFileSync(pinFile, 'utf8').replace(/^# store .*\n/m, ''));
      const again = await bootstrap(config, { databaseUrl: join(own, 'f.sqlite') });
      await again.store.close();
      assert.equal(again.auditPinSource, 'file');
      assert.match(readFileSync(pinFile, 'utf8'), new RegExp(`# store sqlite:${join(own, 'f.sqlite')}\n`));
      rmSync(join(own, 'f.sqlite'));
      await assert.rejects(bootstrap(config, { databaseUrl: join(own, 'f.sqlite') }), /wiped or made again/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  test('a store a command names for the moment is not named: made again, it starts as new', async () => {
    const pinFile = join(dir, 'audit-key.pub');
    const once = async () => {
      const ctx = await bootstrap(env(), { databaseUrl: join(dir, 'scratch.sqlite'), nameStore: false });
      await ctx.store.close();
      return ctx;
    };
    await once();
    assert.doesNotMatch(readFileSync(pinFile, 'utf8'), /scratch\.sqlite/);
    rmSync(join(dir, 'scratch.sqlite'));
    assert.equal((await once()).auditPinSource, 'added');
  });

  test('a store is named in the pin file by where it is, never with its password', () => {
    assert.equal(
      storeIdentity(parseStoreLocation('postgres://u:secret@db.example:6543/shokai?schema=t1&password=x')),
      'postgres://db.example:6543/shokai?schema=t1',
    );
    assert.equal(storeIdentity(parseStoreLocation(':memory:')), undefined);
    assert.equal(
      storeIdentity(parseStoreLocation('postgres:///shokai?host=/run/postgresql&port=5433')),
      'postgres:///run/postgresql:5433/shokai',
    );
  });

  test('a pin in the environment is not extended: a store it does not name is refused', async () => {
    const other = generateSigningKeyPair().publicKey;
    await assert.rejects(start('c.sqlite', { SHOKAI_AUDIT_PUBLIC_KEY: other }), /no audit key pinned for this store/);
    const a = await start('a.sqlite', {
      SHOKAI_AUDIT_PUBLIC_KEY: readAuditKeyPin(undefined, join(dir, 'audit-key.pub')).keys[0] ?? '',
    });
    assert.equal(a.auditPinSource, 'env');
  });

  test('malformed pins and expectations are named', () => {
    assert.throws(
      () => loadConfig({}) && readAuditKeyPin('not-a-key', 'x'),
      /SHOKAI_AUDIT_PUBLIC_KEY: "not-a-key" is not an Ed25519 public key/,
    );
    assert.throws(() => parseExpectedKey('12:34'), /neither a key fingerprint .* nor a file/);
    assert.deepEqual(parseExpectedKey('AAAA:bbbb:0000:1111:2222:3333:4444:5555'), {
      fingerprint: 'aaaa:bbbb:0000:1111:2222:3333:4444:5555',
    });
  });
});
