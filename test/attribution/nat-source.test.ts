import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestLogs } from '../../src/attribution/attribution-service.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import type { AttributionQuery } from '../../src/attribution/resolver.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { migrate, migrateDown } from '../../src/store/database.ts';
import { auditDetails } from '../support/audit.ts';
import { shokaiSync } from '../support/cli.ts';
import { type Dialect, freshLocation, suiteLocation, testDialects } from '../support/dialects.ts';
import { askBoth, logEnds, otherTimes } from './answers.ts';
import { openAttribution } from './setup.ts';

// A rotated CGNAT log, its files declared at import as from one source (`logs ingest --source`): after a
// public address's NAT span its direct holder is named where the source's files, chained, run on through
// the question without a silence of over an hour. Each address below left the CGN pool on the 12th and is
// held by `owner` from the 20th to the 28th; each log rotates at midnight on the 13th.

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const T0 = Date.parse('2026-03-01T00:00:00+09:00') / 1000;
const H = 3600;
const at = (d: string, hm = '00:00'): string => `2026-03-${d}T${hm}:00+09:00`;
const iso = (s: number): string => new Date(s * 1000).toISOString();
const day = (d: number, hours = 0): number => T0 + (d - 1) * 86400 + hours * H;

/** The CGN's translations of another address every half hour (each 20 minutes long) over [from, to). */
function filler(pub: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let s = from, i = 0; s < to; s += 1800, i++) {
    const plo = 1024 + (i % 100) * 512;
    out.push(`nat,${iso(s)},${iso(s + 1200)},${pub},${plo},${plo + 511},100.64.8.${1 + (i % 200)},`);
  }
  return out;
}

const left = (pub: string, inside: string): string => `nat,${at('10')},${at('12')},${pub},1024,1535,${inside},`;

interface LogFile {
  rows: string[];
  source?: string;
}

const FILES: Record<string, LogFile> = {
  // rotated daily, declared from one source: chained
  'tokyo1.csv': {
    rows: [left('198.51.100.11', '100.64.9.1'), ...filler('198.51.100.91', day(9), day(13))],
    source: 'CGN-Tokyo-1',
  },
  'tokyo1.1.csv': { rows: filler('198.51.100.91', day(13), day(25)), source: 'cgn-tokyo-1' },
  // the same pair, no source declared: never chained
  'plain.csv': { rows: [left('198.51.100.12', '100.64.9.2'), ...filler('198.51.100.92', day(9), day(13))] },
  'plain.1.csv': { rows: filler('198.51.100.92', day(13), day(25)) },
  // one source, its next file beginning 70 minutes after the last line (23:50): the chain breaks
  'osaka1.csv': {
    rows: [left('198.51.100.13', '100.64.9.3'), ...filler('198.51.100.93', day(9), day(13))],
    source: 'cgn-osaka-1',
  },
  'osaka1.1.csv': { rows: filler('198.51.100.93', day(13, 1), day(25)), source: 'cgn-osaka-1' },
  // one source broken for three hours; another source's file, running through the break, bridges nothing
  'nagoya1.csv': {
    rows: [left('198.51.100.14', '100.64.9.4'), ...filler('198.51.100.94', day(9), day(13))],
    source: 'cgn-nagoya-1',
  },
  'nagoya1.1.csv': { rows: filler('198.51.100.94', day(13, 3), day(25)), source: 'cgn-nagoya-1' },
  'nagoya2.csv': { rows: filler('198.51.100.95', day(12, 20), day(25)), source: 'cgn-nagoya-2' },
  // two boxes of one make used the address; the one that used it earlier has no log after the 10th
  'kyoto4.csv': {
    rows: [left('198.51.100.15', '100.64.9.5'), ...filler('198.51.100.96', day(9), day(25))],
    source: 'cgn-kyoto-4',
  },
  'kyoto5.csv': {
    rows: [
      `nat,${at('10')},${at('10', '06:00')},198.51.100.15,2048,2559,100.64.9.6,`,
      ...filler('198.51.100.97', day(9), day(11)),
    ],
    source: 'cgn-kyoto-5',
  },
  'assign.csv': {
    rows: ['11', '12', '13', '14', '15'].map((n) => `assign,${at('20')},${at('28')},198.51.100.${n},,,,owner`),
  },
};

const SPAN = 'from 2026-03-10 00:00:00 +09:00 to 2026-03-12 00:00:00 +09:00';
const joined = (source: string): string => `; the files declared at import as from ${source}, joined`;

for (const dialect of testDialects() as Dialect[]) {
  describe(`a rotated CGNAT log declared from one source, on ${dialect}`, () => {
    test('chained within one source and format, never across a silence or another source', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-nat-source-'));
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      try {
        const path = (name: string) => join(dir, name);
        for (const [name, f] of Object.entries(FILES)) {
          writeFileSync(path(name), `${[HEADER, ...f.rows].join('\n')}\n`);
          const source = f.source === undefined ? {} : { source: f.source };
          const r = await ingestLogs(opened.ctx, SYSTEM_CALLER, {
            files: [path(name)],
            format: 'generic-csv',
            ...source,
          });
          assert.deepEqual(r.errors, []);
        }
        const day22 = (ip: string) =>
          askBoth(opened.repo, { ip, port: 1100, at: at('22', '12:00') } as AttributionQuery);
        const ambiguous = (ip: string, file: string, until: string, source: string | null) => ({
          verdict: 'ambiguous',
          accounts: ['owner'],
          reasons: [
            otherTimes(ip, SPAN),
            logEnds(ip, `${path(file)}${source === null ? '' : joined(source)}`, `2026-03-${until}:00 +09:00`),
          ],
        });

        // The daily-rotated pair of one declared source (its case folded) runs on through the 22nd
        assert.deepEqual(await day22('198.51.100.11'), {
          verdict: 'unique',
          accounts: ['owner'],
          reasons: [
            'cgnat_after_logged: 198.51.100.11 is recorded as a carrier-grade NAT public address ' +
              `${SPAN}; the NAT log that recorded its last translation (the files declared at import as from ` +
              'cgn-tokyo-1, joined as one rotated log) runs on, never silent for more than an hour, to the end of ' +
              'the window and records no translation of 198.51.100.11 in that time: its direct holder is shown',
            'unique: exactly one account can have held it at every instant of the window',
          ],
        });
        // Beyond the chained log's end it stops, named with its source
        assert.deepEqual(
          await askBoth(opened.repo, { ip: '198.51.100.11', port: 1100, at: at('26', '12:00') }),
          ambiguous('198.51.100.11', 'tokyo1.csv', '24 23:50', 'cgn-tokyo-1'),
        );
        // The same pair with no source declared
        assert.deepEqual(await day22('198.51.100.12'), ambiguous('198.51.100.12', 'plain.csv', '12 23:50', null));
        // A silence of 70 minutes between the rotated files of one source
        assert.deepEqual(
          await day22('198.51.100.13'),
          ambiguous('198.51.100.13', 'osaka1.csv', '12 23:50', 'cgn-osaka-1'),
        );
        // Another source's log running through the break does not bridge it
        assert.deepEqual(
          await day22('198.51.100.14'),
          ambiguous('198.51.100.14', 'nagoya1.csv', '12 23:50', 'cgn-nagoya-1'),
        );
        // Two declared boxes: the one whose log ends on the 10th may have used the address again since
        assert.deepEqual(
          await day22('198.51.100.15'),
          ambiguous('198.51.100.15', 'kyoto5.csv', '10 23:50', 'cgn-kyoto-5'),
        );

        // A store taken down to 072 and up again keeps no declared source: the pair is no longer chained
        await migrateDown(opened.ctx.store, '072-provider-roles-in-directory-log');
        await migrate(opened.ctx.store);
        assert.deepEqual(await day22('198.51.100.11'), ambiguous('198.51.100.11', 'tokyo1.csv', '12 23:50', null));
      } finally {
        await opened.close();
        await loc.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a declared source is validated, and never changed once a file is stored', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-nat-source-'));
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      try {
        const file = join(dir, 'a.csv');
        writeFileSync(file, `${[HEADER, ...filler('198.51.100.91', day(9), day(10))].join('\n')}\n`);
        const ingest = (source?: string) =>
          ingestLogs(opened.ctx, SYSTEM_CALLER, {
            files: [file],
            format: 'generic-csv',
            ...(source === undefined ? {} : { source }),
          });
        const refused = (code: string, en: RegExp, ja: RegExp) => (e: unknown) =>
          e instanceof DomainError &&
          e.code === code &&
          e.details?.field === 'source' &&
          en.test(e.messages.en) &&
          ja.test(e.messages.ja);
        for (const bad of ['', 'cgn tokyo', '-cgn', 'cgn-', 'ＣＧＮ', `c${'x'.repeat(64)}`, 'a/b']) {
          await assert.rejects(ingest(bad), refused('VALIDATION_FAILED', /--source/, /送信元/));
        }
        assert.equal((await opened.repo.stats()).files, 0, 'nothing registered for a refused source');
        const first = await ingest('cgn-tokyo-1');
        assert.ok(first.ingested > 0);
        const runs = await auditDetails(opened.ctx.store.db, 'attribution.ingested');
        assert.equal(runs.at(-1)?.source, 'cgn-tokyo-1', "the run's audit entry names the declared source");
        await assert.rejects(ingest('cgn-tokyo-2'), refused('CONFLICT', /--source cgn-tokyo-1/, /cgn-tokyo-1/));
        // the same source in another case, or none named, reads it as already ingested
        assert.deepEqual((await ingest('CGN-TOKYO-1')).alreadyIngested, [file]);
        assert.deepEqual((await ingest()).alreadyIngested, [file]);

        const other = join(dir, 'b.csv');
        writeFileSync(other, `${[HEADER, ...filler('198.51.100.92', day(9), day(10))].join('\n')}\n`);
        await ingestLogs(opened.ctx, SYSTEM_CALLER, { files: [other], format: 'generic-csv' });
        await assert.rejects(
          ingestLogs(opened.ctx, SYSTEM_CALLER, { files: [other], format: 'generic-csv', source: 'cgn-tokyo-1' }),
          refused('CONFLICT', /without a declared source/, /後から申告/),
        );
        // registered by a run that stored nothing of it (stopped before its first batch): read from the new one
        const third = join(dir, 'c.csv');
        writeFileSync(third, `${[HEADER, ...filler('198.51.100.93', day(9), day(10))].join('\n')}\n`);
        await opened.repo.beginFile(fileSha256(third), third, 'generic-csv', null);
        const ingestThird = (source: string) =>
          ingestLogs(opened.ctx, SYSTEM_CALLER, { files: [third], format: 'generic-csv', source });
        assert.equal((await ingestThird('cgn-osaka-1')).ingested, 48);
        await assert.rejects(ingestThird('cgn-osaka-2'), refused('CONFLICT', /cgn-osaka-1/, /cgn-osaka-1/));
      } finally {
        await opened.close();
        await loc.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('shokai logs ingest --source', () => {
  test('refused in words in both languages; taken when plain', async () => {
    const { dir, freshForCli } = suiteLocation('sqlite', 'shokai-nat-source-cli-');
    const { env } = await freshForCli();
    assert.equal(shokaiSync(['db', 'migrate'], env).status, 0);
    const file = join(dir, 'cgn.csv');
    writeFileSync(file, `${[HEADER, ...filler('198.51.100.91', day(9), day(10))].join('\n')}\n`);
    const ingest = (source: string, lang: string, json: string[] = []) =>
      shokaiSync(['logs', 'ingest', '--format', 'generic-csv', '--source', source, ...json, file], {
        ...env,
        SHOKAI_LANG: lang,
      });
    const ja = ingest('cgn tokyo 1', 'ja');
    assert.notEqual(ja.status, 0);
    assert.match(ja.stderr, /ログの送信元（--source）"cgn tokyo 1" は使えません/);
    const en = ingest('cgn tokyo 1', 'en');
    assert.match(en.stderr, /the log source \(--source\) "cgn tokyo 1" cannot be used/);
    assert.equal(JSON.parse(ingest('x y', 'en', ['--json']).stderr).error.details.field, 'source');
    const taken = ingest('cgn-tokyo-1', 'en', ['--json']);
    assert.equal(taken.status, 0, taken.stderr);
    assert.equal(JSON.parse(taken.stdout).ingested, 48);
    rmSync(dir, { recursive: true, force: true });
  });
});
