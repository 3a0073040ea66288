// A judge's signature counts at a provider only when its signer was a judge of the court then, as the
// pinned directory log records it. A key alone does not make a judge: a court's user without the judge
// role who holds a registered key (made here at the store level, as a hub that lies could mint one, since
// the service registers signing credentials of judges only) signs a warrant's attestation that verifies
// as a signature; the provider's own installation refuses it, naming why, and takes the real judge's. So
// is a disclosure order signed before its signer's judge role took effect, as the log would then say.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { hubNotJudgeMessage } from '../../src/domain/attestation.ts';
import type { VerificationCheck } from '../../src/domain/verification.ts';
import { courtUserKey } from '../support/court-user-key.ts';
import { testDialects } from '../support/dialects.ts';
import { anOrder, fileOrderApplication, issueOrder, orderPath, requestFromOrder } from '../support/disclosure-order.ts';
import { checkedAtInstallation } from '../support/envelopes.ts';
import { approve, attestedWarrant, type Client, hubWithHooks, seizureWarrant } from '../support/exchange.ts';
import { draft, submitApprove, THREAT_POST, THREAT_POST_TARGET, transition, warranted } from '../support/flow.ts';
import { forgedFiling, slippedInKey } from '../support/forged-record.ts';
import type { ApiError } from '../support/replies.ts';
import { withGrant as grantChanged } from '../support/role-grant.ts';

type Application = Schemas['DisclosureOrderApplication'];
/** The hub's words for a signature whose signer was no judge then, naming what was signed. */
const NOT_JUDGE = (ja: string, en = ja) => hubNotJudgeMessage({ ja, en });

const tick = () => new Promise((r) => setTimeout(r, 5));

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

    /** The warrant request issued to the board under `warrant`. */
    async function sentUnder(warrant: object, n: string) {
      const content = warranted(orgs.board, { caseReference: `JUDGE-ROLE-${n}`, ...THREAT_POST, ...STEP, warrant });
      return submitApprove(sato, tanaka, (await draft(sato, content)).id);
    }

    /** A warrant `n` to the board the court's administrator, no judge, signs with a key of his own. */
    async function forgedWarrant(n: string) {
      // The administrator signs what the judge's screen would have him sign, with his own key (made now:
      // the hub's log grows by it, and the heads it kept stay its prefix).
      await tick();
      const now = hub.ctx.clock();
      const validFrom = now.toISOString();
      const admin = await courtUserKey(hub, judge, { login: 'court.admin', courtId: orgs.court, validFrom });
      const w = seizureWarrant(now, `JUDGE-ROLE-${n}`);
      const body = { agencyOrganisationId: orgs.mpd, providerOrganisationId: orgs.board, ...w, ...STEP };
      const preview = await judge.call<{ digest: string }>('POST', '/v1/warrants/attestation-preview', body);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const attestation = { keyId: admin.keyId, signature: admin.sign(preview.body.digest) };
      return { ...w, courtOrganisationId: orgs.court, attestation };
    }

    /** `fn` run while the hub's log of roles says what `change` makes it say of `login`'s grant of `role`. */
    const withGrant = <T>(login: string, role: string, change: object, fn: () => Promise<T>) =>
      grantChanged(hub, { login, role }, change, fn);

    test("a court user's key without the judge role is refused; the judge's warrant is taken", async () => {
      const genuine = await attestedWarrant(hub, judge, {
        warrantNumber: 'JUDGE-ROLE-1',
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.board,
        courtOrganisationId: orgs.court,
        step: STEP,
      });
      const taken = await checked(sato, (await sentUnder(genuine, '1')).id);
      assert.equal(taken.ok, true, JSON.stringify(taken));

      // A hub that lies takes it, its log calling the administrator a judge while it does, and says otherwise
      // after: the installation checks against the log it pins.
      const forged = await forgedWarrant('2');
      const sent = await withGrant('court.admin', 'admin', { role: 'judge' }, () => sentUnder(forged, '2'));
      const refused = await checked(sato, sent.id);
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
      const after = new Date(Date.parse(orderedAt) + 1).toISOString();
      const refused = await withGrant('judge', 'judge', { decided_at: after }, () => checked(lawyer, requestId));
      assert.equal(refused.ok, false, 'signed by someone who was not yet a judge');
      if (refused.ok) return;
      assert.equal(refused.reason, 'not_judge');
      assert.equal(refused.field, 'civil.courtOrder.attestation');
      assert.match(refused.detail?.en ?? '', /the disclosure order \(/);
    });

    test("the hub's own checks: a warrant, an order and a judge's record signed by no judge then", async () => {
      // The administrator's warrant verifies as a signature; the hub refuses to send the request under it.
      const warrant = await forgedWarrant('3');
      const drafted = await draft(
        sato,
        warranted(orgs.board, { caseReference: 'J-3', ...THREAT_POST, ...STEP, warrant }),
      );
      await transition(sato, drafted.id, { action: 'submit' });
      const sent = await approve<ApiError>(tanaka, drafted.id);
      assert.equal(sent.status, 422, JSON.stringify(sent.body));
      assert.equal(sent.body.error.code, 'WARRANT_ATTESTATION_INVALID');
      assert.equal(sent.body.error.message.ja, NOT_JUDGE('令状 JUDGE-ROLE-3 ').ja);
      assert.equal(sent.body.error.message.en, NOT_JUDGE('warrant JUDGE-ROLE-3').en);

      // The judge's order, verified at the hub while its log has him a judge only since after he signed it.
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.board, '8202');
      const app = await issueOrder(judge, filed.id, anOrder(hub.ctx.clock().toISOString()));
      const requestId = await requestFromOrder(lawyer, app.id);
      const later = { decided_at: new Date(hub.ctx.clock().getTime() + 1).toISOString() };
      const report = await withGrant('judge', 'judge', later, () =>
        board.call<{ checks: VerificationCheck[] }>('GET', `/v1/requests/${requestId}/verification`),
      );
      const check = report.body.checks.find((c) => c.name === 'court_order');
      assert.equal(check?.status, 'fail', JSON.stringify(check));
      const caseNumber = app.order?.caseNumber ?? '';
      assert.deepEqual(check?.message, NOT_JUDGE(`開示命令（${caseNumber}）`, `the disclosure order (${caseNumber})`));

      // A record of a suit signed with a court's key the hub's log shows, whose owner is no judge.
      const db = hub.ctx.store.db;
      const origin = judge.origin ?? assert.fail('an origin');
      await tick();
      const validFrom = hub.ctx.clock().toISOString();
      const key = await slippedInKey(db, { courtId: orgs.court, login: 'judge', origin, validFrom });
      await tick();
      await forgedFiling(db, app.id, key, origin, hub.ctx.clock().toISOString());
      await tick();
      assert.equal((await board.call('GET', '/v1/directory/export')).status, 200, 'the hub keeps a head with it');
      const read = await judge.call<Application>('GET', orderPath(app.id));
      assert.equal(read.body.standing?.objection?.signature, 'not_judge', 'no judge signed it then');
    });
  });
}
