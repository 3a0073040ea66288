import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  type AnswerSigner,
  buildSealedAnswer,
  generateInstallationKey,
  importInstallationKey,
  installationKeyProof,
  installationKeySigner,
  submitSealedAnswer,
} from '../../src/client/answer-seal.ts';
import { type ApiClient, ApiError, createApiClient } from '../../src/client/client.ts';
import { keysOfOwner } from '../../src/directory/key.repository.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, openOnDevice } from '../support/exchange.ts';
import { boardPost, inquiry, underReview } from '../support/flow.ts';
import { confirmedByOperator } from '../support/key-registrations.ts';

// The provider signs and seals its answer on its own side (issue 11): the hub takes ciphertext, checks
// blind what it can, and refuses clearly — naming the field — a box to an old key, a key that is not
// the provider's, a signature that does not verify, a submission replayed onto another request.

const ANSWER: AnswerContent = {
  outcome: 'full',
  items: [{ targetIndex: 0, result: 'found', subscriber: { name: '甲野 太郎', account: 'u-1' } }],
};

for (const dialect of testDialects()) {
  describe(`answers sealed on the provider's side (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'board.admin']);
    const [sato, tanaka, legal, admin] = people;
    let legalApi: ApiClient;
    let signer: AnswerSigner;

    before(() => {
      legalApi = createApiClient({ baseUrl: hub.url, token: legal.token });
    });

    /** An inquiry about the post `name` names, delivered to the board and under its review: its id. */
    async function delivered(name: string): Promise<string> {
      const targets = [boardPost(`t/${encodeURIComponent(name)}`)];
      return underReview(
        { drafter: sato, head: tanaka, provider: legal },
        inquiry(orgs.board, { caseReference: 'SEALED-1', targets }),
      );
    }

    const keyRegisteredTitle =
      'the installation key is registered with a proof of possession; the hub keeps no provider signing key';
    test(keyRegisteredTitle, async () => {
      const made = await generateInstallationKey();
      const privateKey = await importInstallationKey(made.pkcs8);
      const path = `/v1/organisations/${orgs.board}/installation-keys`;
      // A proof by another key, or for another organisation, is refused.
      const other = await generateInstallationKey();
      const badProof = await installationKeyProof(await importInstallationKey(other.pkcs8), orgs.board, made.publicKey);
      const bad = await admin.call<{ error: { details: { field: string } } }>('POST', path, {
        publicKey: made.publicKey,
        proof: badProof,
      });
      assert.equal(bad.status, 422, JSON.stringify(bad.body));
      assert.equal(bad.body.error.details.field, 'proof');
      // The legal officer cannot register it: key management is the administrator's.
      const proof = await installationKeyProof(privateKey, orgs.board, made.publicKey);
      assert.equal((await legal.call('POST', path, { publicKey: made.publicKey, proof })).status, 403);
      const ok = await admin.call<{ id: string; keyId: string; state: string }>('POST', path, {
        publicKey: made.publicKey,
        proof,
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      // The administrator alone does not make it the provider's key: a second person confirms it.
      assert.equal(ok.body.state, 'pending');
      const own = await admin.call<{ error: { code: string } }>('POST', `/v1/key-registrations/${ok.body.id}/confirm`);
      assert.equal(own.status, 403, JSON.stringify(own.body));
      assert.equal(own.body.error.code, 'SELF_APPROVAL');
      await confirmedByOperator(hub, ok.body.id);
      signer = installationKeySigner(ok.body.keyId, privateKey);
      const held = await keysOfOwner(hub.ctx.store.db, 'organisation', orgs.board, 'signing');
      assert.ok(held.length >= 2);
      for (const k of held) assert.equal(k.private_key_wrapped, null, `no private part of ${k.id} is in the store`);
      // Nor does the hub make a new signing key for the provider on request: it would sign as the provider.
      const remade = await admin.call<{ error: { details: { field: string } } }>('POST', '/v1/keys', {
        ownerType: 'organisation',
        ownerId: orgs.board,
        purpose: 'signing',
      });
      assert.equal(remade.status, 400, JSON.stringify(remade.body));
      assert.equal(remade.body.error.details.field, 'ownerType');
      // It is in the directory's transparency log, which other installations pin.
      const dir = await legal.call<{ entries: Array<{ type: string; id?: string }> }>('GET', '/v1/directory/export');
      assert.equal(dir.status, 200);
      assert.ok(dir.body.entries.some((e) => e.type === 'key' && e.id === ok.body.keyId));
    });

    const clearAnswerRefusedTitle =
      'an answer in clear is refused for a provider with its own key; the sealed one opens on the unit device';
    test(clearAnswerRefusedTitle, async () => {
      const id = await delivered('sealed-ok');
      const clear = await (legal.rawCall ?? legal.call)<{ error: { details: { field: string } } }>(
        'POST',
        `/v1/requests/${id}/transitions`,
        { action: 'answer', answer: ANSWER },
      );
      assert.equal(clear.status, 400, JSON.stringify(clear.body));
      assert.equal(clear.body.error.details.field, 'answer');
      const r = await submitSealedAnswer(legalApi, id, ANSWER, signer);
      assert.equal(r.state, 'answered');
      const opened = await openOnDevice(hub, 'sato', id);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.equal(opened.body.signatureValid, true);
      assert.deepEqual(opened.body.answer, ANSWER);
      const stored = await hub.ctx.store.db
        .selectFrom('answers')
        .selectAll()
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(stored.sealed_by, 'provider');
      assert.ok(!stored.sealed.includes('甲野'), 'the hub holds ciphertext only');
      // The provider's own copy opens on its legal officer's device too.
      const own = await openOnDevice(hub, 'board.legal', id);
      assert.equal(own.status, 200, JSON.stringify(own.body));
      assert.equal(own.body.signatureValid, true);
    });

    test('refusals name the field: old key, not the provider, bad signature, replay', async () => {
      const a = await delivered('sealed-refusals-a');
      const b = await delivered('sealed-refusals-b');
      const keys = (await legalApi.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: a } } })).data;
      assert.ok(keys);
      const base = {
        request: keys.request,
        answer: ANSWER,
        answeredAt: new Date().toISOString(),
        unitKey: keys.unitKey,
        ownKey: keys.ownKey,
      };
      const send = (id: string, sealed: unknown) =>
        legal.call<{ error: { code: string; details: { field: string } } }>('POST', `/v1/requests/${id}/transitions`, {
          action: 'answer',
          sealed,
        });
      const good = await buildSealedAnswer({ ...base, signer });

      // A box to a key that is not the unit's current one (an old key of the unit, the provider's own).
      const oldKey = await buildSealedAnswer({ ...base, unitKey: keys.ownKey, signer });
      const r1 = await send(a, oldKey);
      assert.equal(r1.status, 400);
      assert.equal(r1.body.error.details.field, 'sealed.recipientKeyId');

      // Signed by a key of another organisation (the unit's own key id, say).
      const [ispKey = assert.fail('the ISP has a signing key')] = await keysOfOwner(
        hub.ctx.store.db,
        'organisation',
        orgs.isp,
        'signing',
      );
      const r2 = await send(a, { ...good, keyId: ispKey.id });
      assert.equal(r2.status, 400);
      assert.equal(r2.body.error.details.field, 'sealed.keyId');

      // Signed by a key the provider does not have: the installation key id, another private key.
      const stranger = await generateInstallationKey();
      const forged = await buildSealedAnswer({
        ...base,
        signer: installationKeySigner(signer.keyId, await importInstallationKey(stranger.pkcs8)),
      });
      const r3 = await send(a, forged);
      assert.equal(r3.status, 422, JSON.stringify(r3.body));
      assert.equal(r3.body.error.details.field, 'sealed.signature');

      // The good submission for A replayed onto B.
      const r4 = await send(b, good);
      assert.equal(r4.status, 422, JSON.stringify(r4.body));
      assert.equal(r4.body.error.details.field, 'sealed.signature');

      // Nothing was stored by the refusals; the good one goes through once, and not twice.
      assert.equal((await send(a, good)).status, 200);
      const again = await send(a, good);
      assert.equal(again.status, 409, JSON.stringify(again.body));
      const opened = await openOnDevice(hub, 'sato', a);
      assert.equal(opened.body.signatureValid, true);
    });

    test('an inner signature that does not verify opens with signatureValid false and the reason', async () => {
      const id = await delivered('sealed-bad-inner');
      const keys = (await legalApi.GET('/v1/requests/{id}/answer-keys', { params: { path: { id } } })).data;
      assert.ok(keys);
      const stranger = installationKeySigner(
        signer.keyId,
        await importInstallationKey((await generateInstallationKey()).pkcs8),
      );
      // The box is signed for the hub with the provider's key; the answer inside with another key.
      const mixed: AnswerSigner = {
        keyId: signer.keyId,
        sign: (input, digest) =>
          input.startsWith('shokai/v1\nanswer\n') ? stranger.sign(input, digest) : signer.sign(input, digest),
      };
      const sealed = await buildSealedAnswer({
        request: keys.request,
        answer: ANSWER,
        answeredAt: new Date().toISOString(),
        unitKey: keys.unitKey,
        ownKey: keys.ownKey,
        signer: mixed,
      });
      const r = await legal.call('POST', `/v1/requests/${id}/transitions`, { action: 'answer', sealed });
      assert.equal(r.status, 200, 'the hub cannot see inside: it stores it');
      const opened = await openOnDevice(hub, 'sato', id);
      assert.equal(opened.status, 200);
      assert.equal(opened.body.signatureValid, false);
      assert.match(opened.body.signatureProblem?.en ?? '', /altered or forged/);
      assert.match(opened.body.signatureProblem?.ja ?? '', /改ざんまたは偽造/);
    });

    test('a submission with no answer at all, or both, is refused', async () => {
      const id = await delivered('sealed-neither');
      const r = await legal.call<{ error: { details: { field: string } } }>('POST', `/v1/requests/${id}/transitions`, {
        action: 'answer',
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.details.field, 'sealed');
      await assert.rejects(
        submitSealedAnswer(createApiClient({ baseUrl: hub.url, token: sato.token }), id, ANSWER, signer),
        (e: unknown) => e instanceof ApiError && (e.status === 403 || e.status === 404),
      );
    });
  });
}
