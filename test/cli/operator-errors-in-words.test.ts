// What an operator reads when the CLI cannot start or cannot read what it was given: in the CLI's language
// (Japanese by default), in words — a port already in use, a master key file others can read, a setting
// of the environment out of range, a store it cannot reach, a file that is not there or is not JSON — and
// never Node's English (EADDRINUSE, ENOENT, "Unexpected token …") or a raw field path.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { CallBackInput } from '../../src/agent/call-back.ts';
import { describeCliError } from '../../src/cli/context.ts';
import { generateKekSecret, kekFromSecret, loadOrCreateKek } from '../../src/crypto/key-wrap.ts';
import { parseOrThrow } from '../../src/domain/validation.ts';
import { readRecords } from '../../src/holders/record-file.ts';
import { createContext } from '../../src/kernel/context.ts';
import { parseTrustedProxies } from '../../src/server/client-address.ts';
import { openStore } from '../../src/store/database.ts';
import { describeStoreLocation } from '../../src/store/location.ts';
import { legacyVersion } from '../../src/store/migrations/legacy.ts';
import { shokai } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'shokai-operator-errors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const savedLang = process.env.SHOKAI_LANG;
afterEach(() => {
  if (savedLang === undefined) delete process.env.SHOKAI_LANG;
  else process.env.SHOKAI_LANG = savedLang;
});

/** The error's line in the CLI's default language (Japanese) and in English. */
function inBoth(fn: () => unknown): { ja: string; en: string } {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, 'it was refused');
  delete process.env.SHOKAI_LANG;
  const ja = describeCliError(err);
  process.env.SHOKAI_LANG = 'en';
  return { ja, en: describeCliError(err) };
}

async function inBothAsync(fn: () => Promise<unknown>): Promise<{ ja: string; en: string }> {
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  return inBoth(() => {
    throw err;
  });
}

/** `shokai args` in the default language (SHOKAI_LANG unset) and in English; both must fail. */
async function both(args: string[], env: Record<string, string>): Promise<{ ja: string; en: string }> {
  // One after the other: two starts over one new store would race to create it.
  const ja = await shokai(args, { ...env, SHOKAI_LANG: '' });
  const en = await shokai(args, env);
  assert.equal(ja.status, 1, ja.stderr);
  assert.equal(en.status, 1, en.stderr);
  return { ja: ja.stderr, en: en.stderr };
}

/** `env` over a store made as stores are made (`db migrate`): the other commands refuse one that is not there. */
async function migrated<E extends Record<string, string>>(env: E): Promise<E> {
  const r = await shokai(['db', 'migrate'], env);
  assert.equal(r.status, 0, r.stderr);
  return env;
}

const NODE_ENGLISH = /EADDRINUSE|ENOENT|ECONNREFUSED|Unexpected token|is not valid JSON|configuration:|設定「/;

function listening(): Promise<Server> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const portOf = (server: Server): number => {
  const a = server.address();
  assert.ok(a !== null && typeof a === 'object');
  return a.port;
};

describe('starting: the port, the environment, the master key and the store', () => {
  const base = (name: string) => ({
    SHOKAI_DATA_DIR: join(dir, name),
    DATABASE_URL: join(dir, name, 'store.sqlite'),
    SHOKAI_MASTER_KEY: generateKekSecret(),
    HOST: '127.0.0.1',
  });

  test('shokai serve on a port already in use says so, naming the port', async () => {
    const busy = await listening();
    try {
      const port = portOf(busy);
      const r = await both(['serve'], { ...base('busy'), PORT: String(port) });
      assert.match(r.ja, new RegExp(`ポート ${port}（127\\.0\\.0\\.1）は既に使われています`));
      assert.match(r.en, new RegExp(`the port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.doesNotMatch(r.ja + r.en, NODE_ENGLISH);
    } finally {
      busy.close();
    }
  });

  test('a listen refused in-process (as `shokai agent run` meets it) is said in words', async () => {
    const busy = await listening();
    try {
      const second = createServer();
      const said = await inBothAsync(
        () =>
          new Promise((_, reject) => {
            second.once('error', reject);
            second.listen(portOf(busy), '127.0.0.1');
          }),
      );
      assert.match(said.ja, /^ポート \d+（127\.0\.0\.1）は既に使われています。/);
      assert.match(said.en, /^the port \d+ on 127\.0\.0\.1 is already in use: /);
    } finally {
      busy.close();
    }
  });

  test('a connection refused in-process is said with the reason the typed client gives', async () => {
    const closed = await listening();
    const port = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    const said = await inBothAsync(
      () =>
        new Promise((_, reject) => {
          const socket = connect(port, '127.0.0.1');
          socket.once('error', reject);
        }),
    );
    assert.equal(said.ja, `127.0.0.1:${port} に接続できません: 接続を拒否されました（そのポートで待ち受けていません）`);
    assert.equal(said.en, `cannot connect to 127.0.0.1:${port}: connection refused (nothing listens on that port)`);
  });

  test('a PORT out of range names the variable and the value, in words', async () => {
    const r = await both(['serve'], { ...base('port'), PORT: '70000' });
    assert.match(r.ja, /環境変数 PORT の値「70000」は使えません: 65535 以下にしてください/);
    assert.match(r.en, /the environment variable PORT \("70000"\) cannot be used: must be at most 65535/);
    assert.doesNotMatch(r.ja + r.en, NODE_ENGLISH);
    const word = await both(['serve'], { ...base('port'), PORT: 'eighty' });
    assert.match(word.ja, /環境変数 PORT の値「eighty」は使えません: 数値を指定してください/);
  });

  test('a trusted proxy that is not an address is refused naming the variable', async () => {
    const r = await both(['serve'], {
      ...base('proxies'),
      PORT: '0',
      SHOKAI_TRUSTED_PROXIES: '10.0.0.0/8, proxy.example',
    });
    assert.match(
      r.ja,
      /環境変数 SHOKAI_TRUSTED_PROXIES の「proxy\.example」は IP アドレスでもプレフィックスでもありません/,
    );
    assert.match(r.en, /the environment variable SHOKAI_TRUSTED_PROXIES: "proxy\.example" is not an IP address/);
    assert.doesNotMatch(r.ja + r.en, NODE_ENGLISH);
    const said = inBoth(() => parseTrustedProxies(['proxy.example']));
    assert.doesNotMatch(said.ja, /（/, 'the message names the variable and the value: nothing is added');
  });

  test('a master key file others can read is refused with what to do, in both languages', async () => {
    const keyFile = join(dir, 'loose', 'master.key');
    const env = { ...base('loose'), SHOKAI_MASTER_KEY: '', SHOKAI_MASTER_KEY_FILE: keyFile };
    rmSync(join(dir, 'loose'), { recursive: true, force: true });
    await shokai(['user', 'list'], await migrated(env)); // creates the key file (0600)
    chmodSync(keyFile, 0o644);
    const r = await both(['user', 'list'], env);
    assert.match(r.ja, /マスター鍵のファイル .*master\.key はグループや他の利用者も読み書きできます。chmod 600 /);
    assert.match(r.en, /the master key file .*master\.key is accessible by group or others; run: chmod 600 /);
  });

  test('a SHOKAI_MASTER_KEY that is not a key, and a key file without one, are said in words', async () => {
    const r = await both(['user', 'list'], { ...(await migrated(base('short'))), SHOKAI_MASTER_KEY: 'too-short' });
    assert.match(
      r.ja,
      /環境変数 SHOKAI_MASTER_KEY は32 バイトの乱数を base64url で書いたもの（43 文字）でなければなりません/,
    );
    assert.match(r.en, /SHOKAI_MASTER_KEY must be 32 random bytes in base64url \(43 characters\)/);
    assert.doesNotMatch(r.ja + r.en, /too-short/);
    const corrupt = join(dir, 'corrupt.key');
    writeFileSync(corrupt, 'not a key', { mode: 0o600 });
    const file = inBoth(() => loadOrCreateKek({ filePath: corrupt }));
    assert.match(file.ja, /^マスター鍵のファイル .*corrupt\.key に有効な鍵がありません/);
    assert.match(file.en, /^the master key file .*corrupt\.key does not hold a valid key/);
  });

  test("a master key that does not open the store's keys is said in words", async () => {
    const env = await migrated(base('other-key'));
    const first = await shokai(['user', 'list'], env);
    assert.equal(first.status, 0, first.stderr);
    const r = await both(['user', 'list'], { ...env, SHOKAI_MASTER_KEY: generateKekSecret() });
    assert.match(r.ja, /マスター鍵（SHOKAI_MASTER_KEY または data\/master\.key）ではこのストアの鍵を開けません/);
    assert.match(r.en, /the master key \(SHOKAI_MASTER_KEY or data\/master\.key\) does not open this store's keys/);
  });

  test('a store whose audit keys are all unusable is refused in words', async () => {
    const kek = kekFromSecret(generateKekSecret());
    const store = await openStore(':memory:');
    try {
      await createContext(store, kek);
      await store.db.updateTable('keys').set({ revoked_at: new Date().toISOString() }).execute();
      const said = await inBothAsync(() => createContext(store, kek));
      assert.equal(said.ja, 'このストアの監査鍵はどれも使えません（失効しているか、秘密鍵の部分がありません）');
      assert.equal(said.en, "none of this store's audit keys can be used (each is revoked or has no private part)");
    } finally {
      await store.close();
    }
  });

  test('a store location of another kind, and a PostgreSQL that does not answer, are said in words', async () => {
    const env = base('stores');
    const other = await both(['user', 'list', '--store', 'mysql://u:secret@db/x'], env);
    assert.match(
      other.ja,
      /ストアの場所の「mysql:\/\/」は使えません。postgres:\/\/ URL か SQLite のファイルパスを指定してください/,
    );
    assert.match(other.en, /only postgres:\/\/ URLs or SQLite file paths are supported/);
    assert.doesNotMatch(other.ja + other.en, /secret/);
    const closed = await listening();
    const port = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    const pg = await both(['user', 'list', '--store', `postgres://u:pw@127.0.0.1:${port}/x`], env);
    assert.match(pg.ja, new RegExp(`PostgreSQL（127\\.0\\.0\\.1:${port}/x）に接続できません: 接続を拒否されました`));
    assert.match(pg.en, new RegExp(`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/x: the connection was refused`));
    assert.doesNotMatch(pg.ja + pg.en, NODE_ENGLISH);
    assert.doesNotMatch(pg.ja + pg.en, /pw/);
    // A refusal without a code of ours (here a server that hangs up once it has read the greeting) keeps
    // what the driver said. It reads first and closes in order: closing with the greeting unread would
    // reset the connection, and a reset (ECONNRESET) is one of ours, so the test would race the greeting.
    const rude = createServer((socket) => socket.once('data', () => socket.end()));
    await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', () => resolve()));
    try {
      const cut = await both(['user', 'list', '--store', `postgres://u:pw@127.0.0.1:${portOf(rude)}/x`], env);
      assert.match(cut.ja, /に接続できません: PostgreSQL またはドライバの応答「.+」/);
      assert.match(cut.en, /cannot reach PostgreSQL at .+: PostgreSQL or its driver said ".+"/);
      assert.doesNotMatch(cut.ja + cut.en, /pw/);
    } finally {
      await new Promise((resolve) => rude.close(resolve));
    }
  });

  test("a store's location is shown without its password, in the URL or as a parameter", () => {
    const shown = describeStoreLocation({
      kind: 'postgres',
      url: 'postgres://u:secret@db/x?password=other&sslpassword=k',
    });
    assert.doesNotMatch(shown, /secret|other|=k\b/);
    assert.match(shown, /password=\*\*\*/);
  });

  test('a store written by a newer shokai is refused in words', async () => {
    const store = await openStore(':memory:', { migrate: false });
    try {
      await sql`CREATE TABLE test_schema_version (version integer)`.execute(store.db);
      await sql`INSERT INTO test_schema_version (version) VALUES (9)`.execute(store.db);
      const said = await inBothAsync(() => legacyVersion(store.db, 'sqlite', 'test_schema_version', 2));
      assert.match(said.ja, /^ストアの表 test_schema_version の版は 9 で、この shokai が知る版（2）より新しいものです/);
      assert.match(said.en, /^test_schema_version says version 9, newer than this shokai knows \(2\)/);
    } finally {
      await store.close();
    }
  });
});

describe('files the person names: not there, not JSON, not what they should hold', () => {
  const remote = (keyFile: string) => ['remote', 'requests', '--url', 'http://127.0.0.1:9', '--key-file', keyFile];

  test('a key file that is not there', async () => {
    const r = await both(remote(join(dir, 'nope.json')), {});
    assert.match(r.ja, /鍵ファイル .*nope\.json がありません/);
    assert.match(r.en, /there is no key file .*nope\.json/);
    assert.doesNotMatch(r.ja + r.en, NODE_ENGLISH);
  });

  test('a key file that is not JSON: the character, or the line and column, in words', async () => {
    const text = join(dir, 'text.json');
    writeFileSync(text, 'not json');
    const r = await both(remote(text), {});
    assert.match(r.ja, /鍵ファイル .*text\.json は JSON ではありません（予期しない文字「o」があります）/);
    assert.match(r.en, /the key file .*text\.json is not JSON \(unexpected "o"\)/);
    const comma = join(dir, 'comma.json');
    writeFileSync(comma, '{\n  "publicKey": "a",\n  "privateKey": "b",\n}\n');
    const c = await both(remote(comma), {});
    assert.match(c.ja, /鍵ファイル .*comma\.json は JSON ではありません（4 行目 1 文字目）/);
    assert.match(c.en, /the key file .*comma\.json is not JSON \(line 4, column 1\)/);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '\n');
    const e = await both(remote(empty), {});
    assert.match(e.ja, /鍵ファイル .*empty\.json は空です/);
    assert.match(e.en, /the key file .*empty\.json is empty/);
    assert.doesNotMatch(r.ja + r.en + c.ja + c.en + e.ja + e.en, NODE_ENGLISH);
  });

  test("a key file's part is named in words, not by its path", async () => {
    const blank = join(dir, 'blank-key.json');
    writeFileSync(blank, JSON.stringify({ publicKey: 'a', privateKey: '' }));
    const r = await both(remote(blank), {});
    assert.match(r.ja, /入力が必要です（鍵ファイル › 秘密鍵）/);
    assert.match(r.en, /This field is required \(key file › private key\)/);
    assert.doesNotMatch(r.ja + r.en, NODE_ENGLISH);
    assert.doesNotMatch(r.ja + r.en, /keyFile|privateKey/);
  });

  test('a PDF to verify that is not there', async () => {
    const r = await both(['document', 'verify', join(dir, 'nope.pdf')], {});
    assert.match(r.ja, /ファイル .*nope\.pdf がありません/);
    assert.match(r.en, /there is no file .*nope\.pdf/);
    assert.doesNotMatch(r.ja + r.en, NODE_ENGLISH);
  });

  test("a holder's record file that is not JSON keeps the place and drops the parser's English", () => {
    const said = inBoth(() => readRecords({ name: 'posts.json', content: '[{"a": 1,}]' }, ['a'], 'posts'));
    assert.equal(said.ja, 'ファイル posts.json は JSON ではありません（1 行目 10 文字目）');
    assert.equal(said.en, 'the file posts.json is not JSON (line 1, column 10)');
  });
});

describe("the CLI's own settings are named in words", () => {
  test('`agent call-back` without --confirmed says to give --confirmed', () => {
    const said = inBoth(() =>
      parseOrThrow(CallBackInput, { calledAt: '2026-12-04T10:30', outcome: 'the duty officer' }),
    );
    assert.equal(said.ja, '--confirmed を指定してください（照会元所属がこの要請を発したと確認できたときだけ）');
    assert.equal(said.en, 'give --confirmed (only when the issuing unit confirmed that it issued this request)');
  });

  test('`user create` with a role that does not exist names --roles, not roles.0', async () => {
    const env = {
      SHOKAI_DATA_DIR: join(dir, 'roles'),
      DATABASE_URL: join(dir, 'roles', 'store.sqlite'),
      SHOKAI_MASTER_KEY: generateKekSecret(),
    };
    const args = ['user', 'create', '--org', 'org_x', '--login', 'clerk', '--name', 'X', '--roles', 'bogus'];
    const r = await both(args, await migrated(env));
    assert.match(r.ja, /（ロール --roles: 「bogus」）/);
    assert.match(r.en, / \(roles --roles: "bogus"\)/);
    assert.doesNotMatch(r.ja + r.en, /roles\.0|設定「/);
  });
});
