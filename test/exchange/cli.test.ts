import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { SHOKAI_BIN, shokaiSync as shokai } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

for (const dialect of testDialects()) {
  describe(`shokai CLI on a fresh store (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-cli-');

    test('db migrate, demo --json, audit verify --json; one altered or removed row is named', async () => {
      const { env, location } = await freshForCli();
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

      // Without --org, every organisation's users, grouped under the organisation's name and id.
      const all = shokai(['user', 'list'], env);
      assert.equal(all.status, 0, all.stderr);
      const mpd = /^Tokyo Metropolitan Police Department \((org_[^)]+)\)$/m.exec(all.stdout);
      assert.ok(mpd, all.stdout);
      const mpdBlock = all.stdout.slice(mpd.index).split(/\n(?=\S)/)[0] ?? '';
      assert.match(mpdBlock, /^ {2}sato +Investigator/m);
      assert.match(mpdBlock, /^ {2}tanaka +Unit head \(approver\)/m);
      assert.doesNotMatch(all.stdout, /unit_head|provider_legal|investigator/, 'roles by their labels, not their keys');
      assert.doesNotMatch(mpdBlock, /board\.legal/, "another organisation's user is not in this group");
      assert.match(all.stdout, /^Sakura Board K\.K\. \(org_[^)]+\)\n(?: {2}.*\n)* {2}board\.legal /m);
      assert.ok(
        demo.logins.every((l) => new RegExp(`^ {2}${l.login.replace('.', '\\.')} `, 'm').test(all.stdout)),
        'every demo login is listed',
      );
      // With --org, that organisation's users alone.
      const one = shokai(['user', 'list', '--org', mpd[1] ?? ''], env);
      assert.equal(one.status, 0, one.stderr);
      assert.match(one.stdout, /^ {2}sato +Investigator/m);
      assert.doesNotMatch(one.stdout, /board\.legal|Sakura Board/);
      const inJa = shokai(['user', 'list'], { ...env, SHOKAI_LANG: 'ja' }).stdout;
      assert.match(inJa, /^警視庁 \(org_/m);
      assert.match(inJa, /^ {2}board\.legal +法務担当/m);
      assert.doesNotMatch(inJa, /provider_legal|provider_operator|unit_head/);

      const ok = shokai(['audit', 'verify', '--json'], env);
      assert.equal(ok.status, 0, ok.stderr);
      const good = JSON.parse(ok.stdout) as { ok: boolean; entries: number; checkpoints: number };
      assert.equal(good.ok, true);
      assert.ok(good.entries > 100 && good.checkpoints >= 1);

      const store = await openStore(location, { migrate: false });
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
        assert.match(text.stdout, /^TAMPERING DETECTED: no\. 42 \(entry altered\) — Audit entry 42 has been altered/);
        assert.doesNotMatch(text.stdout, /hash_mismatch|seq/, 'the problem in words, not its code');
        const inJapanese = shokai(['audit', 'verify'], { ...env, SHOKAI_LANG: 'ja' });
        assert.match(
          inJapanese.stdout,
          /^改ざんを検出: 番号 42（項目の改変）— 監査ログ項目 42 の内容が改変されています/,
        );
        assert.doesNotMatch(inJapanese.stdout, /hash_mismatch|seq/);

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

/** Starts `shokai args` and resolves with its output once `until` matches it; the process is then stopped. */
async function runUntil(args: string[], env: Record<string, string>, until: RegExp): Promise<string> {
  const child = spawn(process.execPath, [SHOKAI_BIN, ...args], {
    env: { ...process.env, SHOKAI_LANG: 'en', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${until}:\n${output}`)), 120_000);
      const seen = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (until.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before ${until}:\n${output}`));
      });
    });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return output;
}

describe('a restarted demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-demo-again-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('says how to see its logins, and the command it names works', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: join(dir, 'demo.sqlite'), SHOKAI_DATA_DIR: dir };
    const first = await runUntil(['serve', '--demo'], env, /user totp <login>/);
    assert.match(first, /Demo logins/);
    const again = await runUntil(['serve', '--demo'], env, /user totp <login>/);
    assert.doesNotMatch(again, /Demo logins/, 'the demo is not created twice');
    const named = /npm run shokai -- (user list)\s*$/m.exec(again);
    assert.ok(named, `the restarted demo names the command that lists its logins:\n${again}`);
    // The password is drawn per installation: the restart prints the one the first start printed.
    const password = /shared password: ([^;]+);/.exec(first)?.[1];
    assert.ok(password && password !== 'shokai-demo-2026', first);
    assert.ok(again.includes(`Password (every demo login): ${password}\n`), 'and the password of the demo logins');
    // `npm run shokai -- ARGS` runs `node bin/shokai.js ARGS` over the same environment.
    const listed = shokai((named[1] ?? '').split(' '), env);
    assert.equal(listed.status, 0, listed.stderr);
    for (const login of ['sato', 'tanaka', 'board.legal', 'isp.legal', 'judge'])
      assert.match(listed.stdout, new RegExp(` ${login} `));
    const ja = await runUntil(['serve', '--demo'], { ...env, SHOKAI_LANG: 'ja' }, /user totp <login>/);
    assert.match(ja, /ログインの一覧: npm run shokai -- user list$/m);
  });
});

describe('the CLI parser speaks the chosen language', () => {
  test('Japanese by default: unknown option, missing argument, missing required option, help', () => {
    const ja = { SHOKAI_LANG: 'ja' };
    const unknown = shokai(['audit', 'verify', '--bogus'], ja);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /^エラー: 不明なオプションです: '--bogus'$/m);
    assert.match(unknown.stderr, /^使い方: shokai audit verify/m);
    assert.doesNotMatch(unknown.stderr, /error:|unknown option|Usage:/);
    const missing = shokai(['user', 'totp'], ja);
    assert.match(missing.stderr, /^エラー: 必須の引数 'login' がありません$/m);
    const required = shokai(['user', 'create', '--login', 'x'], ja);
    assert.match(required.stderr, /^エラー: 必須のオプション '--org <id>' が指定されていません$/m);
    const value = shokai(['user', 'list', '--org'], ja);
    assert.match(value.stderr, /^エラー: オプション '--org <id>' の値がありません$/m);
    const command = shokai(['lgs'], ja);
    assert.match(command.stderr, /^エラー: 不明なコマンドです: 'lgs'\n（もしかして: logs）$/m);
    const help = shokai(['user', 'list', '--help'], ja);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^使い方: shokai user list/m);
    assert.match(help.stdout, /^オプション:$/m);
    assert.match(help.stdout, /--org <id> +この組織の利用者だけ/);
    assert.match(help.stdout, /-h, --help +ヘルプを表示する/);
    assert.doesNotMatch(help.stdout, /Usage:|Options:|display help/);
    assert.match(shokai(['--help'], ja).stdout, /^コマンド:$/m);
  });

  test('English with SHOKAI_LANG=en', () => {
    const unknown = shokai(['audit', 'verify', '--bogus'], { SHOKAI_LANG: 'en' });
    assert.match(unknown.stderr, /^error: unknown option '--bogus'$/m);
    assert.match(unknown.stderr, /^Usage: shokai audit verify/m);
    const help = shokai(['user', 'list', '--help'], { SHOKAI_LANG: 'en' });
    assert.match(help.stdout, /--org <id> +only this organisation's users/);
  });
});
