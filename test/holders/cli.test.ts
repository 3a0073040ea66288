// `shokai board …` and `shokai cafe …`: the commands in both languages, a refused file, a lookup.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'shokai.js');
const DIR = mkdtempSync(join(tmpdir(), 'shokai-holders-cli-'));
const STORE = join(DIR, 'store.sqlite');
after(() => rmSync(DIR, { recursive: true, force: true }));

function shokai(args: string[], lang: 'ja' | 'en' = 'ja'): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--store', STORE], {
    encoding: 'utf8',
    env: { ...process.env, SHOKAI_LANG: lang, SHOKAI_DATA_DIR: DIR },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('board import refuses a bad line by line, field and value; lookup prints the verdict', () => {
  const bad = join(DIR, 'bad.csv');
  writeFileSync(bad, 'post_id,posted_at,source_address\n5,2026-03-29 01:30:12,203.0.113.7\n');
  const refused = shokai(['board', 'import', bad], 'en');
  assert.equal(refused.code, 1);
  assert.match(refused.err, /bad\.csv:2: posted_at = "2026-03-29 01:30:12"/);
  const good = join(DIR, 'posts.csv');
  writeFileSync(good, 'post_id,posted_at,source_address,source_port\n5,2026-03-29T01:30:12+09:00,203.0.113.7,40211\n');
  const imported = shokai(['board', 'import', good]);
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /1 件の投稿を取り込みました/);
  const found = shokai(['board', 'lookup', '--url', 'https://bbs.example.jp/t/1', '--post-id', '5']);
  assert.equal(found.code, 0, found.err);
  assert.match(found.out, /判定: 一意に特定/);
  assert.match(found.out, /2026-03-29T01:30:12\.000\+09:00 {2}203\.0\.113\.7:40211/);
  assert.match(found.out, /posts\.csv:2/);
});

test('cafe import, lookup and purge, in English', () => {
  const use = join(DIR, 'use.json');
  writeFileSync(
    use,
    JSON.stringify([
      {
        terminal: 'B-1',
        member: 'M1',
        entered_at: '2026-03-29T00:00:00+09:00',
        exited_at: '2026-03-29T03:00:00+09:00',
      },
      {
        terminal: 'B-1',
        member: 'M2',
        entered_at: '2026-03-29T02:00:00+09:00',
        exited_at: '2026-03-29T04:00:00+09:00',
      },
    ]),
  );
  assert.equal(shokai(['cafe', 'import', '--kind', 'terminal-use', use]).code, 0);
  const amb = shokai(
    ['cafe', 'lookup', '--terminal', 'B-1', '--from', '2026-03-29T02:10:00+09:00', '--to', '2026-03-29T02:20:00+09:00'],
    'en',
  );
  assert.equal(amb.code, 0, amb.err);
  assert.match(amb.out, /Verdict: Ambiguous/);
  assert.match(amb.out, /Would make it unique: A narrower window/);
  const purge = shokai(['cafe', 'purge', '--dry-run', '--json'], 'en');
  assert.equal(purge.code, 0, purge.err);
  assert.deepEqual(JSON.parse(purge.out).terminalUse, 0);
  const help = shokai(['cafe', '--help']);
  assert.match(help.out, /3年/);
});
