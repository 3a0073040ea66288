// A judge's signature counts at a provider only when its signer was a judge of the court then, as the
// pinned directory log records it. A key alone does not make a judge: a court's user without the judge
// role who holds a registered key (made here at the store level, as a hub that lies could mint one, since
// the service registers signing credentials of judges only) signs a warrant's attestation that verifies
// as a signature; the provider's own installation refuses it, naming why, and takes the real judge's. So
// is a disclosure order signed before its signer's judge role took effect, as the log would then say.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { courtUserKey } from '../support/court-user-key.ts';
import { testDialects } from '../support/dialects.ts';
import { anOrder, fileOrderApplication, issueOrder, requestFromOrder } from '../support/disclosure-order.ts';
import { checkedAtInstallation } from '../support/envelopes.ts';
import { attestedWarrant, type Client, hubWithHooks } from '../support/exchange.ts';
import { draft, submitApprove, THREAT_POST, THREAT_POST_TARGET, warranted } from '../support/flow.ts';

const STEP = { targets: [THREAT_POST_TARGET], categories: ['subscriber', 'access_log'] };

for (const dialect of testDialects()) {
  describe(`a judge's signature is checked against the judges the pin records (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, judge, board, lawyer],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge', 'board.legal', 'lawyer']);

    /** What the board's own installation concludes of request `id`'s envelope, against the log pinned now. */
    const checked = (by: Client, id: string) =>
      checkedAtInstallation(hub, { by, provider: board, providerOrgId: orgs.board }, id);

    /** The warrant request issued to the board, and what the board's own installation concludes of it. */
    async function atInstallation(warrant: object, n: string) {
      const content = warranted(orgs.board, { caseReference: `JUDGE-ROLE-${n}`, ...THREAT_POST, ...STEP, warrant });
      return checked(sato, (await submitApprove(sato, tanaka, (await draft(sato, content)).id)).id);
    }

    test("a court user's key without the judge role is refused; the judge's warrant is taken", async () => {
      const genuine = await attestedWarrant(hub, judge, {
        warrantNumber: 'JUDGE-ROLE-1',
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.board,
        courtOrganisationId: orgs.court,
        step: STEP,
      });
      const taken = await atInstallation(genuine, '1');
      assert.equal(taken.ok, true, JSON.stringify(taken));

      // The administrator signs what the judge's screen would have him sign, with his own key.
      const now = hub.ctx.clock();
      const validFrom = new Date(now.getTime() - 60_000).toISOString();
      const admin = await courtUserKey(hub, judge, { login: 'court.admin', courtId: orgs.court, validFrom });
      const w = {
        type: 'seizure' as const,
        warrantNumber: 'JUDGE-ROLE-2',
        issuedAt: now.toISOString(),
        validUntil: new Date(now.getTime() + 7 * 86400_000).toISOString(),
      };
      const body = { agencyOrganisationId: orgs.mpd, providerOrganisationId: orgs.board, ...w, ...STEP };
      const preview = await judge.call<{ digest: string }>('POST', '/v1/warrants/attestation-preview', body);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const forged = {
        ...w,
        courtOrganisationId: orgs.court,
        attestation: { keyId: admin.keyId, signature: admin.sign(preview.body.digest) },
      };
      const refused = await atInstallation(forged, '2');
      assert.equal(refused.ok, false, 'a key of a court user who is no judge attests nothing');
      if (refused.ok) return;
      assert.equal(refused.reason, 'not_judge');
      assert.equal(refused.field, 'warrant.attestation');
      assert.match(refused.message.ja, /署名した時点で、署名者はその裁判所の裁判官ではありませんでした/);
      assert.match(refused.message.en, /the signer was not a judge of the court at the time of signing/);
      assert.match(refused.detail?.ja ?? '', /JUDGE-ROLE-2/);
    });

    test('an order signed before its signer became a judge is refused; as he held the role, taken', async () => {
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.board, '8201');
      const orderedAt = hub.ctx.clock().toISOString();
      const app = await issueOrder(judge, filed.id, anOrder(orderedAt));
      const requestId = await requestFromOrder(lawyer, app.id);
      const taken = await checked(lawyer, requestId);
      assert.equal(taken.ok, true, JSON.stringify(taken));
      // The log as a hub would give it had the judge's role taken effect only after he signed.
      const db = hub.ctx.store.db;
      const grant = await db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .select(['g.id', 'g.decided_at'])
        .where('u.login', '=', 'judge')
        .where('g.role', '=', 'judge')
        .executeTakeFirstOrThrow();
      const after = new Date(Date.parse(orderedAt) + 1).toISOString();
      await new Promise((r) => setTimeout(r, 5)); // the log gives only what has happened by now
      await db.updateTable('role_grants').set({ decided_at: after }).where('id', '=', grant.id).execute();
      try {
        const refused = await checked(lawyer, requestId);
        assert.equal(refused.ok, false, 'signed by someone who was not yet a judge');
        if (refused.ok) return;
        assert.equal(refused.reason, 'not_judge');
        assert.equal(refused.field, 'civil.courtOrder.attestation');
        assert.match(refused.detail?.en ?? '', /the disclosure order \(/);
      } finally {
        await db.updateTable('role_grants').set({ decided_at: grant.decided_at }).where('id', '=', grant.id).execute();
      }
    });
  });
}
