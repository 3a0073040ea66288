// A registry record changed after the instant asked about, or without any date, does not show who
// held the range then: "whom to ask" must say so rather than name today's holder as the one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressLookup } from '../../src/evidence/registry/lookup.ts';
import type { RegistryAnswerSource } from '../../src/evidence/registry/table.ts';
import { decideWhom } from '../../src/evidence/whom/whom.ts';
import { HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';

const ADDRESS = parseAddress('126.33.10.200', HEADER_SYNTAX)!;
const AT = '2026-03-01T12:00:00+09:00';
const AT_UTC = '2026-03-01T03:00:00.000Z';

function source(over: Partial<RegistryAnswerSource>): RegistryAnswerSource {
  return {
    format: 'rdap',
    file: 'rdap.json',
    sha256: 'a'.repeat(64),
    dataDate: '2026-06-01',
    importedAt: '2026-06-02T00:00:00.000Z',
    recordDate: '2020-01-01',
    range: '126.33.0.0-126.33.255.255',
    ...over,
  };
}

function lookup(sources: RegistryAnswerSource[]): AddressLookup {
  return {
    address: ADDRESS.text,
    registry: 'apnic',
    country: 'JP',
    range: { start: '126.33.0.0', end: '126.33.255.255', cidrs: ['126.33.0.0/16'] },
    holder: { name: 'New Holder K.K.', handle: 'NEW-NET' },
    abuse: null,
    asns: [],
    provider: {
      verdict: 'unknown',
      organisationId: null,
      nameJa: null,
      nameEn: null,
      matchedBy: null,
      matched: null,
      message: '',
      messageJa: '',
    },
    source: sources,
  };
}

const decide = (sources: RegistryAnswerSource[], atUtc: string | null = AT_UTC) =>
  decideWhom({ address: ADDRESS, port: null, at: atUtc ? AT : null, atUtc, lookup: lookup(sources), holder: null });

describe('whom to ask: registry records and the instant', () => {
  it('a holder record changed after the instant (a transfer) does not name the holder as the one to ask', () => {
    // changed three months after the instant: within the 180 days of the data-date check
    const a = decide([source({ recordDate: '2026-05-20' }), source({ format: 'delegated', recordDate: '2004-02-19' })]);
    const r = a.reasons.find((x) => x.code === 'registry_changed_after');
    assert.ok(r, a.reasons.map((x) => x.code).join(','));
    assert.match(r.message.ja, /2026-05-20/);
    assert.match(r.message.en, /after the instant/);
    assert.doesNotMatch(a.summary.en, /^Ask the registered holder/);
    assert.match(a.summary.ja, /当時の保有者/);
    assert.match(a.summary.en, /who held the range at the instant/);
  });

  it('a delegation made after the instant is said too', () => {
    const a = decide([source({ recordDate: '2019-01-01' }), source({ format: 'delegated', recordDate: '2026-04-01' })]);
    assert.ok(a.reasons.some((x) => x.code === 'registry_changed_after'));
  });

  it('a holder record with no date at all is said to be undated', () => {
    const a = decide([source({ recordDate: null, dataDate: null }), source({ format: 'delegated' })]);
    const r = a.reasons.find((x) => x.code === 'registry_undated');
    assert.ok(r, a.reasons.map((x) => x.code).join(','));
    assert.match(r.message.ja, /日付/);
    assert.match(a.summary.en, /who held the range at the instant/);
  });

  it('a record unchanged since before the instant names the holder as before', () => {
    const a = decide([source({ recordDate: '2020-01-01' }), source({ format: 'delegated', recordDate: '2004-02-19' })]);
    assert.deepEqual(
      a.reasons.map((x) => x.code),
      ['registry_domestic_undeclared'],
    );
    assert.match(a.summary.en, /^Ask the registered holder New Holder K\.K\./);
  });

  it('a day without a time is after the instant unless it has ended in every zone (UTC+14 to UTC−12)', () => {
    const at = (utc: string, recordDate: string) =>
      decideWhom({
        address: ADDRESS,
        port: null,
        at: utc,
        atUtc: utc,
        lookup: lookup([source({ recordDate }), source({ format: 'delegated', recordDate: '2004-02-19' })]),
        holder: null,
      }).reasons.some((x) => x.code === 'registry_changed_after');
    // the day before the instant's UTC day: at −12:00 it lasts until 12:00 UTC of the instant's day
    assert.equal(at('2026-03-01T00:30:00.000Z', '2026-02-28'), true);
    assert.equal(at('2026-03-01T11:59:59.000Z', '2026-02-28'), true);
    assert.equal(at('2026-03-01T12:00:00.000Z', '2026-02-28'), false);
    // the instant's own day, and a day that begins (at +14:00) before it
    assert.equal(at('2026-03-01T23:00:00.000Z', '2026-03-01'), true);
    assert.equal(at('2026-02-28T10:00:00.000Z', '2026-03-01'), true);
    assert.equal(at('2026-03-01T00:30:00.000Z', '2026-02-27'), false);
    const a = decide([source({ recordDate: '2026-03-01' }), source({ format: 'delegated', recordDate: '2004-02-19' })]);
    const r = a.reasons.find((x) => x.code === 'registry_changed_after');
    assert.match(r?.message.en ?? '', /on 2026-03-01, a day without a time that may be after the instant/);
    assert.match(r?.message.ja ?? '', /時刻の記載がなく/);
  });

  it('an instant is compared exactly, and shown at the offset the instant asked about was written with', () => {
    const after = decide([
      source({ recordDate: '2026-03-01T03:00:00.000Z' }),
      source({ format: 'delegated', recordDate: '2004-02-19' }),
    ]);
    const r = after.reasons.find((x) => x.code === 'registry_changed_after');
    assert.ok(r, after.reasons.map((x) => x.code).join(','));
    assert.match(r.message.ja, /2026-03-01 12:00:00 \+09:00 に変更/);
    assert.match(r.message.en, /at 2026-03-01 12:00:00 \+09:00, after the instant/);
    const before = decide([
      source({ recordDate: '2026-03-01T02:59:59.999Z' }),
      source({ format: 'delegated', recordDate: '2004-02-19' }),
    ]);
    assert.deepEqual(
      before.reasons.map((x) => x.code),
      ['registry_domestic_undeclared'],
    );
  });
});
