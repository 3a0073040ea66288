// A café's purge keeps what a request holds: the terminal use an open request asks about, and what a
// running preservation covers, with the members' ID checks; once the request is answered or declined
// (or the preservation has run out), the three years apply again. On the hub (the café answering there)
// and in the provider's own installation (its requests as the agent keeps them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertAgentRequest } from '../../src/agent/agent.repository.ts';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { importCafeRecords, lookupTerminal, purgeCafeRecords } from '../../src/holders/cafe-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../../src/store/schema.ts';
import { agentRequestRow } from '../support/agent-request-row.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { orgIds, startHub, type TestHub } from '../support/exchange.ts';
import { answer, issue, THREAT, transition } from '../support/flow.ts';

const USE = JSON.stringify([
  { terminal: 'B-01', member: 'M001', entered_at: '2023-01-10T09:05:00+09:00', exited_at: '2023-01-10T12:00:00+09:00' },
  { terminal: 'B-02', member: 'M002', entered_at: '2023-01-10T09:05:00+09:00', exited_at: '2023-01-10T12:00:00+09:00' },
]);
const CHECKS = `member,document_kind,checked_at,name,address,birth_date
M001,drivers_licence,2023-01-10T09:00:00+09:00,鈴木 一郎,東京都新宿区1-2-3,1990-04-01
M002,my_number_card,2023-01-10T09:01:00+09:00,佐藤 花子,東京都豊島区4-5-6,1995-07-07
`;
const terminal = (name: string) => ({
  type: 'terminal',
  terminal: name,
  from: '2023-01-10T10:00:00+09:00',
  to: '2023-01-10T10:05:00+09:00',
});
const about = (kind: 'cafe_records' | 'preservation', cafeId: string, name: string, caseReference: string) => ({
  kind,
  providerOrganisationId: cafeId,
  caseReference,
  ...THREAT,
  targets: [terminal(name)],
  categories: kind === 'preservation' ? ['access_log'] : ['subscriber', 'access_log'],
  ...(kind === 'preservation' ? { preservation: { days: 30 } } : {}),
});

for (const dialect of testDialects()) {
  describe(`a café's purge keeps what requests hold, on ${dialect}`, () => {
    let hub: TestHub;
    let offset = 0;
    const now = () => new Date(Date.parse('2026-12-01T03:00:00Z') + offset);
    let cafeId: string;
    const purge = (dryRun: boolean) => run(hub.ctx, purgeCafeRecords, SYSTEM_CALLER, { dryRun });
    const lookup = (name: string) => run(hub.ctx, lookupTerminal, SYSTEM_CALLER, terminal(name));

    before(async () => {
      hub = await startHub(dialect, { clock: now });
      cafeId = (await orgIds(hub)).cafe;
      await run(hub.ctx, claimAttributionData, SYSTEM_CALLER, cafeId);
      const file = (name: string, content: string) => ({ name, content });
      await run(hub.ctx, importCafeRecords, SYSTEM_CALLER, { kind: 'id-checks', file: file('ids.csv', CHECKS) });
      await run(hub.ctx, importCafeRecords, SYSTEM_CALLER, { kind: 'terminal-use', file: file('use.json', USE) });
    });
    after(async () => hub.close());

    test('an open request holds its terminal past the three years; answered, it no longer does', async () => {
      const due = await purge(true);
      assert.deepEqual([due.terminalUse, due.idChecks, due.held, due.holdingRequests], [2, 2, 0, []]);

      const [sato, tanaka, cafe] = [await hub.as('sato'), await hub.as('tanaka'), await hub.as('cafe.staff')];
      const rq = await issue(sato, tanaka, about('cafe_records', cafeId, 'B-01', '令和8年 第801号'));
      assert.equal(rq.state, 'received');
      const seq = await auditHeadSeq(hub.ctx.store.db);
      const done = await purge(false);
      assert.deepEqual(
        [done.terminalUse, done.idChecks, done.held, done.holdingRequests],
        [1, 1, 1, [{ id: rq.id, reference: rq.reference }]],
      );
      const [entry] = (await auditSince(hub.ctx.store.db, seq)).filter((e) => e.action === 'holders.cafe_purged');
      assert.deepEqual(
        [entry?.details.held, entry?.details.holdingRequests],
        [1, [{ id: rq.id, reference: rq.reference }]],
      );
      // the held booth still answers, with its member's ID check (never as unique: it lies beyond the
      // three years); the other is gone
      const kept = await lookup('B-01');
      assert.deepEqual([kept.verdict, kept.reasons.map((r) => r.code)], ['ambiguous', ['outside_retention']]);
      assert.equal(kept.candidates[0]?.person?.name, '鈴木 一郎');
      assert.equal((await lookup('B-02')).verdict, 'none');

      await transition(cafe, rq.id, { action: 'start_review' });
      await transition(cafe, rq.id, { action: 'decline', reason: 'no_data' });
      const after = await purge(false);
      assert.deepEqual([after.terminalUse, after.idChecks, after.held], [1, 1, 0]);
      assert.equal((await lookup('B-01')).verdict, 'none');
    });

    test('an answered preservation holds its terminal until it runs out', async () => {
      await run(hub.ctx, importCafeRecords, SYSTEM_CALLER, {
        kind: 'terminal-use',
        file: { name: 'use-2.json', content: USE.replaceAll('B-0', 'C-0') },
      });
      const [sato, tanaka, cafe] = [await hub.as('sato'), await hub.as('tanaka'), await hub.as('cafe.staff')];
      const rq = await issue(sato, tanaka, about('preservation', cafeId, 'C-01', '令和8年 第802号'));
      const preservedUntil = new Date(now().getTime() + 30 * DAY_MS).toISOString();
      await answer(cafe, rq.id, [{ targetIndex: 0, result: 'found', preservedUntil }]);
      const during = await purge(false);
      assert.deepEqual(
        [during.terminalUse, during.held, during.holdingRequests],
        [1, 1, [{ id: rq.id, reference: rq.reference }]],
      );
      offset += 31 * DAY_MS;
      const ended = await purge(false);
      assert.deepEqual([ended.terminalUse, ended.held, ended.holdingRequests], [1, 0, []]);
    });

    test("in the provider's own installation: its open requests and answered preservations hold", async () => {
      await run(hub.ctx, importCafeRecords, SYSTEM_CALLER, {
        kind: 'terminal-use',
        file: { name: 'use-3.json', content: USE.replaceAll('B-0', 'D-0') },
      });
      const at = now().toISOString();
      const row = (id: string, kind: 'cafe_records' | 'preservation', state: string, name: string) =>
        agentRow(id, kind, state, about(kind, cafeId, name, `令和8年 第${id}号`), at);
      await hub.ctx.store.db.transaction().execute(async (tx) => {
        await insertAgentRequest(tx, row('901', 'cafe_records', 'prepared', 'D-01'));
        await insertAgentRequest(tx, row('902', 'preservation', 'sent', 'D-02'));
      });
      const held = await purge(true);
      const ids = (p: { holdingRequests: { id: string; reference: string }[] }) =>
        p.holdingRequests.map((r) => `${r.id} ${r.reference}`);
      assert.deepEqual([held.terminalUse, held.held, ids(held)], [0, 2, ['rq_901 R-901', 'rq_902 R-902']]);
      // a preservation answered here is kept for the longest it may run with its extension (60 days)
      offset += 59 * DAY_MS;
      assert.deepEqual(ids(await purge(true)), ['rq_901 R-901', 'rq_902 R-902']);
      offset += 2 * DAY_MS;
      const later = await purge(false);
      assert.deepEqual([later.terminalUse, later.held, ids(later)], [1, 1, ['rq_901 R-901']]);
    });
  });
}

/** A request as the provider's own installation keeps it after intake (the envelope's shape only). */
function agentRow(id: string, kind: string, state: string, content: object, at: string): AgentRequestRow {
  const sig = { keyId: 'key_unit', signature: 'c2lnbmF0dXJl' };
  const payload = {
    envelopeId: `env_${id}`,
    requestId: `rq_${id}`,
    reference: `R-${id}`,
    kind,
    agencyOrganisationId: 'org_police',
    unitId: 'unit_cyber',
    providerOrganisationId: (content as { providerOrganisationId: string }).providerOrganisationId,
    draftedBy: 'user_sato',
    approverUserId: 'user_tanaka',
    issuedAt: at,
    content,
  };
  return agentRequestRow(at, {
    request_id: `rq_${id}`,
    envelope_id: `env_${id}`,
    kind,
    reference: `R-${id}`,
    envelope: JSON.stringify({ v: 1, payload, signatures: { approver: sig, unit: sig } }),
    state,
    sent_at: state === 'sent' ? at : null,
  });
}
