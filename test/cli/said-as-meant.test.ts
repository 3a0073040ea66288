// What a newcomer read on the command line and could not act on, said again as meant: each refusal once, in
// the chosen language, with the rule or the options it needs; and a count of one in the singular.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateKekSecret } from '../../src/crypto/key-wrap.ts';
import { pagesMatchWords } from '../../src/documents/pages.ts';
import { shokai, shokaiAsPerson } from '../support/cli.ts';

describe('refusals said once, in words that say what is expected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-said-as-meant-'));
  const store = join(dir, 'hub.sqlite');
  const env = { SHOKAI_DATA_DIR: dir, SHOKAI_MASTER_KEY: generateKekSecret() };
  before(async () => {
    const made = await shokai(['db', 'migrate', '--store', store], env);
    assert.equal(made.status, 0, made.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('audit verify --expect-key neither a fingerprint nor a file: one line, in the chosen language', async () => {
    const args = ['audit', 'verify', '--store', store, '--expect-key', 'deadbeef'];
    const ja = await shokaiAsPerson(args, env);
    assert.equal(ja.status, 1, ja.stdout);
    assert.equal(
      ja.stderr,
      'shokai: --expect-key: 「deadbeef」は鍵フィンガープリント（4 桁の 16 進数 8 組）でもファイルでもありません\n',
    );
    const en = await shokaiAsPerson(args, env, 'en');
    assert.equal(en.status, 1, en.stdout);
    assert.equal(
      en.stderr,
      'shokai: --expect-key: "deadbeef" is neither a key fingerprint (eight groups of four hex digits) nor a file\n',
    );
    const json = await shokai([...args, '--json'], env);
    const said = JSON.parse(json.stderr) as { error: { code: string; details: { field: string } } };
    assert.equal(said.error.code, 'VALIDATION_FAILED');
    assert.equal(said.error.details.field, '--expect-key');
  });

  test('retention set --days: a whole number of days from 1 to 36500, not "a number is expected"', async () => {
    for (const days of ['-5', '1.5', '0', '36501', 'a year']) {
      const args = ['retention', 'set', '--store', store, '--kind', 'inquiry', '--days', days, '--mode', 'purge'];
      const en = await shokai(args, env);
      assert.equal(en.status, 1, `${days}: ${en.stdout}`);
      assert.equal(
        en.stderr,
        `shokai: --days "${days}": a whole number of days after closing is expected, from 1 to 36500\n`,
      );
      const ja = await shokaiAsPerson(args, env);
      assert.equal(ja.stderr, `shokai: --days「${days}」: 完結後の日数を 1 から 36500 までの整数で指定してください\n`);
    }
    const set = await shokai(
      ['retention', 'set', '--store', store, '--kind', 'inquiry', '--days', '400', '--mode', 'purge'],
      env,
    );
    assert.equal(set.status, 0, set.stderr);
    assert.match(set.stdout, /400 days after closing/);
  });

  test('report transparency without --provider or --as names both options', async () => {
    const args = ['report', 'transparency', '--store', store, '--half', '2026-H2'];
    const en = await shokai(args, env);
    assert.equal(en.status, 1, en.stdout);
    assert.equal(
      en.stderr,
      'shokai: name the provider: --provider with its organisation id, or --as with the login of one of its people\n',
    );
    const ja = await shokaiAsPerson(args, env);
    assert.equal(
      ja.stderr,
      'shokai: どの事業者の報告書か指定してください: --provider に事業者の組織 ID、または --as に事業者の利用者のログイン名\n',
    );
  });

  test('report transparency names a wrong format by its option, --format', async () => {
    const args = ['report', 'transparency', '--store', store, '--half', '2026-H2', '--provider', 'org_x'];
    const en = await shokai([...args, '--format', 'pdf'], env);
    assert.equal(en.status, 1, en.stdout);
    assert.equal(en.stderr, 'shokai: expected one of: json, csv, html (--format: "pdf")\n');
    const ja = await shokaiAsPerson([...args, '--format', 'pdf'], env);
    assert.equal(ja.stderr, 'shokai: 次のいずれかを指定してください: json、csv、html（--format: 「pdf」）\n');
  });

  test('a document of one page is said in the singular: not "all 1 pages match"', () => {
    const name = { ja: '照会書', en: 'inquiry' };
    assert.match(pagesMatchWords(1, name, 'ABCD').en, /^the one page matches the signed data \(inquiry, /);
    assert.match(pagesMatchWords(1, name, 'ABCD').ja, /^1 ページの印字が/);
    assert.match(pagesMatchWords(3, name, 'ABCD').en, /^all 3 pages match the signed data/);
    assert.match(pagesMatchWords(3, name, 'ABCD').ja, /^全 3 ページの印字が/);
  });
});
