// Files attached to an answer in the provider's own installation: the legal officer adds them to the
// draft in the review pages (and removes one), a file over 10 MiB or of a type not taken is refused next
// to the file control in Japanese and English with nothing stored; on approval each file is sealed on
// the carrier's side to the requesting unit and to the carrier, uploaded, and named in the signed
// answer; the investigator's device opens it and its SHA-256 is the one signed; the hub holds no byte
// of it in clear. A crash between the upload and the local record uploads nothing twice.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { addAnswerFile } from '../../src/agent/answer-files.ts';
import { type AgentRequestView, viewForReview } from '../../src/agent/review.ts';
import { type AgentRuntime, approve, cycle, sendAll } from '../../src/agent/runner.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { createApiClient } from '../../src/client/client.ts';
import { openAnswerFileOnDevice, openAnswerOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { MAX_ATTACHMENT_BYTES } from '../../src/domain/attachments.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { agentPage, everything, runtime, warrantToCarrier } from '../support/agent.ts';
import { hubAndCarrierHooks } from '../support/carrier-hooks.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { demoDevice } from '../support/exchange.ts';

const MARK = 'AGENT-ANSWER-FILE-MARKER-5521';
const PDF = Buffer.from(`%PDF-1.4\n% contract scan ${MARK}\n%%EOF\n`);
const LOG = Buffer.from(`2026-11-30T23:42:17+09:00 nat 10.64.0.9:40211 -> ${MARK}-LOG\n`);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const dialect of testDialects()) {
  describe(`answer files of the carrier's installation: hub on ${dialect}, agent on ${otherDialect(dialect)}`, () => {
    const carrier = hubAndCarrierHooks(dialect, otherDialect(dialect), 'AGENT-FILES');
    const { hub, agent, legal } = carrier;
    let rt: AgentRuntime;
    let crash = false;
    let firstId = '';
    const uploads: string[] = [];

    /** What the pages answer to a form, signed in as the legal officer. */
    async function pages(path: string, body?: FormData | URLSearchParams) {
      const res = await agentPage(rt, carrier.code, path, body);
      return { status: res.status, html: await res.text() };
    }
    const form = (name: string, type: string, bytes: Uint8Array) => {
      const f = new FormData();
      f.set('file', new File([new Uint8Array(bytes)], name, { type }));
      return f;
    };
    const view = (id: string): Promise<AgentRequestView> => run(agent.ctx, viewForReview, legal, id, {});
    async function prepared(port: number, n: string): Promise<string> {
      const id = await warrantToCarrier(hub, agent, carrier.caseId, n, { port });
      await cycle(rt);
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.state, 'prepared');
      return id;
    }
    async function openAtAgency(id: string) {
      const device = demoDevice(hub, 'sato');
      assert.ok(device);
      const api = createApiClient({ baseUrl: hub.url, token: (await hub.as('sato')).token });
      const dev = await importDemoDevice(device);
      const opened = await openAnswerOnDevice(api, dev, id);
      return { opened, file: (fileId: string) => openAnswerFileOnDevice(api, dev, id, fileId, opened) };
    }

    // The hub link's own client (its watch), closed beside the installation and the hub.
    after(() => rt?.hub?.close());
    before(async () => {
      // Records every upload; `crash` makes the answer itself fail to arrive (the line drops).
      const wrap =
        (f: Fetch): Fetch =>
        async (input, init) => {
          const req = input instanceof Request ? input : new Request(input, init);
          if (req.url.endsWith('/attachments/sealed'))
            uploads.push(Buffer.from(await req.clone().arrayBuffer()).toString('latin1'));
          if (crash && req.url.endsWith('/transitions') && (await req.clone().text()).includes('"sealed"')) {
            throw new Error('the line dropped');
          }
          return f(req);
        };
      rt = runtime(agent, carrier.signer, agent.link({}, wrap));
    });

    test('the legal officer adds and removes files; one too large or of another type is refused in ja/en', async () => {
      const id = await prepared(51234, 'FILES-1');
      firstId = id;
      const before = await view(id);
      assert.deepEqual(before.files, []);
      const added = await pages(`/requests/${id}/files`, form('契約書.pdf', 'application/pdf', PDF));
      assert.equal(added.status, 303);
      const log = await pages(`/requests/${id}/files`, form('nat-excerpt.log', '', LOG));
      assert.equal(log.status, 303);
      const withTwo = await view(id);
      assert.deepEqual(
        withTwo.files.map((f) => [f.fileName, f.mediaType, f.sha256]),
        [
          ['契約書.pdf', 'application/pdf', sha(PDF)],
          ['nat-excerpt.log', 'text/plain', sha(LOG)],
        ],
      );
      assert.notEqual(withTwo.draftDigest, before.draftDigest, 'the approval covers the files');
      const page = await pages(`/requests/${id}?lang=en`);
      assert.match(page.html, /契約書\.pdf/);
      assert.match(page.html, new RegExp(sha(PDF)));

      // Refused next to the file control, in the reviewer's language; nothing stored.
      const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x41);
      const zip = Buffer.from('PK\x03\x04 not an allowed type');
      for (const lang of ['ja', 'en'] as const) {
        const tooBig = await pages(`/requests/${id}/files?lang=${lang}`, form('big.txt', 'text/plain', big));
        assert.equal(tooBig.status, 400);
        const alert = /id="err-file">([^<]*)</.exec(tooBig.html)?.[1] ?? '';
        assert.match(alert, lang === 'ja' ? /10 MiB.*まで/ : /up to 10 MiB/, tooBig.html);
        assert.match(tooBig.html, /aria-describedby="err-file"/);
        const other = await pages(`/requests/${id}/files?lang=${lang}`, form('logs.zip', 'application/zip', zip));
        assert.equal(other.status, 400);
        const why = /id="err-file">([^<]*)</.exec(other.html)?.[1] ?? '';
        assert.match(why, lang === 'ja' ? /添付できません/ : /cannot be attached/, other.html);
        assert.match(why, /application\/zip/);
      }
      // The service says which field and value, for the command line too.
      await assert.rejects(
        run(agent.ctx, addAnswerFile, legal, id, { fileName: 'big.txt', bytes: big }),
        (e: unknown) =>
          e instanceof DomainError && e.details?.field === 'file' && e.details?.value === MAX_ATTACHMENT_BYTES + 1,
      );
      await assert.rejects(
        run(agent.ctx, addAnswerFile, legal, id, { fileName: 'scan.png', mediaType: 'image/png', bytes: PDF }),
        (e: unknown) => e instanceof DomainError && e.details?.field === 'mediaType',
      );
      assert.equal((await view(id)).files.length, 2, 'nothing stored by a refusal');

      // Removed: the log excerpt leaves the draft.
      const logId = withTwo.files[1]?.id ?? '';
      const removed = await pages(`/requests/${id}/files/remove`, new URLSearchParams({ fileId: logId }));
      assert.equal(removed.status, 303);
      assert.deepEqual(
        (await view(id)).files.map((f) => f.fileName),
        ['契約書.pdf'],
      );
    });

    test('the draft as JSON with a key twice is refused, naming the key; a refusal is text, never markup', async () => {
      const id = firstId;
      const before = await view(id);
      const text = JSON.stringify(before.draft, null, 2);
      assert.match(text, /^\{\n {2}"outcome":/);
      // The reviewer reads "none" first; JSON.parse would keep the value after it.
      const twice = text.replace(/^\{\n/, '{\n  "outcome": "none",\n');
      for (const lang of ['ja', 'en'] as const) {
        const r = await pages(`/requests/${id}/edit?lang=${lang}`, new URLSearchParams({ answer: twice }));
        assert.equal(r.status, 400, r.html);
        const alert = /<p role="alert">([^<]*)</.exec(r.html)?.[1] ?? '';
        assert.match(
          alert,
          lang === 'ja'
            ? /項目「outcome」が同じまとまりの中に2回あります/
            : /the key &quot;outcome&quot; appears twice/,
        );
      }
      assert.equal((await view(id)).draftDigest, before.draftDigest, 'the draft is untouched');
      // The same text without the repetition is taken (the page's own form, sent back as it was).
      assert.equal((await pages(`/requests/${id}/edit`, new URLSearchParams({ answer: text }))).status, 303);
      // An id in the address is repeated in the refusal as text: no element of the caller's reaches the page.
      const marked = await pages(`/requests/${encodeURIComponent('<b id="x">req</b>')}?lang=en`);
      assert.equal(marked.status, 400, marked.html);
      assert.doesNotMatch(marked.html, /<b id="x">/);
      assert.match(marked.html, /&lt;b id=&quot;x&quot;&gt;req&lt;\/b&gt;/);
    });

    test('approved: sealed here, uploaded, named in the signed answer; the device checks its SHA-256', async () => {
      const id = firstId;
      const v = await view(id);
      assert.ok(v.draftDigest);
      await approve(rt, legal, id, v.draftDigest);
      const s = await sendAll(rt, rt.hub ?? assert.fail('online'));
      assert.deepEqual(s, { sent: 1, failed: 0 });
      const { opened, file } = await openAtAgency(id);
      assert.equal(opened.signatureValid, true);
      const ref = opened.answer.attachments?.[0];
      assert.deepEqual(
        opened.answer.attachments?.map((a) => [a.fileName, a.sha256]),
        [['契約書.pdf', sha(PDF)]],
      );
      const f = await file(ref?.id ?? '');
      assert.deepEqual(Buffer.from(f.bytes), PDF);
      assert.equal(f.sha256, sha(PDF));
      // The hub: ciphertext sealed by the provider, and not a byte of the file in clear anywhere.
      const row = await hub.ctx.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', ref?.id ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(row.sealed_by, 'provider');
      assert.equal(
        (await everything(agent.ctx)).includes(MARK),
        true,
        'the scan reads bytes: the carrier keeps its file',
      );
      assert.equal((await everything(hub.ctx)).includes(MARK), false, 'no plaintext of the file at the hub');
      assert.ok(uploads.length > 0);
      for (const u of uploads) assert.equal(u.includes(MARK), false, 'the upload carries ciphertext only');
      assert.ok((await view(id)).files[0]?.uploadedAt, 'recorded as taken by the hub');
    });

    test('a crash between the upload and the local record: nothing uploaded twice, nothing lost', async () => {
      const id = await prepared(51234, 'FILES-2');
      await run(agent.ctx, addAnswerFile, legal, id, { fileName: 'excerpt.log', bytes: LOG });
      const v = await view(id);
      assert.ok(v.draftDigest);
      await approve(rt, legal, id, v.draftDigest);
      // The file arrives, the answer does not (the line drops).
      crash = true;
      assert.deepEqual(await sendAll(rt, rt.hub ?? assert.fail('online')), { sent: 0, failed: 1 });
      crash = false;
      assert.ok((await view(id)).files[0]?.uploadedAt, 'the file went, the answer did not');
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.state, 'approved');
      // …and, worse, the installation had not recorded that the hub took the file.
      await agent.ctx.store.db
        .updateTable('agent_answer_files')
        .set({ uploaded_at: null })
        .where('request_id', '=', id)
        .execute();
      const n = uploads.length;
      const again = runtime(agent, rt.signer, rt.hub);
      assert.deepEqual(await sendAll(again, again.hub ?? assert.fail('online')), { sent: 1, failed: 0 });
      assert.equal(uploads.length, n + 1, 'tried once more, refused as the same id');
      const held = await hub.ctx.store.db.selectFrom('attachments').select('id').where('request_id', '=', id).execute();
      assert.equal(held.length, 1, 'the hub holds the file once');
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.state, 'sent');
      const { opened, file } = await openAtAgency(id);
      assert.deepEqual(Buffer.from((await file(opened.answer.attachments?.[0]?.id ?? '')).bytes), LOG);
    });
  });
}
