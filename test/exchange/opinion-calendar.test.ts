// The opinion deadline over the holiday data's years (民法142条, src/domain/days-off.ts): a hearing whose period
// can be reckoned starts, due on the next working day after a weekend; one whose last days lie past the data is
// refused in words naming the day and the years covered, and the request stays as it was — no letter, no
// deadline, still under review — on the letter's route and the paper route alike.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, underReview } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`the opinion deadline and the holiday data (${dialect})`, () => {
    let now = Date.now();
    const {
      people: [lawyer, board],
      orgs,
      signInAgain,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal'], { clock: () => new Date(now) });
    const civilUnderReview = (n: string) =>
      underReview({ drafter: lawyer, head: lawyer, provider: board }, defamationClaim(orgs.board, n));
    const moveTo = async (at: string) => {
      now = Date.parse(at);
      await signInAgain();
    };

    test('within the data: due after the weekend; past it: refused, and nothing is started', async () => {
      const reckoned = await civilUnderReview('7401');
      const refused = await civilUnderReview('7402');

      // Sent on Saturday 10 December 2050 in Tokyo: the 14th day is Saturday 24 December, so Monday 26.
      await moveTo('2050-12-10T01:00:00.000Z');
      const sent = await board.call<{ dueAt: string }>('POST', `/v1/requests/${reckoned}/hearing`, {
        subscriberName: '田中 次郎',
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      assert.equal(sent.body.dueAt, '2050-12-26T14:59:59.999Z');

      // Sent on 20 December 2050: the 14th day, 3 January 2051, is off in any year; Wednesday 4 January 2051,
      // the day after it, is past the holiday data (1970–2050).
      await moveTo('2050-12-20T01:00:00.000Z');
      const letter = await board.call<ApiError>('POST', `/v1/requests/${refused}/hearing`, {
        subscriberName: '山田 太郎',
      });
      assert.equal(letter.status, 409, JSON.stringify(letter.body));
      assert.match(letter.body.error.message.ja, /2051年1月4日が休日かどうかは.*1970年から2050年まで/);
      assert.match(letter.body.error.message.en, /2051-01-04 .* \(1970 to 2050\): no deadline can be set/);
      const paper = await board.call<ApiError>('POST', `/v1/requests/${refused}/transitions`, {
        action: 'start_opinion_hearing',
        message: '意見照会書を郵送しました',
      });
      assert.equal(paper.status, 409, JSON.stringify(paper.body));
      assert.match(paper.body.error.message.en, /2051-01-04/);
      const after = await board.call<RequestDetail>('GET', `/v1/requests/${refused}`);
      assert.equal(after.body.state, 'under_review');
      assert.equal(after.body.opinionDeadlineAt, null);
      assert.equal(after.body.hearingHeld, false);
      assert.equal((await board.call('GET', `/v1/requests/${refused}/hearing`)).status, 404, 'no letter kept');
    });
  });
}
