// What the grants list and a person's role periods say of a privileged role, on SQLite and PostgreSQL.
// A grant in effect that no second person countersigned used to be called "held from before the two-person
// rule" whatever it was: an organisation's first administrator, registered with the role by the installation's
// operator, was one too. The store tells them apart (the audit log's entry of the first administrator's grant
// marks it `bootstrap`; migration 006 recorded the roles held before the rule as grants with no entry), and
// each is now said as what it is. A grant awaiting its countersignature was in the grants list but not among
// the person's periods: it is shown there apart, as pending — not held.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { pendingRoleWords, rolePeriodWords } from '../../src/domain/role-periods.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Grant = Schemas['RoleGrant'];
type Periods = Schemas['RolePeriods'];
const instant = (iso: string) => iso;

for (const dialect of testDialects()) {
  describe(`grants and periods in words (${dialect})`, () => {
    const {
      hub,
      people: [mpdAdmin],
      orgs,
    } = hubWithHooks(dialect, ['mpd.admin']);

    const userOf = (login: string) =>
      hub.ctx.store.db
        .selectFrom('users')
        .select(['id', 'organisation_id', 'created_at'])
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
    const grants = async () => {
      const r = await mpdAdmin.call<{ items: Grant[] } & ApiError>('GET', `/v1/organisations/${orgs.mpd}/role-grants`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items;
    };
    const periodsOf = async (login: string) => {
      const r = await mpdAdmin.call<Periods & ApiError>('GET', `/v1/users/${(await userOf(login)).id}/role-periods`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    test("the organisation's first administrator is said as such, not as held from before the rule", async () => {
      const admin = (await grants()).find((g) => g.userLogin === 'mpd.admin') ?? assert.fail('the admin grant');
      assert.deepEqual([admin.state, admin.countersignedBy, admin.uncountersigned], ['active', null, 'first_admin']);
      const head = (await grants()).find((g) => g.userLogin === 'tanaka') ?? assert.fail('the unit head grant');
      assert.equal(head.uncountersigned, null, 'countersigned: nothing to explain');

      const period =
        (await periodsOf('mpd.admin')).items.find((p) => p.role === 'admin') ?? assert.fail('the admin period');
      assert.equal(period.start, 'first_admin');
      const ja = rolePeriodWords(period, 'ja', instant).start;
      const en = rolePeriodWords(period, 'en', instant).start;
      assert.match(ja, /組織の最初の管理者として設置の運用者が登録時に付与/);
      assert.match(en, /the organisation's first administrator, given the role at registration by the installation's/);
      assert.doesNotMatch(`${ja} ${en}`, /二人制の導入前|before the two-person rule/);
    });

    test('a role recorded as a grant by migration 006 is said as held from before the two-person rule', async () => {
      const keys = await userOf('mpd.keys');
      // What migration 006 wrote for a role held before the rule: an active grant, no granter, no audit entry.
      await hub.ctx.store.db
        .insertInto('role_grants')
        .values({
          id: 'grant_held-before-the-rule',
          organisation_id: keys.organisation_id,
          user_id: keys.id,
          role: 'key_officer',
          state: 'active',
          granted_by: null,
          granted_at: keys.created_at,
          countersigned_by: null,
          decided_at: keys.created_at,
          refusal_reason: null,
        })
        .execute();
      const held = (await grants()).find((g) => g.id === 'grant_held-before-the-rule') ?? assert.fail('the grant');
      assert.equal(held.uncountersigned, 'before_two_person_rule');
      const period =
        (await periodsOf('mpd.keys')).items.find((p) => p.start === 'before_two_person_rule') ??
        assert.fail('the period');
      assert.match(rolePeriodWords(period, 'ja', instant).start, /付与した者の記録なし、二人制の導入前から保持/);
      assert.match(
        rolePeriodWords(period, 'en', instant).start,
        /granter not recorded; held from before the two-person/,
      );
    });

    test('a grant awaiting its countersignature is among the periods apart, as pending and not held', async () => {
      const sato = await userOf('sato');
      const granted = await mpdAdmin.call<{ state: string } & ApiError>('POST', `/v1/users/${sato.id}/grant-role`, {
        role: 'unit_head',
      });
      assert.equal(granted.status, 200, JSON.stringify(granted.body));
      assert.equal(granted.body.state, 'pending');

      const { items, pending } = await periodsOf('sato');
      assert.ok(!items.some((p) => p.role === 'unit_head'), 'no period: not held');
      assert.equal(pending.length, 1, JSON.stringify(pending));
      const [p] = pending as [Periods['pending'][number]];
      assert.equal(p.role, 'unit_head');
      assert.deepEqual(p.grantedBy?.login, 'mpd.admin');
      assert.ok(!Number.isNaN(Date.parse(p.grantedAt)));
      assert.match(pendingRoleWords(p, 'ja', instant).state, /副署待ち — まだ保持していません$/);
      assert.match(pendingRoleWords(p, 'en', instant).state, /awaiting .*countersignature — not held yet$/);
      assert.doesNotMatch(JSON.stringify(pending), /usr_|grant_/, 'no ids');
    });
  });
}
