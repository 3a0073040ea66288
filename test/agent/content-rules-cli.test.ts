// `shokai agent receive` of an envelope whose target's time is later than its signed issue (re-signed by
// the unit and its approver, as a hub that skipped its checks would pass it on): refused, with why in words
// and which target and time, in the chosen language; recorded once; the genuine envelope is taken in.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { carrierTarget } from '../support/agent.ts';
import { type CliInstallation, cliInstallation, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { inquiry, issue } from '../support/flow.ts';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`shokai agent receive refuses a future target in words: hub on ${dialect}, agent on ${agentDialect}`, () => {
    let inst: CliInstallation;
    let folder: string;
    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'CONTENT-RULES-CLI');
      folder = mkdtempSync(join(tmpdir(), 'shokai-content-rules-'));
    });
    after(() => inst.close());

    test('refused with the reason and the target named, recorded once; the genuine one is stored', async () => {
      const [sato, tanaka] = [await inst.hub.as('sato'), await inst.hub.as('tanaka')];
      const content = inquiry(inst.isp, { caseReference: 'CONTENT-RULES-CLI', targets: [carrierTarget(41101)] });
      const genuine = await issuedEnvelope(inst.hub, (await issue(sato, tanaka, content, inst.caseId)).id);
      const p = genuine.payload;
      const future = new Date(Date.parse(p.issuedAt) + 3600_000).toISOString();
      const changed = { ...(p.content as object), targets: [carrierTarget(41101, future)] };
      const forged = await signedByUnit(inst.hub, {
        ...p,
        requestId: 'req_cli_future',
        envelopeId: 'env_cli_future',
        content: changed as EnvelopePayload['content'],
      });
      const file = join(folder, 'future.json');
      writeFileSync(file, JSON.stringify(forged));
      const refusedBefore = (JSON.parse(await ok(inst.agent(['status', '--json']))) as { refused: number }).refused;

      const en = await inst.agent(['receive', file]);
      assert.equal(en.status, 2, en.stderr);
      assert.match(en.stdout, /^ {2}refused: req_cli_future: a target's time is later than the request was issued/m);
      const detail = new RegExp(
        `^ {4}target 1 \\(IP address [0-9.]+:41101\\): its time \\(${future}\\) is later than the request was issued`,
        'm',
      );
      assert.match(en.stdout, detail);
      const ja = await inst.agent(['receive', file], 'ja');
      assert.equal(ja.status, 2, ja.stderr);
      assert.match(ja.stdout, /^ {2}拒否: req_cli_future: 対象の日時が要請の発出より後（未来）です/m);
      assert.match(
        ja.stdout,
        new RegExp(`^ {4}対象 1（IP アドレス [0-9.]+:41101）の日時（${future}）が要請の発出`, 'm'),
      );
      assert.doesNotMatch(en.stdout + ja.stdout, /target_future|targets\.0/);
      const status = JSON.parse(await ok(inst.agent(['status', '--json']))) as { refused: number };
      assert.equal(status.refused, refusedBefore + 1, 'the same envelope refused twice is recorded once');

      const good = join(folder, 'genuine.json');
      writeFileSync(good, JSON.stringify(genuine));
      assert.match(await ok(inst.agent(['receive', good])), /stored 1/);
    });
  });
}
