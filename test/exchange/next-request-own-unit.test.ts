// Security review (low): the next request of a chain follows a request of the drafter's own unit, as the
// refusal always said ("自所属の照会"). A colleague of another unit the request was shared with reads it and
// takes no act on it (docs/security.md): they drafted from it — its offence, facts and necessity seeded
// their draft, linked to it — because only the agency side was checked. Now they are refused, in words.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { investigatorOfNewUnit } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks } from '../support/exchange.ts';
import {
  answer,
  draft,
  draftNext,
  inquiry,
  newCase,
  proposeNext,
  submitApprove,
  THREAT_POST,
  threatPostInquiry,
} from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

const RECORD = { address: '203.0.113.45', port: 51234, at: '2026-11-30T23:42:17+09:00' };

for (const dialect of testDialects()) {
  describe(`only the issuing unit drafts the next request from a request (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, admin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'mpd.admin']);
    let caseId: string, followed: string, colleague: Client, colleagueId: string;
    const from = () => ({ source: 'answer', requestId: followed, record: RECORD });

    before(async () => {
      caseId = await newCase(hub, `SHARED-${dialect}`);
      followed = (await draft(sato, threatPostInquiry(orgs.board, `SHARED-${dialect}`), caseId)).id;
      assert.equal((await submitApprove(sato, tanaka, followed)).state, 'received');
      await answer(board, followed, [
        {
          targetIndex: 0,
          result: 'found',
          subscriber: { account: 'anon-1' },
          accessLog: [{ ...RECORD, action: 'post' }],
        },
      ]);
      ({ id: colleagueId, client: colleague } = await investigatorOfNewUnit(
        hub,
        admin,
        orgs.mpd,
        { nameJa: '捜査第四課', nameEn: 'Fourth Investigation Division' },
        { login: `fourth.unit-${dialect}`, displayName: '第四課 捜査員', password: 'fourth-unit-password-26' },
      ));
      const shared = await sato.call('POST', `/v1/requests/${followed}/shares`, { userId: colleagueId });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));
      assert.equal((await colleague.call('GET', `/v1/requests/${followed}`)).status, 200, 'they read it');
    });

    /** The refusal a colleague it was shared with gets: FORBIDDEN in both languages, naming the field. */
    const refusedAsShared = (r: { status: number; body: ApiError }, field: string) => {
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'FORBIDDEN');
      assert.equal(r.body.error.details?.field, field);
      assert.equal(r.body.error.details?.value, followed);
      assert.match(r.body.error.message.ja, /共有された.*自所属の照会ではありません/);
      assert.match(r.body.error.message.en, /shared with you to read.*issuing unit drafts the next request/);
    };

    test('the trace proposes and drafts nothing from it for a colleague it was shared with', async () => {
      refusedAsShared(await proposeNext<ApiError>(colleague, caseId, from()), 'from.requestId');
      refusedAsShared(await draftNext<ApiError>(colleague, caseId, { from: from() }), 'from.requestId');
      // The issuing unit does.
      const own = await proposeNext(sato, caseId, from());
      assert.equal(own.status, 200, JSON.stringify(own.body));
    });

    test('a draft of theirs cannot name it as the request it follows', async () => {
      const identifier = { type: 'account', id: `follow-${dialect}` };
      const body = (caseRef: string) => ({
        caseId,
        content: inquiry(orgs.board, { caseReference: caseRef, targets: [identifier] }),
        follows: { source: 'answer', requestId: followed, identifier },
      });
      const theirs = await colleague.call<ApiError>('POST', '/v1/requests', body(`SHARED-${dialect}`));
      refusedAsShared(theirs, 'follows.requestId');
      const drafted = await hub.ctx.store.db
        .selectFrom('requests')
        .select('id')
        .where('drafted_by', '=', colleagueId)
        .execute();
      assert.deepEqual(drafted, [], 'no draft was left behind');
      const ours = await sato.call<RequestDetail>('POST', '/v1/requests', body(`SHARED-${dialect}`));
      assert.equal(ours.status, 201, JSON.stringify(ours.body));
    });

    test("an e-mail's next request takes the case text from the caller's own unit's requests only", async () => {
      const mail = { source: 'mail', record: RECORD };
      const theirs = await proposeNext<{ content: Record<string, unknown> | null }>(colleague, caseId, mail);
      assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
      assert.equal(theirs.body.content, null, 'nothing of the shared request seeds it');
      const ours = await proposeNext<{ content: Record<string, unknown> | null }>(sato, caseId, mail);
      assert.equal(ours.status, 200, JSON.stringify(ours.body));
      assert.equal(ours.body.content?.offence, THREAT_POST.offence);
    });
  });
}
