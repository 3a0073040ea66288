// `shokai board …` and `shokai cafe …`: the commands in both languages, a refused file, a lookup.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { shokaiSync } from '../support/cli.ts';

const DIR = mkdtempSync(join(tmpdir(), 'shokai-holders-cli-'));
const STORE = join(DIR, 'store.sqlite');
before(() => {
  // Made as a store is made: the board and café commands refuse a store that is not there.
  assert.equal(shokaiSync(['db', 'migrate', '--store', STORE], { SHOKAI_DATA_DIR: DIR }).status, 0);
});
after(() => rmSync(DIR, { recursive: true, force: true }));

/** The CLI over this file's store, in Japanese unless told; `env` beside (a machine's zone, TZ). */
const shokai = (args: string[], lang: 'ja' | 'en' = 'ja', env: Record<string, string> = {}) =>
  shokaiSync([...args, '--store', STORE], { SHOKAI_LANG: lang, SHOKAI_DATA_DIR: DIR, ...env });

/** The board's post log `csv`, written to `name` and imported (asserted to succeed): what the import printed. */
function importedPosts(name: string, csv: string): string {
  const file = join(DIR, name);
  writeFileSync(file, csv);
  const r = shokai(['board', 'import', file]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** `board lookup` of post `postId` in the thread at `url`, then `more` (asserted to succeed): what it printed. */
function lookedUp(url: string, postId: string, lang: 'ja' | 'en' = 'ja', ...more: string[]): string {
  const r = shokai(['board', 'lookup', '--url', url, '--post-id', postId, ...more], lang);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('board import refuses a bad line by line, field and value; lookup prints the verdict', () => {
  const bad = join(DIR, 'bad.csv');
  writeFileSync(bad, 'post_id,posted_at,source_address\n5,2026-03-29 01:30:12,203.0.113.7\n');
  const refused = shokai(['board', 'import', bad], 'en');
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /bad\.csv:2: posted_at = "2026-03-29 01:30:12"/);
  const imported = importedPosts(
    'posts.csv',
    'post_url,post_id,posted_at,source_address,source_port\n' +
      'https://bbs.example.jp/t/1,5,2026-03-29T01:30:12+09:00,203.0.113.7,40211\n',
  );
  assert.match(imported, /1 件の投稿を取り込みました/);
  const found = lookedUp('https://bbs.example.jp/t/1', '5', 'ja', '--zone', 'Asia/Tokyo');
  assert.match(found, /判定: 一意に特定/);
  // The post's time in the zone --zone names, with its offset, as every instant the CLI shows.
  assert.match(found, /^ {4}2026-03-29 01:30:12 \+09:00 {2}203\.0\.113\.7:40211/m);
  assert.match(found, /^調べた範囲: 2026-03-29 01:30:12 \+09:00 – 2026-03-29 01:30:12 \+09:00$/m);
  assert.doesNotMatch(found, /\d{4}-\d{2}-\d{2}T\d{2}:/, 'no instant in its ISO form');
  const utc = lookedUp('https://bbs.example.jp/t/1', '5', 'ja', '--zone', 'UTC');
  assert.match(utc, /^ {4}2026-03-28 16:30:12 \+00:00 {2}203\.0\.113\.7:40211/m);
  assert.match(found, /posts\.csv:2/);
});

test('board lookup says, in both languages, that a row naming no thread may be another thread’s post', () => {
  // A row of post 7 naming no thread: the board's post 7 of some thread, which the log does not say.
  importedPosts('threads.csv', 'post_id,posted_at,source_address\n7,2026-03-29T02:00:00+09:00,198.51.100.9\n');
  const ja = lookedUp('https://bbs.example.jp/t/3', '7');
  assert.match(ja, /判定: 特定できず/);
  assert.match(ja, /スレッド（URL）を記載していない投稿記録が投稿IDだけで該当/);
  assert.match(ja, /※ この投稿記録はスレッド（URL）を記載していません/);
  assert.match(ja, /一意にするには: 投稿のスレッドの確認（.*手作業で確かめます）/);
  const en = lookedUp('https://bbs.example.jp/t/3', '7', 'en');
  assert.match(en, /Verdict: Ambiguous/);
  assert.match(en, /A post log row naming no thread \(URL\) matches by the post ID alone/);
  assert.match(en, /Would make it unique: The post's thread \(the log row names none/);
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
  assert.equal(shokai(['cafe', 'import', '--kind', 'terminal-use', use]).status, 0);
  const amb = shokai(
    ['cafe', 'lookup', '--terminal', 'B-1', '--from', '2026-03-29T02:10:00+09:00', '--to', '2026-03-29T02:20:00+09:00'],
    'en',
    { TZ: 'Asia/Tokyo' },
  );
  assert.equal(amb.status, 0, amb.stderr);
  assert.match(amb.stdout, /Verdict: Ambiguous/);
  assert.match(amb.stdout, /Would make it unique: A narrower window/);
  // Each use in this machine's zone (TZ) with its offset.
  assert.match(amb.stdout, /^ {4}B-1 {2}2026-03-29 00:00:00 \+09:00 – 2026-03-29 03:00:00 \+09:00$/m);
  // The question is kept as it was asked; every instant found is shown in the zone.
  assert.match(amb.stdout, /^Question: B-1 2026-03-29T02:10:00\+09:00 – 2026-03-29T02:20:00\+09:00$/m);
  const found = amb.stdout.replace(/^Question: .*$/m, '');
  assert.doesNotMatch(found, /\d{4}-\d{2}-\d{2}T\d{2}:/, 'no instant in its ISO form');
  const purge = shokai(['cafe', 'purge', '--dry-run', '--json'], 'en');
  assert.equal(purge.status, 0, purge.stderr);
  assert.deepEqual(JSON.parse(purge.stdout).terminalUse, 0);
  assert.match(JSON.parse(purge.stdout).cutoff, /T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, '--json keeps the instant as stored');
  const said = shokai(['cafe', 'purge', '--dry-run', '--zone', 'Asia/Tokyo'], 'en');
  assert.match(said.stdout, /^records of services ended before \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00: /);
  const help = shokai(['cafe', '--help']);
  assert.match(help.stdout, /3年/);
});

test('board lookup writes out the hidden characters a log row carries, never moving the terminal', () => {
  importedPosts(
    'hidden.csv',
    'post_url,post_id,posted_at,source_address,account\n' +
      'https://bbs.example.jp/t/9,1,2026-03-29T03:00:00+09:00,198.51.100.10,"taro\u202egpj.exe\u001b[2J"\n',
  );
  const found = lookedUp('https://bbs.example.jp/t/9', '1', 'en');
  assert.match(found, /taro\\u202egpj\.exe\\u001b\[2J/);
  assert.equal(found.includes('\u202e') || found.includes('\u001b'), false);
});
