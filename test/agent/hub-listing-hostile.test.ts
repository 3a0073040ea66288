// The hub's list of open requests is a hostile party's word, like the rest of what it sends. A compromised or
// faulty hub that lists request ids it has no envelope for, ids whose envelope does not verify (different bytes
// each time), or one id many times, must not make the provider's store grow without bound, nor touch a genuine
// request held here, nor stop the cycle: an id the hub gives no envelope for stores nothing; a cycle records a
// bounded number of refusals (the others wait, counted); an id refused under the current pin a few times is not
// fetched again until the pin grows; each refusal is audited once. The genuine request is taken in once, though
// listed after every made-up id, and its row stays as it was.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest, listAgentRequests } from '../../src/agent/agent.repository.ts';
import { MAX_FETCHES_PER_CYCLE, MAX_REFUSALS_PER_CYCLE, MAX_REFUSALS_PER_ID, pullOnce } from '../../src/agent/pull.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { pullLines } from '../../src/cli/agent-summary.ts';
import { createContext } from '../../src/kernel/context.ts';
import { openStore } from '../../src/store/database.ts';
import { carrierTarget, installationKey, startAgent, type TestAgent } from '../support/agent.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope } from '../support/envelopes.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';
import { inquiry, issue } from '../support/flow.ts';

const FAKES = 60;

for (const dialect of testDialects()) {
  describe(`a hub listing request ids it should not (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let genuineId: string;
    let genuineEnvelope: unknown;
    let served = 0;
    before(async () => {
      hub = await startHub(dialect);
      agent = await startAgent(hub, dialect, DEMO_ORGS.isp);
      await agent.pin();
      // Whatever the demo left open for the carrier is taken in first: the hostile listing comes after.
      await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      const [sato, tanaka] = [await hub.as('sato'), await hub.as('tanaka')];
      const content = inquiry(agent.organisationId, { caseReference: 'LISTING-1', targets: [carrierTarget(42001)] });
      genuineId = (await issue(sato, tanaka, content)).id;
      genuineEnvelope = JSON.parse(JSON.stringify(await issuedEnvelope(hub, genuineId)));
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /**
     * The hub's answers with made-up ids added to its list (each listed twice, the genuine one three times):
     * for an even one an envelope that changes every time it is served, for an odd one no envelope at all (404);
     * every tenth even one serves the genuine request's envelope under its own id.
     */
    const hostile =
      (fakes: number): ((f: Fetch) => Fetch) =>
      (f) =>
      async (input, init) => {
        const url = new URL(String(input instanceof Request ? input.url : input));
        if (url.pathname === '/v1/requests') {
          const real = (await (await f(input, init)).json()) as { items: { id: string; state: string }[] };
          const made = Array.from({ length: fakes }, (_, i) => ({ id: `req_fake_${i}`, state: 'received' }));
          const genuine = real.items.filter((r) => r.id === genuineId);
          return Response.json({ items: [...made, ...genuine, ...made, ...genuine, ...real.items] });
        }
        const fake = /^\/v1\/requests\/req_fake_(\d+)\/envelope$/.exec(url.pathname);
        if (!fake) return f(input, init);
        const n = Number(fake[1]);
        if (n % 2 === 1)
          return Response.json({ error: { code: 'NOT_FOUND', message: { ja: '無', en: 'none' } } }, { status: 404 });
        // (The genuine envelope under another id: the same bytes each time, refused once and not recorded again.)
        if (n % 20 === 0) return Response.json({ envelope: genuineEnvelope });
        served++;
        return Response.json({ envelope: { v: 2, payload: { requestId: `req_fake_${n}`, junk: served } } });
      };

    const refusalRows = async () =>
      (await agent.ctx.store.db.selectFrom('agent_refusals').select(['request_id', 'reason']).execute()).length;
    const refusalAudits = async () => (await auditEntries(agent.ctx.store.db, 'agent.refused')).length;

    test('the cycle completes, takes the genuine request in once, records a bounded number of refusals', async () => {
      const rowsBefore = await refusalRows();
      const s = await pullOnce(agent.ctx, agent.link({}, hostile(FAKES)), agent.organisationId);
      assert.deepEqual(s.stored, [genuineId]);
      assert.ok(s.refused.length <= MAX_REFUSALS_PER_CYCLE, `${s.refused.length} refusals in one cycle`);
      assert.ok((await refusalRows()) - rowsBefore <= MAX_REFUSALS_PER_CYCLE);
      assert.ok(s.deferred > 0, 'the other refusals wait for a later cycle');
      assert.equal(s.unfetched, FAKES / 2, 'an id the hub has no envelope for is passed over, once a cycle');
      const held = await listAgentRequests(agent.ctx.store.db, undefined, 1000);
      assert.equal(held.filter((r) => r.request_id.startsWith('req_fake_')).length, 0, 'nothing stored for them');
    });

    test('cycle after cycle: an id refused at most a few times under one pin, the genuine row untouched', async () => {
      const before = await findAgentRequest(agent.ctx.store.db, genuineId);
      for (let i = 0; i < 3; i++) await pullOnce(agent.ctx, agent.link({}, hostile(FAKES)), agent.organisationId);
      const rows = await agent.ctx.store.db.selectFrom('agent_refusals').select('request_id').execute();
      const perId = new Map<string, number>();
      for (const r of rows) perId.set(r.request_id, (perId.get(r.request_id) ?? 0) + 1);
      assert.ok(Math.max(...perId.values()) <= MAX_REFUSALS_PER_ID, 'per id, per pin: bounded');
      // Every made-up id that serves an envelope is recorded at most that many times: the whole is bounded.
      assert.ok(rows.length <= (FAKES / 2) * MAX_REFUSALS_PER_ID + 20, `${rows.length} refusal rows`);
      assert.equal(await refusalAudits(), rows.length, 'each refusal audited once');
      assert.deepEqual(await findAgentRequest(agent.ctx.store.db, genuineId), before);
      // Once every made-up id is spent, a cycle fetches nothing for them and records nothing.
      const rowsNow = rows.length;
      for (let i = 0; i < 6; i++) await pullOnce(agent.ctx, agent.link({}, hostile(FAKES)), agent.organisationId);
      const servedBefore = served;
      const s = await pullOnce(agent.ctx, agent.link({}, hostile(FAKES)), agent.organisationId);
      assert.equal(s.refused.length, 0);
      assert.equal(served, servedBefore, 'no changing envelope fetched again under the same pin');
      assert.ok((await refusalRows()) <= (FAKES / 2) * MAX_REFUSALS_PER_ID + 20);
      assert.ok((await refusalRows()) >= rowsNow);
      assert.equal(await refusalAudits(), await refusalRows(), 'each refusal audited once');
    });

    test('ids refused often enough under the pin are left out before the share of fetches is drawn', async () => {
      // The made-up ids serving changing envelopes are spent by now (refused MAX_REFUSALS_PER_ID times each);
      // listed with 90 more that are new, they must not take any of the cycle's share from those.
      const more = Array.from({ length: 90 }, (_, i) => `req_more_${i}`);
      const fetched = new Set<string>();
      const withMore =
        (f: Fetch): Fetch =>
        async (input, init) => {
          const url = new URL(String(input instanceof Request ? input.url : input));
          if (url.pathname === '/v1/requests') {
            const listed = (await (await hostile(FAKES)(f)(input, init)).json()) as { items: unknown[] };
            return Response.json({ items: [...listed.items, ...more.map((id) => ({ id, state: 'received' }))] });
          }
          const m = /^\/v1\/requests\/(req_more_\d+)\/envelope$/.exec(url.pathname);
          if (!m?.[1]) return hostile(FAKES)(f)(input, init);
          fetched.add(m[1]);
          return Response.json({ error: { code: 'NOT_FOUND', message: { ja: '無', en: 'none' } } }, { status: 404 });
        };
      const s = await pullOnce(agent.ctx, agent.link({}, withMore), agent.organisationId);
      assert.equal(s.notFetched, 0, 'no spent id drawn into the share');
      assert.equal(fetched.size, more.length, 'every new id fetched this cycle');
    });

    test('made-up ids past the share of fetches of a cycle wait: each cycle fetches a bounded number', async () => {
      let fetches = 0;
      const many =
        (f: Fetch): Fetch =>
        async (input, init) => {
          const url = new URL(String(input instanceof Request ? input.url : input));
          if (url.pathname === '/v1/requests') {
            const made = Array.from({ length: 300 }, (_, i) => ({ id: `req_many_${i}`, state: 'received' }));
            return Response.json({ items: made });
          }
          if (/^\/v1\/requests\/req_many_\d+\/envelope$/.test(url.pathname)) {
            fetches++;
            return Response.json({ error: { code: 'NOT_FOUND', message: { ja: '無', en: 'none' } } }, { status: 404 });
          }
          return f(input, init);
        };
      const s = await pullOnce(agent.ctx, agent.link({}, many), agent.organisationId);
      assert.equal(fetches, MAX_FETCHES_PER_CYCLE, 'a bounded number of fetches');
      assert.equal(s.unfetched, MAX_FETCHES_PER_CYCLE);
      assert.equal(s.notFetched, 300 - MAX_FETCHES_PER_CYCLE, 'the others wait, counted');
    });

    test('an id answered with an error three times under one pin: not fetched again till the pin grows', async () => {
      const gone = Array.from({ length: 5 }, (_, i) => `req_gone_${i}`);
      const fetches = new Map<string, number>();
      const answersNone =
        (f: Fetch): Fetch =>
        async (input, init) => {
          const url = new URL(String(input instanceof Request ? input.url : input));
          if (url.pathname === '/v1/requests') {
            return Response.json({ items: gone.map((id) => ({ id, state: 'received' })) });
          }
          const m = /^\/v1\/requests\/(req_gone_\d+)\/envelope$/.exec(url.pathname);
          if (!m?.[1]) return f(input, init);
          fetches.set(m[1], (fetches.get(m[1]) ?? 0) + 1);
          const status = Number(m[1].slice(-1)) % 2 ? 503 : 404;
          return Response.json({ error: { code: 'NOT_FOUND', message: { ja: '無', en: 'none' } } }, { status });
        };
      const counts = () => gone.map((id) => fetches.get(id) ?? 0);
      const pull = (ctx = agent.ctx) => pullOnce(ctx, agent.link({}, answersNone), agent.organisationId);
      for (let i = 0; i < MAX_REFUSALS_PER_ID; i++) assert.equal((await pull()).unfetched, gone.length);
      assert.deepEqual(
        counts(),
        gone.map(() => MAX_REFUSALS_PER_ID),
      );
      // The next cycle asks the hub for none of them, and says so: those it said 404 for are passed over, those
      // it answered 503 for wait to be asked again (./hub-errors-retry.test.ts).
      const next = await pull();
      assert.equal(next.unfetched, 0);
      assert.deepEqual(next.passedOverIds, ['req_gone_0', 'req_gone_2', 'req_gone_4']);
      assert.deepEqual(next.retryLaterIds, ['req_gone_1', 'req_gone_3']);
      assert.deepEqual(
        counts(),
        gone.map(() => MAX_REFUSALS_PER_ID),
        'not fetched again under the same pin',
      );
      for (const [lang, words] of [
        ['ja', /繰り返し封筒を渡さなかったため取得しなかった要請: 3 件（固定が伸びるか、1日経てば再取得します）/],
        ['en', /3 listed requests not fetched: the hub gave no envelope for them again and again under this pin/],
      ] as const) {
        const was = process.env.SHOKAI_LANG;
        process.env.SHOKAI_LANG = lang;
        const cycle = { requestFiles: 0, prepared: 0, automatic: 0, sent: 0, failed: 0 };
        const said = pullLines({ pulled: next, ...cycle, foreignNetworks: 0, unconfirmedKeys: 0 }).join('\n');
        if (was === undefined) delete process.env.SHOKAI_LANG;
        else process.env.SHOKAI_LANG = was;
        assert.match(said, words, said);
      }
      // The installation restarted: its store opened again remembers them.
      const store = await openStore(agent.storeUrl);
      try {
        const again = await createContext(store, agent.ctx.kek);
        const restarted = await pull(again);
        assert.equal((restarted.passedOver ?? 0) + (restarted.retryLater ?? 0), gone.length);
        assert.deepEqual(
          counts(),
          gone.map(() => MAX_REFUSALS_PER_ID),
          'not fetched after a restart either',
        );
      } finally {
        await store.close();
      }
      // The hub's log grows and the pin with it: each is fetched again.
      await installationKey(hub, agent);
      await agent.pin();
      const grown = await pull();
      assert.equal(grown.unfetched, gone.length);
      assert.equal(grown.passedOver, 0);
      assert.equal(grown.retryLater, 0);
      assert.deepEqual(
        counts(),
        gone.map(() => MAX_REFUSALS_PER_ID + 1),
      );
    });
  });
}
