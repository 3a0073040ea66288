// `shokai user list` as an administrator reads it on a terminal: the columns line up although role
// names are Japanese (two columns a character), an organisation that does not exist is refused in
// words instead of listing nothing, and a reader that stops early (`| head`) ends the command quietly. A
// person whose second factor failed codes locked is listed so, in both languages, and `user unlock` lifts
// it only for an administrator of the person's organisation.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import { countSecondFactorTry, SECOND_FACTOR_FAILURES } from '../../src/auth/second-factor-lock.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { createContext } from '../../src/kernel/context.ts';
import { openStore } from '../../src/store/database.ts';
import { auditEntries } from '../support/audit.ts';
import { SHOKAI_BIN, shokai } from '../support/cli.ts';

describe('shokai user list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-user-list-'));
  const store = join(dir, 'store.sqlite');
  const secret = generateKekSecret();
  const env = (lang: 'ja' | 'en') => ({ SHOKAI_LANG: lang, SHOKAI_MASTER_KEY: secret, SHOKAI_DATA_DIR: dir });
  let hibari = '';

  before(async () => {
    const s = await openStore({ kind: 'sqlite', path: store });
    try {
      await seedDemo(await createContext(s, kekFromSecret(secret)));
      const row = await s.db
        .selectFrom('organisations')
        .select('id')
        .where('name_en', 'like', 'Hibari%')
        .executeTakeFirstOrThrow();
      hibari = row.id;
    } finally {
      await s.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('in Japanese, each column starts at the same place on every line, across organisations', async () => {
    const r = await shokai(['user', 'list', '--store', store], env('ja'));
    assert.equal(r.status, 0, r.stderr);
    const users = r.stdout.split('\n').filter((l) => l.startsWith('  '));
    assert.ok(users.length > 10, r.stdout);
    assert.ok(
      users.some((l) => l.includes('所属長（決裁者）')),
      'roles in words',
    );
    // Where each cell starts, in terminal columns (cells are two spaces or more apart): the same on every line.
    const startsOf = (l: string) => {
      const [login = '', roles = '', name = ''] = l.trim().split(/ {2,}/);
      const rolesAt = l.indexOf(roles, l.indexOf(login) + login.length);
      return [stringWidth(l.slice(0, rolesAt)), stringWidth(l.slice(0, l.indexOf(name, rolesAt + roles.length)))];
    };
    assert.equal(new Set(users.map((l) => startsOf(l)[0])).size, 1, `roles start at one column:\n${r.stdout}`);
    assert.equal(new Set(users.map((l) => startsOf(l)[1])).size, 1, `names start at one column:\n${r.stdout}`);
  });

  test('a person whose second factor is locked after failed codes is listed so, in Japanese and English', async () => {
    const s = await openStore({ kind: 'sqlite', path: store });
    try {
      const ctx = await createContext(s, kekFromSecret(secret));
      const tanaka = await s.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'tanaka')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < SECOND_FACTOR_FAILURES; i++) await countSecondFactorTry(ctx, tanaka.id, new Date());
    } finally {
      await s.close();
    }
    const ja = await shokai(['user', 'list', '--store', store], env('ja'));
    assert.match(ja.stdout, new RegExp(`tanaka .*二要素目停止中（確認コードの誤り${SECOND_FACTOR_FAILURES}回）`));
    assert.doesNotMatch(ja.stdout, /sato .*二要素目停止中/);
    const en = await shokai(['user', 'list', '--store', store], env('en'));
    assert.match(en.stdout, new RegExp(`tanaka .*second factor locked \\(${SECOND_FACTOR_FAILURES} wrong codes\\)`));
  });

  test("the lock lifted by the person's administrator, not by another's or a non-administrator", async () => {
    // The lock of the test above: refused to a colleague without the permission and to another force's
    // administrator, lifted by tanaka's own, audited as theirs with what it had counted.
    const asSato = await shokai(['user', 'unlock', 'tanaka', '--as', 'sato', '--store', store], env('en'));
    assert.equal(asSato.status, 1);
    assert.match(asSato.stderr, /lift a person's second-factor lock/);
    const asOsaka = await shokai(['user', 'unlock', 'tanaka', '--as', 'osaka.admin', '--store', store], env('en'));
    assert.equal(asOsaka.status, 1);
    assert.doesNotMatch(asOsaka.stdout, /lifted/);
    const lifted = await shokai(['user', 'unlock', 'tanaka', '--as', 'mpd.admin', '--store', store], env('ja'));
    assert.equal(lifted.status, 0, lifted.stderr);
    assert.match(lifted.stdout, /tanaka（田中 課長）の二要素目の停止を解除しました/);
    const list = await shokai(['user', 'list', '--store', store], env('ja'));
    assert.doesNotMatch(list.stdout, /tanaka .*二要素目停止中/);
    const again = await shokai(['user', 'unlock', 'tanaka', '--as', 'mpd.admin', '--store', store], env('en'));
    assert.equal(again.status, 1);
    assert.match(again.stderr, /the second factor of tanaka \(田中 課長\) is not locked \(login\)$/m);
    // The person named by login is not said again by the service's field and its id.
    assert.doesNotMatch(again.stderr, /userId|usr_/);
    const s = await openStore({ kind: 'sqlite', path: store });
    try {
      const rows = await auditEntries(s.db, 'user.second_factor_unlocked');
      const admin = await s.db.selectFrom('users').select('id').where('login', '=', 'mpd.admin').executeTakeFirst();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.actorId, admin?.id, 'audited as the administrator who lifted it');
      assert.equal(rows[0]?.details.failures, SECOND_FACTOR_FAILURES);
    } finally {
      await s.close();
    }
  });

  test("one organisation's users; an organisation that does not exist is refused naming it", async () => {
    const one = await shokai(['user', 'list', '--org', hibari, '--store', store], env('ja'));
    assert.equal(one.status, 0, one.stderr);
    assert.match(one.stdout, /^ひばりモバイル株式会社 \(org_/);
    assert.match(one.stdout, /hibari\.legal/);
    assert.doesNotMatch(one.stdout, /osaka|tanaka/);
    // An organisation with nobody in it yet says so, rather than printing nothing.
    const created = await shokai(
      [
        'org',
        'create',
        '--kind',
        'provider',
        '--name-ja',
        '新しい事業者',
        '--name-en',
        'New Provider',
        '--store',
        store,
        '--json',
      ],
      env('ja'),
    );
    assert.equal(created.status, 0, created.stderr);
    const fresh = (JSON.parse(created.stdout) as { id: string }).id;
    const empty = await shokai(['user', 'list', '--org', fresh, '--store', store], env('ja'));
    assert.equal(empty.stdout, `新しい事業者 (${fresh})\n  利用者はいません\n`);
    const none = await shokai(['user', 'list', '--org', 'nosuch', '--store', store], env('ja'));
    assert.equal(none.status, 1);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr, 'shokai: 組織 nosuch は存在しません\n', 'in words: no setting named by its path');
    const en = await shokai(['user', 'list', '--org', 'nosuch', '--store', store], env('en'));
    assert.equal(en.stderr, 'shokai: organisation nosuch does not exist\n');
  });

  test('a reader that closes the pipe early ends it quietly, without a stack trace, and not as a success', async () => {
    const child = spawn(process.execPath, [SHOKAI_BIN, 'user', 'list', '--store', store], {
      env: { ...process.env, ...env('ja') },
    });
    child.stdout.destroy(); // as `| head -0` would: nothing more is read
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '', 'nothing on standard error');
    assert.equal(status, 141, 'not a success: it did not finish (as a tool stopped by SIGPIPE says)');
  });
});
