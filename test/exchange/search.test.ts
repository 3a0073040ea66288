// Search over requests (issue 14, item 5), on SQLite and PostgreSQL: it finds by reference, case
// reference, identifier and party; it never returns a request the person may not see — whatever they
// type — and the oversight body, who reads metadata only, cannot find a request by what it contains.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgId } from '../support/exchange.ts';
import type { List, RequestSummary } from '../support/replies.ts';

interface SearchResult {
  items: RequestSummary[];
  truncated: boolean;
}

const PEOPLE = ['sato', 'tanaka', 'osaka', 'osaka.head', 'board.legal', 'isp.legal', 'cafe.staff', 'auditor', 'judge'];

for (const dialect of testDialects()) {
  describe(`search over requests (${dialect})`, () => {
    const hub = hubHooks(dialect);
    const search = async (login: string, query: Record<string, string>) => {
      const r = await (await hub.as(login)).call<SearchResult>('GET', `/v1/search?${new URLSearchParams(query)}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const refs = (r: SearchResult) => r.items.map((i) => i.reference).sort();
    const demo = (prefix: string) => {
      const r = hub.demo.requests.find((x) => x.summary.startsWith(prefix));
      if (!r) throw new Error(prefix);
      return r;
    };

    test('finds by reference, case reference, identifier and party, within the person’s own requests', async () => {
      const answered = demo('inquiry → answered');
      assert.deepEqual(refs(await search('sato', { q: answered.reference })), [answered.reference]);
      // The case reference of the Tokyo requests; words must all appear, in any case.
      const byCase = await search('sato', { q: '第1234号' });
      assert.ok(byCase.items.length >= 6);
      assert.ok(byCase.items.every((i) => i.caseReference?.includes('第1234号')));
      // An identifier asked about: the address in the warrant and the preservation request.
      assert.deepEqual(
        refs(await search('sato', { q: '203.0.113.7' })).length,
        2,
        'the warrant and the preservation request name 203.0.113.7',
      );
      assert.equal((await search('sato', { q: 'USER-77812' })).items.length, 1, 'case-insensitive, the draft');
      // A party: the provider's name, in either language, with a second word narrowing it.
      const board = await search('sato', { q: 'sakura board' });
      assert.ok(board.items.length >= 4 && board.items.every((i) => i.provider?.nameEn === 'Sakura Board K.K.'));
      const boardInquiries = await search('sato', { q: 'さくら 1234' });
      assert.ok(boardInquiries.items.length < byCase.items.length);
      // LIKE's wildcards are searched for as themselves.
      assert.equal((await search('sato', { q: '%' })).items.length, 0);
      assert.equal((await search('sato', { q: '_' })).items.length, 0);
    });

    test('another force’s request is not found, whatever is typed', async () => {
      const osakas = demo('inquiry from Osaka');
      assert.equal((await search('sato', { q: osakas.reference })).items.length, 0);
      assert.equal((await search('sato', { q: 'osaka-unknown-1' })).items.length, 0);
      assert.deepEqual(refs(await search('osaka', { q: 'osaka-unknown-1' })), [osakas.reference]);
      // The provider finds what was delivered to it, never a draft or a request awaiting approval.
      assert.equal((await search('board.legal', { q: 'user-77812' })).items.length, 0, 'a draft');
      assert.equal((await search('board.legal', { q: demo('inquiry → awaiting approval').reference })).items.length, 0);
      assert.equal((await search('board.legal', { q: '203.0.113.7' })).items.length, 0, 'the ISP’s requests');
      assert.equal((await search('isp.legal', { q: '203.0.113.7' })).items.length, 2);
      assert.equal((await search('judge', { q: '' })).items.length, 0);
    });

    test('the oversight body finds by reference and party, never by content', async () => {
      const warrant = demo('warrant');
      assert.deepEqual(refs(await search('auditor', { q: warrant.reference })), [warrant.reference]);
      assert.equal((await search('auditor', { q: '203.0.113.7' })).items.length, 0);
      assert.equal((await search('auditor', { q: '第1234号' })).items.length, 0);
      const all = await search('auditor', { q: 'Tokyo', limit: '500' });
      assert.ok(all.items.length >= 8);
      assert.ok(
        all.items.every((i) => i.caseReference === null && i.offence === null),
        'metadata only',
      );
    });

    test('no search returns a request outside the person’s list, for every term in the store', async () => {
      const rows = await hub.ctx.store.db.selectFrom('requests').select(['reference', 'content']).execute();
      const orgs = await hub.ctx.store.db.selectFrom('organisations').select(['name_ja', 'name_en']).execute();
      const terms = new Set<string>(['', ...orgs.flatMap((o) => [o.name_ja, o.name_en.split(' ')[0] ?? ''])]);
      for (const r of rows) {
        terms.add(r.reference);
        const c = JSON.parse(r.content) as { caseReference: string; targets: Array<Record<string, unknown>> };
        terms.add(c.caseReference);
        for (const t of c.targets) for (const v of Object.values(t)) if (typeof v === 'string') terms.add(v);
      }
      for (const login of PEOPLE) {
        const list = await (await hub.as(login)).call<List<RequestSummary>>('GET', '/v1/requests?limit=200');
        const visible = new Set(list.status === 200 ? list.body.items.map((i) => i.id) : []);
        for (const term of terms) {
          const found = await search(login, { q: term, limit: '500' });
          for (const i of found.items) assert.ok(visible.has(i.id), `${login} found ${i.reference} with "${term}"`);
        }
      }
    });

    test('filters by provider and date, sorts, and exports CSV; the search is audited without its words', async () => {
      const isp = await orgId(hub, 'Nihon Network Communications K.K.');
      const toIsp = await search('sato', { providerId: isp });
      assert.equal(toIsp.items.length, 2);
      assert.ok(toIsp.items.every((i) => i.provider?.id === isp));
      const future = new Date(hub.ctx.clock().getTime() + 86400_000).toISOString();
      assert.equal((await search('sato', { from: future })).items.length, 0);
      // The demo's civil disclosure is the law office's (issue 15): the police unit has eight.
      assert.ok((await search('sato', { to: future })).items.length >= 8);
      const byReference = (await search('sato', { sort: 'reference_asc' })).items.map((i) => i.reference);
      assert.ok(byReference.length >= 8);
      assert.deepEqual(byReference, [...byReference].sort());
      const bad = await (await hub.as('sato')).call<{ error: { details: { field: string } } }>(
        'GET',
        '/v1/search?from=2026-01-01T00:00:00',
      );
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details.field, 'from');
      // A period whose end is not after its start: the audit log's rule and words, no raw field names.
      const backwards = await (await hub.as('sato')).call<{
        error: { message: { ja: string; en: string }; details: { field: string } };
      }>('GET', `/v1/search?${new URLSearchParams({ from: future, to: '2026-01-01T00:00:00Z' })}`);
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.details.field, 'to');
      assert.deepEqual(backwards.body.error.message, {
        ja: '期間の終わりは始まりより後にしてください',
        en: 'the end of the period must come after its start',
      });

      const exportOf = async (login: string, query: string) =>
        fetch(`${hub.url}/v1/search/export?${query}`, {
          headers: { authorization: `Bearer ${(await hub.as(login)).token}` },
        });
      const res = await exportOf('sato', 'q=203.0.113.7');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      const bytes = Buffer.from(await res.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
      assert.equal(lines.length, 3, 'a heading and two requests');
      assert.match(lines[0] ?? '', /^照会番号,種別,状態,事件番号/);
      assert.match(lines[1] ?? '', /令状|保全要請/);
      assert.match(lines[1] ?? '', /\+09:00/);
      const en = await exportOf('sato', 'q=203.0.113.7&lang=en');
      assert.match((await en.text()).replace(/^\ufeff/, ''), /^Reference,Kind,State,Case reference/);
      // The times in the zone asked for, with its offset; a language or a zone it does not know is refused by name.
      const inUtc = await exportOf('sato', 'q=203.0.113.7&lang=en&zone=UTC');
      assert.equal(inUtc.status, 200);
      const utcRow = (await inUtc.text()).split('\r\n')[1] ?? '';
      assert.match(utcRow, /(Z|\+00:00)(,|$)/);
      assert.doesNotMatch(utcRow, /\+09:00/);
      for (const [query, field, words] of [
        ['lang=fr', 'lang', /次のいずれかを指定してください: ja、en/],
        [
          'zone=Mars%2FOlympus',
          'zone',
          /タイムゾーン「Mars\/Olympus」は不明です。IANA のタイムゾーン名で指定してください（例: Asia\/Tokyo、UTC）/,
        ],
      ] as const) {
        // Whoever is not signed in is told so first, whatever the parameters.
        assert.equal((await fetch(`${hub.url}/v1/search/export?${query}`)).status, 401, query);
        const refused = await exportOf('sato', query);
        assert.equal(refused.status, 400, query);
        const body = (await refused.json()) as { error: { message: { ja: string }; details: { field: string } } };
        assert.equal(body.error.details.field, field);
        assert.match(body.error.message.ja, words);
      }

      const entry = await hub.ctx.store.db
        .selectFrom('audit_entries')
        .select(['details'])
        .where('action', '=', 'requests.searched')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.ok(!entry.details.includes('203.0.113.7'), 'the words are not in the log');
      const d = JSON.parse(entry.details) as { queryDigest: string; returned: string[] };
      assert.match(d.queryDigest, /^[0-9a-f]{64}$/);
      assert.equal(d.returned.length, 2);
    });
  });
}
