// Regressions for holes a second attacker's review found (2026-12-04): a colleague a request was shared
// with read-only put files into its clarification thread in the issuing unit's name; any organisation's
// administrator could set the installation's one pinned directory, which every verification on it then
// trusted. (Keys the hub would remake for their owners: test/directory/hub-keys.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { investigatorOfNewUnit } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { inquiry, issue, THREAT, transition } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`holes in administration and sharing (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, admin, osakaAdmin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'mpd.admin', 'osaka.admin']);

    test('a colleague a request is shared with reads it and adds no file to its clarification', async () => {
      const { id: colleagueId, client: colleague } = await investigatorOfNewUnit(
        hub,
        admin,
        orgs.mpd,
        { nameJa: '捜査第三課', nameEn: 'Third Investigation Division' },
        { login: `third.unit-${dialect}`, displayName: '第三課 捜査員', password: 'third-unit-password-26' },
      );
      const issued = await issue(
        sato,
        tanaka,
        inquiry(orgs.board, {
          caseReference: '令和8年 第78号',
          ...THREAT,
          targets: [{ type: 'account', id: `shared-${dialect}` }],
        }),
      );
      await transition(board, issued.id, { action: 'start_review' });
      await transition(board, issued.id, { action: 'request_clarification', message: 'どの書き込みですか' });
      const shared = await sato.call('POST', `/v1/requests/${issued.id}/shares`, { userId: colleagueId });
      assert.equal(shared.status, 200, JSON.stringify(shared.body));

      const keysPath = `/v1/requests/${issued.id}/attachment-keys?purpose=clarification`;
      assert.equal((await sato.call('GET', keysPath)).status, 200, 'the issuing unit answers the clarification');
      const refused = await colleague.call<ApiError>('GET', keysPath);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details?.field, 'purpose');
      const listed = await sato.call<{ items: Array<{ name: string }> }>(
        'GET',
        `/v1/requests/${issued.id}/attachments`,
      );
      assert.equal(listed.body.items.length, 0, 'nothing was added');
    });

    test("an organisation's administrator cannot set the installation's pinned directory", async () => {
      const exported = await admin.call('GET', '/v1/directory/export');
      assert.equal(exported.status, 200);
      // The route is gone: the pin is the installation operator's, on the command line.
      const posted = await osakaAdmin.call<ApiError>('POST', '/v1/directory/pin', exported.body);
      assert.equal(posted.status, 404, JSON.stringify(posted.body));
      // And the use case itself refuses a signed-in administrator, in words.
      const p = await principalOfLogin(hub.ctx.store.db, 'osaka.admin');
      const directory = await run(hub.ctx, exportDirectory, p);
      await assert.rejects(
        run(hub.ctx, importDirectory, p, JSON.parse(JSON.stringify(directory))),
        (e: unknown) => e instanceof Error && 'code' in e && e.code === 'FORBIDDEN' && /command line/.test(e.message),
      );
    });
  });
}
