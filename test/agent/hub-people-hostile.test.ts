// The hub's answer to GET /v1/users is a hostile party's word, like the rest of what it sends: a name that
// is not text, roles that are not a list, an answer that is not a list at all. None of it stops a cycle
// (the pin is taken and the key watch runs before names are learned), an item that does not parse is
// dropped, and a stored value that does not parse shows no names instead of breaking the status page, the
// watch and `own-keys list`. Only the names are kept: not the people's logins, roles or standing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hubPeople } from '../../src/agent/hub-people.ts';
import { ownKeysWatch } from '../../src/agent/keys-monitor.ts';
import { cycle } from '../../src/agent/runner.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { getSetting, putSetting, SETTINGS } from '../../src/store/settings.ts';
import { addLegalOfficer, agentPage, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { orgId, startHub, type TestHub } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`a hostile hub's list of people (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let signer: Parameters<typeof runtime>[1];
    let boardId: string;
    let code: string;
    before(async () => {
      hub = await startHub(dialect);
      const ready = await readyInstallation(hub, dialect, 'Sakura Board K.K.');
      agent = ready.agent;
      signer = ready.key.signer;
      boardId = await orgId(hub, 'Sakura Board K.K.');
      code = (await addLegalOfficer(agent, '法務 高橋')).code;
      await cycle(runtime(agent, signer, agent.link()));
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    const answering =
      (body: unknown): ((f: Fetch) => Fetch) =>
      (f) =>
      async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        return url.includes('/v1/users') ? Response.json(body) : f(input, init);
      };
    const cycleWith = (body: unknown) => cycle(runtime(agent, signer, agent.link({}, answering(body))));
    const learned = () => run(agent.ctx, (uow) => hubPeople(uow.tx, agent.organisationId));
    const stored = () => run(agent.ctx, (uow) => getSetting(uow.tx, SETTINGS.agentHubPeople));

    test('only names are kept', async () => {
      const text = (await stored()) ?? assert.fail('names were learned');
      assert.ok(!/"login"|"roles"|"disabled"/.test(text), text);
      assert.ok(((await learned())?.people.length ?? 0) > 0);
    });

    test('a name that is not text: the item is dropped, the cycle completes', async () => {
      const good = { id: 'usr_good', organisationId: boardId, login: 'g', displayName: '良い 名前', roles: [] };
      const s = await cycleWith({
        items: [
          { id: 'usr_bad', organisationId: boardId, login: 'x', displayName: 42, roles: [], disabled: false },
          good,
        ],
      });
      assert.equal(typeof s.unconfirmedKeys, 'number');
      const people = (await learned())?.people ?? assert.fail();
      assert.deepEqual(
        people.map((p) => p.id),
        ['usr_good'],
      );
      // Roles that are not a list, standing that is not a boolean: not used, not kept, no harm.
      await cycleWith({ items: [{ ...good, roles: [1], disabled: 'no' }] });
      assert.deepEqual((await learned())?.people, [{ id: 'usr_good', displayName: '良い 名前' }]);
      // An answer that is not a list: names kept from before, the cycle completes.
      await cycleWith({ items: 'everyone' });
      await cycleWith('no');
      assert.deepEqual((await learned())?.people, [{ id: 'usr_good', displayName: '良い 名前' }]);
    });

    test('a stored value that does not parse: no names, and nothing breaks', async () => {
      for (const bad of ['not json', JSON.stringify({ organisationId: boardId, at: 'x', people: [{ id: 1 }] })]) {
        await run(agent.ctx, (uow) => putSetting(uow.tx, SETTINGS.agentHubPeople, bad, uow.now.toISOString()));
        assert.equal(await learned(), undefined);
        const w = await run(agent.ctx, (uow) => ownKeysWatch(uow));
        assert.equal(w?.names, null);
        const page = await agentPage(runtime(agent, signer, agent.link()), code, '/status');
        assert.equal(page.status, 200);
      }
      // The hub refusing: the cycle still completes; the next answer replaces the bad value.
      const refusing: (f: Fetch) => Fetch = (f) => async (input, init) =>
        String(input instanceof Request ? input.url : input).includes('/v1/users')
          ? new Response('no', { status: 503 })
          : f(input, init);
      await cycle(runtime(agent, signer, agent.link({}, refusing)));
      await cycle(runtime(agent, signer, agent.link()));
      assert.ok(((await learned())?.people.length ?? 0) > 0);
    });
  });
}
