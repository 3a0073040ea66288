// A board's answer gives its account as registered, not a line's subscriber: wherever an answer is shown or printed
// (the request's page through its provider's category, the 回答書 through its frame, the command line), its fields
// are said in the registered user's words (登録された氏名, Name as registered; its posts), a carrier's as before.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerLines } from '../../src/cli/answer-lines.ts';
import { findOrganisation } from '../../src/directory/directory.repository.ts';
import { providerCategoryOf } from '../../src/directory/lookups.ts';
import { toOrganisation } from '../../src/directory/model.ts';
import { subscriberLines } from '../../src/documents/finding-lines.ts';
import { answerHolderOf, SUBSCRIBER_RECORD_WORDS } from '../../src/domain/answer-holder.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgIds } from '../support/exchange.ts';

const registered = { account: 'user-77812', name: '山田 太郎', email: 'taro@example.jp', contractStart: '2024-04-01' };
const CONTRACT_WORDS = /契約|設置場所|Contract|Installation/;

test('whose record an answer gives: by the provider’s category, else by what the request asks', () => {
  const post = { kind: 'inquiry' as const, targets: [{ type: 'url' }] };
  const address = { kind: 'inquiry' as const, targets: [{ type: 'ip' }] };
  assert.equal(answerHolderOf('board', address), 'board');
  assert.equal(answerHolderOf('hosting', address), 'board');
  assert.equal(answerHolderOf('isp', post), 'carrier', 'a known category wins');
  assert.equal(answerHolderOf('cafe', address), 'cafe');
  assert.equal(answerHolderOf('isp', { kind: 'cafe_records', targets: [] }), 'cafe');
  assert.equal(answerHolderOf(null, post), 'board', 'unknown: a request about posts asks a site');
  assert.equal(answerHolderOf(null, address), 'carrier');
  // `other` (none of the kinds, or none recorded) says nothing of whose record: the request says it.
  assert.equal(answerHolderOf('other', post), 'board');
  assert.equal(answerHolderOf('other', address), 'carrier');
});

test("the 回答書 prints a board's registered user in its words; a carrier's subscriber as before", () => {
  const rules = { contractDays: true };
  const board = subscriberLines(registered, 'Asia/Tokyo', rules, 'board');
  assert.deepEqual(board, [
    'アカウント: user-77812',
    '登録された氏名: 山田 太郎',
    '登録されたメールアドレス: taro@example.jp',
    'アカウントの登録日: 令和6年（2024年）4月1日',
  ]);
  const carrier = subscriberLines(registered, 'Asia/Tokyo', rules);
  assert.ok(carrier.includes('氏名・名称: 山田 太郎') && carrier.includes('契約開始: 令和6年（2024年）4月1日'));
});

test("the 回答書's words are its own: a change of the screen's words does not reach a printed page", () => {
  const shared = SUBSCRIBER_RECORD_WORDS.board.name;
  const was = shared.ja;
  try {
    // As a later release might reword the screen; pages of layout 9 must print as they did.
    shared.ja = '利用者氏名';
    const lines = subscriberLines(registered, 'Asia/Tokyo', { contractDays: true }, 'board');
    assert.ok(lines.includes('登録された氏名: 山田 太郎'), lines.join('\n'));
  } finally {
    shared.ja = was;
  }
});

test("the command line says a board's registered user and posts in their words, both languages", () => {
  const answer = {
    outcome: 'full' as const,
    items: [
      {
        targetIndex: 0,
        result: 'found' as const,
        subscriber: registered,
        accessLog: [{ at: '2026-11-20T01:00:00.000Z', address: '203.0.113.9', port: 50123 }],
      },
    ],
  };
  const ja = answerLines(answer, 'ja', { holder: 'board' }).join('\n');
  assert.match(ja, /登録された氏名: 山田 太郎/);
  assert.match(ja, /アカウントの登録日: 2024-04-01/);
  assert.match(ja, /投稿の記録:\n\s+.*203\.0\.113\.9:50123/);
  assert.doesNotMatch(ja, CONTRACT_WORDS);
  assert.doesNotMatch(ja, /通信記録/);
  const en = answerLines(answer, 'en', { holder: 'board' }).join('\n');
  assert.match(en, /Name as registered: 山田 太郎/);
  assert.match(en, /posts:/);
  assert.doesNotMatch(en, CONTRACT_WORDS);
  // A carrier's answer is said as before.
  assert.match(answerLines(answer, 'ja').join('\n'), /契約開始: 2024-04-01/);
});

for (const dialect of testDialects()) {
  describe(`the hub tells whose record an answer gives (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test("a request names its provider's category; a board's 回答書 is framed in its user's words", async () => {
      const sato = await hub.as('sato');
      const answered = hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
      const warrant = hub.demo.requests.find((r) => r.kind === 'warrant' && r.state === 'under_review');
      assert.ok(answered && warrant, 'the demo has the board’s answered inquiry and the ISP’s warrant');
      const detail = async (id: string) =>
        (await sato.call<{ providerCategory: string | null }>('GET', `/v1/requests/${id}`)).body.providerCategory;
      assert.equal(await detail(answered.id), 'board');
      assert.equal(await detail(warrant.id), 'isp');
      const frame = await sato.call<{ answerHolder?: string }>(
        'GET',
        `/v1/requests/${answered.id}/answer-document-frame`,
      );
      assert.equal(frame.status, 200, JSON.stringify(frame.body));
      assert.equal(frame.body.answerHolder, 'board');
    });

    test('a provider with no category recorded reads as `other`, in its answer as in the directory', async () => {
      const sato = await hub.as('sato');
      const answered = hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
      assert.ok(answered);
      const db = hub.ctx.store.db;
      const provider = (await orgIds(hub)).board;
      await db.updateTable('organisations').set({ provider_category: null }).where('id', '=', provider).execute();
      try {
        const row = await findOrganisation(db, provider);
        assert.ok(row);
        assert.equal(toOrganisation(row).providerCategory, 'other');
        assert.equal(await providerCategoryOf(db, provider), 'other', 'one reading of a NULL category');
        const detail = await sato.call<{ providerCategory: string | null }>('GET', `/v1/requests/${answered.id}`);
        assert.equal(detail.body.providerCategory, 'other');
        // Not known, so the request says it: a request about a post asks a site for its registered user.
        const frame = await sato.call<{ answerHolder?: string }>(
          'GET',
          `/v1/requests/${answered.id}/answer-document-frame`,
        );
        assert.equal(frame.body.answerHolder, 'board');
      } finally {
        await db.updateTable('organisations').set({ provider_category: 'board' }).where('id', '=', provider).execute();
      }
    });
  });
}
