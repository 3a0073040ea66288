// A provider's own installation names its provider as the owner of the records in its store when it opens
// the store, so that records imported with `shokai logs …` / `shokai board …` alone are the provider's in
// the review pages too (before, `shokai logs owner` was the way, and it fails on an installation's store,
// which holds no directory of organisations). A store whose records another provider owns is refused.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadAgentConfig } from '../../src/agent/config.ts';
import { installationConfig } from '../../src/agent/installation.ts';
import { bootstrap } from '../../src/kernel/bootstrap.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { getSetting, SETTINGS } from '../../src/store/settings.ts';
import { type CliInstallation, cliInstallation } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, orgId } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`the installation's records are its provider's: hub on ${dialect}, agent on ${agentDialect}`, () => {
    let inst: CliInstallation;
    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'RECORDS-OWNER-CLI');
    });
    after(async () => {
      await inst.close();
    });

    test('set up on the command line, the store names the carrier as the owner of its records', async () => {
      const path = join(inst.dir, 'agent.json');
      const ctx = await bootstrap(
        { ...installationConfig(path, loadAgentConfig(path)), masterKey: undefined },
        { databaseUrl: loadAgentConfig(path).store },
      );
      try {
        const owner = await run(ctx, (uow) => getSetting(uow.tx, SETTINGS.attributionOwner));
        assert.equal(owner, inst.isp);
      } finally {
        await ctx.store.close();
      }
    });

    test("a configuration of another provider over this store is refused, naming the records' owner", async () => {
      const other = join(inst.dir, 'other.json');
      const cfg = JSON.parse(readFileSync(join(inst.dir, 'agent.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(other, JSON.stringify({ ...cfg, organisationId: await orgId(inst.hub, DEMO_ORGS.board) }));
      for (const [lang, text] of [
        ['en', `this installation's records already belong to another provider (${inst.isp})`],
        ['ja', `この設置の記録は既に別の事業者（${inst.isp}）のものとして登録されています。`],
      ] as const) {
        const r = await inst.agent(['status'], lang, other);
        assert.notEqual(r.status, 0, r.stdout);
        assert.match(r.stderr, new RegExp(text.replace(/[().]/g, '\\$&')));
      }
      // The carrier's own configuration still opens it.
      assert.equal((await inst.agent(['status'])).status, 0);
    });
  });
}
