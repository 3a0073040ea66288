// A store path that names nothing is refused, not made: only the commands that create or prepare a store
// (`db migrate`, `demo`, `serve`) make one. Any other command pointed at a SQLite file that is not there —
// a typo in --store, another SHOKAI_DATA_DIR — says so in the chosen language, naming the path and how a
// store is made, and leaves nothing behind: no folder, no file, no master key, no audit key pin.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateKekSecret } from '../../src/crypto/key-wrap.ts';
import { shokai, shokaiAsPerson, shokaiWithoutStore } from '../support/cli.ts';

describe('a store that is not there is refused, not created', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-store-presence-'));
  const data = join(dir, 'data');
  // The data directory is where a master key and an audit key pin would be made: it must stay empty.
  const env = { SHOKAI_DATA_DIR: data };
  after(() => rmSync(dir, { recursive: true, force: true }));

  const nothingMade = (...paths: string[]) => {
    for (const p of paths) assert.equal(existsSync(p), false, `${p} was made`);
    assert.equal(existsSync(data), false, `the data directory was made: ${existsSync(data) ? readdirSync(data) : ''}`);
  };

  test('audit list on a folder that does not exist: refused naming the path and db migrate', async () => {
    const store = join(dir, 'nonexistent-dir', 'x.sqlite');
    const r = await shokai(['audit', 'list', '--store', store], env);
    assert.equal(r.status, 1, r.stdout);
    assert.doesNotMatch(r.stdout, /No entries match/);
    assert.match(r.stderr, new RegExp(`there is no store at ${store} \\(--store\\)`));
    assert.match(r.stderr, new RegExp(`shokai db migrate --store ${store}`));
    nothingMade(join(dir, 'nonexistent-dir'));
  });

  test('user list over a new SHOKAI_DATA_DIR: refused naming the default store; no master key, no pin', () => {
    const fresh = join(dir, 'fresh');
    const r = shokaiWithoutStore(dir, ['user', 'list'], { SHOKAI_DATA_DIR: fresh });
    assert.equal(r.status, 1, r.stdout);
    const store = join(fresh, 'shokai.sqlite');
    assert.match(r.stderr, new RegExp(`there is no store at ${store} \\(the default store in SHOKAI_DATA_DIR\\)`));
    assert.equal(existsSync(fresh), false, 'no folder, master.key, audit-key.pub or shokai.sqlite');
  });

  test('retention policy with a typo, in Japanese: the Japanese refusal alone; no file made', async () => {
    const typo = join(dir, 'shokia.sqlite');
    const r = await shokaiAsPerson(['retention', 'policy', '--store', typo], env);
    assert.equal(r.status, 1, r.stdout);
    assert.equal(r.stdout, '', 'no default policy printed');
    assert.match(r.stderr, new RegExp(`ストア ${typo} がありません（--store）`));
    assert.match(r.stderr, new RegExp(`shokai db migrate --store ${typo}`));
    assert.doesNotMatch(r.stderr, /there is no store/);
    nothingMade(typo);
  });

  test('audit verify: the missing store said (JSON too), not "no such table"; an empty file is no store', async () => {
    const typo = join(dir, 'typo.sqlite');
    const r = await shokai(['audit', 'verify', '--store', typo, '--json'], env);
    assert.equal(r.status, 1, r.stdout);
    assert.doesNotMatch(r.stderr, /no such table/);
    const said = JSON.parse(r.stderr) as { error: { code: string; details: { store: string } } };
    assert.equal(said.error.code, 'NOT_FOUND');
    assert.equal(said.error.details.store, typo);
    assert.doesNotMatch(r.stderr, /warning: no pinned audit key/, 'the store first, before any warning');
    nothingMade(typo);

    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    for (const args of [
      ['audit', 'verify'],
      ['user', 'list'],
    ]) {
      const e = await shokai([...args, '--store', empty], env);
      assert.equal(e.status, 1, e.stdout);
      assert.match(e.stderr, new RegExp(`${empty} is not a shokai store .*shokai db migrate --store ${empty}`));
    }
    nothingMade();
  });

  test('a path with a space: the command to create it is quoted for the shell', async () => {
    const spaced = join(dir, 'my stores', 'hub.sqlite');
    const r = await shokai(
      ['org', 'create', '--kind', 'agency', '--name-ja', '県警', '--name-en', 'P', '--store', spaced],
      env,
    );
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /shokai db migrate --store '.*\/my stores\/hub\.sqlite'/);
    nothingMade(join(dir, 'my stores'));
  });

  test('db migrate creates the store (and its folder); the other commands then use it', async () => {
    const made = join(dir, 'new', 'hub.sqlite');
    const keyed = { SHOKAI_DATA_DIR: join(dir, 'new'), SHOKAI_MASTER_KEY: generateKekSecret() };
    const m = await shokai(['db', 'migrate', '--store', made], keyed);
    assert.equal(m.status, 0, m.stderr);
    assert.ok(existsSync(made));
    const l = await shokai(['audit', 'list', '--store', made], keyed);
    assert.equal(l.status, 0, l.stderr);
    const p = await shokai(['retention', 'policy', '--store', made], keyed);
    assert.equal(p.status, 0, p.stderr);
  });
  test('a store over another SHOKAI_DATA_DIR without its master key: refused, no new master key made', async () => {
    const home = join(dir, 'home');
    const made = join(home, 'hub.sqlite');
    const m = await shokai(['db', 'migrate', '--store', made], { SHOKAI_DATA_DIR: home });
    assert.equal(m.status, 0, m.stderr);
    const org = ['org', 'create', '--kind', 'agency', '--name-ja', '県警', '--name-en', 'P', '--store', made];
    const o = await shokai(org, { SHOKAI_DATA_DIR: home });
    assert.equal(o.status, 0, o.stderr);
    assert.ok(existsSync(join(home, 'master.key')), 'the first start made its master key');
    const elsewhere = join(dir, 'elsewhere');
    const r = await shokai(['user', 'list', '--store', made], { SHOKAI_DATA_DIR: elsewhere });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`no master key at ${join(elsewhere, 'master.key')} and SHOKAI_MASTER_KEY`));
    assert.equal(existsSync(join(elsewhere, 'master.key')), false, 'no new master key beside the store');
    const back = await shokai(['user', 'list', '--store', made], { SHOKAI_DATA_DIR: home });
    assert.equal(back.status, 0, back.stderr);
  });
});
