// Regressions for the holes at the edge (issue 10): the approval digest handed out, and bad input
// that gave a 500 or an unsignable draft. Each failed on the code before.
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

    // ---- 7. bad input at the door; the digest is not handed out ----

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

    test('deeply nested JSON with an Idempotency-Key is a 400 naming the problem, not a 500', async () => {
      const depth = 10_000;
      const body = `{"content":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      const r = await sato.call<ApiError>('POST', '/v1/requests', body, { 'idempotency-key': `deep-${dialect}` });
      assert.equal(r.status, 400, JSON.stringify(r.body).slice(0, 300));
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.match(r.body.error.message.en, /nested too deeply/);
      assert.match(String(r.body.error.details?.field), /^content\.a\.a/);
      // The same refusal for any write, with or without the key.
      const plain = await sato.call('POST', '/v1/requests', body);
      assert.equal(plain.status, 400);
    });

    test('a lone UTF-16 surrogate is refused at the door, naming the field', async () => {
      const r = await sato.call<ApiError>('POST', '/v1/requests', { content: inquiry({ facts: 'ok \ud800 broken' }) });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.equal(r.body.error.details?.field, 'content.facts');
      assert.match(r.body.error.message.ja, /content\.facts/);
      const target = await sato.call<ApiError>('POST', '/v1/requests', {
        content: inquiry({ targets: [{ type: 'url', url: 'https://sakura-board.example/\udc00' }] }),
      });
      assert.equal(target.status, 400);
      assert.equal(target.body.error.details?.field, 'content.targets.0.url');
      // A well-formed pair (an emoji) is text like any other.
      const fine = await sato.call<RequestDetail>('POST', '/v1/requests', {
        content: inquiry({ facts: '絵文字 😀 入り' }),
      });
      assert.equal(fine.status, 201, JSON.stringify(fine.body));
      assert.equal(
        (await sato.call('POST', `/v1/requests/${fine.body.id}/transitions`, { action: 'submit' })).status,
        200,
      );
      const preview = await (await hub.as('tanaka')).call('GET', `/v1/requests/${fine.body.id}/signing-preview`);
      assert.equal(preview.status, 200, 'it can be signed');
    });
  });
}
