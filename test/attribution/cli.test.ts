import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/database.ts';
import { auditSince } from '../support/audit.ts';
import { shokaiWithoutStore } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';
import { fixture } from './helpers.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'shokai.js');
/** The master key (and nothing else) of the stores these commands open. */
const DATA = mkdtempSync(join(tmpdir(), 'shokai-cli-data-'));

function shokai(args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SHOKAI_LANG: 'ja', SHOKAI_DATA_DIR: DATA, ...env },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

for (const dialect of testDialects()) {
  describe(`shokai logs … on ${dialect}`, () => {
    const { dir, fresh } = suiteLocation(dialect, 'shokai-cli-');
    let store: string;
    before(async () => {
      store = (await fresh()).url;
      // Made as a store is made: the logs commands refuse a store that is not there.
      const made = shokai(['db', 'migrate', '--store', store]);
      assert.equal(made.code, 0, made.err);
    });
    /** `shokai logs lookup` over this store. */
    const lookup = (args: string[], env?: Record<string, string>) =>
      shokai(['logs', 'lookup', '--store', store, ...args], env);

    test('ingest --json prints one summary with file:line errors; re-ingest adds nothing', () => {
      const r = shokai([
        'logs',
        'ingest',
        '--store',
        store,
        '--format',
        'juniper-pba',
        '--json',
        fixture('juniper-pba.log'),
      ]);
      assert.equal(r.code, 2, r.err);
      const s = JSON.parse(r.out) as {
        ingested: number;
        skipped: number;
        errors: Array<{ file: string; line: number; reason: string }>;
      };
      assert.equal(s.ingested, 10);
      assert.equal(s.skipped, 1);
      assert.deepEqual(
        s.errors.map((e) => [e.file, e.line]),
        [[fixture('juniper-pba.log'), 10]],
      );
      const again = JSON.parse(
        shokai(['logs', 'ingest', '--store', store, '--format', 'juniper-pba', '--json', fixture('juniper-pba.log')])
          .out,
      ) as { ingested: number };
      assert.equal(again.ingested, 0);
      const rad = shokai([
        'logs',
        'ingest',
        '--store',
        store,
        '--format',
        'radius-detail',
        '--json',
        fixture('radius-detail.txt'),
      ]);
      assert.equal(JSON.parse(rad.out).ingested, 12);
      const gen = shokai([
        'logs',
        'ingest',
        '--store',
        store,
        '--format',
        'generic-csv',
        '--zone',
        'Europe/Berlin',
        '--json',
        fixture('generic-dst.csv'),
      ]);
      assert.equal(JSON.parse(gen.out).skipped, 2);
    });

    test('a file of which no line was stored is said to be so, and the corrected run reads it', () => {
      const work = mkdtempSync(join(tmpdir(), 'shokai-cli-zone-'));
      const csv = join(work, 'no-zone.csv');
      writeFileSync(
        csv,
        [
          'type,start,end,address,port_low,port_high,inside_address,account',
          'assign,2026-03-28T10:00:00,2026-03-28T18:00:00,2001:db8:7700::/56,,,,acct-77',
        ].join('\n'),
      );
      const ingest = (more: string[], env?: Record<string, string>) =>
        shokai(['logs', 'ingest', '--store', store, '--format', 'generic-csv', ...more, csv], env);
      const refused = ingest([]);
      assert.equal(refused.code, 2);
      assert.match(refused.err, /no-zone\.csv: 1 行も取り込めなかったため、取り込み済みにはしていません/);
      assert.match(refused.out, /0 件取り込み、1 件スキップ/);
      const read = ingest(['--zone', 'Asia/Tokyo']);
      assert.equal(read.code, 0, read.err);
      assert.match(read.out, /1 件取り込み、0 件スキップ/);
      const again = ingest(['--zone', 'Asia/Tokyo'], { TZ: 'Asia/Tokyo' });
      assert.match(
        again.out,
        /no-zone\.csv は取り込み済みです（同一内容。\d{4}-\d\d-\d\d \d\d:\d\d:\d\d.*\+09:00 に形式 generic-csv で取り込み）/,
      );
      const en = ingest(['--zone', 'Asia/Tokyo'], { SHOKAI_LANG: 'en', TZ: 'UTC' });
      assert.match(en.out, /was already ingested \(same content, read as generic-csv at .*(Z|\+00:00)\)/);
      rmSync(work, { recursive: true, force: true });
    });

    test('records kept as one holding with another are said, in Japanese and English, and in --json', async () => {
      const work = mkdtempSync(join(tmpdir(), 'shokai-cli-kept-'));
      const lease = 'assign,2026-03-28T10:00:00+09:00,2026-03-28T18:00:00+09:00,192.0.2.77,,,,acct-kept';
      const renewal = 'assign,2026-03-28T10:00:00+09:00,2026-03-28T20:00:00+09:00,192.0.2.77,,,,acct-kept';
      const header = 'type,start,end,address,port_low,port_high,inside_address,account';
      const ingest = (name: string, lines: string[], more: string[] = [], env?: Record<string, string>) => {
        const csv = join(work, name);
        writeFileSync(csv, [header, ...lines].join('\n'));
        return shokai(['logs', 'ingest', '--store', store, '--format', 'generic-csv', ...more, csv], env);
      };
      const ja = ingest('kept.1.csv', [lease, renewal]);
      assert.equal(ja.code, 0, ja.err);
      assert.match(
        ja.out,
        /2 件取り込み、0 件スキップ\nうち 1 件の記録は、別の記録と同じ保持（同じアドレス・同じ開始時刻・同じ/,
      );
      const en = ingest('kept.2.csv', [renewal, lease, lease], [], { SHOKAI_LANG: 'en' });
      assert.match(
        en.out,
        /\n3 of the records repeated the holding of another record \(the same address, start and holder\)/,
      );
      const json = JSON.parse(ingest('kept.3.csv', [lease], ['--json']).out) as { keptAsOne: number };
      assert.equal(json.keptAsOne, 1);
      // nothing kept as one: no such line
      const none = ingest('kept.4.csv', ['assign,2026-03-28T10:00:00+09:00,,192.0.2.78,,,,acct-other']);
      assert.doesNotMatch(none.out, /うち/);
      const main = await openStore(store, { migrate: false });
      try {
        const runs = (await auditSince(main.db)).filter((e) => e.action === 'attribution.ingested');
        assert.deepEqual(
          runs.slice(-4).map((e) => e.details.keptAsOne),
          [1, 3, 1, 0],
        );
      } finally {
        await main.close();
      }
      rmSync(work, { recursive: true, force: true });
    });

    test('a file stored in part: the run with --zone reads the rest; a run that cannot says what was refused', () => {
      const work = mkdtempSync(join(tmpdir(), 'shokai-cli-part-'));
      const csv = join(work, 'part.csv');
      writeFileSync(
        csv,
        [
          'type,start,end,address,port_low,port_high,inside_address,account',
          'assign,2026-03-28T10:00:00+09:00,2026-03-28T18:00:00+09:00,2001:db8:7a00::/56,,,,acct-7aa',
          'assign,2026-03-28T10:00:00,2026-03-28T18:00:00,2001:db8:7a01::/56,,,,acct-7ab',
        ].join('\n'),
      );
      const ingest = (more: string[], env?: Record<string, string>) =>
        shokai(['logs', 'ingest', '--store', store, '--format', 'generic-csv', ...more, csv], env);
      const first = ingest([]);
      assert.equal(first.code, 2);
      assert.match(first.out, /1 件取り込み、1 件スキップ/);
      // the same options again: nothing read, and the refused line said, with how to take it in (exit 2)
      const same = ingest([]);
      assert.equal(same.code, 2);
      assert.match(
        same.err,
        /part\.csv: 取り込み済みですが、その際 1 行が読めず.*--zone ZONE を付けてもう一度実行すると/,
      );
      const sameEn = ingest([], { SHOKAI_LANG: 'en' });
      assert.match(
        sameEn.err,
        /part\.csv: ingested before, but 1 line\(s\) were refused then .*running again with --zone ZONE/,
      );
      // as told: the run with --zone reads the file again, and says so
      const read = ingest(['--zone', 'Asia/Tokyo']);
      assert.equal(read.code, 0, read.err);
      assert.match(
        read.out,
        /part\.csv: --zone なしで取り込んだ際に 1 行が読めなかったため、--zone Asia\/Tokyo で最初の行から読み直しました/,
      );
      // every line is in now: any run after adds nothing and says nothing was refused
      const after = ingest(['--zone', 'UTC']);
      assert.equal(after.code, 0, after.err);
      assert.match(after.out, /part\.csv は取り込み済みです/);
      assert.doesNotMatch(after.err, /読めず/);
      rmSync(work, { recursive: true, force: true });
    });

    test('a skipped line is said in Japanese by default, in English with SHOKAI_LANG=en; --json has both', () => {
      const work = mkdtempSync(join(tmpdir(), 'shokai-cli-reason-'));
      /** A file with a good line and a bad one (each run its own file: a file read before adds nothing). */
      const file = (name: string): string => {
        const path = join(work, `${name}.csv`);
        writeFileSync(
          path,
          [
            'type,start,end,address,port_low,port_high,inside_address,account',
            `assign,2026-03-28T10:00:00+09:00,,2001:db8:7900::/56,,,,acct-${name}`,
            'nat,2026-03-28T10:00:00+09:00,,203.0.113.999,40192,40447,100.64.3.9,',
          ].join('\n'),
        );
        return path;
      };
      const ingest = (name: string, more: string[], env?: Record<string, string>) =>
        shokai(['logs', 'ingest', '--store', store, '--format', 'generic-csv', ...more, file(name)], env);
      const jaReason = '項目 address: IPv4 アドレスではありません: "203.0.113.999"';
      const enReason = 'field address: not an IPv4 address: "203.0.113.999"';
      const byDefault = ingest('ja', []);
      assert.equal(byDefault.code, 2, byDefault.err);
      assert.ok(byDefault.err.includes(`ja.csv:3: ${jaReason}`), byDefault.err);
      assert.doesNotMatch(byDefault.err, /not an IPv4/);
      const en = ingest('en', [], { SHOKAI_LANG: 'en' });
      assert.ok(en.err.includes(`en.csv:3: ${enReason}`), en.err);
      assert.doesNotMatch(en.err, /アドレスではありません/);
      const json = JSON.parse(ingest('json', ['--json']).out) as {
        errors: Array<{ line: number; reason: string; reasonJa: string }>;
      };
      assert.deepEqual(
        json.errors.map((e) => [e.line, e.reason, e.reasonJa]),
        [[3, enReason, jaReason]],
      );
      // --strict stops at the bad line, saying it in the CLI's language; its JSON has both too.
      const strict = ingest('strict', ['--strict']);
      assert.equal(strict.code, 1);
      assert.ok(strict.err.includes(`strict.csv:3: ${jaReason}`), strict.err);
      assert.match(strict.err, /--strict のため中止しました/);
      const strictEn = ingest('strict-en', ['--strict'], { SHOKAI_LANG: 'en' });
      assert.ok(strictEn.err.includes(`strict-en.csv:3: ${enReason} (stopped because of --strict)`), strictEn.err);
      const strictJson = JSON.parse(ingest('strict-json', ['--strict', '--json']).out) as {
        errors: Array<{ file: string; line: number; reason: string; reasonJa: string }>;
        stopped: boolean;
      };
      assert.deepEqual(strictJson.errors, [
        { file: join(work, 'strict-json.csv'), line: 3, reason: enReason, reasonJa: jaReason },
      ]);
      // The subscriber directory's skipped lines likewise.
      const subs = shokai(['logs', 'subscribers', '--store', store, fixture('subscribers.csv')]);
      assert.match(subs.err, /subscribers\.csv:8: 項目 contract_start: /);
      const subsEn = shokai(['logs', 'subscribers', '--store', store, fixture('subscribers.csv')], {
        SHOKAI_LANG: 'en',
      });
      assert.match(subsEn.err, /subscribers\.csv:8: field contract_start: /);
      rmSync(work, { recursive: true, force: true });
    });

    test('a file not there, or a directory, is named in words and nothing of the run is stored', () => {
      const work = mkdtempSync(join(tmpdir(), 'shokai-cli-files-'));
      const good = join(work, 'good.csv');
      writeFileSync(
        good,
        [
          'type,start,end,address,port_low,port_high,inside_address,account',
          'assign,2026-03-28T10:00:00+09:00,2026-03-28T18:00:00+09:00,2001:db8:7800::/56,,,,acct-78',
        ].join('\n'),
      );
      const missing = shokai(['logs', 'ingest', '--store', store, '--format', 'generic-csv', join(work, 'nope.csv')]);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /ファイル .*nope\.csv がありません/);
      assert.doesNotMatch(missing.err, /ENOENT/);
      const dirNamed = shokai(['logs', 'ingest', '--store', store, '--format', 'generic-csv', good, work]);
      assert.equal(dirNamed.code, 1);
      assert.match(dirNamed.err, /shokai-cli-files-\w+ はディレクトリです。ファイルを指定してください/);
      const en = shokai(['mail', 'analyze', join(work, 'nope.eml')], { SHOKAI_LANG: 'en' });
      assert.match(en.err, /there is no file .*nope\.eml/);
      const nobody = lookup(['--as', 'nobody', '--ip', '192.0.2.1', '--at', '2026-03-28T12:00:00Z']);
      assert.match(nobody.err, /利用者 nobody は存在しません（ログイン名）/);
      // good.csv was not read: the run that named a directory stored nothing
      const r = lookup(['--ip', '2001:db8:7800::1', '--at', '2026-03-28T12:00:00+09:00', '--json']);
      assert.equal(JSON.parse(r.out).verdict, 'none');
      rmSync(work, { recursive: true, force: true });
    });

    test('a contract written twice with different holders loads neither line, naming both', () => {
      const csv = join(dir, 'twice.csv');
      writeFileSync(
        csv,
        'account,name,name_kana,installation_address,billing_address,phone,email,contract_start,contract_end\n' +
          'AA-BB-CC-00-00-01,伊藤 誠,,東京都,東京都,03-1,,2024-01-01,\n' +
          'zoe,Zoe,,Tokyo,Tokyo,03-2,,2024-01-01,\n' +
          'zoe,Zoe,,Tokyo,Tokyo,03-2,,2024-01-01,\n' +
          'aa:bb:cc:00:00:01,中村 恵,,大阪府,大阪府,06-1,,2024-01-01,\n',
      );
      const s = shokai(['logs', 'subscribers', '--store', store, '--json', csv], { SHOKAI_LANG: 'en' });
      assert.equal(s.code, 2, s.err);
      const j = JSON.parse(s.out) as { ingested: number; errors: Array<{ line: number; reason: string }> };
      assert.equal(j.ingested, 1);
      assert.deepEqual(
        j.errors.map((e) => e.line),
        [2, 5],
      );
      assert.match(j.errors[0]!.reason, /aa:bb:cc:00:00:01.*lines 2, 5/);
      const strict = shokai(['logs', 'subscribers', '--store', store, '--strict', csv]);
      assert.equal(strict.code, 1);
      assert.match(strict.err, /twice\.csv:2: /);
    });

    test('a directory with a line too long to be a CSV row is refused, named by file and line', () => {
      const huge = join(dir, 'huge-directory.csv');
      writeFileSync(
        huge,
        'account,name,name_kana,installation_address,billing_address,phone,email,contract_start,contract_end\n' +
          'x'.repeat(24 << 20),
      );
      const s = shokai(['logs', 'subscribers', '--store', store, huge], { SHOKAI_LANG: 'en' });
      assert.equal(s.code, 1);
      assert.match(s.err, /huge-directory\.csv:2: a line longer than 16 MiB: not a log file/);
      rmSync(huge);
    });

    test('subscribers and nat-config', () => {
      const s = shokai(['logs', 'subscribers', '--store', store, '--json', fixture('subscribers.csv')]);
      const j = JSON.parse(s.out) as { ingested: number; errors: Array<{ line: number; reason: string }> };
      assert.equal(j.ingested, 6);
      assert.deepEqual(
        j.errors.map((e) => e.line),
        [8],
      );
      assert.match(j.errors[0]!.reason, /contract_start/);
      const n = shokai(['logs', 'nat-config', '--store', store, fixture('nat-config.json')]);
      assert.equal(n.code, 0, n.err);
      assert.match(n.out, /1 件/);
      const bad = join(dir, 'bad-nat.json');
      writeFileSync(
        bad,
        JSON.stringify({
          name: 'x',
          insidePrefix: '100.64.0.0/16',
          outside: ['192.0.2.1'],
          portsPerSubscriber: 1000,
          firstPort: 1024,
          validFrom: '2026-01-01T00:00:00Z',
        }),
      );
      const b = shokai(['logs', 'nat-config', '--store', store, bad]);
      assert.notEqual(b.code, 0);
      assert.match(b.err, /bad-nat\.json: configs\[0\] \(x\): 内側のアドレス 65536 個には外側のアドレスが 1024 個必要/);
      const bEn = shokai(['logs', 'nat-config', '--store', store, bad], { SHOKAI_LANG: 'en' });
      assert.match(bEn.err, /bad-nat\.json: configs\[0\] \(x\): 65536 inside addresses need 1024 outside addresses/);
    });

    test('lookup --json: the documented shape', () => {
      const r = lookup(['--ip', '203.0.113.7', '--port', '40211', '--at', '2026-03-29T01:30:12+09:00', '--json']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as Record<string, unknown> & { candidates: Array<Record<string, unknown>> };
      assert.deepEqual(Object.keys(j), ['query', 'verdict', 'candidates', 'reasons']);
      assert.equal(j.verdict, 'unique');
      for (const k of ['account', 'holder', 'insideAddress', 'from', 'to', 'possibleTo', 'sources'])
        assert.ok(k in j.candidates[0]!, k);
      assert.equal(j.candidates[0]!.account, 'alice');
      assert.equal((j.candidates[0]!.holder as { name: string }).name, '山田 花子');
      // For a person: the verdict in words, every time at the offset the question was asked at, whatever TZ says
      // (the reasons and notes name theirs so: one answer, one offset).
      const args = ['--ip', '203.0.113.7', '--port', '40211', '--at', '2026-03-29T01:30:12+09:00'];
      const human = lookup(args, { TZ: 'UTC' });
      assert.match(human.out, /^203\.0\.113\.7:40211 @ 2026-03-29 01:30:12 \+09:00 \(±0s\): 一意に特定$/m);
      assert.match(
        human.out,
        /^ {2}alice — 山田 花子 \[100\.64\.0\.10\]\n {4}記録で確認できる期間: .*\+09:00 – .*\+09:00$/m,
      );
      assert.doesNotMatch(human.out, /unique|Z\b/);
      assert.doesNotMatch(human.out, /\+00:00/);
      const utcArgs = ['--ip', '203.0.113.7', '--port', '40211', '--at', '2026-03-28T16:30:12Z'];
      const humanEn = lookup(utcArgs, { TZ: 'Asia/Tokyo', SHOKAI_LANG: 'en' });
      assert.match(humanEn.out, /@ 2026-03-28 16:30:12 \+00:00 \(±0s\): Unique$/m);
      assert.doesNotMatch(humanEn.out, /\+09:00/);
      // a reason beneath names its time at the same offset as the line above it
      const before = lookup(['--ip', '203.0.113.7', '--port', '40211', '--at', '2020-01-01T09:00:00+09:00'], {
        TZ: 'UTC',
      });
      assert.match(before.out, /^203\.0\.113\.7:40211 @ 2020-01-01 09:00:00 \+09:00 /m);
      assert.match(before.out, /^ {2}- .*\+09:00/m);
      assert.doesNotMatch(before.out, /\+00:00/);
      const amb = JSON.parse(
        lookup([
          '--ip',
          '203.0.113.7',
          '--port',
          '40211',
          '--at',
          '2026-03-29T02:00:01+09:00',
          '--tolerance',
          '2s',
          '--json',
        ]).out,
      );
      assert.equal(amb.verdict, 'ambiguous');
    });

    test('without --store, the store is DATABASE_URL (as the README and docs/attribution.md say)', () => {
      const args = ['logs', 'lookup', '--ip', '203.0.113.7', '--port', '40211', '--at', '2026-03-29T01:30:12+09:00'];
      const r = shokai([...args, '--json'], { DATABASE_URL: store });
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as { verdict: string; candidates: Array<{ account: string }> };
      assert.equal(j.verdict, 'unique');
      assert.equal(j.candidates[0]?.account, 'alice');
    });

    test('lookup --queries: one JSON object per line; a bad row names file, line, field and value', () => {
      const q = join(dir, 'queries.csv');
      writeFileSync(
        q,
        'ip,port,at,tolerance\n203.0.113.7,40211,2026-03-29T01:30:12+09:00,0\n' +
          '203.0.113.7,,2026-03-29T01:30:12+09:00,\n203.0.113.7,40211,2026-03-29 01:30:12,0\n' +
          '2001:db8:1200::9,,2026-03-29T01:30:12+09:00,1s\n',
      );
      const r = lookup(['--queries', q, '--json']);
      const lines = r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { verdict: string });
      assert.deepEqual(
        lines.map((l) => l.verdict),
        ['unique', 'ambiguous', 'unique'],
      );
      assert.equal(r.code, 2);
      assert.match(r.err, /queries\.csv:4: at="2026-03-29 01:30:12": .*UTC からの時差/);
    });

    test('a query instant without an offset is rejected; English messages with SHOKAI_LANG=en', () => {
      const r = lookup(['--ip', '203.0.113.7', '--port', '40211', '--at', '2026-03-29T01:30:12', '--json']);
      assert.notEqual(r.code, 0);
      const refused = JSON.parse(r.err || r.out) as {
        error: { code: string; message: { ja: string; en: string }; details: { field: string; value: string } };
      };
      assert.match(refused.error.message.ja, /UTC からの時差もタイムゾーンもありません/);
      assert.match(refused.error.message.en, /no UTC offset/);
      assert.deepEqual(refused.error.details, { field: '--at', value: '2026-03-29T01:30:12' });
      const said = lookup(['--ip', '203.0.113.300', '--at', '2026-03-29T01:30:12Z']);
      assert.equal(said.code, 1);
      assert.match(said.err, /IP アドレスとして読めません: "203\.0\.113\.300"（--ip）/);
      const saidEn = lookup(['--ip', '203.0.113.300', '--at', '2026-03-29T01:30:12Z'], { SHOKAI_LANG: 'en' });
      assert.match(saidEn.err, /not an IP address.*\(--ip\)/);
      const en = lookup(['--ip', '192.0.2.99', '--at', '2026-03-29T01:30:12Z', '--json'], { SHOKAI_LANG: 'en' });
      const j = JSON.parse(en.out) as { verdict: string; reasons: Array<{ code: string; message: string }> };
      assert.equal(j.verdict, 'none');
      assert.match(j.reasons[0]!.message, /never assigned/);
      const f = shokai(['logs', 'ingest', '--store', store, '--format', 'syslog', fixture('juniper-pba.log')]);
      assert.notEqual(f.code, 0);
      assert.match(f.err, /syslog/);
    });
  });
}

test('without --store or DATABASE_URL, every logs command uses ./data/shokai.sqlite', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'shokai-cli-default-'));
  try {
    const run = (args: string[]) => shokaiWithoutStore(cwd, args);
    assert.equal(run(['db', 'migrate']).status, 0, 'the default store, made as a store is made');
    const first = run(['logs', 'ingest', '--format', 'juniper-pba', '--json', fixture('juniper-pba.log')]);
    assert.equal(first.status, 2, first.stderr);
    assert.equal((JSON.parse(first.stdout) as { ingested: number }).ingested, 10);
    const path = join(cwd, 'data', 'shokai.sqlite');
    assert.ok(existsSync(path), 'the store is ./data/shokai.sqlite');
    // The same file named explicitly already holds them.
    const again = run([
      'logs',
      'ingest',
      '--store',
      path,
      '--format',
      'juniper-pba',
      '--json',
      fixture('juniper-pba.log'),
    ]);
    assert.equal((JSON.parse(again.stdout) as { ingested: number }).ingested, 0);
    const subscribers = run(['logs', 'subscribers', fixture('subscribers.csv'), '--json']);
    assert.equal((JSON.parse(subscribers.stdout) as { ingested: number }).ingested, 6, subscribers.stderr);
    assert.equal(run(['logs', 'nat-config', fixture('nat-config.json')]).status, 0);
    const lookup = run(['logs', 'lookup', '--ip', '192.0.2.99', '--at', '2026-03-29T01:30:12Z', '--json']);
    assert.equal(lookup.status, 0, lookup.stderr);
    assert.equal((JSON.parse(lookup.stdout) as { verdict: string }).verdict, 'none');
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

for (const dialect of testDialects()) {
  describe(`shokai logs on the main store, as the local operator or a named login (${dialect})`, () => {
    const { fresh } = suiteLocation(dialect, 'shokai-cli-as-');
    let env: Record<string, string>;
    let url: string;
    before(async () => {
      const loc = await fresh();
      url = loc.url;
      // no --store: the commands use DATABASE_URL, like every other command
      env = { DATABASE_URL: loc.url };
      const demo = shokai(['demo', '--json'], env);
      assert.equal(demo.code, 0, demo.err);
    });

    test('every read and import is audited under its caller; a role without the permission is refused', async () => {
      const ingest = shokai(
        ['logs', 'ingest', '--format', 'radius-detail', '--json', fixture('radius-detail.txt')],
        env,
      );
      assert.equal(JSON.parse(ingest.out).ingested, 12, ingest.err);
      const subs = shokai(['logs', 'subscribers', '--as', 'isp.operator', '--json', fixture('subscribers.csv')], env);
      assert.equal(JSON.parse(subs.out).ingested, 6, subs.err);
      const lookup = ['logs', 'lookup', '--ip', '192.0.2.44', '--at', '2026-03-29T01:30:12+09:00', '--json'];
      const ok = shokai([...lookup, '--as', 'isp.legal'], env);
      assert.equal(ok.code, 0, ok.err);
      const refused = shokai([...lookup, '--as', 'sato'], env);
      assert.notEqual(refused.code, 0);
      // Run with --json: the refusal as JSON for programs, its code and both messages.
      const refusal = JSON.parse(refused.err) as { error: { code: string; message: { ja: string } } };
      assert.equal(refusal.error.code, 'FORBIDDEN');
      assert.match(refusal.error.message.ja, /あなたの組織の利用者は「ログによる利用者の特定」を行えません/);
      // the records are 日本ネット's (its operator loaded them first): the board's legal staff get nothing
      const other = shokai([...lookup, '--as', 'board.legal'], env);
      assert.notEqual(other.code, 0);
      assert.match(other.err, /この設置の加入者・通信記録は他の事業者のものです/);
      const unknown = shokai([...lookup, '--as', 'nobody'], env);
      assert.equal(JSON.parse(unknown.err).error.code, 'NOT_FOUND');
      const main = await openStore(url, { migrate: false });
      try {
        const entries = (await auditSince(main.db)).filter((e) => e.action.startsWith('attribution.'));
        assert.deepEqual(
          entries.map((e) => [e.action, e.actorType]),
          [
            ['attribution.ingested', 'system'],
            ['attribution.owner_set', 'user'],
            ['attribution.subscribers_imported', 'user'],
            ['attribution.looked_up', 'user'],
          ],
        );
        const files = entries[0]?.details.files as Array<{ file: string; sha256: string; records: number }>;
        assert.deepEqual(
          files.map((f) => [f.file, f.records]),
          [[fixture('radius-detail.txt'), 12]],
        );
        assert.match(files[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
      } finally {
        await main.close();
      }
      const verify = shokai(['audit', 'verify', '--json'], env);
      assert.equal(JSON.parse(verify.out).ok, true, verify.err);
    });
  });
}
