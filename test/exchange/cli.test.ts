import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shokai.js');

function shokai(args: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, SHOKAI_LANG: 'en', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

for (const dialect of testDialects()) {
  describe(`shokai CLI on a fresh store (${dialect})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-cli-'));
    let drop: () => Promise<void> = async () => undefined;
    after(async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('db migrate, demo --json, audit verify --json; one altered or removed row is named', async () => {
      const loc = await freshLocation(dialect, dir);
      drop = loc.drop;
      const env = { DATABASE_URL: loc.url, SHOKAI_DATA_DIR: join(dir, 'data') };
      const m = shokai(['db', 'migrate'], env);
      assert.equal(m.status, 0, m.stderr);
      assert.match(m.stdout, /001-initial|up to date/);

      const d = shokai(['demo', '--json'], env);
      assert.equal(d.status, 0, d.stderr);
      const demo = JSON.parse(d.stdout) as {
        requests: Array<{ id: string; kind: string; state: string }>;
        logins: Array<{ login: string }>;
      };
      assert.ok(demo.requests.length >= 9);
      for (const k of ['inquiry', 'warrant', 'preservation', 'emergency', 'civil_disclosure', 'cafe_records', 'mlat'])
        assert.ok(
          demo.requests.some((r) => r.kind === k),
          `demo has a ${k}`,
        );
      assert.ok(new Set(demo.requests.map((r) => r.state)).size >= 6, 'requests in various states');
      assert.ok(demo.logins.some((l) => l.login === 'sato'));
      assert.notEqual(shokai(['demo', '--json'], env).status, 0, 'the demo refuses a store that is not empty');

      const ok = shokai(['audit', 'verify', '--json'], env);
      assert.equal(ok.status, 0, ok.stderr);
      const good = JSON.parse(ok.stdout) as { ok: boolean; entries: number; checkpoints: number };
      assert.equal(good.ok, true);
      assert.ok(good.entries > 100 && good.checkpoints >= 1);

      const store = await openStore(loc.location, { migrate: false });
      try {
        // One byte of one row's details changes.
        const row = await store.db
          .selectFrom('audit_entries')
          .select(['seq', 'details'])
          .where('seq', '=', 42)
          .executeTakeFirstOrThrow();
        const altered = row.details.replace(/[a-z]/, (ch) => (ch === 'a' ? 'b' : 'a'));
        assert.notEqual(altered, row.details);
        await store.db.updateTable('audit_entries').set({ details: altered }).where('seq', '=', 42).execute();
        const bad = shokai(['audit', 'verify', '--json'], env);
        assert.equal(bad.status, 2);
        const r1 = JSON.parse(bad.stdout) as { ok: boolean; firstBad: { seq: number; problem: string } };
        assert.equal(r1.ok, false);
        assert.equal(r1.firstBad.seq, 42);
        assert.equal(r1.firstBad.problem, 'hash_mismatch');
        const text = shokai(['audit', 'verify'], env);
        assert.match(text.stdout, /TAMPERING DETECTED: seq 42/);

        await store.db.updateTable('audit_entries').set({ details: row.details }).where('seq', '=', 42).execute();
        assert.equal(JSON.parse(shokai(['audit', 'verify', '--json'], env).stdout).ok, true, 'restored');
        await store.db.deleteFrom('audit_entries').where('seq', '=', 77).execute();
        const r2 = JSON.parse(shokai(['audit', 'verify', '--json'], env).stdout) as {
          ok: boolean;
          firstBad: { seq: number };
        };
        assert.equal(r2.ok, false);
        assert.equal(r2.firstBad.seq, 77);
      } finally {
        await store.close();
      }
    });
  });
}

test('a bad store location is a clear error', () => {
  const r = shokai(['audit', 'verify', '--store', 'mysql://x/y'], {});
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /only postgres:\/\/ URLs or SQLite file paths/);
});
