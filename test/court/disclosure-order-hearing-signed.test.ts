// Recording that a party was heard, and withdrawing such a record, are signed with the acting judge's own passkey
// over the hearing's content (application, party, instant, manner, note; or the withdrawal's reason), as the
// court's other acts are: the hub checks the signature before it keeps anything and refuses a missing or wrong one
// naming the problem in both languages; the page shows each record's signature checked now (verdict, key,
// digest); and the order is issued only on a record whose signature verifies (an unsigned record from before,
// or one altered after it was signed, does not count). Stored in both dialects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { testDialects } from '../support/dialects.ts';
import {
  anOrder,
  fileOrderApplication,
  hearingBody,
  orderPath,
  recordHeard,
  tryIssue,
  withdrawHeard,
} from '../support/disclosure-order.ts';
import { hubWithHooks, passkeyAssertion, previewAndSign } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Application = Schemas['DisclosureOrderApplication'];
type Preview = { digest: string; canonical: string };

for (const dialect of testDialects()) {
  describe(`hearings are signed by the acting judge (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge']);

    const now = () => hub.ctx.clock().toISOString();
    const file = (n: string) => fileOrderApplication(lawyer, orgs.court, orgs.board, n);
    const view = async (id: string) => (await judge.call<Application>('GET', orderPath(id))).body;
    const issue = (id: string) => tryIssue(judge, id, anOrder(now()));
    const rows = (applicationId: string) =>
      hub.ctx.store.db
        .selectFrom('disclosure_order_hearings')
        .selectAll()
        .where('application_id', '=', applicationId)
        .execute();

    test('an unsigned or wrongly signed hearing is refused, naming the problem; nothing is kept', async () => {
      const a = await file('8801');
      const body = hearingBody('provider', now());
      const unsigned = await judge.call<ApiError>('POST', `${orderPath(a.id)}/hearings`, body);
      assert.equal(unsigned.status, 400, JSON.stringify(unsigned.body));
      assert.equal(unsigned.body.error.code, 'VALIDATION_FAILED');
      assert.equal(unsigned.body.error.details?.field, 'assertion');
      assert.match(
        unsigned.body.error.message.ja,
        /陳述聴取の記録には、裁判官ご本人の認証器（パスキー）による署名が必要/,
      );
      assert.match(unsigned.body.error.message.en, /the record of the hearing must be signed with the judge's own/);

      // Signed over another hearing's content (the note changed after the preview): the signature fails.
      const preview = await judge.call<Preview>('POST', `${orderPath(a.id)}/hearings-preview`, body);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const changed = { ...body, note: '別の内容', assertion: passkeyAssertion(judge, preview.body.digest) };
      const wrong = await judge.call<ApiError>('POST', `${orderPath(a.id)}/hearings`, changed);
      assert.equal(wrong.status, 422, JSON.stringify(wrong.body));
      assert.equal(wrong.body.error.code, 'SIGNATURE_INVALID');
      assert.equal(wrong.body.error.details?.field, 'assertion');
      assert.match(wrong.body.error.message.ja, /認証器の署名を確認できません/);
      assert.match(wrong.body.error.message.en, /does not verify/);
      assert.deepEqual(await rows(a.id), [], 'nothing kept');
      assert.deepEqual((await view(a.id)).hearings, []);
    });

    test('the signed record is shown with its verdict; its withdrawal is signed too', async () => {
      const a = await file('8802');
      const body = hearingBody('provider', now());
      const signed = await previewAndSign<Application>(
        judge,
        `${orderPath(a.id)}/hearings-preview`,
        `${orderPath(a.id)}/hearings`,
        body,
      );
      assert.equal(signed.reply.status, 200, JSON.stringify(signed.reply.body));
      const preview = signed.preview.body as unknown as Preview;
      const canonical = JSON.parse(preview.canonical) as Record<string, unknown>;
      assert.equal(canonical.purpose, 'disclosure-order.hearing-recorded');
      assert.equal(canonical.applicationId, a.id);
      assert.equal(canonical.party, 'provider');
      assert.equal(canonical.heardAt, body.heardAt);
      const [shown] = signed.reply.body.hearings;
      assert.equal(shown?.signature.verdict, 'verified');
      assert.equal(shown?.signature.digest, preview.digest);
      assert.ok(shown?.signature.keyId && shown.signature.signedAt);
      assert.ok(signed.reply.body.actions.includes('issue'));
      const [row] = await rows(a.id);
      assert.equal(row?.record_key_id, shown?.signature.keyId);
      assert.ok(row?.record_signature);
      // The lawyer sees the same verdict.
      const office = await lawyer.call<Application>('GET', orderPath(a.id));
      assert.equal(office.body.hearings[0]?.signature.verdict, 'verified');

      const hearingId = shown?.id ?? assert.fail('recorded');
      const path = `${orderPath(a.id)}/hearings/${hearingId}/withdraw`;
      const unsigned = await judge.call<ApiError>('POST', path, { reason: '誤記録' });
      assert.deepEqual([unsigned.status, unsigned.body.error.details?.field], [400, 'assertion']);
      assert.match(unsigned.body.error.message.ja, /陳述聴取の記録の取消しには/);
      assert.match(unsigned.body.error.message.en, /the withdrawal of the hearing must be signed/);
      const wp = await judge.call<Preview>('POST', `${path}-preview`, { reason: '誤記録' });
      const otherReason = { reason: '別の理由', assertion: passkeyAssertion(judge, wp.body.digest) };
      const wrong = await judge.call<ApiError>('POST', path, otherReason);
      assert.deepEqual([wrong.status, wrong.body.error.code], [422, 'SIGNATURE_INVALID'], JSON.stringify(wrong.body));
      assert.equal((await rows(a.id))[0]?.withdrawn_at, null, 'not withdrawn');

      const withdrawn = await withdrawHeard(judge, a.id, hearingId, { reason: '誤記録' });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      const w = withdrawn.body.hearings[0]?.withdrawn;
      assert.equal(w?.signature.verdict, 'verified');
      assert.equal(w?.signature.digest, wp.body.digest);
      assert.equal(JSON.parse(wp.body.canonical).hearingDigest, preview.digest, 'it names the record it withdraws');
    });

    test('issuing counts only records whose signature verifies', async () => {
      const a = await file('8803');
      const heard = await recordHeard(judge, a.id, 'provider', now());
      assert.equal(heard.status, 200, JSON.stringify(heard.body));
      // The record altered in the store after it was signed: its signature no longer verifies.
      await hub.ctx.store.db
        .updateTable('disclosure_order_hearings')
        .set({ note: '書き換えた内容' })
        .where('application_id', '=', a.id)
        .execute();
      const altered = await view(a.id);
      assert.equal(altered.hearings[0]?.signature.verdict, 'failed');
      assert.ok(!altered.actions.includes('issue'));
      const refused = await issue(a.id);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.error.message.ja, /裁判官の署名で確認できるものがありません/);
      assert.match(refused.body.error.message.en, /has a judge's signature that verifies/);

      // A record kept without a signature (as before hearings were signed) does not count either.
      await hub.ctx.store.db
        .updateTable('disclosure_order_hearings')
        .set({ note: '相手方から答弁書（意見書）の提出を受けた。', record_signature: null, record_key_id: null })
        .where('application_id', '=', a.id)
        .execute();
      assert.equal((await view(a.id)).hearings[0]?.signature.verdict, 'unsigned');
      assert.equal((await issue(a.id)).status, 409);

      // Recorded again, signed: the order issues.
      assert.equal((await recordHeard(judge, a.id, 'provider', now())).status, 200);
      const issued = await issue(a.id);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
    });
  });
}
