// On the command line, a request the installation took in before intake ran the hub's content rules (its
// target's time an hour after its signed issue): `shokai agent pull` does not prepare it, `shokai agent
// review` says why in intake's words, `shokai agent approve` of an answer prepared then is refused in those
// words — Japanese and English — and `shokai agent decline --reason invalid_request` is taken.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { loadAgentConfig } from '../../src/agent/config.ts';
import { openInstallation } from '../../src/agent/installation.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { openStore } from '../../src/store/database.ts';
import { carrierTarget, loadCarrierLogs } from '../support/agent.ts';
import { type CliInstallation, cliInstallation, LEGAL, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { inquiry, issue } from '../support/flow.ts';
import { storeHeldRequest } from '../support/held-requests.ts';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`shokai agent on a request held from before intake's rules: hub ${dialect}, agent ${agentDialect}`, () => {
    let inst: CliInstallation;
    let future = '';
    const as = ['--as', LEGAL, '--offline'];
    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'HELD-RULES-CLI');
    });
    after(() => inst.close());

    /** A request with its target an hour after the issue, stored as the installation stored it then. */
    const heldFromBefore = async (tag: string, state: 'received' | 'prepared') => {
      const [sato, tanaka] = [await inst.hub.as('sato'), await inst.hub.as('tanaka')];
      const content = inquiry(inst.isp, { caseReference: 'HELD-RULES-CLI', targets: [carrierTarget(41301)] });
      const p = (await issuedEnvelope(inst.hub, (await issue(sato, tanaka, content, inst.caseId)).id)).payload;
      future = new Date(Date.parse(p.issuedAt) + 3600_000).toISOString();
      const envelope = await signedByUnit(inst.hub, {
        ...p,
        requestId: `req_${tag}`,
        envelopeId: `env_${tag}`,
        content: { ...(p.content as object), targets: [carrierTarget(41301, future)] } as EnvelopePayload['content'],
      });
      // Opened as the installation opens itself (its own master key), the row written as intake wrote it then.
      const config = join(inst.dir, 'agent.json');
      const ctx = await openInstallation(config, loadAgentConfig(config));
      try {
        if (state === 'prepared') await loadCarrierLogs(ctx, inst.dir);
        return await storeHeldRequest(ctx, envelope, state);
      } finally {
        await ctx.store.close();
      }
    };
    const stateOf = async (id: string) => {
      const store = await openStore(inst.store);
      try {
        return (await findAgentRequest(store.db, id))?.state;
      } finally {
        await store.close();
      }
    };

    test('pull does not prepare it; review says why; decline as an invalid request is taken', async () => {
      const id = await heldFromBefore('cli_held_received', 'received');
      await ok(inst.agent(['pull']));
      assert.equal(await stateOf(id), 'received');
      const en = await ok(inst.agent(['review', id, ...as]));
      assert.match(en, /^Needs action: this request breaks a rule checked when a request arrives/m);
      assert.match(en, /^ {2}a target's time is later than the request was issued/m);
      assert.ok(en.includes(`its time (${future}) is later than the request was issued`), en);
      assert.match(en, /^ {2}It was taken in before intake checked this and is not answered: decline it as "Invalid/m);
      const ja = await ok(inst.agent(['review', id, ...as], 'ja'));
      assert.match(ja, /^要対応: この要請は、受領時に確かめる規則を満たしていません/m);
      assert.ok(ja.includes(`の日時（${future}）が要請の発出`), ja);
      assert.doesNotMatch(en + ja, /target_future|targets\.0/);
      const line = (out: string) => out.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';
      assert.match(
        line(await ok(inst.agent(['list']))),
        / {2}Needs action: breaks a rule checked on arrival \(not answered\)$/,
      );
      assert.match(line(await ok(inst.agent(['list'], 'ja'))), / {2}要対応: 受領時の規則を満たさない（回答不可）$/);
      await ok(inst.agent(['decline', id, '--reason', 'invalid_request', ...as.slice(0, 2)]));
      assert.equal(await stateOf(id), 'declined');
      assert.doesNotMatch(line(await ok(inst.agent(['list']))), /Needs action/);
    });

    test('approve of an answer prepared then is refused in words, in both languages', async () => {
      const id = await heldFromBefore('cli_held_prepared', 'prepared');
      const view = JSON.parse(await ok(inst.agent(['review', id, '--json', ...as]))) as { draftDigest: string };
      /** The refusal a person reads (the lines after the installation's own log lines). */
      const approve = async (lang: string) => {
        const r = await inst.agent(['approve', id, '--digest', view.draftDigest, ...as], lang);
        assert.notEqual(r.status, 0);
        return r.stderr
          .split('\n')
          .filter((l) => l.startsWith('shokai: '))
          .join('\n');
      };
      const en = await approve('en');
      assert.match(
        en,
        /^shokai: this request cannot be answered: a target's time is later than the request was issued/,
      );
      assert.ok(en.includes(`its time (${future}) is later than the request was issued`), en);
      assert.match(en, /decline it as "Invalid request"/);
      const ja = await approve('ja');
      assert.match(ja, /^shokai: この要請には回答できません。対象の日時が要請の発出より後（未来）です/);
      assert.match(ja, /「不適式な要請」として見送ってください/);
      assert.doesNotMatch(en + ja, /target_future|targets\.0|ILLEGAL_TRANSITION/);
      assert.equal(await stateOf(id), 'prepared');
    });
  });
}
