// A hearing that cannot be held (意見照会不能): the provider records why (a closed list) and its own
// note — before any letter (no contact details held) or after one (returned undelivered) — and then
// decides; the claimant's lawyer reads only that no opinion could be heard and the listed reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { documentOf } from '../documents/support.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks } from '../support/exchange.ts';
import { civilDisclosure, underReview } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

interface Hearing {
  status: string;
  letter: string | null;
  decision: string | null;
  impossible: { reason: string; note: string } | null;
}

for (const dialect of testDialects()) {
  describe(`a hearing that cannot be held (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal']);

    /** The lawyer's civil request about thread `n`, issued and under the board's review: its id. */
    const civilUnderReview = (n: string) =>
      underReview({ drafter: lawyer, head: lawyer, provider: board }, civilDisclosure(orgs.board, n));

    const auditOf = (id: string) => auditDetails(hub.ctx.store.db, 'hearing.impossible', id);

    test('no contact details: recorded, audited, decided; the lawyer sees the reason, not the note', async () => {
      const id = await civilUnderReview('7101');
      const note = '当掲示板は投稿者の氏名・住所・メールアドレスを保有していない（IPアドレスのみ）。';
      const rec = await board.call<Hearing>('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'no_contact_details',
        note,
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      assert.equal(rec.body.status, 'impossible');
      assert.equal(rec.body.letter, null);
      assert.equal(rec.body.impossible?.reason, 'no_contact_details');
      const audited = await auditOf(id);
      assert.equal(audited.length, 1);
      assert.equal(audited[0]?.reason, 'no_contact_details');
      const staged = (await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;
      assert.equal(staged.state, 'awaiting_opinion');
      assert.equal(staged.opinionDeadlineAt, null, 'no reply is awaited, so no reply deadline is shown');
      assert.deepEqual(staged.documents, [], 'no letter was sent: no 意見照会書 to offer');
      // Neither a second record nor a letter afterwards.
      const twice = await board.call('POST', `/v1/requests/${id}/hearing/impossible`, { reason: 'other', note: 'x' });
      assert.equal(twice.status, 409);
      assert.equal((await board.call('POST', `/v1/requests/${id}/hearing`, { subscriberName: 'x' })).status, 409);

      const decided = await board.call<Hearing>('POST', `/v1/requests/${id}/hearing/decision`, {
        decision: 'disclose',
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      assert.equal(decided.body.status, 'decided');
      assert.equal(decided.body.decision, 'disclose');
      assert.equal((await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.state, 'under_review');
      const again = await board.call<Hearing>('GET', `/v1/requests/${id}/hearing`);
      assert.equal(again.body.status, 'decided');

      const detail = (await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;
      // The thread's notices: a code and each language apart, rendered for the reader.
      assert.deepEqual(
        detail.messages.map((m) => [m.notice?.code, m.body]),
        [
          ['hearing_impossible', ''],
          ['opinion_not_heard', ''],
        ],
      );
      assert.deepEqual(detail.messages[1]?.notice?.text, {
        ja: '発信者の意見を聴くことができませんでした（発信者の連絡先を保有していない）。',
        en: "The subscriber's opinion could not be asked (no contact details of the subscriber are held).",
      });
      const seen = JSON.stringify(detail);
      assert.match(seen, /意見を聴くことができませんでした/);
      assert.match(seen, /could not be asked/);
      assert.match(seen, /連絡先を保有していない/);
      assert.doesNotMatch(seen, /IPアドレスのみ/, "the provider's note stays with the provider");
      assert.equal((await lawyer.call('GET', `/v1/requests/${id}/hearing`)).status, 403);
    });

    test('the letter came back: the link closes, the provider withholds', async () => {
      const id = await civilUnderReview('7102');
      const sent = await board.call<{ replyPath: string; code: string }>('POST', `/v1/requests/${id}/hearing`, {
        subscriberName: '田中 次郎',
        subscriberAddress: '東京都新宿区西新宿2-8-1',
      });
      assert.equal(sent.status, 201);
      const rec = await board.call<Hearing>('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'returned_undelivered',
        note: '照会書が「あて所に尋ねあたりません」で返送された。',
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      assert.equal(rec.body.status, 'impossible');
      assert.ok(rec.body.letter, 'the letter as sent stays');
      const detail = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(detail.body.opinionDeadlineAt, null, 'the letter came back: its reply deadline no longer runs');
      // The letter was sent, so its 意見照会書 (stating the deadline it set) is still offered and made.
      assert.deepEqual(detail.body.documents, ['opinion']);
      const opinion = await documentOf(hub.url, board.token, id, 'opinion');
      assert.equal(opinion.status, 200, opinion.bytes.toString('utf8'));
      const token = sent.body.replyPath.split('/').pop() ?? '';
      const late = await call(hub.url, 'POST', `/v1/hearings/${token}/reply`, {
        code: sent.body.code,
        reply: 'consent',
      });
      assert.equal(late.status, 409, 'the reply link is closed');
      const decided = await board.call<Hearing>('POST', `/v1/requests/${id}/hearing/decision`, {
        decision: 'withhold',
        reason: 'infringement_not_evident',
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      const seen = await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(seen.body.state, 'declined');
      assert.match(JSON.stringify(seen.body), /返送された/);
      assert.doesNotMatch(JSON.stringify(seen.body), /尋ねあたりません/);
    });

    test('refused: a return without a letter, an unknown reason, the requester, after a reply', async () => {
      const id = await civilUnderReview('7103');
      const noLetter = await board.call<ApiError>('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'returned_undelivered',
        note: '返送',
      });
      assert.equal(noLetter.status, 400);
      assert.equal(noLetter.body.error.details?.field, 'reason');
      assert.ok(noLetter.body.error.message.ja && noLetter.body.error.message.en);
      const unknown = await board.call<ApiError>('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'lost',
        note: 'x',
      });
      assert.equal(unknown.status, 400);
      const noNote = await board.call<ApiError>('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'other',
      });
      assert.equal(noNote.status, 400);
      const byLawyer = await lawyer.call('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'no_contact_details',
        note: 'x',
      });
      assert.equal(byLawyer.status, 403);
      assert.equal((await auditOf(id)).length, 0, 'nothing recorded');

      const sent = await board.call<{ replyPath: string; code: string }>('POST', `/v1/requests/${id}/hearing`, {
        subscriberName: '佐藤 四郎',
      });
      const token = sent.body.replyPath.split('/').pop() ?? '';
      await call(hub.url, 'POST', `/v1/hearings/${token}/reply`, { code: sent.body.code, reply: 'consent' });
      const afterReply = await board.call('POST', `/v1/requests/${id}/hearing/impossible`, {
        reason: 'contact_failed',
        note: 'x',
      });
      assert.equal(afterReply.status, 409);
    });
  });
}
