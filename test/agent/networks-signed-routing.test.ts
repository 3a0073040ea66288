// A provider that declares its networks from its installation (signed with its installation key) cannot
// have a declaration in its name made by the hub taken for routing: the board's installation ignores a
// hub-made unsigned entry for the ISP when it plans a provision order (said in the plan, ja and en), and
// the installation whose name a hub-made entry uses flags it (recorded, audited, on its status page).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cycle } from '../../src/agent/runner.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWith, type TestHub } from '../support/exchange.ts';
import { declareSigned } from '../support/networks.ts';
import { issuedProvisionOrder } from '../support/provision.ts';

for (const dialect of testDialects()) {
  describe(`declarations the hub makes in a signing provider's name (${dialect})`, () => {
    let hub: TestHub;
    let lawyer: Client, judge: Client;
    let courtId: string, boardId: string, ispId: string;
    let agent: TestAgent;
    let signer: Parameters<typeof runtime>[1];

    before(async () => {
      ({
        hub,
        people: [lawyer, judge],
        orgs: { court: courtId, board: boardId, isp: ispId },
      } = await hubWith(dialect, ['lawyer', 'judge']));
      const ready = await readyInstallation(hub, dialect, 'Sakura Board K.K.');
      agent = ready.agent;
      signer = ready.key.signer;
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /** What a hub operator could do behind the API: a declaration in `organisationId`'s name, unsigned. */
    const forge = async (organisationId: string, cidrs: string[]) =>
      run(hub.ctx, (uow) =>
        uow.tx
          .insertInto('provider_network_declarations')
          .values({
            id: `netdecl_forged_${organisationId}`,
            organisation_id: organisationId,
            cidrs: JSON.stringify(cidrs),
            asns: '[]',
            domains: '[]',
            declared_at: uow.now.toISOString(),
          })
          .execute(),
      );

    test('the plan ignores a hub-made unsigned entry for a provider that signs, and says so', async () => {
      const { order } = await issuedProvisionOrder({ hub, lawyer, judge, courtId, providerId: boardId }, '9971');
      await declareSigned(hub, ispId, { cidrs: ['203.0.113.0/24'], asns: [64500], domains: ['nihon-net.example'] });
      await forge(ispId, ['198.18.0.0/15']);
      const rt = runtime(agent, signer, agent.link());
      const { code } = await addLegalOfficer(agent, '法務 森');
      const lines = '198.18.0.1 2026-11-20T09:16:00+09:00\n203.0.113.5 2026-11-20T09:17:00+09:00';
      for (const [lang, none, ignored] of [
        ['ja', '経由プロバイダが見つかりません', '署名がありません'],
        ['en', 'No access provider found', 'it is not signed'],
      ] as const) {
        const res = await agentPage(
          rt,
          code,
          `/provision-orders/${order.id}/preview?lang=${lang}`,
          new URLSearchParams({ more: lines }),
        );
        const html = await res.text();
        assert.equal(res.status, 200, html);
        const plan = html.slice(html.indexOf('data-testid="provision-plan"'));
        // The forged range routes nowhere; the signed declaration still routes its own range.
        assert.match(plan, new RegExp(`<code>198\\.18\\.0\\.1</code>.*?${none}`));
        assert.match(plan, /<code>203\.0\.113\.5<\/code>.*?(日本ネットワーク通信|Nihon Network)/);
        const notice = plan.slice(plan.indexOf('data-testid="ignored-declarations"'));
        assert.match(notice, new RegExp(ignored));
      }
    });

    test('the installation flags an entry in its own name it did not sign: recorded, audited, shown', async () => {
      await forge(boardId, ['192.0.2.0/24']);
      // The pin grows (here as `shokai agent pin` does; a pull with a new request or a plan does it too).
      await agent.pin();
      const rt = runtime(agent, signer, agent.link());
      const summary = await cycle(rt);
      assert.equal(summary.foreignNetworks, 1);
      const audits = async () =>
        agent.ctx.store.db
          .selectFrom('audit_entries')
          .select('details')
          .where('action', '=', 'agent.networks_foreign')
          .execute();
      const first = await audits();
      assert.equal(first.length, 1);
      assert.match(String(first[0]?.details), /netdecl_forged_/);
      // Seen again at the next cycle: still shown, audited once.
      assert.equal((await cycle(rt)).foreignNetworks, 1);
      assert.equal((await audits()).length, 1);
      const { code } = await addLegalOfficer(agent, '法務 林');
      for (const [lang, words] of [
        ['ja', 'この設置の設置鍵で署名していないもの'],
        ['en', 'that this installation did not sign'],
      ] as const) {
        const html = await (await agentPage(rt, code, `/status?lang=${lang}`)).text();
        const alert = html.slice(html.indexOf('id="networks-foreign"'));
        assert.ok(html.includes('id="networks-foreign"'), html);
        assert.match(alert, new RegExp(words));
        assert.match(alert, /netdecl_forged_/);
      }
    });
  });
}
