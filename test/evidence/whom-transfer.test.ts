// A provider declared a block years ago; the RIR later delegated part of it to another holder (a
// transfer). At instants after the transfer the declaration must not name the provider as the one to
// ask; before it, it still does. A customer's assignment inside the block is no transfer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrsDeclaredSince } from '../../src/directory/networks.ts';
import { lookupAddresses, type ProviderNetworkDeclaration, RegistryTable } from '../../src/evidence/index.ts';
import type { TableRecord } from '../../src/evidence/registry/table.ts';
import { decideWhom } from '../../src/evidence/whom/whom.ts';
import { HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { freshStore } from '../support/migration-store.ts';
import { fixtureRecords } from './helpers.ts';

const scratch = scratchLocations('shokai-whom-transfer-');

const OCN: ProviderNetworkDeclaration = {
  organisationId: 'org-ocn',
  nameJa: 'OCN 例示',
  nameEn: 'OCN Example',
  cidrs: ['60.32.0.0/12'],
  asns: [4713],
  domains: ['ocn.example.ad.jp'],
};
const SINCE = '2024-01-01T00:00:00.000Z';
const declaredSince = (org: string, cidr: string): string | null =>
  org === 'org-ocn' && cidr === '60.32.0.0/12' ? SINCE : null;

/** The fixtures, and APNIC's delegation of 60.32.200.0/24 on its own on 10 March 2025 (a transfer). */
function table(): RegistryTable {
  const { records, asns } = fixtureRecords();
  const apnic = records.find((r) => r.source.format === 'delegated' && r.registry === 'apnic')!;
  const moved: TableRecord = {
    ...apnic,
    start: 0x3c20c800n,
    end: 0x3c20c8ffn,
    recordDate: '2025-03-10',
    opaqueId: 'B0B0B0B0',
    asns: [],
  };
  return RegistryTable.build([...records, moved], asns);
}

const ask = (address: string, atUtc: string | null) => {
  const [lookup] = lookupAddresses(table(), [address], [OCN], {
    declaredSince,
    at: atUtc === null ? null : Date.parse(atUtc),
  });
  return lookup!;
};

describe('a declared block part of which the RIR delegated later (a transfer)', () => {
  it('after the transfer the declaration is set aside, and the answer names no one', () => {
    const l = ask('60.32.200.5', '2026-01-01T00:00:00Z');
    assert.notEqual(l.provider.organisationId, 'org-ocn');
    assert.equal(l.provider.transferred?.cidr, '60.32.0.0/12');
    assert.deepEqual(l.provider.transferred?.delegation, {
      start: '60.32.200.0',
      end: '60.32.200.255',
      recordDate: '2025-03-10',
    });
    assert.match(l.provider.message, /60\.32\.0\.0\/12.*2025-03-10/);
    const address = parseAddress('60.32.200.5', HEADER_SYNTAX)!;
    const at = '2026-01-01T09:00:00+09:00';
    const a = decideWhom({ address, port: null, at, atUtc: '2026-01-01T00:00:00.000Z', lookup: l, holder: null });
    assert.equal(a.holder, null);
    const r = a.reasons.find((x) => x.code === 'declared_transferred');
    assert.ok(r, a.reasons.map((x) => x.code).join(','));
    assert.match(r.message.ja, /移転/);
    // the day the block was declared since, as a day in Japan (era year beside it), not a raw UTC instant
    assert.doesNotMatch(`${r.message.ja} ${r.message.en}`, /T\d\d:\d\d/);
    assert.match(r.message.ja, /令和\d+年（20\d\d年）\d+月\d+日 から届け出/);
    assert.match(r.message.en, /since \d+ [A-Z][a-z]+ 20\d\d,/);
    // the holder record (OCN's whole block, older than the transfer) does not settle the part's holder
    assert.match(a.summary.en, /establish who held the range at the instant/);
  });

  it('before the transfer, or on its day in doubt, the declaration stands only when certainly before', () => {
    assert.equal(ask('60.32.200.5', '2025-01-01T00:00:00Z').provider.organisationId, 'org-ocn');
    assert.equal(ask('60.32.200.5', '2025-03-10T03:00:00Z').provider.transferred?.cidr, '60.32.0.0/12');
    // without an instant the question is about now: after the transfer
    assert.equal(ask('60.32.200.5', null).provider.transferred?.cidr, '60.32.0.0/12');
  });

  it('the rest of the block, a delegation before the declaration, or an undated declaration still stand', () => {
    assert.equal(ask('60.32.1.1', '2026-01-01T00:00:00Z').provider.organisationId, 'org-ocn');
    const [old] = lookupAddresses(table(), ['60.32.200.5'], [OCN], {
      declaredSince: () => '2025-06-01T00:00:00.000Z',
      at: Date.parse('2026-01-01T00:00:00Z'),
    });
    assert.equal(old!.provider.organisationId, 'org-ocn');
    const [undated] = lookupAddresses(table(), ['60.32.200.5'], [OCN], { declaredSince: () => null, at: null });
    assert.equal(undated!.provider.organisationId, 'org-ocn');
  });
});

for (const dialect of testDialects()) {
  describe(`since when a CIDR has been declared (${dialect})`, () => {
    it('the first of the latest unbroken run of declarations naming it; null for one never logged', async () => {
      const { store } = await freshStore(dialect, scratch);
      try {
        const row = (id: string, cidrs: string[], at: string) => ({
          id,
          organisation_id: 'org-ocn',
          cidrs: JSON.stringify(cidrs),
          asns: '[]',
          domains: '[]',
          declared_at: at,
        });
        await store.db
          .insertInto('provider_network_declarations')
          .values([
            row('d1', ['60.32.0.0/12', '192.0.2.0/24'], '2020-01-01T00:00:00.000Z'),
            row('d2', ['192.0.2.0/24'], '2022-01-01T00:00:00.000Z'),
            row('d3', ['60.32.0.0/12', '192.0.2.0/24'], SINCE),
            row('d4', ['60.32.0.0/12', '192.0.2.0/24'], '2025-01-01T00:00:00.000Z'),
          ])
          .execute();
        const since = await cidrsDeclaredSince(store.db);
        assert.equal(since('org-ocn', '60.32.0.0/12'), SINCE);
        assert.equal(since('org-ocn', '192.0.2.0/24'), '2020-01-01T00:00:00.000Z');
        assert.equal(since('org-ocn', '198.51.100.0/24'), null);
        assert.equal(since('org-other', '60.32.0.0/12'), null);
      } finally {
        await store.close();
      }
    });
  });
}
