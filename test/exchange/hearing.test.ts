// The subscriber's hearing (意見照会, issue 15): the letter with a reply link and a one-time code, the
// reply through the link (wrong codes counted and locked), the decision after the reply or after two
// weeks without one; the hearing held through the system is not stepped around by hand,
// and its link takes no reply once the request no longer awaits one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, parseIsoInstant } from '../../src/domain/time.ts';
import { documentOf, flat, readBack } from '../documents/support.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, call, hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, underReview } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

/** The day in Tokyo of an instant, YYYY-MM-DD. */
const dayOfTokyo = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

interface Sent {
  replyPath: string;
  code: string;
  letterWithCode: string;
  letter: string;
  dueAt: string;
  status: string;
}
interface Hearing {
  status: string;
  reply: string | null;
  reasons: string | null;
  decision: string | null;
}

const CLOCK_FROM = Date.parse('2026-12-01T01:00:00.000Z');
const started = Date.now();

for (const dialect of testDialects()) {
  describe(`the subscriber's hearing (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal'], {
      // A fixed day, the clock running on from 10:00 on Tuesday 1 December 2026 in Tokyo: the deadline is known.
      clock: () => new Date(CLOCK_FROM + (Date.now() - started)),
    });

    async function civilUnderReview(n: string): Promise<string> {
      // The claimant's lawyer files the request and signs it on their own passkey.
      return underReview({ drafter: lawyer, head: lawyer, provider: board }, defamationClaim(orgs.board, n));
    }

    test('letter → wrong code refused → objection through the link → withheld, declined', async () => {
      const id = await civilUnderReview('7001');
      // The provider's page says whether a hearing is held, so that it asks for one only then (no 404 on every
      // page of a request without one); the claimant's side is never told.
      const before = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(before.body.hearingHeld, false);
      assert.equal((await board.call('GET', `/v1/requests/${id}/hearing`)).status, 404);
      const sentFrom = hub.ctx.clock();
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, {
        subscriberName: '田中 次郎',
        subscriberAddress: '東京都新宿区西新宿2-8-1',
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const sentBy = hub.ctx.clock();
      assert.match(sent.body.code, /^\d{4}-\d{4}$/);
      assert.match(sent.body.letterWithCode, /意見照会書/);
      assert.match(sent.body.letterWithCode, /令和\d+年（20\d\d年）/);
      assert.ok(sent.body.letterWithCode.includes(sent.body.code));
      assert.ok(!sent.body.letter.includes(sent.body.code), 'the kept letter does not hold the code');
      // Sent on Tuesday 1 December 2026 in Tokyo: due at the end of the 14th day, Tuesday 15 December, there.
      assert.equal(dayOfTokyo(sentFrom), '2026-12-01');
      assert.equal(dayOfTokyo(sentBy), '2026-12-01', 'sent on the day the clock was set to');
      assert.equal(sent.body.dueAt, '2026-12-15T14:59:59.999Z');
      assert.match(formatDateTime(parseIsoInstant(sent.body.dueAt), 'ja', 'Asia/Tokyo'), / 23:59:59 \+09:00$/);
      const req = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(req.body.state, 'awaiting_opinion');
      assert.equal(req.body.hearingHeld, true);
      assert.equal((await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.hearingHeld, false);
      // A second letter for the same request is refused.
      assert.equal((await board.call('POST', `/v1/requests/${id}/hearing`, { subscriberName: 'x' })).status, 409);

      const token = sent.body.replyPath.split('/').pop() ?? '';
      const link = await call<{ providerNameJa: string; status: string }>(hub.url, 'GET', `/v1/hearings/${token}`);
      assert.equal(link.status, 200);
      assert.equal(link.body.providerNameJa, 'さくら掲示板株式会社');
      assert.equal(link.body.status, 'awaiting_reply');
      const wrong = await call<ApiError>(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: '0000-0000',
        reply: 'consent',
      });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error.details?.field, 'code');
      const noReasons = await call<ApiError>(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: sent.body.code,
        reply: 'objection',
      });
      assert.equal(noReasons.status, 400);
      // Deciding before the reply or the deadline is refused.
      assert.equal(
        (await board.call('POST', `/v1/requests/${id}/hearing/decision`, { decision: 'disclose' })).status,
        409,
      );
      const ok = await call(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: sent.body.code,
        reply: 'objection',
        reasons: '書込みは事実に基づく論評であり、権利侵害はありません。',
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const again = await call(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: sent.body.code,
        reply: 'consent',
      });
      assert.equal(again.status, 409);

      const h = await board.call<Hearing>('GET', `/v1/requests/${id}/hearing`);
      assert.equal(h.body.status, 'replied');
      assert.equal(h.body.reply, 'objection');
      assert.match(h.body.reasons ?? '', /論評/);
      // The claimant's lawyer does not read the subscriber's reply, nor its reasons in the thread.
      assert.equal((await lawyer.call('GET', `/v1/requests/${id}/hearing`)).status, 403);
      const decided = await board.call<Hearing>('POST', `/v1/requests/${id}/hearing/decision`, {
        decision: 'withhold',
        note: '権利侵害が明白とはいえない。',
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      assert.equal(decided.body.status, 'decided');
      const r = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(r.body.state, 'declined');
      assert.equal(r.body.declineReason, 'subscriber_objection_upheld');
      // The lawyer sees the decision and that the subscriber objected, never the subscriber's words.
      const seen = await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(seen.body.state, 'declined');
      assert.equal(seen.body.declineNote, '権利侵害が明白とはいえない。');
      // The hearing's notices carry their code and each language apart; the reader's interface picks one.
      const notices = seen.body.messages.filter((m) => m.notice !== null);
      assert.deepEqual(
        notices.map((m) => [m.notice?.code, m.body]),
        [
          ['hearing_letter_sent', ''],
          ['opinion_objection', ''],
        ],
      );
      assert.deepEqual(notices[1]?.notice?.text, {
        ja: '発信者は開示に同意しませんでした（理由は事業者が保有）。',
        en: 'The subscriber objects (the reasons stay with the provider).',
      });
      const thread = JSON.stringify(seen.body);
      assert.match(thread, /同意しませんでした/);
      assert.doesNotMatch(thread, /論評/);
    });

    test('parallel guesses at the code are each counted: five are compared, then the link is locked', async () => {
      const id = await civilUnderReview('7009');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '並行 太郎' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const token = sent.body.replyPath.split('/').pop() ?? '';
      // Before, each attempt read the count, compared the code and wrote the count it read plus one: on
      // PostgreSQL thirty parallel guesses had some thirty codes compared before the link locked.
      const guesses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          call<ApiError>(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
            code: `0000-${String(i).padStart(4, '0')}`,
            reply: 'consent',
          }),
        ),
      );
      assert.ok(
        guesses.every((g) => g.status === 403),
        JSON.stringify(guesses.map((g) => g.status)),
      );
      const compared = guesses.filter((g) => g.body.error.details?.field === 'code');
      assert.equal(compared.length, 5, 'only five codes are compared');
      const right = await call<ApiError>(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: sent.body.code,
        reply: 'consent',
      });
      assert.equal(right.status, 403);
      assert.match(right.body.error.message.en, /locked/);
    });

    test('the 意見照会書 and the letter state the deadline the reply link enforces, as a date', async () => {
      const id = await civilUnderReview('7003');
      const opinion = (c: Client) => documentOf(hub.url, c.token, id, 'opinion');
      // Before the letter there is no deadline to state: no 意見照会書 either, and it says why.
      const early = await opinion(board);
      assert.equal(early.status, 409);
      assert.match(early.bytes.toString('utf8'), /回答期限/);
      const offered = async (c: Client) => (await c.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.documents;
      assert.deepEqual(await offered(board), [], 'signed, not answered, no letter: nothing to offer yet');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '山田 四郎' });
      assert.equal(sent.status, 201);
      const token = sent.body.replyPath.split('/').pop() ?? '';
      const link = await call<{ dueAt: string }>(hub.url, 'GET', `/v1/hearings/${token}`);
      assert.equal(link.body.dueAt, sent.body.dueAt, 'the link closes at the deadline the letter states');
      // The day the reply link closes at its end in Japan: a date with the era year, no time of day or offset.
      const at = parseIsoInstant(sent.body.dueAt);
      const ja = formatDate(at, 'ja', 'Asia/Tokyo');
      const en = formatDate(at, 'en', 'Asia/Tokyo');
      assert.match(ja, /^令和\d+年（20\d\d年）\d+月\d+日$/);
      const letter = sent.body.letterWithCode;
      assert.ok(letter.includes(`その理由を、${ja}までにご回答ください`), letter);
      assert.ok(letter.includes(`Please tell us by ${en} (Japan time) whether`), letter);
      assert.doesNotMatch(letter, /\d\d:\d\d:\d\d|\+09:00/);
      // The items asked for, the right and the reason: test/hearing/letter.test.ts.
      assert.ok(letter.includes('発信者その他侵害情報の送信に係る者の氏名又は名称、発信者等の住所。'), letter);
      for (const c of [board, lawyer]) {
        assert.deepEqual(await offered(c), ['opinion'], 'the letter is sent: its 意見照会書 is offered');
        const r = await opinion(c);
        assert.equal(r.status, 200, r.bytes.toString('utf8'));
        const text = flat(readBack(new Uint8Array(r.bytes)).text);
        assert.ok(text.includes(`。${flat(ja)}までに、末尾の回答書でご回答ください`), text);
        assert.match(
          text,
          /侵害されたとする権利名誉権.+開示を受けるべき正当な理由（請求者の主張）損害賠償請求権の行使/,
        );
        assert.match(text, /・発信者その他侵害情報の送信に係る者の氏名又は名称・発信者等の住所以上/);
        assert.doesNotMatch(text, /14日以内/);
      }
    });

    test('no reply in two weeks: the provider decides to disclose and answers', async () => {
      const id = await civilUnderReview('7002');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '佐々木 三郎' });
      const token = sent.body.replyPath.split('/').pop() ?? '';
      // Two weeks pass without a reply (the deadline moved into the past, as time would move it).
      await hub.ctx.store.db
        .updateTable('hearings')
        .set({ due_at: new Date(hub.ctx.clock().getTime() - 1000).toISOString() })
        .where('request_id', '=', id)
        .execute();
      {
        const late = await call(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
          code: sent.body.code,
          reply: 'consent',
        });
        assert.equal(late.status, 409, 'too late to reply');
        const h = await board.call<Hearing>('GET', `/v1/requests/${id}/hearing`);
        assert.equal(h.body.status, 'lapsed');
        const decided = await board.call<Hearing>('POST', `/v1/requests/${id}/hearing/decision`, {
          decision: 'disclose',
        });
        assert.equal(decided.status, 200, JSON.stringify(decided.body));
        const ans = await board.call<RequestDetail>('POST', `/v1/requests/${id}/transitions`, {
          action: 'answer',
          answer: {
            outcome: 'full',
            items: [{ targetIndex: 0, result: 'found', subscriber: { name: '佐々木 三郎' } }],
          },
        });
        assert.equal(ans.body.state, 'answered', JSON.stringify(ans.body));
      }
    });

    test('with a letter out, an opinion recorded by hand is refused: no answer before the reply', async () => {
      const id = await civilUnderReview('7101');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '田中 次郎' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const offered = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.ok(!offered.body.allowedActions.includes('record_opinion'), offered.body.allowedActions.join());
      // Before, the generic move recorded "consent" the same minute and the answer followed, the letter's
      // two weeks never run and the subscriber's link still open after the disclosure.
      const byHand = await board.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'record_opinion',
        opinion: '同意',
        objection: false,
      });
      assert.equal(byHand.status, 409, JSON.stringify(byHand.body));
      assert.equal(byHand.body.error.details?.field, 'action');
      assert.match(byHand.body.error.message.ja, /意見照会/);
      const answer = await board.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'answer',
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'found', subscriber: { name: '田中 次郎' } }] },
      });
      assert.equal(answer.status, 409);
      const r = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(r.body.state, 'awaiting_opinion');
      assert.ok(!r.body.messages.some((m) => m.purpose === 'opinion'), 'no opinion was written');
      // The subscriber's reply still counts, and the decision is the hearing's.
      const ok = await call(hub.url, 'POST', `/v1/hearings/${sent.body.replyPath.split('/').pop() ?? ''}/reply`, {
        code: sent.body.code,
        reply: 'consent',
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const decided = await board.call('POST', `/v1/requests/${id}/hearing/decision`, { decision: 'disclose' });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
    });

    test('a hearing on paper: "no reply" is recorded by hand only after its deadline', async () => {
      const id = await civilUnderReview('7201');
      const started = await board.call<RequestDetail>('POST', `/v1/requests/${id}/transitions`, {
        action: 'start_opinion_hearing',
        message: '意見照会書を郵送しました',
      });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      const byHand = (body: object) =>
        board.call<ApiError>('POST', `/v1/requests/${id}/transitions`, { action: 'record_opinion', ...body });
      // It must say whether the subscriber replied.
      const unsaid = await byHand({ opinion: '回答なし', objection: false });
      assert.deepEqual(
        [unsaid.status, unsaid.body.error.details?.field],
        [400, 'replied'],
        JSON.stringify(unsaid.body),
      );
      // "No reply" the day the letter went out would cut the subscriber's two weeks short.
      const early = await byHand({ opinion: '回答なし', objection: false, replied: false });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.match(early.body.error.message.ja, /期限.*令和/);
      assert.match(early.body.error.message.en, /deadline/);
      const noReplyObjects = await byHand({ opinion: '回答なし', objection: true, replied: false });
      assert.deepEqual([noReplyObjects.status, noReplyObjects.body.error.details?.field], [400, 'objection']);
      // Once the deadline has passed, "no reply" stands.
      await hub.ctx.store.db
        .updateTable('requests')
        .set({ opinion_deadline_at: new Date(hub.ctx.clock().getTime() - 60_000).toISOString() })
        .where('id', '=', id)
        .execute();
      const late = await byHand({ opinion: '期限までに回答なし', objection: false, replied: false });
      assert.equal(late.status, 200, JSON.stringify(late.body));
      assert.equal((late.body as unknown as RequestDetail).state, 'under_review');
    });

    test('a hearing on paper: a reply received is recorded by hand before the deadline', async () => {
      const id = await civilUnderReview('7202');
      await board.call('POST', `/v1/requests/${id}/transitions`, { action: 'start_opinion_hearing' });
      const r = await board.call<RequestDetail>('POST', `/v1/requests/${id}/transitions`, {
        action: 'record_opinion',
        opinion: '開示に同意しません（書面で回答）',
        objection: true,
        replied: true,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.state, 'under_review');
    });

    test('a request withdrawn during the hearing closes the reply link: no reply is taken or kept', async () => {
      const id = await civilUnderReview('7102');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '佐藤 花子' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const w = await signedWithdrawal(lawyer, id, '和解が成立したため');
      assert.equal(w.state, 'withdrawn', JSON.stringify(w));
      const token = sent.body.replyPath.split('/').pop() ?? '';
      const link = await call<{ status: string }>(hub.url, 'GET', `/v1/hearings/${token}`);
      assert.equal(link.status, 200);
      assert.notEqual(link.body.status, 'awaiting_reply', 'the link does not invite a reply');
      const late = await call<ApiError>(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: sent.body.code,
        reply: 'objection',
        reasons: '私の住所は東京都新宿区です。開示に反対します。',
      });
      assert.equal(late.status, 409, JSON.stringify(late.body));
      assert.match(late.body.error.message.ja, /終了/);
      const kept = await hub.ctx.store.db
        .selectFrom('hearings')
        .select(['reply', 'reply_reasons'])
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(kept, { reply: null, reply_reasons: null }, 'nothing of the reply is stored');
    });
    test("the claimant's lawyer does not read the subscriber's reply on the timeline before the decision", async () => {
      const id = await civilUnderReview('7103');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '高橋 健' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const link = `/v1/hearings/${sent.body.replyPath.split('/').pop() ?? ''}/reply`;
      assert.equal((await call(hub.url, 'POST', link, { code: '0000-0000', reply: 'consent' })).status, 403);
      const reply = { code: sent.body.code, reply: 'objection', reasons: '開示に反対します。' };
      assert.equal((await call(hub.url, 'POST', link, reply)).status, 200);
      assert.equal((await board.call('GET', `/v1/requests/${id}/hearing`)).status, 200);
      type Timeline = { items: Array<{ action: string; details: Record<string, unknown> }> };
      const actions = async (c: Client) =>
        (await c.call<Timeline>('GET', `/v1/requests/${id}/audit`)).body.items.map((e) => e.action);
      // Before, the lawyer read "hearing.replied: objection" (and the wrong codes, and who at the provider
      // read the reply) while the provider had not decided: the thread tells the reply only with the decision.
      const seen = await actions(lawyer);
      for (const hidden of ['hearing.replied', 'hearing.reply_refused', 'hearing.viewed']) {
        assert.ok(!seen.includes(hidden), `${hidden} in ${seen.join()}`);
        assert.ok((await actions(board)).includes(hidden), `the provider reads ${hidden}`);
      }
      assert.ok(seen.includes('hearing.letter_sent'), seen.join());
    });
    test('a code typed in full-width digits (Japanese input) is the code; a malformed one is not counted', async () => {
      const id = await civilUnderReview('7104');
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '伊藤 誠' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const link = `/v1/hearings/${sent.body.replyPath.split('/').pop() ?? ''}/reply`;
      const attempts = async () =>
        (
          await hub.ctx.store.db
            .selectFrom('hearings')
            .select('failed_attempts')
            .where('request_id', '=', id)
            .executeTakeFirstOrThrow()
        ).failed_attempts;
      // Not eight digits: said as such, naming the field, and no attempt taken from the five.
      const short = await call<ApiError>(hub.url, 'POST', link, { code: '1234', reply: 'consent' });
      assert.equal(short.status, 400, JSON.stringify(short.body));
      assert.equal(short.body.error.details?.field, 'code');
      assert.match(short.body.error.message.ja, /8桁/);
      assert.equal(Number(await attempts()), 0);
      // Before, "１２３４－５６７８" lost its digits and counted as a wrong code: five such and the link locked.
      const wide = sent.body.code.replace(/[0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      const ok = await call(hub.url, 'POST', link, { code: wide, reply: 'consent' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
    });
  });
}
