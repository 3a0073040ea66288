// The pinned log has no names: a passkey slipped in for a person of the provider is "user usr_…" there, and
// nobody at the provider can say from an id whose it is. The installation learns the names of its own
// organisation's people from the hub (GET /v1/users, which its machine client may call as provider_legal)
// and says a person's key by the hub's name, as the hub's word — on the status page, in `own-keys list`
// and in the warnings of `shokai agent pull`. With the hub unreachable (or refusing) the last names
// learned are kept; a person of another organisation is never learned, even when the hub's answer has one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hubPeople } from '../../src/agent/hub-people.ts';
import { ownKeysWatch } from '../../src/agent/keys-monitor.ts';
import { type AgentRuntime, cycle } from '../../src/agent/runner.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { ownKeysLines, unconfirmedKeyLines } from '../../src/cli/agent-own-keys.ts';
import { createUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { orgId, startHub, type TestHub } from '../support/exchange.ts';
import { slipPersonKey } from '../support/slipped-key.ts';

/** The CLI's lines in one language (the CLI picks it from SHOKAI_LANG). */
function inLanguage<T>(lang: 'ja' | 'en', f: () => T): T {
  const was = process.env.SHOKAI_LANG;
  process.env.SHOKAI_LANG = lang;
  try {
    return f();
  } finally {
    if (was === undefined) delete process.env.SHOKAI_LANG;
    else process.env.SHOKAI_LANG = was;
  }
}

for (const dialect of testDialects()) {
  describe(`a person's key in the provider's name is said by the hub's name (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let rt: AgentRuntime;
    let signer: Parameters<typeof runtime>[1];
    let boardId: string;
    let yamadaId: string;
    let code: string;
    let slipped: { id: string; fingerprint: string };

    before(async () => {
      hub = await startHub(dialect);
      const ready = await readyInstallation(hub, dialect, 'Sakura Board K.K.');
      agent = ready.agent;
      signer = ready.key.signer;
      rt = runtime(agent, signer, agent.link());
      boardId = await orgId(hub, 'Sakura Board K.K.');
      code = (await addLegalOfficer(agent, '法務 高橋')).code;
      const created = await run(hub.ctx, createUser, SYSTEM_CALLER, {
        organisationId: boardId,
        login: 'board.yamada',
        displayName: '山田 太郎',
        roles: ['provider_intake'],
      });
      yamadaId = created.user.id;
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /** What an operator could do behind the API: a passkey key row for Yamada of the provider. */
    const slipIn = async (): Promise<{ id: string; fingerprint: string }> => {
      return slipPersonKey(hub.ctx, { id: 'key_slipped_named', organisationId: boardId, ownerId: yamadaId });
    };
    const learned = async () => run(agent.ctx, (uow) => hubPeople(uow.tx, agent.organisationId));
    const statusAlert = async (lang: 'ja' | 'en') => {
      const html = await (await agentPage(rt, code, `/status?lang=${lang}`)).text();
      const start = html.indexOf('id="keys-unconfirmed"');
      assert.ok(start >= 0, html);
      return { alert: html.slice(start, html.indexOf('</div>', start)), html };
    };
    const named = (name: string) => ({
      ja: `${name}（ハブの登録名。利用者 ${yamadaId}）`,
      en: `${name} (as the hub names user ${yamadaId})`,
    });
    const hubRenames = (name: string) =>
      hub.ctx.store.db.updateTable('users').set({ display_name: name }).where('id', '=', yamadaId).execute();

    test("a passkey slipped in for a person is said by the hub's name, as the hub's word, everywhere", async () => {
      // Before any cycle: no names learned; the watch begins on the pin.
      assert.equal(await learned(), undefined);
      assert.equal((await cycle(rt)).unconfirmedKeys, 0);
      slipped = await slipIn();
      await agent.pin();
      assert.equal((await cycle(rt)).unconfirmedKeys, 1);

      // The machine client may list its own organisation's people: the names are learned.
      const people = (await learned()) ?? assert.fail('the names were learned from the hub');
      assert.equal(people.people.find((p) => p.id === yamadaId)?.displayName, '山田 太郎');

      for (const lang of ['ja', 'en'] as const) {
        const { alert, html } = await statusAlert(lang);
        assert.ok(alert.includes(named('山田 太郎')[lang]), alert);
        assert.ok(alert.includes(slipped.fingerprint), alert);
        assert.doesNotMatch(alert, lang === 'ja' ? /氏名はログにありません/ : /the log has no names\)/);
        // Where the names come from, and when the hub gave them.
        const source = html.slice(html.indexOf('id="own-keys-names"'));
        assert.match(source, lang === 'ja' ? /ハブが .*\+09:00 に示した/ : /the hub gave .* at .*\+09:00/);

        // `shokai agent own-keys list` and the warnings of `shokai agent pull` say the same words.
        const w = await run(agent.ctx, (uow) => ownKeysWatch(uow));
        const listed = inLanguage(lang, () => ownKeysLines(w)).join('\n');
        const warned = inLanguage(lang, () => unconfirmedKeyLines(w)).join('\n');
        for (const text of [listed, warned]) {
          assert.ok(text.includes(`${slipped.id}  `), text);
          assert.ok(text.includes(named('山田 太郎')[lang]), text);
        }
      }
    });

    test('with the hub unreachable, refusing or absent, the last names learned are kept', async () => {
      await hubRenames('山田 次郎');
      // Unreachable: the cycle fails, the names learned before stay.
      const down: (f: Fetch) => Fetch = () => async () => {
        throw new Error('the line dropped');
      };
      await assert.rejects(cycle(runtime(agent, signer, agent.link({}, down))));
      // Refusing the list of people (a hub without the permission for it): the cycle goes on, the names stay.
      const refusing: (f: Fetch) => Fetch = (f) => async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        return url.includes('/v1/users')
          ? Response.json({ error: { code: 'FORBIDDEN', message: 'no' } }, { status: 403 })
          : f(input, init);
      };
      assert.equal((await cycle(runtime(agent, signer, agent.link({}, refusing)))).unconfirmedKeys, 1);
      // No hub at all (file mode): the names learned while it had one.
      assert.equal((await cycle(runtime(agent, signer, null))).unconfirmedKeys, 1);
      for (const lang of ['ja', 'en'] as const) {
        const { alert } = await statusAlert(lang);
        assert.ok(alert.includes(named('山田 太郎')[lang]), alert);
        assert.ok(!alert.includes('山田 次郎'), alert);
      }

      // The hub answers again: refreshed, and a name is shown as written (a hidden character spelled out).
      await hubRenames('山田\u202e次郎');
      await cycle(rt);
      const { alert } = await statusAlert('en');
      assert.ok(alert.includes(named('山田\\u202e次郎').en), alert);
      assert.ok(!alert.includes('\u202e'), alert);
    });

    test('a person of another organisation is never learned, even when the answer has one', async () => {
      const others = await hub.ctx.store.db
        .selectFrom('users')
        .select(['id', 'organisation_id', 'login', 'display_name'])
        .where('organisation_id', '!=', boardId)
        .execute();
      assert.ok(others.length > 0);
      // The hub lists the caller's organisation only.
      const kept = (await learned()) ?? assert.fail();
      const ids = new Set(kept.people.map((p) => p.id));
      assert.ok(ids.has(yamadaId));
      assert.ok(!others.some((o) => ids.has(o.id)));

      // A hub answering with a person of another organisation beside the provider's: that one is dropped.
      const stranger = others[0] ?? assert.fail();
      const leaking: (f: Fetch) => Fetch = (f) => async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.includes('/v1/users')) return f(input, init);
        const real = (await (await f(input, init)).json()) as { items: Array<Record<string, unknown>> };
        const template = real.items[0] ?? assert.fail();
        const foreign = {
          ...template,
          id: stranger.id,
          organisationId: stranger.organisation_id,
          login: stranger.login,
          displayName: stranger.display_name,
        };
        return Response.json({ items: [...real.items, foreign] });
      };
      await cycle(runtime(agent, signer, agent.link({}, leaking)));
      const after = (await learned()) ?? assert.fail();
      assert.ok(after.people.some((p) => p.id === yamadaId));
      assert.ok(!after.people.some((p) => p.id === stranger.id));
      assert.ok(after.people.every((p) => kept.people.some((k) => k.id === p.id)));
    });
  });
}
