// The court hears the parties before it grants a disclosure order (当事者の陳述聴取): a judge of the addressed
// court records whose statement was heard, when, how and a note (audited); the order is refused until the
// respondent provider was heard — by the order's time — saying what is missing, while a dismissal needs no
// hearing. The records are kept in the store (both dialects) and shown on the application to both sides.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { anOrder, fileOrderApplication, orderPath, recordHeard, tryIssue } from '../support/disclosure-order.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Application = Schemas['DisclosureOrderApplication'];

for (const dialect of testDialects()) {
  describe(`the parties heard before a disclosure order (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge']);

    const now = (offsetMs = 0) => new Date(hub.ctx.clock().getTime() + offsetMs).toISOString();
    const file = (n: string) => fileOrderApplication(lawyer, orgs.court, orgs.board, n);
    const issue = (id: string, orderedAt = now()) => tryIssue(judge, id, anOrder(orderedAt));
    const view = async (id: string) => (await judge.call<Application>('GET', orderPath(id))).body;

    test('no order before the provider is heard; the petitioner alone is not enough; after, it issues', async () => {
      const a = await file('8301');
      assert.deepEqual((await view(a.id)).actions.sort(), ['decline', 'record_hearing']);
      const refused = await issue(a.id);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'ILLEGAL_TRANSITION');
      assert.match(
        refused.body.error.message.ja,
        /相手方（事業者）の陳述を聴いた記録がないため、開示命令を発令できません/,
      );
      assert.match(refused.body.error.message.en, /no record that the respondent \(provider\) was heard/);
      // The unsigned issue is refused the same way, and nothing changed.
      const direct = await judge.call<ApiError>('POST', `${orderPath(a.id)}/issue`, anOrder(now()));
      assert.equal(direct.status, 409, JSON.stringify(direct.body));
      assert.equal((await view(a.id)).state, 'filed');

      const petitioner = await recordHeard(judge, a.id, 'claimant', now(), {
        manner: 'at_hearing_date',
        note: '第1回審尋期日に申立人代理人が陳述した。',
      });
      assert.equal(petitioner.status, 200, JSON.stringify(petitioner.body));
      assert.ok(!petitioner.body.actions.includes('issue'));
      assert.equal((await issue(a.id)).status, 409);

      // Heard when it was filed, written in Japan's time: kept as the instant (UTC).
      const heardAt = new Date(a.filedAt);
      const jst = new Date(heardAt.getTime() + 9 * 3600_000).toISOString().replace('Z', '+09:00');
      const provider = await recordHeard(judge, a.id, 'provider', jst);
      assert.equal(provider.status, 200, JSON.stringify(provider.body));
      assert.ok(provider.body.actions.includes('issue'));
      const [first, second] = provider.body.hearings;
      assert.equal(provider.body.hearings.length, 2);
      assert.equal(first?.party, 'provider', 'in the order heard');
      assert.equal(first?.heardAt, heardAt.toISOString());
      assert.equal(first?.manner, 'in_writing');
      assert.equal(first?.note, '相手方から答弁書（意見書）の提出を受けた。');
      assert.ok(first?.recordedBy.displayName);
      assert.equal(second?.party, 'claimant');
      assert.equal(second?.manner, 'at_hearing_date');

      // The lawyer sees what the court heard.
      const office = await lawyer.call<Application>('GET', orderPath(a.id));
      assert.equal(office.body.hearings.length, 2);

      const issued = await issue(a.id);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      assert.equal(issued.body.state, 'issued');
      assert.equal(issued.body.hearings.length, 2);

      const audited = await auditEntries(hub.ctx.store.db, 'disclosure_order.party_heard', a.id);
      assert.deepEqual(
        audited.map((e) => [e.details.party, e.details.manner, e.details.heardAt]),
        [
          ['claimant', 'at_hearing_date', audited[0]?.details.heardAt],
          ['provider', 'in_writing', heardAt.toISOString()],
        ],
      );
      // Once decided, nothing more is heard on it.
      const late = await recordHeard(judge, a.id, 'provider', now());
      assert.equal(late.status, 409, JSON.stringify(late.body));
    });

    test('a hearing after the order time does not count for it', async () => {
      const a = await file('8302');
      const orderedAt = a.filedAt;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const later = new Date(Date.parse(a.filedAt) + 2).toISOString();
      assert.equal((await recordHeard(judge, a.id, 'provider', later)).status, 200);
      const refused = await issue(a.id, orderedAt);
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details?.field, 'orderedAt');
      assert.equal(refused.body.error.details?.value, new Date(orderedAt).toISOString(), 'the time refused, named');
      assert.match(refused.body.error.message.ja, /発令日時より後です/);
      assert.equal((await issue(a.id)).status, 200);
    });

    test('a dismissal needs no hearing', async () => {
      const a = await file('8303');
      const declined = await judge.call<Application>('POST', `${orderPath(a.id)}/decline`, {
        reason: '申立ては不適法であることが明らかである。',
      });
      assert.equal(declined.status, 200, JSON.stringify(declined.body));
      assert.equal(declined.body.state, 'declined');
      assert.deepEqual(declined.body.hearings, []);
    });

    test('bad hearings are refused naming the field; only the court records them', async () => {
      const a = await file('8304');
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['future', { heardAt: now(3600_000) }, 'heardAt'],
        ['before filing', { heardAt: now(-86400_000) }, 'heardAt'],
        ['no offset', { heardAt: '2026-11-20T10:00:00' }, 'heardAt'],
        ['party', { party: 'police' }, 'party'],
        ['manner', { manner: 'by_phone' }, 'manner'],
        ['note', { note: '' }, 'note'],
      ];
      for (const [what, over, field] of cases) {
        const r = await recordHeard(judge, a.id, 'provider', now(), over);
        assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.details?.field, field, `${what}: ${JSON.stringify(r.body)}`);
      }
      const byLawyer = await recordHeard(lawyer, a.id, 'provider', now());
      assert.equal(byLawyer.status, 403, JSON.stringify(byLawyer.body));
      assert.deepEqual((await view(a.id)).hearings, []);
    });
  });
}
