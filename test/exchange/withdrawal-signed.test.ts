// The office signs its withdrawal of a request with the withdrawing person's passkey, over the request,
// the digest of the reason and the instant the preview fixed: the hub refuses a signature over another
// reason, another request, by another person's credential or stale, stores what verifies, and every
// reader of the request (the office, the provider) sees whether it verifies, checked from the stored
// columns on each read. A withdrawal without a passkey is still taken, and reads "unsigned".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { challengeOf, type SoftCredential, softAssert } from '../../src/demo/soft-authenticator.ts';
import { packOwnerSignature } from '../../src/domain/attestation.ts';
import {
  WITHDRAWAL_SIGNING_WINDOW_MS,
  withdrawalDigest,
  withdrawalPayload,
} from '../../src/domain/withdrawal-signature.ts';
import type { RequestRow } from '../../src/store/schema.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks, passkeyAssertion, registerPasskey } from '../support/exchange.ts';
import { boardPost, inquiry, issue, transition } from '../support/flow.ts';
import { slippedInKey } from '../support/forged-record.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';
import { type WithdrawalPreview, withdrawalPreview } from '../support/withdrawal.ts';

type Preview = WithdrawalPreview;
type Withdrawal = NonNullable<RequestDetail['withdrawal']>;
const WHY = '被疑者を特定できたため、本照会を取り下げます。';

for (const dialect of testDialects()) {
  describe(`a withdrawal signed with the withdrawing person's passkey (${dialect})`, () => {
    let now = Date.now();
    const {
      hub,
      people: [sato, tanaka, board, lawyer],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'lawyer'], { clock: () => new Date(now) });

    let n = 0;
    const issued = async (): Promise<string> => {
      n += 1;
      const content = inquiry(orgs.board, { caseReference: `WD-${n}`, targets: [boardPost(`t/${n}`)] });
      return (await issue(sato, tanaka, content)).id;
    };
    const preview = (c: Client, id: string, reason = WHY) => withdrawalPreview(c, id, reason);
    /** `c` withdraws `id` with `reason`, signing `p` (a preview, perhaps of something else) with `signer`'s passkey. */
    const withdraw = (c: Client, id: string, p: Preview, reason = WHY, signer: Client = c) =>
      c.call<RequestDetail & ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'withdraw',
        reason,
        withdrawnAt: p.withdrawnAt,
        assertion: passkeyAssertion(signer, p.digest),
      });
    const refused = (r: { status: number; body: ApiError }, status: number, code: string, field: string) => {
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.error.code, code);
      assert.equal(r.body.error.details?.field, field);
      assert.ok(r.body.error.message.ja && r.body.error.message.en);
    };
    const withdrawalAt = async (c: Client, id: string): Promise<Withdrawal | null> => {
      const r = await c.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.withdrawal;
    };
    const stateOf = async (id: string) => (await tanaka.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.state;
    /** Changes the stored withdrawal as someone with the database would; gives back a restore. */
    async function tamper(id: string, change: Partial<RequestRow>): Promise<() => Promise<void>> {
      const db = hub.ctx.store.db;
      const kept = await db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await db.updateTable('requests').set(change).where('id', '=', id).execute();
      return async () => {
        await db.updateTable('requests').set(kept).where('id', '=', id).execute();
      };
    }

    /** The columns of a withdrawal of `id` signed with a passkey the operator slipped into the keys table. */
    async function slippedWithdrawal(id: string, reason: string, at: string): Promise<Partial<RequestRow>> {
      const origin = tanaka.origin ?? assert.fail('an origin');
      // The helper names a court; here the organisation is the requesting office, the passkey scoped as tanaka's.
      const key = await slippedInKey(hub.ctx.store.db, { courtId: orgs.mpd, login: 'tanaka', origin, validFrom: at });
      const digest = withdrawalDigest(withdrawalPayload(id, reason, at));
      const signature = packOwnerSignature(softAssert(key.credential, challengeOf(digest), origin).response);
      return { withdrawal_key_id: key.keyId, withdrawal_signature: signature };
    }

    test('signed by the unit head: verified for the office and the provider, audited as signed', async () => {
      // Later than every entry of the directory log so far, so a key row dated now appends to it.
      now += 1000;
      const id = await issued();
      const p = await preview(tanaka, id);
      assert.ok(p.passkey, 'the unit head signs with his passkey');
      const canonical = JSON.parse(p.canonical) as Record<string, unknown>;
      assert.equal(canonical.requestId, id);
      assert.equal(canonical.withdrawnAt, p.withdrawnAt);
      assert.equal(canonical.purpose, 'request.withdrawal');
      const done = await withdraw(tanaka, id, p);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.state, 'withdrawn');
      for (const reader of [tanaka, board]) {
        const w = (await withdrawalAt(reader, id)) ?? assert.fail('a withdrawal');
        assert.equal(w.verdict, 'verified');
        assert.equal(w.reason, WHY);
        assert.equal(w.at, p.withdrawnAt);
        assert.ok(w.signature?.keyId && w.signature.signature.startsWith('wa1.'));
        assert.ok(w.by?.displayName);
      }
      const [audited] = await auditDetails(hub.ctx.store.db, 'request.transition', id).then((a) =>
        a.filter((d) => d.action === 'withdraw'),
      );
      assert.equal(audited?.signed, true);
      // Replayed: the same signed withdrawal again is refused, the request stays as it is.
      const again = await withdraw(tanaka, id, p);
      assert.equal(again.status, 409, JSON.stringify(again.body));

      // What every reader sees is checked from the stored columns on each read: a changed reason, another
      // request's or organisation's key, an instant moved, a flipped signature do not verify; cleared, unsigned.
      const other = await issued();
      const otherP = await preview(tanaka, other, '別件');
      assert.equal((await withdraw(tanaka, other, otherP, '別件')).status, 200);
      const stored = await hub.ctx.store.db
        .selectFrom('requests')
        .selectAll()
        .where('id', '=', other)
        .executeTakeFirstOrThrow();
      const lawyerKey = await hub.ctx.store.db
        .selectFrom('keys')
        .select('id')
        .where('owner_type', '=', 'user')
        .where('credential_id', '=', lawyer.passkey?.credentialId ?? '')
        .executeTakeFirstOrThrow();
      const cases: [string, Partial<RequestRow>, Withdrawal['verdict']][] = [
        ['reason', { withdrawal_reason: `${WHY}（改）` }, 'failed'],
        ['another request’s signature', { withdrawal_signature: stored.withdrawal_signature }, 'failed'],
        ['another organisation’s key', { withdrawal_key_id: lawyerKey.id }, 'failed'],
        ['an instant moved', { withdrawal_at: new Date(Date.parse(p.withdrawnAt) - 1).toISOString() }, 'failed'],
        ['cleared', { withdrawal_key_id: null, withdrawal_signature: null }, 'unsigned'],
        // An operator's own passkey written into the keys table as a person of the office, signing exactly
        // this withdrawal: the hub's signed directory log does not show it.
        ['a key row slipped in', await slippedWithdrawal(id, WHY, p.withdrawnAt), 'not_in_log'],
      ];
      for (const [what, change, verdict] of cases) {
        const restore = await tamper(id, change);
        for (const reader of [tanaka, board]) assert.equal((await withdrawalAt(reader, id))?.verdict, verdict, what);
        await restore();
      }
      assert.equal((await withdrawalAt(board, id))?.verdict, 'verified', 'restored');
    });

    test('refused: another reason, another request, another person’s passkey, stale; nothing changes', async () => {
      const id = await issued();
      const p = await preview(tanaka, id);
      // The reason sent is not the one signed.
      refused(await withdraw(tanaka, id, p, `${WHY} `.repeat(2).trim()), 422, 'SIGNATURE_INVALID', 'assertion');
      // The signature of this request's preview, sent for another request.
      const elsewhere = await issued();
      refused(await withdraw(tanaka, elsewhere, p), 422, 'SIGNATURE_INVALID', 'assertion');
      // Another person's passkey (the lawyer's) over the very digest.
      refused(await withdraw(tanaka, id, p, WHY, lawyer), 422, 'KEY_UNKNOWN', 'assertion.id');
      // Another instant than the preview's (the signature covers it).
      const moved = { ...p, withdrawnAt: new Date(Date.parse(p.withdrawnAt) - 1000).toISOString() };
      refused(await withdraw(tanaka, id, { ...moved, digest: p.digest }), 422, 'SIGNATURE_INVALID', 'assertion');
      // Stale: signed within the window, sent after it.
      now += WITHDRAWAL_SIGNING_WINDOW_MS + 1000;
      refused(await withdraw(tanaka, id, p), 400, 'VALIDATION_FAILED', 'withdrawnAt');
      // A time without a signature is refused; the preview's time without its offset is bad input.
      const timeOnly = await tanaka.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'withdraw',
        reason: WHY,
        withdrawnAt: p.withdrawnAt,
      });
      refused(timeOnly, 400, 'VALIDATION_FAILED', 'assertion');
      assert.equal(await stateOf(id), 'received');
      assert.equal(await stateOf(elsewhere), 'received');
      // Signed afresh, it is taken.
      const fresh = await preview(tanaka, id);
      assert.equal((await withdraw(tanaka, id, fresh)).status, 200);
      assert.equal((await withdrawalAt(board, id))?.verdict, 'verified');
    });

    test('the preview is refused as the move is: to the other side, and once the request is withdrawn', async () => {
      const id = await issued();
      const path = `/v1/requests/${id}/withdrawal-preview`;
      // The provider asks to preview the office's withdrawal: refused in the move's own words.
      const byProvider = await board.call<ApiError>('POST', path, { reason: WHY });
      assert.equal(byProvider.status, 403, JSON.stringify(byProvider.body));
      const moved = await board.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'withdraw',
        reason: WHY,
      });
      assert.equal(moved.status, 403, JSON.stringify(moved.body));
      assert.deepEqual(byProvider.body.error, moved.body.error);
      assert.match(byProvider.body.error.message.ja ?? '', /相手方の操作です/);
      // A reason of blanks only is no reason, for the preview as for the move.
      refused(await tanaka.call<ApiError>('POST', path, { reason: '   ' }), 400, 'VALIDATION_FAILED', 'reason');
      assert.equal(await stateOf(id), 'received');
    });

    test('without a passkey the withdrawal is taken and reads unsigned; with one registered, verified', async () => {
      const id = await issued();
      const p = await preview(sato, id);
      assert.equal(p.passkey, null, 'the investigator has no passkey yet');
      const done = await transition(sato, id, { action: 'withdraw', reason: WHY });
      assert.equal(done.state, 'withdrawn');
      const w = (await withdrawalAt(board, id)) ?? assert.fail('a withdrawal');
      assert.deepEqual([w.verdict, w.signature, w.reason], ['unsigned', null, WHY]);

      // The investigator registers a passkey (it counts at once) and signs the next withdrawal with it.
      const origin = hub.url.replace('127.0.0.1', 'localhost');
      const { made, reg } = await registerPasskey(sato, origin);
      assert.equal(reg.confirmation.state, 'confirmed');
      const signer: Client = { token: sato.token, call: sato.call, passkey: made.credential as SoftCredential, origin };
      const next = await issued();
      const signed = await withdraw(sato, next, await preview(sato, next), WHY, signer);
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      const v = (await withdrawalAt(board, next)) ?? assert.fail('a withdrawal');
      assert.equal(v.verdict, 'verified');
      assert.equal(v.signature?.keyId, reg.id);
      // Its key is in the directory log a provider pins.
      const log = await board.call<{ entries: { type: string; id?: string }[] }>('GET', '/v1/directory/export');
      assert.ok(log.body.entries.some((e) => e.type === 'key' && e.id === reg.id));
    });
  });
}
