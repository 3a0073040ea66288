// A provider declared a /16; the analyst loaded only RDAP answers (no delegated statistics). A record inside
// the block that the registry shows as held independently of any provider (ASSIGNED PI, PORTABLE, DIRECT…),
// registered after the declaration and not the provider's own, is a transfer: the declaration is set aside.
// The provider's own portable block re-edited later, a customer's assignment, or an instant before the
// record's registration leave the declaration standing. Then the same rows through the store and snapshot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  loadRegistryTable,
  lookupAddresses,
  type ProviderNetworkDeclaration,
  parseRegistryFile,
  RegistryTable,
} from '../../src/evidence/index.ts';
import { importParsed } from '../../src/evidence/registry/registry.repository.ts';
import { loadRegistryTableWithReport } from '../../src/evidence/registry/registry-index.ts';
import type { TableRecord } from '../../src/evidence/registry/table.ts';
import { decideWhom } from '../../src/evidence/whom/whom.ts';
import { HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';
import { openStore } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

const scratch = scratchLocations('shokai-whom-transfer-rdap-');

const ISP: ProviderNetworkDeclaration = {
  organisationId: 'org-isp',
  nameJa: '例示回線',
  nameEn: 'Example Lines',
  cidrs: ['133.200.0.0/16'],
  asns: [64500],
  domains: ['isp.example.jp'],
};
const SINCE = '2024-01-01T00:00:00.000Z';
const declaredSince = (org: string, cidr: string): string | null =>
  org === 'org-isp' && cidr === '133.200.0.0/16' ? SINCE : null;

interface Net {
  start: string;
  end: string;
  type: string;
  abuse?: string;
  asns?: number[];
  registration?: string;
  changed?: string;
}

/** An RDAP `ip network` object as a registry's answer writes it. */
function rdap(n: Net): unknown {
  const events = [
    ...(n.registration ? [{ eventAction: 'registration', eventDate: n.registration }] : []),
    ...(n.changed ? [{ eventAction: 'last changed', eventDate: n.changed }] : []),
  ];
  return {
    objectClassName: 'ip network',
    handle: `${n.start} - ${n.end}`,
    startAddress: n.start,
    endAddress: n.end,
    name: `NET-${n.start}`,
    type: n.type,
    country: 'JP',
    port43: 'whois.apnic.net',
    events,
    ...(n.asns ? { arin_originas0_originautnums: n.asns } : {}),
    entities: n.abuse
      ? [{ roles: ['abuse'], vcardArray: ['vcard', [['email', {}, 'text', n.abuse]]], handle: 'AB1' }]
      : [],
  };
}

const NETS: Net[] = [
  // the provider's own allocation: the declared block itself (never a part of it)
  {
    start: '133.200.0.0',
    end: '133.200.255.255',
    type: 'ALLOCATED PORTABLE',
    abuse: 'abuse@isp.example.jp',
    registration: '2010-04-01T00:00:00Z',
    changed: '2025-08-01T00:00:00Z',
  },
  // another's provider-independent assignment, registered after the declaration (a transfer)
  {
    start: '133.200.10.0',
    end: '133.200.10.255',
    type: 'Assigned PI',
    abuse: 'noc@other.example',
    registration: '2025-03-10T00:00:00Z',
    changed: '2025-06-01T00:00:00Z',
  },
  // the provider's own portable block, registered long ago and re-edited after the declaration
  {
    start: '133.200.64.0',
    end: '133.200.127.255',
    type: 'ALLOCATED PORTABLE',
    registration: '2012-01-01T00:00:00Z',
    changed: '2025-05-01T00:00:00Z',
  },
  // the provider's own portable blocks whose registration the answer does not give, changed later:
  // its declared ASN, or its declared abuse domain, says whose they are
  {
    start: '133.200.128.0',
    end: '133.200.128.255',
    type: 'ASSIGNED PORTABLE',
    asns: [64500],
    changed: '2025-05-01T00:00:00Z',
  },
  {
    start: '133.200.129.0',
    end: '133.200.129.255',
    type: 'DIRECT ASSIGNMENT',
    abuse: 'abuse@noc.isp.example.jp',
    changed: '2025-05-01T00:00:00Z',
  },
  // …and one of them naming neither: the last change is all there is, and it is after the declaration
  {
    start: '133.200.130.0',
    end: '133.200.130.255',
    type: 'DIRECT ALLOCATION',
    abuse: 'x@else.example',
    changed: '2025-05-01T00:00:00Z',
  },
  // customers' assignments from the provider's block: no transfer, whatever their dates
  {
    start: '133.200.20.0',
    end: '133.200.20.255',
    type: 'ASSIGNED PA',
    abuse: 'c@cust.example',
    registration: '2025-03-10T00:00:00Z',
  },
  {
    start: '133.200.21.0',
    end: '133.200.21.255',
    type: 'ASSIGNED NON-PORTABLE',
    abuse: 'c@cust.example',
    registration: '2025-03-10T00:00:00Z',
  },
  {
    start: '133.200.22.0',
    end: '133.200.22.255',
    type: 'REASSIGNMENT',
    abuse: 'c@cust.example',
    registration: '2025-03-10T00:00:00Z',
  },
];
const TEXT = JSON.stringify({ ipSearchResults: NETS.map(rdap) });

function table(): RegistryTable {
  const parsed = parseRegistryFile(TEXT);
  const source = {
    format: parsed.format,
    file: 'rdap.json',
    sha256: 'test',
    dataDate: parsed.dataDate,
    importedAt: SINCE,
  };
  return RegistryTable.build(
    parsed.ranges.map((r): TableRecord => ({ ...r, source })),
    [],
  );
}

const ask = (t: RegistryTable, address: string, atUtc: string | null) =>
  lookupAddresses(t, [address], [ISP], { declaredSince, at: atUtc === null ? null : Date.parse(atUtc) })[0]!;

describe('a transfer that shows only in an RDAP record type', () => {
  it('keeps both the registration and the last change of a record', () => {
    const pi = parseRegistryFile(TEXT).ranges.find((r) => r.status === 'Assigned PI')!;
    assert.equal(pi.recordDate, '2025-06-01T00:00:00.000Z');
    assert.equal(pi.registeredDate, '2025-03-10T00:00:00.000Z');
  });

  it('a PI record inside the declared /16 registered after the declaration sets it aside', () => {
    const l = ask(table(), '133.200.10.5', '2026-01-01T00:00:00Z');
    assert.notEqual(l.provider.organisationId, 'org-isp');
    assert.deepEqual(l.provider.transferred?.delegation, {
      start: '133.200.10.0',
      end: '133.200.10.255',
      recordDate: '2025-03-10T00:00:00.000Z',
      type: 'Assigned PI',
    });
    assert.match(l.provider.message, /Assigned PI/);
    assert.match(
      l.provider.messageJa,
      /133\.200\.10\.0–133\.200\.10\.255 を事業者から独立した資源（種別 Assigned PI）/,
    );
    const address = parseAddress('133.200.10.5', HEADER_SYNTAX)!;
    const at = '2026-01-01T09:00:00+09:00';
    const a = decideWhom({ address, port: null, at, atUtc: '2026-01-01T00:00:00.000Z', lookup: l, holder: null });
    const r = a.reasons.find((x) => x.code === 'declared_transferred');
    assert.ok(r, a.reasons.map((x) => x.code).join(','));
    // the words say which record showed it: its type and its range, in both languages
    assert.match(r.message.en, /RDAP record of 133\.200\.10\.0–133\.200\.10\.255 .*type Assigned PI/);
    assert.match(r.message.ja, /RDAP 記録はその中の 133\.200\.10\.0–133\.200\.10\.255 を.*（種別 Assigned PI）/);
    assert.match(r.message.ja, /2025-03-10T00:00:00\.000Z は届出より後/);
    // the PI record itself is the registry's holder record: the answer rests on it, not on the declaration
    assert.match(a.summary.en, /Ask the registered holder NET-133\.200\.10\.0/);
    // without statistics the same rule holds for a record whose registration is not given
    assert.equal(ask(table(), '133.200.130.9', null).provider.transferred?.delegation.type, 'DIRECT ALLOCATION');
  });

  it("the provider's own portable block re-edited after the declaration does not set it aside", () => {
    for (const address of ['133.200.64.1', '133.200.128.1', '133.200.129.1']) {
      const l = ask(table(), address, '2026-01-01T00:00:00Z');
      assert.equal(l.provider.organisationId, 'org-isp', address);
      assert.equal(l.provider.transferred ?? null, null, address);
    }
  });

  it("a customer's non-portable assignment does not set it aside", () => {
    for (const address of ['133.200.20.1', '133.200.21.1', '133.200.22.1']) {
      const l = ask(table(), address, '2026-01-01T00:00:00Z');
      assert.equal(l.provider.organisationId, 'org-isp', address);
      assert.equal(l.provider.matchedBy, 'cidr', address);
    }
  });

  it("an instant before the record's registration leaves the declaration standing", () => {
    const l = ask(table(), '133.200.10.5', '2025-03-09T23:59:59Z');
    assert.equal(l.provider.organisationId, 'org-isp');
    // between the registration and the last change: already transferred (the registration dates it)
    assert.equal(ask(table(), '133.200.10.5', '2025-04-01T00:00:00Z').provider.transferred?.cidr, '133.200.0.0/16');
  });
});

for (const dialect of testDialects()) {
  describe(`an RDAP record's registration through the store and its snapshot (${dialect})`, () => {
    it('is stored, read back and kept by the snapshot, and sets the declaration aside as in memory', async () => {
      const store = await openStore((await scratch.fresh(dialect)).url);
      try {
        const parsed = parseRegistryFile(TEXT);
        await store.transaction((tx) => importParsed(tx, store.dialect, 'rdap.json', TEXT, parsed, new Date()));
        const rows = await loadRegistryTableWithReport(store);
        const snap = await loadRegistryTableWithReport(store);
        assert.equal(snap.from, 'snapshot');
        for (const t of [rows.table, snap.table, await loadRegistryTable(store)]) {
          const pi = t.records.find((r) => r.status === 'Assigned PI')!;
          assert.equal(pi.registeredDate, '2025-03-10T00:00:00.000Z');
          assert.equal(ask(t, '133.200.10.5', '2025-04-01T00:00:00Z').provider.transferred?.cidr, '133.200.0.0/16');
        }
      } finally {
        await store.close();
      }
    });
  });
}
