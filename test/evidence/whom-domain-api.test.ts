// Whom to ask about a site whose operator is unknown: the registrar and registrant from imported RDAP
// domain data, and the hosting provider through the addresses the name resolves to — through a stub
// DNS server on 127.0.0.1, never the network. Imports and questions are audited; bad input refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { WhomDomainAnswer } from '../../src/evidence/domains/domain-service.ts';
import { parseRdapDomains } from '../../src/evidence/domains/parse-rdap-domain.ts';
import { auditDetails, auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type DnsStub, startDnsStub } from '../support/dns-stub.ts';
import { type Client, call, orgIds, startHub, type TestHub } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';
import { fixturePath } from './helpers.ts';

const RDAP = readFileSync(fixturePath('rdap-domain-board.json'), 'utf8');

test('an RDAP domain object gives the registrar, the registrant and the dates', () => {
  const p = parseRdapDomains(RDAP);
  assert.equal(p.domains.length, 1);
  const d = p.domains[0];
  assert.equal(d?.domain, 'sakura-board.example');
  assert.equal(d?.registrar, 'Example Registrar K.K.');
  assert.equal(d?.registrarIanaId, '9999');
  assert.equal(d?.registrant, 'Sakura Board K.K.');
  assert.equal(d?.registrantCountry, 'JP');
  assert.equal(d?.abuse, 'abuse@registrar.example');
  assert.deepEqual(d?.nameservers, ['ns1.sakura-board.example']);
  assert.equal(d?.expiresAt, '2027-04-01T00:00:00Z');
  const ip = parseRdapDomains(readFileSync(fixturePath('rdap-ocn.json'), 'utf8'));
  assert.equal(ip.domains.length, 0);
  assert.ok(ip.skipped > 0, 'ip network objects are skipped');
  assert.equal(parseRdapDomains('{').domains.length, 0);
});

test('an RDAP domain file says why each object was skipped, in both languages, naming the object', () => {
  const [board] = JSON.parse(`[${RDAP}]`) as unknown[];
  const mixed = parseRdapDomains(
    JSON.stringify([board, { objectClassName: 'ip network' }, { objectClassName: 'domain', ldhName: 'a b' }]),
  );
  assert.equal(mixed.domains.length, 1);
  assert.equal(mixed.skipped, 2);
  assert.deepEqual(mixed.problems, [
    {
      ja: '2 番目のオブジェクト: RDAP の domain ではありません（objectClassName: 「domain」を指定してください）',
      en: 'object 2: not an RDAP domain (objectClassName: expected "domain")',
    },
    {
      ja: '3 番目のオブジェクト: "a b" はドメイン名として不正です',
      en: 'object 3: "a b" is not a valid domain name',
    },
  ]);
  assert.equal(mixed.problemsNotKept, 0);
  const many = parseRdapDomains(JSON.stringify(Array.from({ length: 23 }, () => ({ objectClassName: 'entity' }))));
  assert.equal(many.skipped, 23, 'every skipped object is counted');
  assert.equal(many.problems.length, 20);
  assert.equal(many.problemsNotKept, 3);
  assert.match(many.problems[19]?.en ?? '', /^object 20: /);
  const notJson = parseRdapDomains('{');
  // Where the parser stopped, in words, never the parser's English.
  assert.deepEqual(notJson.problems[0], {
    ja: 'JSON として読めません（1 行目 2 文字目）',
    en: 'not JSON (line 1, column 2)',
  });
  const broken = parseRdapDomains('{\n  "objectClassName": "domain",\n  oops\n}');
  assert.deepEqual(broken.problems[0], {
    ja: 'JSON として読めません（3 行目 3 文字目）',
    en: 'not JSON (line 3, column 3)',
  });
});

for (const dialect of testDialects()) {
  describe(`whom to ask about a site (${dialect})`, () => {
    let hub: TestHub;
    let dns: DnsStub;
    let sato: Client;
    let boardId: string, ispId: string;
    const saved = process.env.SHOKAI_DNS_RESOLVER;
    before(async () => {
      hub = await startHub(dialect);
      dns = await startDnsStub({
        'sakura-board.example': ['198.51.100.20'],
        'www.sakura-board.example': ['198.51.100.21', '2001:db8:1000::5'],
        'v4only.sakura-board.example': ['198.51.100.22'],
      });
      ({ board: boardId, isp: ispId } = await orgIds(hub));
      sato = await hub.as('sato');
    });
    after(async () => {
      if (saved === undefined) delete process.env.SHOKAI_DNS_RESOLVER;
      else process.env.SHOKAI_DNS_RESOLVER = saved;
      await dns.close();
      await hub.close();
    });

    const ask = async (body: unknown) => {
      const r = await sato.call<WhomDomainAnswer>('POST', '/v1/evidence/whom-domain', body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    test('RDAP data is imported by an administrator (audited), refused to others and when unreadable', async () => {
      const admin = await hub.as('admin');
      const files = [{ name: 'rdap-domain-board.json', content: RDAP }];
      assert.equal((await sato.call('POST', '/v1/registry/domains', { files })).status, 403);
      // The data is every organisation's: a force's or a provider's administrator does not replace it.
      for (const login of ['mpd.admin', 'board.admin']) {
        const other = await (await hub.as(login)).call('POST', '/v1/registry/domains', { files });
        assert.equal(other.status, 403, login);
      }
      const bad = await admin.call<ApiError>('POST', '/v1/registry/domains', {
        files: [...files, { name: 'not-rdap.json', content: '{"objectClassName":"ip network"}' }],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details?.field, 'files.1.content');
      assert.match(
        bad.body.error.message.ja,
        /not-rdap\.json: RDAP のドメイン情報が含まれていません（読み飛ばし 1 件、1 番目のオブジェクト: RDAP の domain ではありません/,
      );
      assert.match(
        bad.body.error.message.en,
        /not-rdap\.json: holds no RDAP domain object \(1 part\(s\) skipped: object 1: /,
      );
      const none = await hub.ctx.store.db.selectFrom('domain_registrations').selectAll().execute();
      assert.equal(none.length, 0, 'nothing stored when one file is unreadable');
      const ok = await admin.call<Array<{ domains: number }>>('POST', '/v1/registry/domains', { files });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body[0]?.domains, 1);
      const audit = await auditDetails(hub.ctx.store.db, 'registry.domains_imported');
      assert.equal(audit.length, 1);
    });

    test('without a configured resolver: the registration only, and why', async () => {
      delete process.env.SHOKAI_DNS_RESOLVER;
      const a = await ask({ url: 'https://www.sakura-board.example/thread/8812#res-60' });
      assert.equal(a.host, 'www.sakura-board.example');
      assert.equal(a.registration?.domain, 'sakura-board.example', 'the parent domain is the registered one');
      assert.equal(a.registration?.registrar, 'Example Registrar K.K.');
      assert.equal(a.registration?.registrant, 'Sakura Board K.K.');
      assert.equal(a.resolver.configured, false);
      assert.deepEqual(a.addresses, []);
      assert.ok(a.reasons.some((r) => r.code === 'resolver_not_configured'));
      assert.equal(dns.questions.length, 0, 'no DNS question without a configured resolver');
    });

    test('with the stub resolver: the hosting provider of each address the name resolves to', async () => {
      process.env.SHOKAI_DNS_RESOLVER = dns.address;
      const a = await ask({ url: 'https://www.sakura-board.example/thread/8812', at: '2026-11-30T23:42:17+09:00' });
      assert.equal(a.resolver.configured, true);
      assert.deepEqual(a.resolver.servers, [dns.address]);
      assert.deepEqual(a.addresses.map((x) => x.address).sort(), ['198.51.100.21', '2001:db8:1000::5']);
      const byAddress = new Map(a.addresses.map((x) => [x.address, x]));
      assert.equal(byAddress.get('198.51.100.21')?.holder?.organisationId, boardId);
      assert.equal(byAddress.get('2001:db8:1000::5')?.holder?.organisationId, ispId);
      assert.equal(byAddress.get('198.51.100.21')?.at, '2026-11-30T23:42:17+09:00');
      assert.ok(dns.questions.some((q) => q.name === 'www.sakura-board.example' && q.type === 1));
      assert.match(a.summary.en, /hosting provider .*Sakura Board K\.K\./);
      assert.match(a.summary.en, /registrar Example Registrar K\.K\./);

      const bare = await ask({ url: 'v4only.sakura-board.example' });
      assert.deepEqual(
        bare.addresses.map((x) => x.address),
        ['198.51.100.22'],
      );
      const missing = await ask({ url: 'https://nowhere.example/' });
      assert.deepEqual(missing.addresses, []);
      assert.equal(missing.registration, null);
      assert.ok(missing.reasons.some((r) => r.code === 'not_resolved'));
      assert.ok(missing.reasons.some((r) => r.code === 'registration_missing'));

      const literal = await ask({ url: 'http://203.0.113.5/board' });
      assert.equal(literal.addresses[0]?.holder?.organisationId, ispId);
      assert.ok(literal.reasons.some((r) => r.code === 'address_literal'));

      const audit = await auditEntries(hub.ctx.store.db, 'evidence.whom_domain_asked');
      assert.ok(audit.some((e) => e.subjectId === 'www.sakura-board.example'));
    });

    test("bad input names the field; another organisation's case, a judge and no session are refused", async () => {
      for (const [body, field] of [
        [{ url: 'ftp://sakura-board.example/' }, 'url'],
        [{ url: 'not a domain' }, 'url'],
        [{ url: 'sakura-board.example', at: '2026-11-30 23:42' }, 'at'],
        [{}, 'url'],
        [{ url: 'sakura-board.example', x: 1 }, '(root)'],
      ] as const) {
        const r = await sato.call<ApiError>('POST', '/v1/evidence/whom-domain', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.details?.field, field, JSON.stringify(r.body));
      }
      const made = await sato.call<{ id: string }>('POST', '/v1/cases', { reference: 'WD-1', title: 'domain' });
      const osaka = await hub.as('osaka');
      const other = await osaka.call('POST', '/v1/evidence/whom-domain', {
        url: 'sakura-board.example',
        caseId: made.body.id,
      });
      assert.equal(other.status, 404);
      const judge = await hub.as('judge');
      assert.equal((await judge.call('POST', '/v1/evidence/whom-domain', { url: 'sakura-board.example' })).status, 403);
      assert.equal((await call(hub.url, 'POST', '/v1/evidence/whom-domain', { url: 'x.example' })).status, 401);
    });
  });
}
