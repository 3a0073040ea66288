import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks, type Reply } from '../support/exchange.ts';
import type { ApiError, List, RequestDetail, RequestSummary } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`bad input gets a clear, coded error and stores nothing (${dialect})`, () => {
    const {
      hub,
      people: [sato],
      orgs,
    } = hubWithHooks(dialect, ['sato']);
    const valid = () => ({
      kind: 'inquiry',
      providerOrganisationId: orgs.board,
      caseReference: 'BAD-1',
      offence: '脅迫',
      facts: '事実',
      necessity: '必要性',
      targets: [{ type: 'ip', address: '198.51.100.7', port: 443, at: '2026-03-29T01:30:12+09:00' }],
      categories: ['subscriber'],
    });
    const counts = async () => {
      const db = hub.ctx.store.db;
      const [r, a, c] = await Promise.all([
        db
          .selectFrom('requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('audit_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return [Number(r.n), Number(a.n), Number(c.n)];
    };

    const cases: Array<[string, () => unknown, number, string, RegExp?]> = [
      ['an unknown field', () => ({ content: { ...valid(), colour: 'red' } }), 400, 'UNKNOWN_FIELD', /colour/],
      [
        'an instant without offset',
        () => ({
          content: { ...valid(), targets: [{ type: 'ip', address: '198.51.100.7', at: '2026-03-29T01:30:12' }] },
        }),
        400,
        'INSTANT_WITHOUT_OFFSET',
        /targets\.0\.at/,
      ],
      [
        'a malformed address',
        () => ({
          content: { ...valid(), targets: [{ type: 'ip', address: '198.51.100.300', at: '2026-03-29T01:30:12Z' }] },
        }),
        400,
        'INVALID_ADDRESS',
        /targets\.0\.address/,
      ],
      [
        'an identifier of the wrong type',
        () => ({ content: { ...valid(), targets: [{ type: 'fax', number: '123' }] } }),
        400,
        'INVALID_IDENTIFIER',
        /targets\.0/,
      ],
      [
        'a port out of range',
        () => ({
          content: {
            ...valid(),
            targets: [{ type: 'ip', address: '198.51.100.7', port: 70000, at: '2026-03-29T01:30:12Z' }],
          },
        }),
        400,
        'VALIDATION_FAILED',
        /port/,
      ],
      [
        'a deadline in the past',
        () => ({ content: { ...valid(), requestedBy: '2020-01-01T00:00:00+09:00' } }),
        400,
        'DEADLINE_IN_PAST',
        /requestedBy/,
      ],
      [
        'an addressee that is not a provider',
        () => ({ content: { ...valid(), providerOrganisationId: orgs.court } }),
        422,
        'NOT_A_PROVIDER',
      ],
      [
        'an unknown addressee',
        () => ({ content: { ...valid(), providerOrganisationId: 'org_nope' } }),
        404,
        'NOT_FOUND',
      ],
      [
        'a category the matrix forbids',
        () => ({ content: { ...valid(), categories: ['content'] } }),
        422,
        'MATRIX_REFUSED',
        /warrant/,
      ],
      ['a missing field', () => ({ content: { ...valid(), facts: undefined } }), 400, 'VALIDATION_FAILED', /facts/],
      // The unit head approves the account he sees: `yamada_taro` on the screen, another string signed.
      [
        'an identifier turned round by a text-direction character',
        () => ({ content: { ...valid(), targets: [{ type: 'account', id: '\u202eorat_adamay' }] } }),
        400,
        'INVALID_IDENTIFIER',
        /"field":"targets\.0\.id".*U\+202E/,
      ],
      [
        'an identifier with a zero-width character',
        () => ({
          content: { ...valid(), targets: [{ type: 'account', id: 'yamada\u200btaro', service: 'さくら掲示板' }] },
        }),
        400,
        'INVALID_IDENTIFIER',
        /"field":"targets\.0\.id".*U\+200B/,
      ],
    ];
    for (const [name, make, status, code, mention] of cases) {
      test(name, async () => {
        const before = await counts();
        const r = await sato.call<ApiError>('POST', '/v1/requests', make());
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.error.code, code);
        assert.ok(r.body.error.message.ja.length > 0 && r.body.error.message.en.length > 0, 'both languages');
        if (mention) assert.match(JSON.stringify(r.body.error), mention);
        assert.deepEqual(await counts(), before, 'nothing stored, not even a case or an audit entry');
      });
    }

    test('an oversized body is refused with 413', async () => {
      // Its own connection: the server answers before reading the whole body and then closes it.
      const payload = JSON.stringify({ content: { ...valid(), facts: 'x'.repeat(1_100_000) } });
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const u = new URL(`${hub.url}/v1/requests`);
        const req = request(
          {
            host: u.hostname,
            port: u.port,
            path: u.pathname,
            method: 'POST',
            agent: false,
            headers: {
              authorization: `Bearer ${sato.token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
      assert.equal(status, 413);
      assert.equal(JSON.parse(text).error.code, 'PAYLOAD_TOO_LARGE');
    });

    test('a body that is not JSON, or not declared as JSON, is refused', async () => {
      const r = await sato.call('POST', '/v1/requests', '{"content": ', { 'content-type': 'application/json' });
      assert.equal(r.status, 400);
      const form = await call(hub.url, 'POST', '/v1/requests', 'content=1', {
        authorization: `Bearer ${sato.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(form.status, 400);
    });

    test('an illegal transition is a typed error naming the allowed actions', async () => {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: valid() });
      const r = await sato.call<ApiError>('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'close' });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, 'ILLEGAL_TRANSITION');
      assert.match(r.body.error.message.en, /Submit for approval/);
      assert.deepEqual(r.body.error.details?.allowed, ['submit', 'withdraw']);
      const bogus = await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'teleport' });
      assert.equal(bogus.status, 400);
    });

    test('unauthenticated calls and a wrong second factor are refused', async () => {
      assert.equal((await call(hub.url, 'GET', '/v1/requests')).status, 401);
      const l = hub.demo.logins.find((x) => x.login === 'sato');
      const wrong = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login: 'sato',
        password: l?.password,
        totp: '000000',
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'UNAUTHENTICATED');
      const noTotp = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', { login: 'sato', password: l?.password });
      assert.equal(noTotp.body.error.code, 'SECOND_FACTOR_REQUIRED');
      const badPw = await call(hub.url, 'POST', '/v1/auth/login', {
        login: 'sato',
        password: 'nope-nope-nope',
        totp: '123456',
      });
      assert.equal(badPw.status, 401);
    });

    test('an idempotency key returns the same request once, and refuses a different body', async () => {
      const before = await counts();
      const a = await sato.call<RequestDetail>(
        'POST',
        '/v1/requests',
        { content: valid() },
        { 'idempotency-key': `k-${dialect}` },
      );
      const b = await sato.call<RequestDetail>(
        'POST',
        '/v1/requests',
        { content: valid() },
        { 'idempotency-key': `k-${dialect}` },
      );
      assert.equal(a.status, 201);
      assert.equal(b.body.id, a.body.id);
      assert.equal((await counts())[0], (before[0] ?? 0) + 1);
      const c = await sato.call<ApiError>(
        'POST',
        '/v1/requests',
        { content: { ...valid(), offence: '別件' } },
        { 'idempotency-key': `k-${dialect}` },
      );
      assert.equal(c.status, 409);
      assert.equal(c.body.error.code, 'IDEMPOTENCY_CONFLICT');
    });

    test('lists paginate with a cursor and filter by state and kind', async () => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const r: Reply<List<RequestSummary>> = await sato.call<List<RequestSummary>>(
          'GET',
          `/v1/requests?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(r.status, 200);
        all.push(...r.body.items.map((i) => i.id));
        cursor = r.body.nextCursor;
      } while (cursor);
      assert.equal(new Set(all).size, all.length, 'no duplicates across pages');
      const total = (await sato.call<List<RequestSummary>>('GET', '/v1/requests?limit=200')).body.items.length;
      assert.equal(all.length, total);
      const drafts = await sato.call<List<RequestSummary>>('GET', '/v1/requests?state=draft&kind=inquiry');
      assert.ok(
        drafts.body.items.length > 0 && drafts.body.items.every((i) => i.state === 'draft' && i.kind === 'inquiry'),
      );
      // An unknown filter value or page mark is named in words, not by the query parameter's name.
      const flying = await sato.call<ApiError>('GET', '/v1/requests?state=draft,flying');
      assert.equal(flying.status, 400);
      assert.deepEqual(flying.body.error.details, { field: 'state', value: 'flying' });
      assert.match(
        flying.body.error.message.ja,
        /^絞り込みの状態「flying」はありません（指定できるもの: draft、.*closed/,
      );
      const badKind = await sato.call<ApiError>('GET', '/v1/requests?kind=letter');
      assert.match(
        badKind.body.error.message.en,
        /^there is no kind of request "letter" to filter by \(one of: inquiry, /,
      );
      const badCursor = await sato.call<ApiError>('GET', '/v1/requests?cursor=nonsense');
      assert.equal(badCursor.status, 400);
      assert.equal(badCursor.body.error.details?.field, 'cursor');
      assert.doesNotMatch(badCursor.body.error.message.ja, /cursor/);
    });
  });
}
