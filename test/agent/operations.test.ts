// The agent as a long-lived process: it cycles on its interval, logs what it did as JSON lines with
// ids, counts and verdicts only (never a name, an account or a log line), and lets an answer go
// without a person only where the provider's policy says so (`none` answers; off by default).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { cycle, runLoop } from '../../src/agent/runner.ts';
import { CARRIER_FACTS, runtime, warrantToCarrier } from '../support/agent.ts';
import { hubAndCarrierHooks } from '../support/carrier-hooks.ts';
import { openOnDevice } from '../support/exchange.ts';

async function until(what: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the agent runs on its own', () => {
  const carrier = hubAndCarrierHooks('sqlite', 'sqlite', 'OPS-1');
  const { hub, agent } = carrier;

  test('on its interval it takes requests in; its log lines name no subscriber', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      lines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    const rt = runtime(agent, carrier.signer, agent.link());
    const loop = runLoop(rt, 100);
    try {
      const id = await warrantToCarrier(hub, agent, carrier.caseId, 'OPS1', {
        port: 51234,
        at: '2026-11-30T23:42:17+09:00',
      });
      await until(async () => (await findAgentRequest(agent.ctx.store.db, id))?.state === 'prepared');
      assert.equal(loop.last()?.ok, true);
    } finally {
      await loop.stop();
      process.stderr.write = write;
    }
    const json = lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{'));
    const msgs = json.map((l) => (JSON.parse(l) as { msg: string }).msg);
    assert.ok(msgs.includes('agent.received') && msgs.includes('agent.prepared') && msgs.includes('agent.cycle'));
    const all = json.join('\n');
    for (const s of [CARRIER_FACTS.suzuki.name, CARRIER_FACTS.suzuki.account, CARRIER_FACTS.suzuki.inside, 'cgn-pba']) {
      assert.ok(!all.includes(s), `a log line carries ${s}`);
    }
  });

  test('push: with a long interval, a request delivered at the hub is taken in at once', async () => {
    const rt = runtime(agent, carrier.signer, agent.link());
    const loop = runLoop(rt, 3_600_000, { push: true });
    try {
      await loop.kick(); // the first cycle, then only the hub's event stream can wake it
      await new Promise((r) => setTimeout(r, 300)); // the stream is open
      const id = await warrantToCarrier(hub, agent, carrier.caseId, 'PUSH', {
        port: 51234,
        at: '2026-11-30T23:42:18+09:00',
      });
      await until(async () => (await findAgentRequest(agent.ctx.store.db, id))?.state === 'prepared', 10_000);
    } finally {
      await loop.stop();
    }
  });

  test('policy: a `none` answer goes alone only when allowed; anything else waits for a person', async () => {
    const early = { port: 51234, at: '2026-01-10T10:00:00+09:00' };
    const off = await warrantToCarrier(hub, agent, carrier.caseId, 'OPS2', early);
    await cycle(runtime(agent, carrier.signer, agent.link()));
    assert.equal((await findAgentRequest(agent.ctx.store.db, off))?.state, 'prepared', 'off by default');

    const rt = runtime(agent, carrier.signer, agent.link(), { autoNone: true });
    const none = await warrantToCarrier(hub, agent, carrier.caseId, 'OPS3', early);
    const unique = await warrantToCarrier(hub, agent, carrier.caseId, 'OPS4', {
      port: 51235,
      at: '2026-11-30T23:42:17+09:00',
    });
    await cycle(rt); // pull, prepare, the policy approves the `none` one
    await cycle(rt); // … and sends it
    const row = await findAgentRequest(agent.ctx.store.db, none);
    assert.equal(row?.state, 'sent');
    assert.equal(row?.automatic, 1);
    assert.equal(row?.decided_by, null, 'no person decided it');
    assert.equal(
      (await findAgentRequest(agent.ctx.store.db, unique))?.state,
      'prepared',
      'a subscriber never goes alone',
    );
    assert.equal((await findAgentRequest(agent.ctx.store.db, off))?.state, 'prepared');
    const opened = await openOnDevice(hub, 'sato', none);
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.equal(opened.body.answer.items[0]?.finding?.verdict, 'none');
  });
});
