// The civil stage rule on requests held from before, end to end on the command line: a post-only disclosure
// request carried to an ISP's installation that was not told its category is taken in; once agent.json says
// `providerCategory: "isp"` (what `agent init --category isp` writes), the next command that opens the
// installation judges it by that category — `shokai agent list` marks it, `shokai agent review` says why.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { openStore } from '../../src/store/database.ts';
import { auditDetails } from '../support/audit.ts';
import { type CliInstallation, cliInstallation, LEGAL, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { civilDisclosure, issue } from '../support/flow.ts';

const CONNECTION = { type: 'ip', address: '203.0.113.9', port: 50123, at: '2026-11-20T10:00:00+09:00' } as const;

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`the category set later holds a request: hub on ${dialect}, agent on ${agentDialect}`, () => {
    let inst: CliInstallation;
    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'CIVIL-STAGE-HELD-CLI');
    });
    after(() => inst.close());

    test('agent list marks it and agent review says why, once agent.json names the category', async () => {
      const lawyer = await inst.hub.as('lawyer');
      const content = {
        ...civilDisclosure(inst.isp, '9301', { senderInformation: ['name', 'address'] }),
        categories: ['subscriber'],
        targets: [civilDisclosure(inst.isp, '9301').targets[0], CONNECTION],
      };
      const p = (await issuedEnvelope(inst.hub, (await issue(lawyer, lawyer, content)).id)).payload;
      const c = p.content as { targets: unknown[] };
      const postOnly = { ...c, targets: [c.targets[0]] } as EnvelopePayload['content'];
      const id = 'req_cli_post_only';
      const forged = await signedByUnit(
        inst.hub,
        { ...p, requestId: id, envelopeId: 'env_cli_post', content: postOnly },
        'lawyer',
      );
      const file = join(inst.dir, 'post-only.json');
      writeFileSync(file, JSON.stringify(forged));
      assert.match(await ok(inst.agent(['receive', file])), /stored 1/);
      const line = (text: string) => text.split('\n').find((l) => l.startsWith(id)) ?? assert.fail(text);
      assert.doesNotMatch(line(await ok(inst.agent(['list']))), /Needs action/, 'no category: left to the hub');

      const config = join(inst.dir, 'agent.json');
      writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), providerCategory: 'isp' }));
      assert.match(
        line(await ok(inst.agent(['list']))),
        /Needs action: breaks a rule checked on arrival \(not answered\)/,
      );
      assert.match(line(await ok(inst.agent(['list'], 'ja'))), /要対応: 受領時の規則を満たさない（回答不可）/);
      const review = await ok(inst.agent(['review', id, '--as', LEGAL, '--offline'], 'ja'));
      assert.match(
        review,
        /agent\.json の「事業者の種別」による、この設置の事業者の種別「インターネット接続事業者（ISP）」/,
      );
      assert.match(review, /「不適式な要請」として見送ってください/);
      assert.doesNotMatch(review, /providerCategory/, 'the setting named in words');

      // Four commands opened the installation with the category; the change is audited once.
      await ok(inst.agent(['list', '--state', 'received']));
      const store = await openStore(inst.store);
      try {
        const set = await auditDetails(store.db, 'agent.category_set', inst.provider);
        assert.deepEqual(set, [{ from: null, to: 'isp' }]);
      } finally {
        await store.close();
      }
    });
  });
}
