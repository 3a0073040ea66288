import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest, insertAgentRequest, noteEndedAtHub } from '../../src/agent/agent.repository.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { agentRequestRow } from '../support/agent-request-row.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { storeWithUnit } from '../support/migration-store.ts';

// Migration 056: what the hub said of a held request's end sits beside the request, in its own columns.
// Down drops them and keeps the request whole; up again gives a request the hub said nothing of.
const scratch = scratchLocations('shokai-ended-at-hub-');

const at = '2026-12-02T01:00:00.000Z';
const held = agentRequestRow(at, {
  request_id: 'req_held',
  envelope_id: 'env_held',
  kind: 'civil_disclosure',
  reference: 'R-1',
  envelope: '{}',
  state: 'prepared',
  findings: '[]',
  draft: '{"outcome":"full","items":[]}',
});

for (const dialect of testDialects()) {
  describe(`a held request's end at the hub, migration 056 (${dialect})`, () => {
    test('recorded once; down keeps the request; up again leaves it unsaid', async () => {
      const { store } = await storeWithUnit(dialect, scratch);
      assert.equal(await insertAgentRequest(store.db, held), true);
      const said = {
        hub_state: 'withdrawn',
        hub_state_at: at,
        hub_reason: 'office',
        hub_note: '取り下げます',
        hub_check: 'not_signed',
        hub_noted_at: at,
      };
      assert.equal(await noteEndedAtHub(store.db, held.request_id, said), true);
      assert.equal(await noteEndedAtHub(store.db, held.request_id, { ...said, hub_reason: null }), false, 'once');
      const noted = await findAgentRequest(store.db, held.request_id);
      assert.equal(noted?.hub_reason, 'office');
      assert.equal(noted?.state, 'prepared');

      await undoMigration(store, '056-agent-requests-ended-at-hub');
      const back = await findAgentRequest(store.db, held.request_id);
      assert.equal(back?.draft, held.draft, 'the request is whole');
      assert.ok(back && !('hub_state' in back), 'the columns are gone');
      assert.deepEqual(await migrate(store), ['056-agent-requests-ended-at-hub']);
      assert.equal((await findAgentRequest(store.db, held.request_id))?.hub_state, null);
    });
  });
}
