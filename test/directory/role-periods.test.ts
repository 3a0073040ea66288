// A person's roles over time, on SQLite and PostgreSQL: each period from its start (registered with it,
// granted again, countersigned) to its end, who acted by name; read by the people's administrators only.
// A request's timeline names the viewer's own people by the roles they held at the act, from those periods:
// a role ended since still shows, one granted since does not, one whose start is not recorded is said so.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { actorWords } from '../../src/domain/audit-details.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { draft, submitApprove, threatPostInquiry } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

type Period = Schemas['RolePeriod'];
type AuditEvent = Schemas['AuditItem'];
const tick = () => new Promise((r) => setTimeout(r, 5));

for (const dialect of testDialects()) {
  describe(`a person's roles over time (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, mpdAdmin, boardAdmin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'mpd.admin', 'board.admin']);

    const userOf = (login: string) =>
      hub.ctx.store.db
        .selectFrom('users')
        .select(['id', 'organisation_id', 'created_at', 'display_name'])
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
    const periodsOf = async (login: string, by = boardAdmin) =>
      by.call<{ items: Period[] } & ApiError>('GET', `/v1/users/${(await userOf(login)).id}/role-periods`);

    test('an ended role and the same role granted again are two periods, each with who acted', async () => {
      const legal = await userOf('board.legal');
      const ended = await boardAdmin.call('POST', `/v1/users/${legal.id}/end-role`, { role: 'provider_legal' });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      await tick();
      const again = await boardAdmin.call('POST', `/v1/users/${legal.id}/grant-role`, { role: 'provider_legal' });
      assert.equal(again.status, 200, JSON.stringify(again.body));

      const read = await periodsOf('board.legal');
      assert.equal(read.status, 200, JSON.stringify(read.body));
      const legalPeriods = read.body.items.filter((p) => p.role === 'provider_legal');
      assert.equal(legalPeriods.length, 2, JSON.stringify(read.body.items));
      const [first, second] = legalPeriods as [Period, Period];
      const admin = { name: (await userOf('board.admin')).display_name, login: 'board.admin' };
      assert.deepEqual(
        { from: first.from, start: first.start, end: first.end, endedBy: first.endedBy },
        { from: legal.created_at, start: 'made', end: 'ended', endedBy: admin },
      );
      assert.ok(first.to !== null && second.from !== null && first.to < second.from, 'ended before granted again');
      assert.deepEqual(
        { start: second.start, grantedBy: second.grantedBy, to: second.to, end: second.end },
        { start: 'granted', grantedBy: admin, to: null, end: 'held' },
      );
      assert.doesNotMatch(JSON.stringify(read.body), /usr_|grant_/, 'no ids');
    });

    test('a privileged role held once a second person countersigned it names both', async () => {
      const read = await periodsOf('tanaka', mpdAdmin);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      const head = read.body.items.find((p) => p.role === 'unit_head') ?? assert.fail('a unit head period');
      assert.equal(head.start, 'countersigned');
      assert.ok(head.countersignedBy?.login, JSON.stringify(head));
      assert.equal(head.end, 'held');
    });

    test("only the person's own organisation's administrators read them", async () => {
      assert.equal((await periodsOf('board.legal', mpdAdmin)).status, 404);
      assert.equal((await periodsOf('tanaka', sato)).status, 403);
    });

    test('the timeline names the roles held at the act, not now', async () => {
      const request = await draft(sato, threatPostInquiry(orgs.board, 'ROLE-PERIODS-1'));
      await submitApprove(sato, tanaka, request.id);
      await tick();
      // Since the acts: sato's investigator role ended, tanaka granted the investigator's role too.
      const [satoRow, tanakaRow] = [await userOf('sato'), await userOf('tanaka')];
      const end = await mpdAdmin.call('POST', `/v1/users/${satoRow.id}/end-role`, { role: 'investigator' });
      assert.equal(end.status, 200, JSON.stringify(end.body));
      const grant = await mpdAdmin.call('POST', `/v1/users/${tanakaRow.id}/grant-role`, { role: 'investigator' });
      assert.equal(grant.status, 200, JSON.stringify(grant.body));

      const timeline = await tanaka.call<{ items: AuditEvent[] }>('GET', `/v1/requests/${request.id}/audit`);
      assert.equal(timeline.status, 200, JSON.stringify(timeline.body));
      const by = (action: string) =>
        timeline.body.items.find((i) => i.action === action) ?? assert.fail(`the timeline has ${action}`);
      assert.deepEqual(by('request.drafted').actorRoles, ['investigator'], 'ended since, held then');
      assert.deepEqual(by('request.signed').actorRoles, ['unit_head'], 'granted since, not held then');
      assert.deepEqual(by('request.signed').actorRolesUnsure, []);
      assert.equal(actorWords(by('request.drafted'), 'ja'), `${satoRow.display_name}（当時の役割: 捜査員）`);
      assert.equal(
        actorWords(by('request.signed'), 'en'),
        `${tanakaRow.display_name} (role then: Unit head (approver))`,
      );

      // A grant whose start the store does not record: held then or only later, the timeline cannot tell.
      await hub.ctx.store.db
        .insertInto('role_grants')
        .values({
          id: 'grant_unrecorded-start',
          organisation_id: tanakaRow.organisation_id,
          user_id: tanakaRow.id,
          role: 'statistician',
          state: 'active',
          granted_by: null,
          granted_at: tanakaRow.created_at,
          countersigned_by: null,
          decided_at: null,
          refusal_reason: null,
        })
        .execute();
      const unsure = await tanaka.call<{ items: AuditEvent[] }>('GET', `/v1/requests/${request.id}/audit`);
      const signed = unsure.body.items.find((i) => i.action === 'request.signed') ?? assert.fail('signed');
      assert.deepEqual([signed.actorRoles, signed.actorRolesUnsure], [['unit_head'], ['statistician']]);
      assert.equal(
        actorWords(signed, 'ja'),
        `${tanakaRow.display_name}（当時の役割: 所属長（決裁者）。開始の記録がない役割: 統計担当）`,
      );
      const periods = await periodsOf('tanaka', mpdAdmin);
      const stat = periods.body.items.find((p) => p.role === 'statistician') ?? assert.fail('the period');
      assert.equal(stat.from, null, 'not guessed');
    });
  });
}
