// Who did an entry on a request's timeline: a machine client by its registered name and the organisation
// it acts for, never its `cli_…` id (a provider's legal officer read 「cli_a89bde77-…（連携システム）」).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { subjectEntries } from '../../src/audit/subject-entries.queries.ts';
import { clientPrincipalNow } from '../../src/auth/clients.ts';
import { actorWords } from '../../src/domain/audit-details.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { registerMachine } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, hubHooks, orgId } from '../support/exchange.ts';

test('actorWords: a client by name and organisation, a person by name, the system as such', () => {
  const org = { ja: 'さくら掲示板株式会社', en: 'Sakura Board K.K.' };
  const client = { actorType: 'client', actorName: 'sakura-agent', actorOrganisation: org } as const;
  assert.equal(actorWords(client, 'ja'), 'sakura-agent（さくら掲示板株式会社・連携システム）');
  assert.equal(actorWords(client, 'en'), 'sakura-agent (Sakura Board K.K., machine client)');
  const user = { actorType: 'user', actorName: '佐藤 巡査部長', actorOrganisation: org } as const;
  // A person of the viewer's organisation by the roles they held at the act (apart: those whose start is not
  // recorded); one whose roles are not given (another organisation's, or none held then) by organisation.
  assert.equal(actorWords({ ...user, actorRoles: ['investigator'] }, 'ja'), '佐藤 巡査部長（当時の役割: 捜査員）');
  assert.equal(
    actorWords({ ...user, actorRoles: ['investigator', 'unit_head'] }, 'en'),
    '佐藤 巡査部長 (roles then: Investigator, Unit head (approver))',
  );
  assert.equal(
    actorWords({ ...user, actorRoles: [], actorRolesUnsure: ['auditor'] }, 'en'),
    '佐藤 巡査部長 (role with no recorded start: Auditor)',
  );
  assert.equal(actorWords({ ...user, actorRoles: [] }, 'ja'), '佐藤 巡査部長（さくら掲示板株式会社）');
  assert.equal(actorWords({ ...user, actorRoles: [] }, 'en'), '佐藤 巡査部長 (Sakura Board K.K.)');
  assert.equal(actorWords({ ...user, actorOrganisation: null, actorRoles: [] }, 'ja'), '佐藤 巡査部長（利用者）');
  const system = { actorType: 'system', actorName: null, actorOrganisation: null } as const;
  assert.equal(actorWords(system, 'ja'), 'システム');
  assert.equal(actorWords(system, 'en'), 'System');
  // A client whose row is gone: its kind, never an id.
  assert.equal(actorWords({ actorType: 'client', actorName: null, actorOrganisation: null }, 'ja'), '連携システム');
});

for (const dialect of testDialects()) {
  describe(`a request's timeline names a machine client (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test('the entries carry the client’s registered name and its organisation’s names', async () => {
      const board = await orgId(hub, DEMO_ORGS.board);
      const key = await registerMachine(hub, board, 'words');
      const client = await clientPrincipalNow(hub.ctx, key.keyId);
      assert.ok(client);
      await inTransaction(hub.ctx, (uow) => uow.auditBy(client, 'request.received', ['request', 'r-words'], {}));
      const [row] = await subjectEntries(hub.ctx.store.db, 'request', 'r-words', 0);
      assert.ok(row);
      assert.equal(row.actorType, 'client');
      assert.equal(row.actorName, 'words-agent');
      assert.equal(row.actorOrganisation?.en, DEMO_ORGS.board);
      assert.doesNotMatch(actorWords(row, 'ja'), /cli_/);
      assert.match(actorWords(row, 'ja'), /^words-agent（.+・連携システム）$/);
    });
  });
}
