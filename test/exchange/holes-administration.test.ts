// Regressions for holes a second attacker's review found (2026-12-04): a colleague a request was shared
// with read-only put files into its clarification thread in the issuing unit's name. (Keys the hub would
// remake for their owners: test/directory/hub-keys.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, signInMade } from '../support/exchange.ts';
import { inquiry, issue, THREAT, transition } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`holes in administration and sharing (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, admin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'mpd.admin']);

    test('a colleague a request is shared with reads it and adds no file to its clarification', async () => {
      const unit2 = await admin.call<{ id: string }>('POST', `/v1/organisations/${orgs.mpd}/units`, {
        nameJa: '捜査第三課',
        nameEn: 'Third Investigation Division',
      });
      assert.equal(unit2.status, 201, JSON.stringify(unit2.body));
      const login = `third.unit-${dialect}`;
      const made = await admin.call<{ user: { id: string }; totpSecret: string }>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        unitId: unit2.body.id,
        login,
        displayName: '第三課 捜査員',
        roles: ['investigator'],
        password: 'third-unit-password-26',
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const colleague = await signInMade(hub, login, 'third-unit-password-26', made.body.totpSecret);
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
      const shared = await sato.call('POST', `/v1/requests/${issued.id}/shares`, { userId: made.body.user.id });
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
  });
}
