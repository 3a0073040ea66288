// A newcomer's walk: the unit head's share list offered every active person of the agency outside the unit —
// in the demo only the administrator, the key officer, the auditor and the statistics officer, each of whom
// the share then refused (they work no cases). The page now asks the server whom it may share with, by the rule
// the share applies, and says when there is no one.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { investigatorOfNewUnit } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { draft, threatPostInquiry } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

interface Candidate {
  userId: string;
  login: string;
  displayName: string;
  unitId: string | null;
}

for (const dialect of testDialects()) {
  describe(`whom a request may be shared with (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, admin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'mpd.admin']);
    let requestId: string;
    const candidates = async () => {
      const r = await tanaka.call<{ items: Candidate[] }>('GET', `/v1/requests/${requestId}/share-candidates`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items.map((c) => c.login);
    };

    before(async () => {
      requestId = (await draft(sato, threatPostInquiry(orgs.board, `SHARE-${dialect}`))).id;
    });

    test('no one of the agency who works no cases, nor of the issuing unit, is offered', async () => {
      const offered = await candidates();
      assert.deepEqual(offered, []);
      // each of the others is refused by the share itself, as the list says
      const users = await admin.call<{ items: Array<{ id: string; login: string }> }>('GET', '/v1/users');
      for (const login of ['mpd.admin', 'mpd.keys', 'sato']) {
        const u = users.body.items.find((x) => x.login === login);
        assert.ok(u, login);
        const r = await tanaka.call<ApiError>('POST', `/v1/requests/${requestId}/shares`, { userId: u.id });
        assert.ok([404, 409].includes(r.status), `${login}: ${r.status}`);
      }
    });

    test('an investigator of another unit is offered until shared with; then no longer', async () => {
      const { id } = await investigatorOfNewUnit(
        hub,
        admin,
        orgs.mpd,
        { nameJa: '捜査第七課', nameEn: 'Seventh Investigation Division' },
        { login: `seventh.unit-${dialect}`, displayName: '第七課 捜査員', password: 'seventh-unit-password-26' },
      );
      assert.deepEqual(await candidates(), [`seventh.unit-${dialect}`]);
      const shared = await tanaka.call('POST', `/v1/requests/${requestId}/shares`, { userId: id });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));
      assert.deepEqual(await candidates(), []);
      const disabled = await admin.call('POST', `/v1/users/${id}/disable`, {});
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      const removed = await tanaka.call('DELETE', `/v1/requests/${requestId}/shares/${id}`);
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.deepEqual(await candidates(), [], 'a disabled person is not offered');
    });

    test('an investigator who may share but not list people is not given the list', async () => {
      const r = await sato.call<ApiError>('GET', `/v1/requests/${requestId}/share-candidates`);
      assert.equal(r.status, 403, JSON.stringify(r.body));
    });

    test('only the issuing unit asks', async () => {
      const osaka = await hub.as('osaka.head');
      const r = await osaka.call<ApiError>('GET', `/v1/requests/${requestId}/share-candidates`);
      assert.equal(r.status, 404, JSON.stringify(r.body));
    });
  });
}
