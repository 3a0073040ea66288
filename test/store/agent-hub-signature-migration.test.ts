import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  endedWithCheck,
  findAgentRequest,
  insertAgentRequest,
  noteEndedAtHub,
} from '../../src/agent/agent.repository.ts';
import { HUB_CHECKS_AWAITING_LOG } from '../../src/agent/hub-ended-texts.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { agentRequestRow } from '../support/agent-request-row.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { storeWithUnit } from '../support/migration-store.ts';

// Migration 059: the office's withdrawal signature as the hub gave it, kept beside what the hub said of a
// held request's end, so that a check waiting on the pinned log is made again of the same withdrawal.
// Down drops it and keeps the check as recorded; up again gives a withdrawal whose signature was not kept,
// which is not checked again (a set-aside still is: the pin holds what it is checked against).
const scratch = scratchLocations('shokai-hub-signature-');

const at = '2026-12-03T01:00:00.000Z';
const held = (id: string) =>
  agentRequestRow(at, {
    request_id: id,
    envelope_id: `env_${id}`,
    kind: 'civil_disclosure',
    reference: id,
    envelope: '{}',
    state: 'received',
  });
const said = (reason: string, signature: string | null) => ({
  hub_state: 'withdrawn',
  hub_state_at: at,
  hub_reason: reason,
  hub_note: '取り下げます',
  hub_check: reason === 'office' ? 'key_not_in_log' : 'not_in_log',
  hub_noted_at: at,
  hub_signature: signature,
});
const SIGNATURE = JSON.stringify({ keyId: 'key_x', signature: 'wa1.x' });

for (const dialect of testDialects()) {
  describe(`the withdrawal signature kept at the installation, migration 059 (${dialect})`, () => {
    test('kept and checked again; down keeps the check; up again leaves it unkept and not checked again', async () => {
      const { store } = await storeWithUnit(dialect, scratch);
      for (const id of ['req_office', 'req_set_aside'])
        assert.equal(await insertAgentRequest(store.db, held(id)), true);
      assert.equal(await noteEndedAtHub(store.db, 'req_office', said('office', SIGNATURE)), true);
      assert.equal(await noteEndedAtHub(store.db, 'req_set_aside', said('order_set_aside', null)), true);
      assert.equal((await findAgentRequest(store.db, 'req_office'))?.hub_signature, SIGNATURE);
      assert.deepEqual(await endedWithCheck(store.db, HUB_CHECKS_AWAITING_LOG), ['req_office', 'req_set_aside']);

      await undoMigration(store, '059-agent-requests-hub-signature');
      const back = await findAgentRequest(store.db, 'req_office');
      assert.ok(back && !('hub_signature' in back), 'the column is gone');
      assert.equal(back?.hub_check, 'key_not_in_log', 'the check stays as recorded');

      assert.deepEqual(await migrate(store), ['059-agent-requests-hub-signature']);
      assert.equal((await findAgentRequest(store.db, 'req_office'))?.hub_signature, null);
      assert.deepEqual(await endedWithCheck(store.db, HUB_CHECKS_AWAITING_LOG), ['req_set_aside']);
    });
  });
}
