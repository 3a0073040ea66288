// A registry record whose date is not a calendar date must not count as dated: a garbage date
// ("yesterday", month 13) sorted after every real one and so won the tie between two records of the
// same range as "the newer", and the whom-to-ask checks could not compare it with the instant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupAddresses, parseRegistryFile } from '../../src/evidence/index.ts';
import { RegistryTable } from '../../src/evidence/registry/table.ts';

const HEAD = '2.3|apnic|20261123|5|19830613|20261122|+1000\n';

function rdap(holder: string, date: string): string {
  return JSON.stringify({
    objectClassName: 'ip network',
    handle: `H-${holder}`,
    startAddress: '126.33.0.0',
    endAddress: '126.33.255.255',
    country: 'JP',
    name: holder,
    events: [{ eventAction: 'last changed', eventDate: date }],
  });
}

describe('registry record dates', () => {
  it('delegated: a date that is not a calendar day is dropped, and said', () => {
    const p = parseRegistryFile(`${HEAD}apnic|JP|ipv4|126.33.0.0|65536|20101399|allocated\n`, 'delegated');
    assert.equal(p.ranges.length, 1);
    assert.equal(p.ranges[0]!.recordDate, null);
    assert.match(p.problems[0]?.en ?? '', /line 2: .*"20101399".*not a calendar date/);
    assert.match(p.problems[0]?.ja ?? '', /2 行目/);
    assert.equal(p.skipped, 0, 'the range itself is kept');
  });

  it('JPNIC: a last-update date that is not a calendar day falls back or is dropped', () => {
    const p = parseRegistryFile(
      '[Network Number]  126.33.0.0/16\n[Network Name] X\n[Organization] Foo\n[Last Update] 2026/13/45 00:00:00(JST)\n',
      'jpnic',
    );
    assert.equal(p.ranges[0]!.recordDate, null);
    assert.equal(p.dataDate, null);
    assert.match(p.problems[0]?.en ?? '', /"2026\/13\/45/);
  });

  it('RDAP: an event date that is not a date is dropped and does not win a tie as the newer record', () => {
    const garbage = parseRegistryFile(rdap('Stale Holder K.K.', 'yesterday'), 'rdap');
    assert.equal(garbage.ranges[0]!.recordDate, null);
    assert.equal(garbage.dataDate, null);
    assert.match(garbage.problems[0]?.en ?? '', /object 1: .*"yesterday"/);
    const current = parseRegistryFile(rdap('Current Holder K.K.', '2026-05-20T00:00:00Z'), 'rdap');
    const src = (file: string) => ({
      format: 'rdap' as const,
      file,
      sha256: file.padEnd(64, '0'),
      dataDate: null,
      importedAt: '2026-11-01T00:00:00.000Z',
    });
    const table = RegistryTable.build([
      ...garbage.ranges.map((r) => ({ ...r, source: src('a') })),
      ...current.ranges.map((r) => ({ ...r, source: src('b') })),
    ]);
    const [hit] = lookupAddresses(table, ['126.33.10.200']);
    assert.equal(hit!.holder?.name, 'Current Holder K.K.');
  });
});

describe('RDAP event dates are kept as instants', () => {
  const parsed = (date: string) => parseRegistryFile(rdap('Holder K.K.', date), 'rdap');

  it('an event written at an offset (ARIN: -05:00) is kept in UTC, not cut to the day written', () => {
    const p = parsed('2026-02-28T20:00:00-05:00');
    assert.equal(p.ranges[0]!.recordDate, '2026-03-01T01:00:00.000Z');
    assert.equal(p.dataDate, '2026-03-01');
    assert.deepEqual(p.problems, []);
  });

  it('a day alone stays a day; a time without an offset keeps its day only, and says so', () => {
    assert.equal(parsed('2026-02-28').ranges[0]!.recordDate, '2026-02-28');
    const p = parsed('2026-02-28T20:00:00');
    assert.equal(p.ranges[0]!.recordDate, '2026-02-28');
    assert.match(p.problems[0]?.en ?? '', /object 1: .*"2026-02-28T20:00:00" has no UTC offset/);
    assert.match(p.problems[0]?.ja ?? '', /時差がありません/);
  });

  it('a time with an offset that is not a time is no date', () => {
    const p = parsed('2026-02-28T25:00:00Z');
    assert.equal(p.ranges[0]!.recordDate, null);
    assert.match(p.problems[0]?.en ?? '', /not a calendar date/);
  });
});
