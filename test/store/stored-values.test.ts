// A closed-list word the store holds that this version does not know (a newer version's state in a store run
// again by an older one, a hand edit) is read by one checked reader (src/store/stored-values.ts), never cast:
// one record shown or acted on fails in words naming the record, what the value is and the value; a list
// leaves the record out; a published count fails rather than come out short. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { dueForRetention } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { STORED, storedOptional, storedValue, storedValueOrUnknown } from '../../src/store/stored-values.ts';
import { recordConsultation } from '../support/consultations.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgId } from '../support/exchange.ts';
import { boardPost, draft, inquiry } from '../support/flow.ts';
import type { ApiError, List, RequestSummary } from '../support/replies.ts';

const UNKNOWN = 'archived_by_v9';

describe('the stored-value reader', () => {
  test('a member is read as itself; an empty column stays empty', () => {
    assert.equal(storedValue(STORED.requestState, 'answered', 'req_1'), 'answered');
    assert.equal(storedOptional(STORED.declineReason, null, 'req_1'), null);
    assert.equal(storedOptional(STORED.declineReason, 'no_data', 'req_1'), 'no_data');
    assert.equal(storedValueOrUnknown(STORED.requestKind, 'warrant', 'req_1'), 'warrant');
  });

  test('a word this version does not know: an error naming the record, the field and the value', () => {
    assert.throws(
      () => storedValue(STORED.consultationCategory, UNKNOWN, 'con_7'),
      (err: unknown) =>
        err instanceof DomainError &&
        err.code === 'INTERNAL' &&
        /記録 con_7 の相談の種別に、この版の知らない値が保存されています: archived_by_v9。/.test(err.messages.ja) &&
        /record con_7 holds, as a consultation's category, a value this version does not know/.test(err.messages.en) &&
        err.details?.record === 'con_7' &&
        err.details.value === UNKNOWN,
    );
    assert.equal(storedValueOrUnknown(STORED.requestKind, UNKNOWN, 'req_1'), null, 'among many: left out');
  });
});

for (const dialect of testDialects()) {
  describe(`a stored word this version does not know (${dialect})`, () => {
    const hub = hubHooks(dialect);
    const demo = (prefix: string) => hub.demo.requests.find((x) => x.summary.startsWith(prefix)) ?? assert.fail(prefix);
    const setState = (id: string, state: string) =>
      hub.ctx.store.db.updateTable('requests').set({ state }).where('id', '=', id).execute();

    test('a request: shown or acted on, an error in words; left out of lists and search; no statistics', async () => {
      const answered = demo('inquiry → answered');
      const other = demo('inquiry → awaiting approval');
      const sato = await hub.as('sato');
      await setState(answered.id, UNKNOWN);
      try {
        const one = await sato.call<ApiError>('GET', `/v1/requests/${answered.id}`);
        assert.equal(one.status, 500);
        assert.equal(one.body.error.code, 'INTERNAL');
        assert.match(one.body.error.message.ja, new RegExp(`記録 ${answered.id} の照会の状態に、.*: ${UNKNOWN}。`));
        assert.match(one.body.error.message.en, new RegExp(`record ${answered.id} holds, as a request's state, `));

        const act = await sato.call<ApiError>('POST', `/v1/requests/${answered.id}/transitions`, { action: 'close' });
        assert.equal(act.status, 500, JSON.stringify(act.body));
        assert.match(act.body.error.message.en, new RegExp(`${answered.id} .*: ${UNKNOWN}`));

        const list = await sato.call<List<RequestSummary>>('GET', '/v1/requests?limit=200');
        assert.equal(list.status, 200, JSON.stringify(list.body));
        const ids = list.body.items.map((i) => i.id);
        assert.ok(!ids.includes(answered.id), 'left out of the list');
        assert.ok(ids.includes(other.id), 'the others still listed');

        const found = await sato.call<{ items: RequestSummary[] }>('GET', `/v1/search?q=${answered.reference}`);
        assert.equal(found.status, 200, JSON.stringify(found.body));
        assert.deepEqual(found.body.items, [], 'left out of a search');

        const from = new Date(Date.now() - 4 * 365 * 86_400_000).toISOString();
        const to = new Date(Date.now() + 86_400_000).toISOString();
        const stats = await sato.call<ApiError>('GET', `/v1/statistics?${new URLSearchParams({ from, to })}`);
        assert.equal(stats.status, 500, 'a count short of one request is not published');
        assert.match(stats.body.error.message.ja, new RegExp(`記録 ${answered.id} の照会の状態`));
      } finally {
        await setState(answered.id, 'answered');
      }
      assert.equal((await sato.call('GET', `/v1/requests/${answered.id}`)).status, 200, 'readable once corrected');
    });

    test("an organisation's kind: left out of the directory; its people's calls refused in words", async () => {
      const boardId = await orgId(hub, 'Sakura Board K.K.');
      const [sato, board] = [await hub.as('sato'), await hub.as('board.legal')];
      await hub.ctx.store.db.updateTable('organisations').set({ kind: UNKNOWN }).where('id', '=', boardId).execute();
      try {
        const list = await sato.call<{ items: Array<{ id: string }> }>('GET', '/v1/organisations');
        assert.equal(list.status, 200, JSON.stringify(list.body));
        assert.ok(!list.body.items.some((o) => o.id === boardId), 'left out of the directory');
        assert.ok(list.body.items.length > 1, 'the others still listed');
        const mine = await board.call<ApiError>('GET', '/v1/requests');
        assert.equal(mine.status, 500, JSON.stringify(mine.body));
        assert.match(mine.body.error.message.ja, new RegExp(`記録 ${boardId} の組織の種類に、.*: ${UNKNOWN}。`));
      } finally {
        await hub.ctx.store.db
          .updateTable('organisations')
          .set({ kind: 'provider' })
          .where('id', '=', boardId)
          .execute();
      }
    });

    test('a case and a search with the unreadable request first: each shown request keeps its targets', async () => {
      const sato = await hub.as('sato');
      const board = await orgId(hub, 'Sakura Board K.K.');
      const c = await sato.call<{ id: string }>('POST', '/v1/cases', { reference: 'STORED-9', title: '保存値' });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const asking = (path: string) => inquiry(board, { caseReference: 'STORED-9', targets: [boardPost(path)] });
      const kept = await draft(sato, asking('t/kept-xyzzy'), c.body.id);
      const bad = await draft(sato, asking('t/unreadable-plugh'), c.body.id);
      // The unreadable one is the newest: the first row of every list ordered by the last change.
      await hub.ctx.store.db
        .updateTable('requests')
        .set({ state: UNKNOWN, updated_at: new Date(Date.now() + 3_600_000).toISOString() })
        .where('id', '=', bad.id)
        .execute();
      const shown = await sato.call<{ requests: Array<{ id: string; targets: Array<{ url?: string }> }> }>(
        'GET',
        `/v1/cases/${c.body.id}`,
      );
      assert.equal(shown.status, 200, JSON.stringify(shown.body));
      assert.deepEqual(
        shown.body.requests.map((r) => [r.id, r.targets.map((t) => t.url ?? '').join()]),
        [[kept.id, 'https://sakura-board.example/t/kept-xyzzy']],
      );
      const found = await sato.call<{ items: RequestSummary[] }>('GET', '/v1/search?q=kept-xyzzy');
      assert.deepEqual(
        found.body.items.map((i) => i.id),
        [kept.id],
        'found by its own target',
      );
    });

    test('the consultation desk: one shown is refused in words, the list leaves it out', async () => {
      const sato = await hub.as('sato');
      const id = await recordConsultation(sato, {
        name: '相談者 保存値',
        contact: 'stored@mail.example',
        account: '掲示板に実名を書かれた。',
        url: 'https://sakura-board.example/thread/stored#res-1',
      });
      await hub.ctx.store.db.updateTable('consultations').set({ channel: UNKNOWN }).where('id', '=', id).execute();
      const one = await sato.call<ApiError>('GET', `/v1/consultations/${id}`);
      assert.equal(one.status, 500);
      assert.match(one.body.error.message.ja, new RegExp(`記録 ${id} の相談の受理の方法に`));
      const list = await sato.call<{ items: Array<{ id: string }> }>('GET', '/v1/consultations');
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(!list.body.items.some((i) => i.id === id), 'left out of the list');
    });

    test('retention cannot judge a closed request of a kind it does not know: not purged, and said', async () => {
      const closed = demo('inquiry → answered');
      const long = new Date(Date.now() - 20 * 365 * 86_400_000).toISOString();
      const db = hub.ctx.store.db;
      await db
        .updateTable('requests')
        .set({ state: 'closed', closed_at: long, kind: UNKNOWN })
        .where('id', '=', closed.id)
        .execute();
      try {
        const { due, unreadable } = await run(hub.ctx, dueForRetention, SYSTEM_CALLER, 1000);
        assert.ok(!due.some((d) => d.id === closed.id), 'not due: no rule for it');
        assert.deepEqual(
          unreadable.filter((u) => u.id === closed.id),
          [{ id: closed.id, reference: closed.reference, kind: UNKNOWN }],
        );
      } finally {
        await db
          .updateTable('requests')
          .set({ state: 'answered', closed_at: null, kind: 'inquiry' })
          .where('id', '=', closed.id)
          .execute();
      }
    });
  });
}
