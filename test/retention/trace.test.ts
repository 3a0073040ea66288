import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import * as flow from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';
import { retentionHooks } from '../support/retention.ts';

// The trace from a request retention emptied (docs/decisions.md, "The trace from a request retention
// emptied"): its offence, facts and necessity are gone, so the next request is not drafted from it on its
// own — the investigator is told why, in both languages, and drafts it by writing them anew.

const CAFE_RECORD = { address: '192.0.2.150', port: 40001, at: '2026-11-29T21:05:00+09:00' };
const TEXT = {
  offence: '脅迫',
  facts: '掲示板に脅迫の書き込みがあった（改めて記載）',
  necessity: '利用者を特定するため',
};

for (const dialect of testDialects()) {
  describe(`the trace from a retained request (${dialect})`, () => {
    const { hub, orgs, sato, tanaka, board, retained } = retentionHooks(dialect);

    test('refused without the text, saying why; drafted when it is written anew', async () => {
      const caseId = await flow.newCase(hub, 'TRACE-RET-1');
      const id = (await flow.draft(sato, flow.threatPostInquiry(orgs.board, 'TRACE-RET-1'), caseId)).id;
      await flow.submitApprove(sato, tanaka, id);
      await flow.answer(board, id, [
        { targetIndex: 0, result: 'found', accessLog: [{ ...CAFE_RECORD, action: 'login' }] },
      ]);
      // The member read the record before the request closed; the answer stays sealed to the unit.
      const from = await flow.fromAnswer(hub, 'sato', id);
      assert.equal((await flow.proposeNext(sato, caseId, from)).status, 200, 'the trace goes on before retention');
      await retained(id, 'archive');

      const reference = (await sato.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.reference;
      for (const refused of [
        await flow.proposeNext<ApiError>(sato, caseId, from),
        await flow.draftNext<ApiError>(sato, caseId, { from }),
      ]) {
        assert.equal(refused.status, 410, JSON.stringify(refused.body));
        assert.equal(refused.body.error.code, 'PURGED');
        assert.equal(refused.body.error.details?.field, 'text');
        assert.match(
          refused.body.error.message.ja,
          new RegExp(
            `${reference} の罪名・事実・必要性は.*保存期間（1日）.*消去されました.*` +
              '次の照会の罪名・事実・必要性を改めて記載してください$',
          ),
        );
        assert.doesNotMatch(refused.body.error.message.ja, /text/, 'no field name in the sentence people read');
        assert.doesNotMatch(refused.body.error.message.en, /\(text\)/, 'no field name in the sentence people read');
        assert.match(
          refused.body.error.message.en,
          new RegExp(
            `necessity of ${reference} were removed on .*1 days after it closed: .*` +
              "write the next request's offence, facts and necessity anew$",
          ),
        );
      }

      const proposal = await sato.call<{ content: Record<string, unknown> }>(
        'POST',
        `/v1/cases/${caseId}/trace/proposals`,
        { from, text: TEXT },
      );
      assert.equal(proposal.status, 200, JSON.stringify(proposal.body));
      assert.equal(proposal.body.content.necessity, TEXT.necessity);
      const drafted = await sato.call<{ request: RequestDetail }>('POST', `/v1/cases/${caseId}/trace/drafts`, {
        from,
        text: TEXT,
      });
      assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
      assert.equal(drafted.body.request.content?.facts, TEXT.facts);
      assert.equal(drafted.body.request.content?.kind, 'cafe_records');
    });
  });
}
