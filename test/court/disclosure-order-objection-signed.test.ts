// The judge signs with his passkey the recording that an objection suit (異議の訴え) was filed and that the
// order became final without one (確定), as he signs how the suit ended: each is refused without an
// assertion or with a credential not his, and the standing every party reads says, checked by the hub
// from the stored key and signature, whether each record's signature verifies — or that a record made
// before such records were signed is unsigned.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { findStanding, saveStanding } from '../../src/court/order-standing.repository.ts';
import { currentKey } from '../../src/directory/key.repository.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import type { DisclosureOrderStandingRow } from '../../src/store/schema.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  finalOf,
  orderHubHooks,
  orderPath,
  recordOutcome,
  recordSigned,
  requestFromOrder,
  standingAsRead,
  suitFiled,
} from '../support/disclosure-order.ts';
import { passkeyAssertion } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`disclosure orders: the suit filed and finality signed by the judge (${dialect})`, () => {
    let now = Date.now();
    const { hub, lawyer, judge, board, signInAgain, at, issued } = orderHubHooks(dialect, () => new Date(now));

    /** The order's standing as the court and the law office read it (both the same). */
    const standingOf = (id: string) => standingAsRead(judge, lawyer, id);

    /** Changes the stored standing of `id` as someone with the database would (nothing else changes). */
    async function tamper(id: string, change: Partial<DisclosureOrderStandingRow>): Promise<() => Promise<void>> {
      const db = hub.ctx.store.db;
      const kept = (await findStanding(db, id)) ?? assert.fail('a standing row');
      await db.transaction().execute((tx) => saveStanding(tx, { ...kept, ...change }));
      return async () => db.transaction().execute((tx) => saveStanding(tx, kept));
    }

    /** The record (posted to `path` with `body`) is refused unsigned and with the lawyer's passkey. */
    async function refusedUnsigned(path: string, body: Record<string, unknown>): Promise<void> {
      const unsigned = await judge.call<ApiError>('POST', path, body);
      assert.equal(unsigned.status, 400, JSON.stringify(unsigned.body));
      assert.equal(unsigned.body.error.details?.field, 'assertion');
      assert.ok(unsigned.body.error.message.ja && unsigned.body.error.message.en);
      const preview = await judge.call<{ digest: string; canonical: string }>('POST', `${path}-preview`, body);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      // Another person's passkey (the lawyer's, of another organisation) over the very digest.
      const other = await judge.call<ApiError>('POST', path, {
        ...body,
        assertion: passkeyAssertion(lawyer, preview.body.digest),
      });
      assert.equal(other.status, 422, JSON.stringify(other.body));
      assert.equal(other.body.error.details?.field, 'assertion.id');
    }

    test('the suit filed: refused unsigned or signed by another, verified, tampered, unsigned', async () => {
      const app = await issued('7801');
      const requestId = await requestFromOrder(lawyer, app.id);
      const body = { filedAt: at(), by: 'provider', caseNumber: '令和8年(ワ)第4321号' };
      await refusedUnsigned(`${orderPath(app.id)}/objection`, body);
      const preview = await judge.call<{ canonical: string }>('POST', `${orderPath(app.id)}/objection-preview`, body);
      assert.match(preview.body.canonical, /disclosure-order\.objection-filed/);
      assert.equal((await standingOf(app.id)).standing, 'not_final', 'nothing recorded by the refusals');

      const filed = await suitFiled(judge, app.id, body);
      assert.equal(filed.body.standing?.objection?.signature, 'verified');
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(seen.body.courtOrderStanding?.objection?.signature, 'verified');
      const audited = await auditDetails(hub.ctx.store.db, 'disclosure_order.objection_filed', app.id);
      assert.ok(typeof audited[0]?.keyId === 'string' && typeof audited[0]?.digest === 'string');

      // The record or its signature changed in the store, or another court's key named: does not verify.
      const lawyerId = (await principalOfLogin(hub.ctx.store.db, 'lawyer')).id;
      const lawyerKey = await currentKey(hub.ctx.store.db, 'user', lawyerId, 'signing', new Date(now));
      const stored = (await findStanding(hub.ctx.store.db, app.id)) ?? assert.fail('a row');
      const sig = stored.objection_signature ?? assert.fail('a signature');
      const flipped = `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'AB' : 'AA'}`;
      const tampered: Partial<DisclosureOrderStandingRow>[] = [
        { objection_by: 'claimant' },
        { objection_case_number: '令和8年(ワ)第1号' },
        { objection_signature: flipped },
        { objection_key_id: lawyerKey?.id ?? assert.fail('the lawyer has a key') },
      ];
      for (const change of tampered) {
        const restore = await tamper(app.id, change);
        assert.equal((await standingOf(app.id)).objection?.signature, 'failed', JSON.stringify(change));
        const provider = await board.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
        assert.equal(provider.body.courtOrderStanding?.objection?.signature, 'failed');
        await restore();
      }
      // A party that is none of the parties, the signature kept: no payload to check, so it fails.
      const garbled = await tamper(app.id, { objection_by: 'court' });
      assert.equal((await standingOf(app.id)).objection?.signature, 'failed');
      await garbled();
      // Recorded before records were signed: it reads as before, contested, marked unsigned.
      const restore = await tamper(app.id, { objection_key_id: null, objection_signature: null });
      const old = await standingOf(app.id);
      assert.equal(old.standing, 'contested');
      assert.equal(old.objection?.signature, 'unsigned');
      await restore();
      assert.equal((await standingOf(app.id)).objection?.signature, 'verified');

      // The outcome: verified; finality then is the outcome's (no separate signature).
      const upheld = await recordOutcome(judge, app.id, { outcome: 'upheld', decidedAt: at(), reason: '認可する。' });
      assert.equal(upheld.status, 200, JSON.stringify(upheld.body));
      assert.equal(upheld.body.standing?.outcome?.signature, 'verified');
      assert.equal(upheld.body.standing?.finalSignature, null);
      const undo = await tamper(app.id, { outcome_reason: '取り消す。' });
      assert.equal((await standingOf(app.id)).outcome?.signature, 'failed');
      await undo();
      const before055 = await tamper(app.id, { outcome_key_id: null, outcome_signature: null });
      assert.equal((await standingOf(app.id)).outcome?.signature, 'unsigned');
      await before055();
    });

    test('final without a suit: refused unsigned or signed by another, verified, tampered', async () => {
      const app = await issued('7802');
      now += 40 * DAY_MS; // past the month and any closed days the system knows that move its end
      await signInAgain();
      const body = finalOf(app, at(-60_000));
      await refusedUnsigned(`${orderPath(app.id)}/final`, body);
      assert.equal((await standingOf(app.id)).standing, 'not_final');
      const final = await recordSigned(judge, app.id, 'final', body);
      assert.equal(final.status, 200, JSON.stringify(final.body));
      assert.equal(final.body.standing?.standing, 'final');
      assert.equal(final.body.standing?.finalSignature, 'verified');
      assert.equal(final.body.standing?.outcome, null);
      const restore = await tamper(app.id, { final_at: at(-120_000) });
      assert.equal((await standingOf(app.id)).finalSignature, 'failed');
      await restore();
      const unsigned = await tamper(app.id, { final_key_id: null, final_signature: null });
      const old = await standingOf(app.id);
      assert.equal(old.standing, 'final');
      assert.equal(old.finalSignature, 'unsigned');
      await unsigned();
      assert.equal(
        (await auditDetails(hub.ctx.store.db, 'disclosure_order.final', app.id))[0]?.keyId !== undefined,
        true,
      );
    });

    test('migration 055 down and up: an outcome signed before it still verifies, the filing is unsigned', async () => {
      const app = await issued('7803');
      await suitFiled(judge, app.id, { filedAt: at(), by: 'claimant', caseNumber: 'ワ1' });
      const upheld = await recordOutcome(judge, app.id, { outcome: 'upheld', decidedAt: at(), reason: '認可する。' });
      assert.equal(upheld.body.standing?.outcome?.signature, 'verified', JSON.stringify(upheld.body));
      // As a store signed by 051 only: the outcome's signing instant comes back from the row's last change.
      await undoMigration(hub.ctx.store, '055-objection-and-finality-signed');
      assert.deepEqual(await migrate(hub.ctx.store), ['055-objection-and-finality-signed']);
      const after055 = await standingOf(app.id);
      assert.equal(after055.standing, 'final');
      assert.equal(after055.outcome?.signature, 'verified', 'the outcome signed before 055');
      assert.equal(after055.objection?.signature, 'unsigned', 'a filing recorded before it was signed');
    });
  });
}
