// Security review (medium-low): a case's reference and title — free text, often naming the victim or the
// suspect — were shown to every unit of the force, while its requests were the issuing unit's alone
// (need-to-know, docs/security.md: other units of the same agency see nothing); another unit could also file
// its drafts into the case. A case is now its opening unit's (migration 081), seen by another unit only through
// a request of it shared with them; a draft naming another unit's case, by id or by case number, is refused.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { investigatorOfNewUnit } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks } from '../support/exchange.ts';
import { draft, inquiry, THREAT_POST_TARGET } from '../support/flow.ts';
import type { ApiError, CaseDetail } from '../support/replies.ts';

const TITLE = '被害者 山田花子 へのつきまとい';

for (const dialect of testDialects()) {
  describe(`a case is its unit's (${dialect})`, () => {
    const {
      hub,
      people: [sato, admin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'mpd.admin']);
    const reference = `STALK-${dialect}`;
    let caseId: string, requestId: string, other: Client, otherId: string;
    const listed = async (c: Client) =>
      (await c.call<{ items: Array<{ id: string; title: string }> }>('GET', '/v1/cases')).body.items.map((x) => x.id);

    before(async () => {
      const c = await sato.call<{ id: string }>('POST', '/v1/cases', { reference, title: TITLE });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      caseId = c.body.id;
      requestId = (
        await draft(sato, inquiry(orgs.board, { caseReference: reference, targets: [THREAT_POST_TARGET] }), caseId)
      ).id;
      ({ id: otherId, client: other } = await investigatorOfNewUnit(
        hub,
        admin,
        orgs.mpd,
        { nameJa: '捜査第九課', nameEn: 'Ninth Investigation Division' },
        { login: `ninth.unit-${dialect}`, displayName: '第九課 捜査員', password: 'ninth-unit-password-26' },
      ));
    });

    test('another unit of the force neither lists nor opens it', async () => {
      assert.ok((await listed(sato)).includes(caseId), 'the opening unit lists it');
      assert.ok(!(await listed(other)).includes(caseId));
      const page = await other.call<ApiError>('GET', `/v1/cases/${caseId}`);
      assert.equal(page.status, 404, JSON.stringify(page.body));
      assert.doesNotMatch(JSON.stringify(page.body), /山田/);
      const trace = await other.call<ApiError>('GET', `/v1/cases/${caseId}/trace`);
      assert.equal(trace.status, 404, JSON.stringify(trace.body));
    });

    test('nor files a draft into it, by its id or by its case number', async () => {
      const content = inquiry(orgs.board, { caseReference: reference, targets: [THREAT_POST_TARGET] });
      const byId = await other.call<ApiError>('POST', '/v1/requests', { caseId, content });
      assert.equal(byId.status, 404, JSON.stringify(byId.body));
      assert.equal(byId.body.error.details?.field, 'caseId');
      const byNumber = await other.call<ApiError>('POST', '/v1/requests', { content });
      assert.equal(byNumber.status, 409, JSON.stringify(byNumber.body));
      assert.equal(byNumber.body.error.details?.field, 'caseReference');
      assert.match(byNumber.body.error.message.ja, /他の係の事件/);
      assert.match(byNumber.body.error.message.en, /another unit's case/);
      assert.doesNotMatch(JSON.stringify(byNumber.body), /山田/);
      // a case number of their own opens a case of their unit, as before
      const own = await other.call<{ caseId: string }>('POST', '/v1/requests', {
        content: { ...content, caseReference: `NINTH-${dialect}` },
      });
      assert.equal(own.status, 201, JSON.stringify(own.body));
      assert.ok((await listed(other)).includes(own.body.caseId));
      assert.ok(!(await listed(sato)).includes(own.body.caseId), 'and the first unit does not see theirs');
    });

    test('a request of it shared with them shows them the case, with that request only', async () => {
      const second = await draft(
        sato,
        inquiry(orgs.board, { caseReference: reference, targets: [THREAT_POST_TARGET] }),
        caseId,
      );
      const shared = await sato.call('POST', `/v1/requests/${requestId}/shares`, { userId: otherId });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));
      assert.ok((await listed(other)).includes(caseId));
      const page = await other.call<CaseDetail>('GET', `/v1/cases/${caseId}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.equal(page.body.title, TITLE);
      assert.deepEqual(
        page.body.requests.map((r) => r.id),
        [requestId],
      );
      assert.ok(!page.body.requests.some((r) => r.id === second.id));
    });

    test("migration 081 gives a stored case its opener's unit; one of unknown opening stays without", async () => {
      const db = hub.ctx.store.db;
      const satoUnit = (await db.selectFrom('users').select('unit_id').where('login', '=', 'sato').executeTakeFirst())
        ?.unit_id;
      assert.ok(satoUnit);
      await undoMigration(hub.ctx.store, '081-case-unit');
      await db
        .insertInto('cases')
        .values({
          id: `case_unknown_${dialect}`,
          organisation_id: orgs.mpd,
          reference: `UNKNOWN-${dialect}`,
          title: '登録者不明',
          created_at: new Date().toISOString(),
        } as never)
        .execute();
      assert.deepEqual(await migrate(hub.ctx.store), ['081-case-unit']);
      const units = await db.selectFrom('cases').select(['id', 'unit_id']).execute();
      assert.equal(units.find((c) => c.id === caseId)?.unit_id, satoUnit);
      assert.equal(units.find((c) => c.id === `case_unknown_${dialect}`)?.unit_id, null);
      assert.ok(!(await listed(sato)).includes(`case_unknown_${dialect}`), 'a unit does not see it');
      assert.ok((await listed(sato)).includes(caseId));
    });
  });
}
