// In file mode a provider's installation names its answer files after the request id an envelope carries
// (`<requestId>.answer.json` in the directory the operator exports to). A reviewer showed that a validly
// signed envelope whose request id climbed out of that directory (`../elsewhere/name`) was taken in and
// its answer written outside it. An envelope's ids are now letters, digits, `_` and `-` only: such an
// envelope is refused as malformed before anything is stored, and nothing is written anywhere.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { exportAnswers } from '../../src/agent/files.ts';
import { receiveMedium } from '../../src/agent/medium.ts';
import { type AgentRuntime, prepareAll } from '../../src/agent/runner.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { runtime, warrantToCarrier } from '../support/agent.ts';
import { hubAndCarrierHooks } from '../support/carrier-hooks.ts';
import { signedByUnit } from '../support/envelopes.ts';

describe('file mode: a request id is a name, never a path', () => {
  const carrier = hubAndCarrierHooks('sqlite', 'sqlite', 'IDS');
  const { hub, agent } = carrier;
  let rt: AgentRuntime;
  before(() => {
    rt = runtime(agent, carrier.signer, null);
  });

  test('a signed envelope whose request id leaves the directory is refused, and nothing is written', async () => {
    const id = await warrantToCarrier(hub, agent, carrier.caseId, 'IDS', { port: 51377 });
    const isp = await hub.as('isp.legal');
    const got = await isp.call<{ envelope: { payload: EnvelopePayload } }>('GET', `/v1/requests/${id}/envelope`);
    const elsewhere = mkdtempSync(join(tmpdir(), 'shokai-elsewhere-'));
    const outbox = mkdtempSync(join(tmpdir(), 'shokai-outbox-'));
    const climbing = `../${basename(elsewhere)}/answer-${randomBytes(3).toString('hex')}`;
    // Signed for real, with the unit's key and its head's passkey: the signature is not what stops it.
    const envelope = await signedByUnit(hub, {
      ...got.body.envelope.payload,
      requestId: climbing,
      envelopeId: `env_${randomBytes(6).toString('hex')}`,
    });
    const inbox = mkdtempSync(join(tmpdir(), 'shokai-inbox-'));
    const file = join(inbox, 'envelope.json');
    writeFileSync(file, JSON.stringify(envelope));

    const {
      envelopes: [intake],
    } = await receiveMedium(rt, [file]);
    assert.deepEqual(intake?.stored, []);
    assert.deepEqual(intake?.refused, [{ requestId: climbing, reason: 'malformed_envelope' }]);
    assert.equal(await findAgentRequest(agent.ctx.store.db, climbing), undefined);
    await prepareAll(rt);
    await exportAnswers(rt, outbox);
    assert.deepEqual(readdirSync(elsewhere), [], 'nothing written where the id pointed');
  });
});
