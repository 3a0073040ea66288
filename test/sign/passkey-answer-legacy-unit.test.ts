import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { passkeySigner, submitSealedAnswer } from '../../src/client/answer-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { softAssert } from '../../src/demo/soft-authenticator.ts';
import { documentFont } from '../../src/documents/font.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import { documentOf } from '../documents/support.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks, orgId, registerPasskey, signInAll } from '../support/exchange.ts';
import { boardPost, inquiry, underReview } from '../support/flow.ts';

// A provider whose legal officer holds a passkey answers a unit not yet moved to device custody (its
// answer key still held by the hub): the browser seals the legacy X25519 box itself and signs with the
// passkey. The hub can open that box, but verifies — and prints in the 回答書 — the officer's signature,
// which it could not have made; an answer altered inside fails.
const ANSWER: AnswerContent = {
  outcome: 'full',
  items: [{ targetIndex: 0, result: 'found', subscriber: { name: '丙 三郎' } }],
};

for (const dialect of testDialects()) {
  describe(`a passkey answer to a unit the hub still holds the key of (${dialect})`, () => {
    const hub = hubHooks(dialect, { deviceCustody: false });

    test('sealed with X25519 in the client, verified on the hub and in the 回答書', async () => {
      const legal = await hub.as('board.legal');
      const origin = hub.url.replace('127.0.0.1', 'localhost');
      // The officer registers a passkey through the ceremony.
      const { made, reg } = await registerPasskey(legal, origin);
      // The two-person rule: the board's administrator confirms it before it signs.
      if (reg.confirmation.requestId) {
        const admin = await hub.as('board.admin');
        const ok = await admin.call('POST', `/v1/credential-requests/${reg.confirmation.requestId}/confirm`);
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
      }

      const boardId = await orgId(hub, 'Sakura Board K.K.');
      const [sato, tanaka] = await signInAll(hub, 'sato', 'tanaka');
      const content = inquiry(boardId, { caseReference: 'LEGACY-PASSKEY-1', targets: [boardPost('t/legacy-passkey')] });
      const id = await underReview({ drafter: sato, head: tanaka, provider: legal }, content);
      // With a passkey of his own, the hub no longer answers for him.
      const clear = await legal.call<{ error: { details: { field: string } } }>(
        'POST',
        `/v1/requests/${id}/transitions`,
        { action: 'answer', answer: ANSWER },
      );
      assert.equal(clear.status, 400, JSON.stringify(clear.body));
      const api = createApiClient({ baseUrl: hub.url, token: legal.token });
      const keys = (await api.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: id } } })).data;
      assert.equal(keys?.unitKey.algorithm, 'X25519', 'the unit is still in the hub-held (legacy) custody');
      assert.ok(keys?.signers.passkey);
      const signer = passkeySigner(reg.id, async (challenge) => softAssert(made.credential, challenge, origin));
      const r = await submitSealedAnswer(api, id, ANSWER, signer);
      assert.equal(r.state, 'answered');

      const opened = await sato.call<{
        signatureValid: boolean;
        signedBy: { credential: string };
        answer: AnswerContent;
      }>('GET', `/v1/requests/${id}/answer`);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.equal(opened.body.signatureValid, true);
      assert.equal(opened.body.signedBy.credential, 'passkey');
      assert.deepEqual(opened.body.answer, ANSWER);

      const doc = await documentOf(hub.url, sato.token, id, 'answer');
      assert.equal(doc.status, 200, doc.bytes.toString('utf8').slice(0, 300));
      const report = await verifyDocument(new Uint8Array(doc.bytes), documentFont());
      assert.equal(report.ok, true, JSON.stringify(report.checks));
    });
  });
}
