// What a review of the judge-signed hearings found, each held here (docs/decisions.md, "Review findings fixed:
// hearings"): a key row the operator writes that the hub's signed directory log does not show verifies nothing
// (`not_in_log`); a key later revoked as compromised verifies nothing, and the instant the hub stored for a
// signature must fit the record (heard ≤ signed ≤ recorded; withdrawn no earlier than signed; not in the future);
// the same signed record sent twice is refused, and a copy written in the store does not count; a judge by the
// hub's log alone may sign, one of another court is forbidden; and every field the statement names (manner,
// reference, court, a withdrawal's reason) altered in the store makes its signature fail. Stored in both dialects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { hearingRecordedPayload } from '../../src/court/hearing-signature.ts';
import { sha256Hex } from '../../src/crypto/canonical.ts';
import { challengeOf, softAssert, softPublicKey, softRegister } from '../../src/demo/soft-authenticator.ts';
import { toPublicKey } from '../../src/directory/key.repository.ts';
import { packOwnerSignature } from '../../src/domain/attestation.ts';
import { judgeRecordSignature } from '../../src/domain/judge-record-signature.ts';
import { hearingDigest } from '../../src/domain/order-hearing-signature.ts';
import { ownerSignatureVerifies } from '../../src/domain/verification.ts';
import { testDialects } from '../support/dialects.ts';
import {
  fileOrderApplication,
  hearingBody,
  orderPath,
  recordHeard,
  withdrawHeard,
} from '../support/disclosure-order.ts';
import { hubWithHooks, passkeyAssertion } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';
import { withGrant } from '../support/role-grant.ts';

type Application = Schemas['DisclosureOrderApplication'];

const tick = () => new Promise((r) => setTimeout(r, 5));

for (const dialect of testDialects()) {
  describe(`review findings on signed hearings (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge']);

    const now = () => hub.ctx.clock().toISOString();
    const db = () => hub.ctx.store.db;
    const file = (n: string) => fileOrderApplication(lawyer, orgs.court, orgs.board, n);
    const view = async (id: string) => (await lawyer.call<Application>('GET', orderPath(id))).body;
    const verdicts = async (id: string) => (await view(id)).hearings.map((h) => h.signature.verdict);
    const mayIssue = async (id: string) =>
      (await judge.call<Application>('GET', orderPath(id))).body.actions.includes('issue');
    const hearingRow = (id: string) =>
      db().selectFrom('disclosure_order_hearings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const setHearing = (id: string, set: Record<string, string | null>) =>
      db().updateTable('disclosure_order_hearings').set(set).where('id', '=', id).execute();
    const recorded = async (applicationId: string, party: 'provider' | 'claimant' = 'provider') => {
      const r = await recordHeard(judge, applicationId, party, now());
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.hearings.at(-1)?.id ?? assert.fail('recorded');
    };

    test('a key row the signed directory log does not show verifies no forged hearing (not_in_log)', async () => {
      const a = await file('9921');
      const h = await hearingRow(await recorded(a.id, 'claimant'));
      const real = await db()
        .selectFrom('keys')
        .selectAll()
        .where('id', '=', h.record_key_id ?? '')
        .executeTakeFirstOrThrow();
      const origin = judge.origin ?? assert.fail('an origin');
      const { credential } = softRegister({ challenge: 'x', rp: { id: real.rp_id ?? '' }, user: { id: 'u' } }, origin);
      await db()
        .insertInto('keys')
        .values({
          ...real,
          id: 'key_forged_by_operator',
          public_key: softPublicKey(credential),
          credential_id: credential.credentialId,
          fingerprint: 'forged',
        })
        .execute();
      const app = await db()
        .selectFrom('disclosure_order_applications')
        .selectAll()
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      const forged = { ...h, id: 'dohr_forged', party: 'provider', note: '相手方の陳述を聴いた（偽造）' };
      const s = softAssert(credential, challengeOf(hearingDigest(hearingRecordedPayload(app, forged))), origin);
      await db()
        .insertInto('disclosure_order_hearings')
        .values({
          ...forged,
          record_key_id: 'key_forged_by_operator',
          record_signature: packOwnerSignature(s.response),
        })
        .execute();
      try {
        const shown = (await view(a.id)).hearings.find((x) => x.id === 'dohr_forged');
        assert.equal(shown?.signature.verdict, 'not_in_log');
        assert.equal(await mayIssue(a.id), false, 'the forged provider hearing does not count');
      } finally {
        await db().deleteFrom('disclosure_order_hearings').where('id', '=', 'dohr_forged').execute();
        await db().deleteFrom('keys').where('id', '=', 'key_forged_by_operator').execute();
      }
    });

    test('a key revoked as compromised, or an instant that does not fit the record, verifies nothing', async () => {
      const a = await file('9911');
      const id = await recorded(a.id);
      const row = await hearingRow(id);
      const keyId = row.record_key_id ?? assert.fail('signed');
      const signedAt = row.record_signed_at ?? assert.fail('signed');
      assert.deepEqual(await verdicts(a.id), ['verified']);
      // Revoked as compromised after he signed: nothing it signed counts any more.
      await tick();
      await db()
        .updateTable('keys')
        .set({ revoked_at: now(), revocation_reason: 'compromised' })
        .where('id', '=', keyId)
        .execute();
      try {
        assert.deepEqual(await verdicts(a.id), ['failed']);
        assert.equal(await mayIssue(a.id), false);
      } finally {
        await db()
          .updateTable('keys')
          .set({ revoked_at: null, revocation_reason: null })
          .where('id', '=', keyId)
          .execute();
      }
      assert.deepEqual(await verdicts(a.id), ['verified']);
      // The stored instant moved after the record was kept, or before the hearing, or into the future.
      const shifted = (ms: number) => new Date(Date.parse(signedAt) + ms).toISOString();
      for (const at of [shifted(1000), new Date(Date.parse(row.heard_at) - 3_600_000).toISOString(), shifted(6e5)]) {
        await setHearing(id, { record_signed_at: at });
        assert.deepEqual(await verdicts(a.id), ['failed'], at);
      }
      await setHearing(id, { record_signed_at: signedAt });
      // A withdrawal signed later than it was made fails.
      assert.equal((await withdrawHeard(judge, a.id, id, { reason: '誤記録' })).status, 200);
      const w = await hearingRow(id);
      assert.equal((await view(a.id)).hearings[0]?.withdrawn?.signature.verdict, 'verified');
      await setHearing(id, { withdraw_signed_at: new Date(Date.parse(w.withdrawn_at ?? '') + 1000).toISOString() });
      assert.equal((await view(a.id)).hearings[0]?.withdrawn?.signature.verdict, 'failed');
    });

    test('the same signed record sent twice is refused; a copy in the store counts once', async () => {
      const a = await file('9901');
      const body = hearingBody('provider', now());
      const p = await judge.call<{ digest: string }>('POST', `${orderPath(a.id)}/hearings-preview`, body);
      const assertion = passkeyAssertion(judge, p.body.digest);
      const first = await judge.call<Application>('POST', `${orderPath(a.id)}/hearings`, { ...body, assertion });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const again = await judge.call<ApiError>('POST', `${orderPath(a.id)}/hearings`, { ...body, assertion });
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal(again.body.error.code, 'CONFLICT');
      assert.match(again.body.error.message.ja, /同じ内容の陳述聴取の記録/);
      assert.match(again.body.error.message.en, /a record of the same content/);
      const kept = await db().selectFrom('disclosure_order_hearings').selectAll().where('application_id', '=', a.id);
      const rows = await kept.execute();
      assert.equal(rows.length, 1, 'kept once');
      // Withdrawn, the same signed record sent again is still refused.
      const original = rows[0] ?? assert.fail('kept');
      assert.equal((await withdrawHeard(judge, a.id, original.id, { reason: '誤記録' })).status, 200);
      const replayed = await judge.call<ApiError>('POST', `${orderPath(a.id)}/hearings`, { ...body, assertion });
      assert.equal(replayed.status, 409, JSON.stringify(replayed.body));
      // A copy written in the store (a new id, the same signed content): it does not count.
      await db()
        .insertInto('disclosure_order_hearings')
        .values({
          ...original,
          id: 'dohr_copy',
          ...{ withdrawn_at: null, withdrawn_by: null, withdraw_reason: null },
          ...{ withdraw_key_id: null, withdraw_signature: null, withdraw_signed_at: null },
        })
        .execute();
      const shown = new Map((await view(a.id)).hearings.map((h) => [h.id, h.signature.verdict]));
      assert.equal(shown.get(original.id), 'verified');
      assert.equal(shown.get('dohr_copy'), 'copy', 'a copy of a withdrawn record: verifies, does not count');
      assert.equal(await mayIssue(a.id), false, 'the withdrawn hearing is not brought back by a copy');
      // Two copies standing: one counts, the other is said to be a copy.
      await setHearing(original.id, { withdrawn_at: null, withdraw_key_id: null, withdraw_signature: null });
      const both = (await view(a.id)).hearings.map((h) => h.signature.verdict).sort();
      assert.deepEqual(both, ['copy', 'verified']);
    });

    test('only a judge by the hub log signs; a credential of another court is forbidden', async () => {
      const a = await file('9931');
      // The hub's log would say his judge's role takes effect only later: refused now, nothing kept.
      const later = new Date(Date.parse(now()) + 60_000).toISOString();
      const refused = await withGrant(hub, { login: 'judge', role: 'judge' }, { decided_at: later }, () =>
        recordHeard(judge, a.id, 'provider', now()),
      );
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details?.reason, 'not_judge');
      assert.match(refused.body.error.message.ja, /裁判所の裁判官ではありません/);
      assert.match(refused.body.error.message.en, /you are not now a judge of the court/);
      assert.deepEqual((await view(a.id)).hearings, []);

      // Recorded by a judge; the log then rewritten to say he was not one when he signed: not_judge.
      const id = await recorded(a.id);
      const signedAt = (await hearingRow(id)).record_signed_at ?? '';
      const after = new Date(Date.parse(signedAt) + 1).toISOString();
      const seen = await withGrant(hub, { login: 'judge', role: 'judge' }, { decided_at: after }, () => verdicts(a.id));
      assert.deepEqual(seen, ['not_judge']);

      // His signing credential made one of another organisation: forbidden, naming the field.
      const keyId = (await hearingRow(id)).record_key_id ?? '';
      const org = await db().selectFrom('keys').select('organisation_id').where('id', '=', keyId).executeTakeFirst();
      await db().updateTable('keys').set({ organisation_id: orgs.board }).where('id', '=', keyId).execute();
      try {
        const other = await recordHeard(judge, a.id, 'claimant', now());
        assert.equal(other.status, 403, JSON.stringify(other.body));
        assert.equal(other.body.error.code, 'FORBIDDEN');
        assert.equal(other.body.error.details?.field, 'assertion');
        assert.match(other.body.error.message.en, /not one of the court the application is before/);
      } finally {
        await db().updateTable('keys').set({ organisation_id: org?.organisation_id }).where('id', '=', keyId).execute();
      }
    });

    test('manner, reference, court and a withdrawal reason are all signed: altered in store, it fails', async () => {
      const a = await file('9941');
      const id = await recorded(a.id);
      const app = () => db().updateTable('disclosure_order_applications').where('id', '=', a.id);
      const was = await db()
        .selectFrom('disclosure_order_applications')
        .select(['reference', 'court_organisation_id'])
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      await setHearing(id, { manner: 'at_hearing_date' });
      assert.deepEqual(await verdicts(a.id), ['failed'], 'manner');
      await setHearing(id, { manner: 'in_writing' });
      assert.deepEqual(await verdicts(a.id), ['verified']);
      await app()
        .set({ reference: `${was.reference}-X` })
        .execute();
      assert.deepEqual(await verdicts(a.id), ['failed'], 'reference');
      await app().set({ reference: was.reference }).execute();
      await app().set({ court_organisation_id: orgs.board }).execute();
      assert.deepEqual(await verdicts(a.id), ['failed'], 'court');
      await app().set({ court_organisation_id: was.court_organisation_id }).execute();
      assert.deepEqual(await verdicts(a.id), ['verified']);
      assert.equal((await withdrawHeard(judge, a.id, id, { reason: '誤記録' })).status, 200);
      await setHearing(id, { withdraw_reason: '別の理由' });
      assert.equal((await view(a.id)).hearings[0]?.withdrawn?.signature.verdict, 'failed', 'withdrawal reason');
    });

    test('the page gives the statement and the packed signature: anyone can check it again', async () => {
      const a = await file('9951');
      await recorded(a.id);
      const sig = (await view(a.id)).hearings[0]?.signature ?? assert.fail('recorded');
      assert.equal(sha256Hex(sig.canonical), sig.digest);
      assert.equal(JSON.parse(sig.canonical).applicationId, a.id);
      const row = await db()
        .selectFrom('keys')
        .selectAll()
        .where('id', '=', sig.keyId ?? '')
        .executeTakeFirstOrThrow();
      const signed = { keyId: sig.keyId ?? '', signature: sig.signature ?? assert.fail('packed signature') };
      const court = JSON.parse(sig.canonical).courtOrganisationId as string;
      const again = judgeRecordSignature(
        signed,
        toPublicKey(row),
        court,
        sig.signedAt,
        sig.digest,
        ownerSignatureVerifies,
      );
      assert.equal(again, 'verified');
    });
  });
}
