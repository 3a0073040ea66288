import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinProvider, lookupAddresses, type ProviderNetworkDeclaration } from '../../src/evidence/index.ts';
import { HEADER_SYNTAX, parseAddress } from '../../src/net/address.ts';
import { fixtureTable } from './helpers.ts';

const DECLS: ProviderNetworkDeclaration[] = [
  {
    organisationId: 'org-ocn',
    nameJa: 'OCN 例示',
    nameEn: 'OCN Example',
    cidrs: ['60.32.0.0/12', '2400:4050::/32'],
    asns: [4713],
    domains: ['ocn.example.ad.jp'],
  },
  {
    organisationId: 'org-customer',
    nameJa: '顧客例示',
    nameEn: 'Customer Example',
    cidrs: ['60.32.128.0/25'],
    asns: [],
    domains: [],
  },
  {
    organisationId: 'org-bb',
    nameJa: '例示ブロードバンド',
    nameEn: 'Example Broadband',
    cidrs: [],
    asns: [2516],
    domains: [],
  },
  {
    organisationId: 'org-cafe',
    nameJa: '例示漫画喫茶',
    nameEn: 'Cafe Example',
    cidrs: [],
    asns: [],
    domains: ['cafe.example.jp'],
  },
];

describe('directory join', () => {
  const table = fixtureTable();

  it('the most specific declared range wins', () => {
    const [a, b, c] = lookupAddresses(table, ['60.32.128.10', '60.32.128.200', '2400:4050:a0c1::1'], DECLS);
    assert.equal(a!.provider.verdict, 'provider');
    assert.equal(a!.provider.organisationId, 'org-customer');
    assert.equal(a!.provider.matched, '60.32.128.0/25');
    assert.equal(b!.provider.organisationId, 'org-ocn');
    assert.equal(b!.provider.matchedBy, 'cidr');
    assert.equal(c!.provider.organisationId, 'org-ocn');
    assert.ok(a!.provider.messageJa.includes('顧客例示'));
  });

  it('an ASN named by the registry data (opaque-id link) matches a declared ASN', () => {
    const [bb] = lookupAddresses(table, ['61.112.9.9'], DECLS);
    assert.equal(bb!.provider.organisationId, 'org-bb');
    assert.equal(bb!.provider.matchedBy, 'asn');
    assert.equal(bb!.provider.matched, 'AS2516');
  });

  it('the abuse contact domain matches a declared domain (weakest evidence)', () => {
    const [cafe] = lookupAddresses(table, ['61.113.4.1'], DECLS);
    // the ASN of the enclosing allocation is declared too, but the domain of the assignment's own abuse contact is not
    // preferred over it
    assert.equal(cafe!.provider.matchedBy, 'asn');
    const noAsn = DECLS.filter((d) => d.organisationId !== 'org-bb');
    const [cafe2] = lookupAddresses(table, ['61.113.4.1'], noAsn);
    assert.equal(cafe2!.provider.organisationId, 'org-cafe');
    assert.equal(cafe2!.provider.matchedBy, 'domain');
  });

  it('says plainly "foreign" and "unknown"', () => {
    const [de, au, cn, jp, nothing] = lookupAddresses(
      table,
      ['185.12.64.3', '1.130.0.1', '1.0.1.1', '2400:4050:1::1', '8.8.8.8'],
      DECLS.slice(1),
    );
    assert.equal(de!.provider.verdict, 'foreign');
    assert.match(de!.provider.message, /DE/);
    assert.equal(au!.provider.verdict, 'foreign');
    assert.equal(cn!.provider.verdict, 'foreign');
    assert.equal(jp!.provider.verdict, 'unknown'); // domestic, but nobody declared it
    assert.match(jp!.provider.message, /Domestic/);
    assert.equal(nothing!.provider.verdict, 'unknown');
    assert.match(nothing!.provider.message, /No registry data/);
  });

  it('a domestic declaration wins over a foreign registry country', () => {
    const decl: ProviderNetworkDeclaration[] = [
      { organisationId: 'org-x', nameJa: 'X', nameEn: 'X', cidrs: ['185.12.64.0/22'], asns: [], domains: [] },
    ];
    const m = joinProvider(decl, parseAddress('185.12.64.3', HEADER_SYNTAX)!, {
      country: 'DE',
      asns: [],
      domains: [],
      known: true,
    });
    assert.equal(m.verdict, 'provider');
    const empty = joinProvider([], parseAddress('185.12.64.3', HEADER_SYNTAX)!, {
      country: 'DE',
      asns: [],
      domains: [],
      known: true,
    });
    assert.equal(empty.verdict, 'foreign');
  });
});
