import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { shokaiWithoutStore } from '../support/cli.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { fixturePath, REGISTRY_FIXTURES } from './helpers.ts';

const BIN = new URL('../../bin/shokai.js', import.meta.url).pathname;
const scratch = scratchLocations('shokai-cli-');

function shokai(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: join(scratch.dir, 'default.sqlite'), SHOKAI_DATA_DIR: scratch.dir, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A new store, made as `shokai db migrate` makes one: the other commands refuse a store that is not there. */
function migrated(store: string): string {
  const r = shokai(['db', 'migrate', '--store', store]);
  assert.equal(r.status, 0, r.stderr);
  return store;
}

describe('shokai mail analyze', () => {
  it('--json prints the documented shape', () => {
    const r = shokai([
      'mail',
      'analyze',
      fixturePath('yahoo-japan.eml'),
      '--trusted',
      '182.22.0.0/16',
      '--authserv-id',
      'mx.recv.example.jp',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const a = JSON.parse(r.stdout) as Record<string, unknown> & { hops: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(a).slice(0, 6), [
      'originatingIp',
      'originatingPort',
      'originatingTime',
      'hops',
      'authentication',
      'warnings',
    ]);
    assert.equal(a.originatingIp, '126.33.10.200');
    assert.equal(a.originatingTime, '2026-11-25T11:00:01+09:00');
    assert.deepEqual(Object.keys(a.hops[0]!), [
      'from',
      'by',
      'with',
      'id',
      'for',
      'envelopeFrom',
      'time',
      'timeUtc',
      'delaySeconds',
      'trusted',
      'raw',
    ]);
    assert.deepEqual(Object.keys(a.hops[0]!.from as object), ['helo', 'rdns', 'ip', 'port']);
  });

  it('the table is Japanese by default and English with SHOKAI_LANG=en', () => {
    const ja = shokai(['mail', 'analyze', fixturePath('forged.eml')]);
    assert.equal(ja.status, 0, ja.stderr);
    assert.match(ja.stdout, /発信元アドレス: 45\.77\.10\.9/);
    assert.match(ja.stdout, /主張（偽造の可能性）/);
    const en = shokai(['mail', 'analyze', fixturePath('forged.eml')], { SHOKAI_LANG: 'en' });
    assert.match(en.stdout, /Originating address: 45\.77\.10\.9/);
    // Warnings in words with the hop they concern; the code is for --json, never shown to a person.
    assert.match(en.stdout, /^ {2}- hop 2: Time runs backwards: this hop is \d+ s earlier/m);
    assert.match(ja.stdout, /^ {2}- 経由 2: 時刻が逆行しています/m);
    assert.doesNotMatch(`${ja.stdout}${en.stdout}`, /MAIL_[A-Z_]+/);
    // A hop's time and its UTC, labelled in the table's language.
    assert.match(ja.stdout, /^ {6}記載の時刻: \S.* {2}協定世界時: \S/m);
    assert.doesNotMatch(ja.stdout, /time:|UTC:|遅延: \d+s/);
    assert.match(en.stdout, /^ {6}time: \S.* {2}UTC: \S/m);
  });

  it('reads standard input and reports refusals with their code', () => {
    const r = spawnSync(process.execPath, [BIN, 'mail', 'analyze', '-', '--json'], {
      input: 'Received: from a (a [61.1.1.1]) by b; Wed, 25 Nov 2026 12:00:05 +0900\n',
      encoding: 'utf8',
    });
    assert.equal(JSON.parse(r.stdout).originatingIp, '61.1.1.1');
    const bad = shokai(['mail', 'analyze', fixturePath('exim.eml'), '--trusted', 'not a host!']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /not a host!/);
    assert.doesNotMatch(bad.stderr, /MAIL_TRUSTED_ENTRY_INVALID/, 'words, not a code');
  });
});

for (const dialect of testDialects()) {
  describe(`shokai registry (${dialect})`, () => {
    it('import (detected formats) then lookup --json', async () => {
      const loc = await scratch.fresh(dialect);
      migrated(loc.url);
      const imp = shokai(['registry', 'import', '--store', loc.url, ...REGISTRY_FIXTURES.map(fixturePath), '--json']);
      assert.equal(imp.status, 0, imp.stderr);
      const summaries = JSON.parse(imp.stdout) as Array<{ format: string; ranges: number }>;
      assert.deepEqual(
        summaries.map((s) => s.format),
        ['delegated', 'delegated', 'rdap', 'jpnic'],
      );
      /** One address of each kind the fixtures hold, looked up in this store. */
      const lookUp = (...extra: string[]) =>
        shokai([
          'registry',
          'lookup',
          '--store',
          loc.url,
          '60.32.128.5',
          '185.12.64.3',
          '2400:4050:a0c1::9',
          '--json',
          ...extra,
        ]);
      const look = lookUp();
      assert.equal(look.status, 0, look.stderr);
      const rs = JSON.parse(look.stdout) as Array<
        Record<string, unknown> & { provider: { verdict: string }; holder: { name: string } | null }
      >;
      assert.equal(rs.length, 3);
      assert.deepEqual(Object.keys(rs[0]!).slice(0, 6), ['address', 'registry', 'country', 'range', 'holder', 'abuse']);
      assert.ok('provider' in rs[0]! && 'source' in rs[0]!);
      assert.equal(rs[0]!.holder?.name, 'Example Customer K.K.');
      assert.equal(rs[1]!.provider.verdict, 'foreign');
      assert.equal(rs[2]!.holder?.name, 'Example Sender K.K.');
      // the import saved the index; building it from the rows instead gives the same answers
      const rebuilt = lookUp('--no-snapshot');
      assert.equal(rebuilt.status, 0, rebuilt.stderr);
      assert.equal(rebuilt.stdout, look.stdout);
      const table = shokai(['registry', 'lookup', '--store', loc.url, '61.113.4.5', '--zone', 'Asia/Tokyo']);
      assert.match(table.stdout, /保有者: Manga Kissa Example K\.K\./);
      // When the source was imported: in the zone --zone names with its offset, not as stored (UTC, `…Z`).
      assert.match(table.stdout, /取込 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00\)/);
      assert.doesNotMatch(table.stdout, /\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
      // the directory join through the main store's provider declarations (the lead's directory tables)
      const main = await openStore(loc.url);
      try {
        await main.db
          .insertInto('organisations')
          .values({
            id: 'org-ocn',
            kind: 'provider',
            name_ja: 'OCN 例示',
            name_en: 'OCN Example',
            is_telecom_carrier: 1,
            created_at: '2026-11-25T00:00:00Z',
          })
          .execute();
        await main.db
          .insertInto('provider_networks')
          .values([
            { id: 'pn-1', organisation_id: 'org-ocn', kind: 'cidr', value: '60.32.0.0/12' },
            { id: 'pn-2', organisation_id: 'org-ocn', kind: 'asn', value: '4713' },
          ])
          .execute();
      } finally {
        await main.close();
      }
      const joined = JSON.parse(
        shokai(['registry', 'lookup', '--store', loc.url, '60.32.128.5', '--json']).stdout,
      ) as Array<{ provider: { verdict: string; organisationId: string; matched: string } }>;
      assert.equal(joined[0]!.provider.verdict, 'provider');
      assert.equal(joined[0]!.provider.organisationId, 'org-ocn');
      assert.equal(joined[0]!.provider.matched, '60.32.0.0/12');
      const text = shokai(['registry', 'import', '--store', loc.url, fixturePath('rdap-ocn.json')]);
      assert.match(text.stdout, /索引を保存しました（\d+ バイト）/);
      const forced = shokai(['registry', 'import', '--store', loc.url, '--format', 'rdap', fixturePath('jpnic-e.txt')]);
      // Read as another format, nothing is read: refused, and what was stored stays.
      assert.equal(forced.status, 1, forced.stderr);
      assert.match(
        forced.stderr,
        /jpnic-e\.txt: rdap として読めるアドレス範囲も AS 番号もありません（読み飛ばし 1 件、JSON として読めません（予期しない文字「.」があります））/,
      );
      // A file read in part: the count, and below it each reason with its line.
      const partly = join(scratch.dir, 'partly-delegated.txt');
      writeFileSync(
        partly,
        '2|apnic|20261124|3|19830613|20261123|+1000\napnic|JP|ipv4|999.1.1.1|256|20200101|allocated\n' +
          'apnic|JP|ipv4|192.0.2.0|256|20200101|allocated\nfoo|bar\n',
      );
      const shown = shokai(['registry', 'import', '--store', migrated(join(scratch.dir, 'partly.sqlite')), partly]);
      assert.equal(shown.status, 0, shown.stderr);
      assert.match(
        shown.stdout,
        /読み飛ばし 2 件.*\n {2}2 行目: IPv4 の範囲が不正です\n {2}4 行目: 項目が 7 個に足りません\n/,
      );
      assert.doesNotMatch(shown.stdout, /ほかに/, 'no note when every reason is given');
      // The file's format by its name, not the --format value.
      assert.match(shown.stdout, /partly-delegated\.txt: 形式 RIR 統計（apnic）、範囲 /);
      assert.match(text.stdout, /rdap-ocn\.json: 形式 RDAP、/);
      const inEnglish = shokai(
        ['registry', 'import', '--store', migrated(join(scratch.dir, 'partly-en.sqlite')), partly],
        {
          SHOKAI_LANG: 'en',
        },
      );
      assert.match(inEnglish.stdout, /partly-delegated\.txt: format RIR statistics \(apnic\), \d+ ranges/);
      const many = join(scratch.dir, 'many-bad.txt');
      writeFileSync(
        many,
        `2|apnic|20261124|3|19830613|20261123|+1000\napnic|JP|ipv4|192.0.2.0|256|20200101|allocated\n` +
          `${'foo|bar\n'.repeat(21)}`,
      );
      const cut = shokai(['registry', 'import', '--store', migrated(join(scratch.dir, 'many.sqlite')), many]);
      assert.equal(cut.status, 0, cut.stderr);
      assert.match(
        cut.stdout,
        / {2}22 行目: 項目が 7 個に足りません\n {2}（ほかに 1 件。理由は最初の 20 件まで示します）/,
      );
      // Domain registrations likewise: the count, then why each object was skipped.
      const domains = join(scratch.dir, 'domains.json');
      writeFileSync(
        domains,
        JSON.stringify([
          { objectClassName: 'domain', ldhName: 'sakura-board.example' },
          { objectClassName: 'ip network' },
        ]),
      );
      const dom = shokai(['registry', 'domains', '--store', migrated(join(scratch.dir, 'domains.sqlite')), domains]);
      assert.equal(dom.status, 0, dom.stderr);
      assert.match(
        dom.stdout,
        /domains\.json: ドメイン 1 件、読み飛ばし 1 件\n {2}2 番目のオブジェクト: RDAP の domain ではありません（objectClassName: 「domain」を指定してください）/,
      );
      const still = JSON.parse(
        shokai(['registry', 'lookup', '--store', loc.url, '60.32.128.5', '--json']).stdout,
      ) as Array<{ holder: { name: string } | null }>;
      assert.equal(still[0]!.holder?.name, 'Example Customer K.K.');
    });
  });
}

describe('shokai registry errors', () => {
  it('an undetectable file is refused with its code; a bad address exits 2', () => {
    const r = shokai([
      'registry',
      'import',
      '--store',
      migrated(join(scratch.dir, 'e.sqlite')),
      fixturePath('exim.eml'),
    ]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--format/);
    assert.doesNotMatch(r.stderr, /REGISTRY_FORMAT_UNKNOWN/, 'words, not a code');
    const l = shokai(['registry', 'lookup', '--store', join(scratch.dir, 'e.sqlite'), 'nope', '--json']);
    assert.equal(l.status, 2);
    assert.equal(JSON.parse(l.stdout)[0].error.code, 'REGISTRY_ADDRESS_INVALID');
    // without --store: the main store (DATABASE_URL); --as names a login, which must exist
    assert.equal(shokai(['db', 'migrate']).status, 0);
    const as = shokai(['registry', 'lookup', '--as', 'nobody', '192.0.2.1', '--json']);
    assert.equal(as.status, 1);
    // With --json a program reads the code and the field's path.
    assert.equal(JSON.parse(as.stderr.replace(/^[^{]*/, '')).error.code, 'NOT_FOUND');
  });
});

describe('shokai registry without --store', () => {
  it('uses DATABASE_URL, else ./data/shokai.sqlite (as the README and docs/evidence.md say)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'shokai-cli-default-'));
    try {
      const run = (args: string[], env: Record<string, string> = {}) => shokaiWithoutStore(cwd, args, env);
      // Made as a store is made (db migrate), where the other commands then find it without --store.
      assert.equal(run(['db', 'migrate']).status, 0);
      const imp = run(['registry', 'import', fixturePath('rdap-ocn.json'), '--json']);
      assert.equal(imp.status, 0, imp.stderr);
      assert.ok(existsSync(join(cwd, 'data', 'shokai.sqlite')), 'the store is ./data/shokai.sqlite');
      const look = run(['registry', 'lookup', '60.32.128.5', '--json']);
      assert.equal(look.status, 0, look.stderr);
      assert.equal(
        (JSON.parse(look.stdout) as Array<{ holder: { name: string } | null }>)[0]?.holder?.name,
        'Example Customer K.K.',
      );
      // DATABASE_URL, when set, is the store: an empty one knows nothing of that import.
      const elsewhere = { DATABASE_URL: join(cwd, 'other.sqlite') };
      assert.equal(run(['db', 'migrate'], elsewhere).status, 0);
      const other = run(['registry', 'lookup', '60.32.128.5', '--json'], elsewhere);
      assert.equal((JSON.parse(other.stdout) as Array<{ holder: unknown }>)[0]?.holder, null);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
