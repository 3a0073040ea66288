// Security review (low): a case's page lists each of its requests with what it asks about — e-mail addresses,
// an address at a time, accounts — which is personal data; its trace, built from the same chain, was audited,
// the page itself was not. Now opening the page writes `case.viewed`, among the reads of personal data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AUDIT_ACTION_GROUP_MEMBERS, type AuditAction } from '../../src/domain/vocabulary.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { inquiry, issue, THREAT } from '../support/flow.ts';
import type { CaseDetail } from '../support/replies.ts';

const ADDRESS = 'yamada.hanako@example.jp';

for (const dialect of testDialects()) {
  describe(`opening a case's page is audited (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, osaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'osaka']);

    test('the page shows what the requests ask about, and the read is in the audit log', async () => {
      const reference = `VIEWED-${dialect}`;
      const c = await sato.call<{ id: string }>('POST', '/v1/cases', { reference, title: 'つきまとい' });
      assert.equal(c.status, 201);
      const targets = [{ type: 'email', address: ADDRESS }];
      const issued = await issue(
        sato,
        tanaka,
        inquiry(orgs.board, { ...THREAT, caseReference: reference, targets }),
        c.body.id,
      );

      const before = await auditHeadSeq(hub.ctx.store.db);
      const page = await sato.call<CaseDetail>('GET', `/v1/cases/${c.body.id}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.deepEqual(
        page.body.requests.map((r) => [r.id, r.targets]),
        [[issued.id, [{ type: 'email', address: ADDRESS }]]],
      );
      const entries = await auditSince(hub.ctx.store.db, before);
      assert.deepEqual(
        entries.map((e) => [e.action, e.subjectType, e.subjectId, e.details]),
        [['case.viewed', 'case', c.body.id, { requests: 1, links: 0, scope: 'agency' }]],
      );
      assert.ok(AUDIT_ACTION_GROUP_MEMBERS.personal_data_reads.includes('case.viewed' satisfies AuditAction));
    });

    test('a case of another force is not found, and nothing is read', async () => {
      const c = await sato.call<{ id: string }>('POST', '/v1/cases', { reference: `OTHER-${dialect}`, title: '別件' });
      const before = await auditHeadSeq(hub.ctx.store.db);
      const page = await osaka.call('GET', `/v1/cases/${c.body.id}`);
      assert.equal(page.status, 404);
      assert.deepEqual(await auditSince(hub.ctx.store.db, before), []);
    });
  });
}
