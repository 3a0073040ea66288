// A genuine request the hub answers with errors for a while is not lost. Only the hub saying it has no such
// envelope (404/410) passes an id over, and then only until the pin grows or a day has passed; any other error
// (a 502 while the hub is failing, a 429, a 409) makes the id wait a time that grows from 15 minutes, and then
// it is asked for again — so a hub that recovers has the request taken in. The ids waiting are on the status
// page and in `agent status`, and an id passed over is audited once. The installation's clock is the test's:
// the waits pass without sleeping.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GONE_RETRY_MS, RETRY_FIRST_MS } from '../../src/agent/not-given.ts';
import { MAX_REFUSALS_PER_ID, pullOnce, REFUSAL_STANDS_MS } from '../../src/agent/pull.ts';
import { agentStatus } from '../../src/agent/status.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { statusLines } from '../../src/cli/agent-summary.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { carrierTarget, startAgent, type TestAgent } from '../support/agent.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';
import { inquiry, issue } from '../support/flow.ts';

const MINUTE = 60_000;

for (const dialect of testDialects()) {
  describe(`a request the hub answers with errors for a while (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    /** What the hub answers for an id's envelope instead of giving it (by id; absent: it gives it). */
    const failing = new Map<string, number>();
    const fetches = new Map<string, number>();
    /** Ids the hub serves bytes for that are no envelope (each time other bytes): refused at intake. */
    const junk = new Set<string>();
    let served = 0;
    before(async () => {
      hub = await startHub(dialect, { clock: now });
      agent = await startAgent(hub, dialect, DEMO_ORGS.isp, now);
      await agent.pin();
      await pullOnce(agent.ctx, agent.link(), agent.organisationId);
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    const erring =
      (f: Fetch): Fetch =>
      async (input, init) => {
        const url = new URL(String(input instanceof Request ? input.url : input));
        const m = /^\/v1\/requests\/([^/]+)\/envelope$/.exec(url.pathname);
        if (!m?.[1]) return f(input, init);
        fetches.set(m[1], (fetches.get(m[1]) ?? 0) + 1);
        if (junk.has(m[1])) return Response.json({ envelope: { v: 2, payload: { requestId: m[1], junk: ++served } } });
        const status = failing.get(m[1]);
        if (status === undefined) return f(input, init);
        return Response.json({ error: { code: 'UNAVAILABLE', message: { ja: '失敗', en: 'failed' } } }, { status });
      };
    const pull = () => pullOnce(agent.ctx, agent.link({}, erring), agent.organisationId);
    const genuine = async (n: number): Promise<string> => {
      const [sato, tanaka] = [await hub.as('sato'), await hub.as('tanaka')];
      const content = inquiry(agent.organisationId, { caseReference: `ERRING-${n}`, targets: [carrierTarget(n)] });
      return (await issue(sato, tanaka, content)).id;
    };
    const audits = async (id: string) =>
      (await auditEntries(agent.ctx.store.db, 'agent.envelope_passed_over', id)).length;

    test('the hub answers 502 three cycles, then recovers: the request is taken in after the wait', async () => {
      const id = await genuine(43001);
      failing.set(id, 502);
      for (let i = 0; i < 3; i++) {
        const s = await pull();
        assert.deepEqual(s.stored, []);
        assert.deepEqual(s.unfetchedIds, [id]);
      }
      // Push-triggered cycles seconds apart: the id waits, said so, neither passed over nor audited.
      const waits = await pull();
      assert.equal(fetches.get(id), 3);
      assert.equal(waits.retryLater, 1);
      assert.deepEqual(waits.retryLaterIds, [id]);
      assert.equal(waits.passedOver, 0);
      assert.equal(await audits(id), 0);
      const status = await run(agent.ctx, agentStatus, SYSTEM_CALLER);
      assert.deepEqual(
        status.notGiven.retryLater.map((w) => [w.requestId, w.status]),
        [[id, 502]],
      );
      const was = process.env.SHOKAI_LANG;
      process.env.SHOKAI_LANG = 'en';
      assert.match(
        statusLines(status).join('\n'),
        new RegExp(`^ {2}${id}: the hub answered 502; last tried .*next try`, 'm'),
      );
      if (was === undefined) delete process.env.SHOKAI_LANG;
      else process.env.SHOKAI_LANG = was;
      // The hub recovers; the wait is not over yet, then it is.
      failing.delete(id);
      assert.deepEqual((await pull()).stored, []);
      assert.equal(fetches.get(id), 3);
      offset += RETRY_FIRST_MS + MINUTE;
      const later = await pull();
      assert.deepEqual(later.stored, [id], 'taken in once the hub gives it');
      assert.equal(fetches.get(id), 4);
      assert.deepEqual((await run(agent.ctx, agentStatus, SYSTEM_CALLER)).notGiven.retryLater, []);
    });

    test('the wait doubles with each error more; 429 and 409 wait as 5xx does', async () => {
      const id = await genuine(43002);
      for (const status of [429, 409, 503]) {
        failing.set(id, status);
        await pull();
      }
      assert.equal((await pull()).retryLater, 1);
      offset += RETRY_FIRST_MS + MINUTE;
      await pull(); // the 4th error: the next wait is twice the first
      assert.equal(fetches.get(id), 4);
      offset += RETRY_FIRST_MS + MINUTE;
      assert.equal((await pull()).retryLater, 1, 'not yet');
      assert.equal(fetches.get(id), 4);
      failing.delete(id);
      offset += RETRY_FIRST_MS;
      assert.deepEqual((await pull()).stored, [id]);
    });

    test('404 three times: passed over, audited once, kept while unlisted, asked again after a day', async () => {
      const id = await genuine(43003);
      failing.set(id, 404);
      for (let i = 0; i < 3; i++) await pull();
      const passed = await pull();
      assert.deepEqual(passed.passedOverIds, [id]);
      assert.equal(fetches.get(id), 3);
      assert.equal(await audits(id), 1, 'audited once, as it became passed over');
      const status = await run(agent.ctx, agentStatus, SYSTEM_CALLER);
      assert.deepEqual(
        status.notGiven.passedOver.map((w) => w.requestId),
        [id],
      );
      // A cycle whose listing does not hold it keeps its record: listed again, it is still passed over.
      const unlisted =
        (f: Fetch): Fetch =>
        async (input, init) => {
          const url = new URL(String(input instanceof Request ? input.url : input));
          return url.pathname === '/v1/requests' ? Response.json({ items: [] }) : erring(f)(input, init);
        };
      await pullOnce(agent.ctx, agent.link({}, unlisted), agent.organisationId);
      assert.equal((await pull()).passedOver, 1);
      assert.equal(fetches.get(id), 3);
      // A day later it is asked for again: still 404, passed over again at once, not audited again.
      offset += GONE_RETRY_MS + MINUTE;
      const again = await pull();
      assert.deepEqual(again.unfetchedIds, [id]);
      assert.equal((await pull()).passedOver, 1);
      assert.equal(await audits(id), 1);
      // Another day, and the hub gives it.
      failing.delete(id);
      offset += GONE_RETRY_MS + MINUTE;
      assert.deepEqual((await pull()).stored, [id]);
    });

    test('an envelope refused often under one pin is judged again once its refusals are a day old', async () => {
      const id = await genuine(43004);
      junk.add(id);
      for (let i = 0; i < MAX_REFUSALS_PER_ID; i++) {
        assert.ok(
          (await pull()).refused.some((r) => JSON.stringify(r).includes(id)),
          `refused, cycle ${i + 1}`,
        );
      }
      // The hub gives the genuine envelope now; refused often enough under this pin, it is not fetched yet.
      junk.delete(id);
      const spent = fetches.get(id);
      assert.ok(!(await pull()).stored.includes(id));
      assert.equal(fetches.get(id), spent, 'not fetched while its refusals stand');
      // A day on, on an installation whose pin nothing grew: fetched, judged again and taken in.
      offset += REFUSAL_STANDS_MS + MINUTE;
      assert.ok((await pull()).stored.includes(id), 'taken in once its refusals are a day old');
    });
  });
}
