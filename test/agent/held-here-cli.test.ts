// `shokai agent list` and `shokai agent status` say an answer the installation holds itself — an emergency signed
// with a young approver key, approved, waiting for a call-back recorded here — on its line and under its own
// heading, in words of both languages (not as a refusal of the hub's, which refused nothing). Worked out by the
// function the request's page uses (heldForCallBack).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliInstallation, cliInstallation, LEGAL, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { boardPost, issue, suicideNotice } from '../support/flow.ts';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`the CLI marks an answer held here: hub on ${dialect}, agent on ${agentDialect}`, () => {
    let inst: CliInstallation;
    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'HELD-HERE-CLI', 'board');
    });
    after(() => inst.close());

    test('held until a call-back is recorded here: said on its line and in the status, both languages', async () => {
      const [sato, tanaka] = [await inst.hub.as('sato'), await inst.hub.as('tanaka')];
      const id = (await issue(sato, tanaka, suicideNotice(inst.provider, [boardPost('t/88#1')]))).id;
      await ok(inst.agent(['pull']));
      const answer = join(inst.dir, 'answer.json');
      writeFileSync(answer, JSON.stringify({ outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] }));
      const edited = await ok(inst.agent(['edit', id, '--file', answer, '--as', LEGAL]));
      const digest = /digest: ([0-9a-f]{64})/.exec(edited)?.[1] ?? assert.fail(edited);
      await ok(inst.agent(['approve', id, '--digest', digest, '--as', LEGAL]));
      assert.match(await ok(inst.agent(['send'])), /0 sent, 0 not sent/, 'held: neither sent nor failed');

      const line = (text: string) => text.split('\n').find((l) => l.startsWith(id)) ?? assert.fail(text);
      const en = line(await ok(inst.agent(['list'])));
      assert.match(en, /Needs action: held here until a call-back is recorded/);
      assert.doesNotMatch(en, /the hub refuses/);
      const ja = line(await ok(inst.agent(['list'], 'ja')));
      assert.match(ja, /要対応: 折り返し電話の記録待ち（この設置で保留）/);

      const status = await ok(inst.agent(['status']));
      assert.match(status, /^! Needs action: answers this installation holds until a call-back is recorded here/m);
      assert.match(status, /^ {2}SHK-\S+: this installation asks for a call-back to the issuing unit, recorded here/m);
      const statusJa = await ok(inst.agent(['status'], 'ja'));
      assert.match(statusJa, /^! 要対応: この設置が送付を保留している回答/m);
      assert.doesNotMatch(status + statusJa, /SECOND_CHECK_REQUIRED|own_call_back/, 'no code shown');
    });
  });
}
