import { receivedRequestRow } from '../../src/agent/intake.ts';
import type { AgentRequestRow } from '../../src/store/schema.ts';

/** What a row of the installation's requests says of itself; the rest `agentRequestRow` fills. */
type Taken = Pick<AgentRequestRow, 'request_id' | 'envelope_id' | 'kind' | 'reference' | 'envelope' | 'state'>;

/**
 * A request as the provider's own installation stores it when it takes it in at `at` (what intake
 * writes): nothing prepared, decided or sent yet unless `row` says so.
 */
export function agentRequestRow(at: string, row: Taken & Partial<AgentRequestRow>): AgentRequestRow {
  const arrived = { payload_digest: 'd'.repeat(64), hub_fingerprint: 'f'.repeat(64), source: 'pull', ...row };
  return { ...receivedRequestRow(at, arrived), ...row };
}
