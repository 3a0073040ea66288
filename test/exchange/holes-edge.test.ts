// Regressions for the holes at the edge (issue 10): the approval digest handed out. Each failed on the
// code before.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { approve, type Client, orgId, startHub, type TestHub } from '../support/exchange.ts';
import type { ApiError, RequestDetail, SigningPreview } from '../support/replies.ts';

const base = {
  caseReference: '令和8年 第88号',
  offence: '脅迫',
  facts: '掲示板への脅迫の書き込み',
  necessity: '発信者の特定のため',
};

for (const dialect of testDialects()) {
  describe(`holes at the edge (${dialect})`, () => {
    let hub: TestHub;
    let sato: Client;
    let boardId: string;

    before(async () => {
      hub = await startHub(dialect);
      sato = await hub.as('sato');
      boardId = await orgId(hub, 'Sakura Board K.K.');
    });
    after(async () => hub.close());

    const inquiry = (extra: Record<string, unknown> = {}) => ({
      kind: 'inquiry',
      providerOrganisationId: boardId,
      ...base,
      targets: [{ type: 'url', url: 'https://sakura-board.example/t/88' }],
      categories: ['subscriber'],
      ...extra,
    });

    // ---- 7. the digest is not handed out ----

    test('a refused approval does not hand out the digest it expected', async () => {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: inquiry() });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.equal(
        (await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' })).status,
        200,
      );
      const tanaka = await hub.as('tanaka');
      const guess = 'a'.repeat(64);
      const refused = await tanaka.call<ApiError>('POST', `/v1/requests/${d.body.id}/transitions`, {
        action: 'approve',
        digest: guess,
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.details?.field, 'digest');
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${d.body.id}/signing-preview`);
      assert.equal(
        JSON.stringify(refused.body).includes(preview.body.digest),
        false,
        'the digest is not in the refusal',
      );
      assert.equal((await approve(tanaka, d.body.id)).status, 200);
    });
  });
}
