// File mode (air-gapped): envelopes arrive on a file, are verified against the pinned directory as
// pulled ones are, prepared, approved offline (sealed to the keys the pinned directory lists), written
// out as answer files, and taken in at the hub with `shokai answer-file import` — where the hub runs
// the checks of any sealed answer. A forged envelope on a file is refused before any lookup.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { addAnswerFile } from '../../src/agent/answer-files.ts';
import { exportAnswers } from '../../src/agent/files.ts';
import { pinnedDirectory } from '../../src/agent/intake.ts';
import { receiveMedium } from '../../src/agent/medium.ts';
import { viewForReview } from '../../src/agent/review.ts';
import { type AgentRuntime, approve, prepareAll } from '../../src/agent/runner.ts';
import { createApiClient } from '../../src/client/client.ts';
import { openAnswerFileOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { CARRIER_FACTS, runtime, warrantToCarrier } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { hubAndCarrierHooks } from '../support/carrier-hooks.ts';
import { shokai } from '../support/cli.ts';
import { demoDevice, openOnDevice } from '../support/exchange.ts';

const MARK = 'FILE-MODE-ANSWER-FILE-MARKER-7310';

describe('file mode: envelopes and answers on files, no line to the hub', () => {
  const carrier = hubAndCarrierHooks('sqlite', 'sqlite', 'FILE-1');
  const { hub, agent, legal } = carrier;
  let rt: AgentRuntime;
  before(() => {
    rt = runtime(agent, carrier.signer, null);
  });

  test('envelope file in → prepared → approved offline → answer file → taken in at the hub → opened', async () => {
    const id = await warrantToCarrier(hub, agent, carrier.caseId, 'FILE', { port: 51300 });
    // What the hub serves for the request, carried over on a file.
    const isp = await hub.as('isp.legal');
    const env = await isp.call<{ envelope: unknown }>('GET', `/v1/requests/${id}/envelope`);
    const inbox = mkdtempSync(join(tmpdir(), 'shokai-inbox-'));
    const file = join(inbox, 'envelope.json');
    writeFileSync(file, JSON.stringify(env.body));
    const forged = structuredClone(env.body) as {
      envelope: { payload: { requestId: string; envelopeId: string; reference: string } };
    };
    forged.envelope.payload.requestId = 'req_forged_file';
    forged.envelope.payload.envelopeId = 'env_forged_file';
    const forgedFile = join(inbox, 'forged.json');
    writeFileSync(forgedFile, JSON.stringify(forged.envelope));

    const {
      envelopes: [ok, bad],
    } = await receiveMedium(rt, [file, forgedFile]);
    assert.deepEqual(ok?.stored, [id]);
    // Checked against the pin of that instant (no hub to extend it): said, and recorded with the intake.
    const pinned = await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow));
    assert.ok(pinned && ok?.pinnedAt === pinned.head.at, JSON.stringify(ok));
    const [received] = await auditDetails(agent.ctx.store.db, 'agent.received', id);
    assert.equal(received?.directoryAt, pinned.head.at);
    assert.equal(bad?.refused[0]?.reason, 'signature_unit');
    assert.equal(await findAgentRequest(agent.ctx.store.db, 'req_forged_file'), undefined);
    assert.equal((await prepareAll(rt)).prepared, 1);

    // A log excerpt goes with the answer: sealed on approval, carried beside the answer file.
    const excerpt = Buffer.from(`2026-11-30T23:42:17+09:00 port block 51300 ${MARK}\n`);
    const attached = await run(agent.ctx, addAnswerFile, legal, id, { fileName: 'excerpt.txt', bytes: excerpt });
    const view = await run(agent.ctx, viewForReview, legal, id, {});
    assert.equal(view.findings?.[0]?.finding?.verdict, 'unique');
    assert.ok(view.draftDigest);
    await approve(rt, legal, id, view.draftDigest);
    const outDir = mkdtempSync(join(tmpdir(), 'shokai-outbox-'));
    const written = await exportAnswers(rt, outDir);
    assert.equal(written.length, 1);
    assert.equal((await exportAnswers(rt, outDir)).length, 0, 'an answer is written out once');
    const text = readFileSync(written[0] ?? '', 'utf8');
    const sealedName = `${id}.${attached.id}.sealed`;
    assert.equal(readFileSync(join(outDir, sealedName)).includes(MARK), false, 'the file travels sealed');
    assert.match(text, new RegExp(sealedName.replace(/[.]/g, '\\.')));
    for (const s of [CARRIER_FACTS.suzuki.name, CARRIER_FACTS.suzuki.account, CARRIER_FACTS.suzuki.inside]) {
      assert.ok(!text.includes(s), `the answer file carries ${s} in clear`);
    }

    /**
     * The hub's operator takes the answer file in, as the provider's legal officer. Run without blocking:
     * this process serves the hub, and a blocked event loop lets the server's keep-alive timer close the
     * client's pooled connection just as the next call reuses it.
     */
    const importAtHub = () =>
      shokai(['answer-file', 'import', written[0] ?? '', '--as', 'isp.legal', '--store', hub.storeUrl], {
        SHOKAI_MASTER_KEY: hub.masterKey,
        SHOKAI_DATA_DIR: mkdtempSync(join(tmpdir(), 'shokai-hubcli-')),
      });
    const r = await importAtHub();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /answered/);
    const opened = await openOnDevice(hub, 'sato', id);
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.equal(opened.body.answer.items[0]?.subscriber?.name, CARRIER_FACTS.suzuki.name);
    assert.equal(opened.body.signatureValid, true);
    const ref = opened.body.answer.attachments?.[0];
    assert.equal(ref?.sha256, createHash('sha256').update(excerpt).digest('hex'));
    const device = demoDevice(hub, 'sato');
    const api = createApiClient({ baseUrl: hub.url, token: (await hub.as('sato')).token });
    const carried = await openAnswerFileOnDevice(
      api,
      await importDemoDevice(device ?? assert.fail('a device')),
      id,
      ref?.id ?? '',
    );
    assert.deepEqual(Buffer.from(carried.bytes), excerpt);

    // The same file again: the hub refuses a second answer.
    const again = await importAtHub();
    assert.notEqual(again.status, 0);
  });
});
