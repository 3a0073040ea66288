// A closed-list word the store holds that this version does not know (a newer version's state in a store run
// again by an older one, a hand edit) is read by one checked reader (src/store/stored-values.ts), never cast:
// one record shown or acted on fails in words naming the record, what the value is and the value; a list
// leaves the record out; a published count fails rather than come out short. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import { STORED, storedOptional, storedValue, storedValueOrUnknown } from '../../src/store/stored-values.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgId } from '../support/exchange.ts';
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
        /記録 con_7 の相談の分類に、この版の知らない値が保存されています: archived_by_v9。/.test(err.messages.ja) &&
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
  });
}
