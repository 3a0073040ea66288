// Files a requester attaches to a request, opened on the provider's own installation: the drafter's
// browser seals a screenshot to the carrier's record key, the approver signs its SHA-256; the carrier's
// installation holds that key on a machine device of its own (registered by its machine client, enrolled
// by the carrier's legal officer), opens the file, checks it against the signed SHA-256, keeps it sealed,
// lists it on the request's page and serves it there (each opening and read audited). A file swapped at
// the hub, one the hub no longer has, and one the signed request does not name are shown as such and
// never served.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { readAgentDevice, registerAgentDevice } from '../../src/agent/device.ts';
import { type AgentRequestView, viewForReview } from '../../src/agent/review.ts';
import { type AgentRuntime, cycle } from '../../src/agent/runner.ts';
import { ApiError, unwrap } from '../../src/client/client.ts';
import { DEVICE_SEAL_ALG } from '../../src/crypto/device-seal.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { contentDisposition } from '../../src/server/content-disposition.ts';
import { agentPage, everything, runtime } from '../support/agent.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { enrolByDemoDevice } from '../support/exchange.ts';
import {
  loseFileAtHub,
  REQUEST_FILE_MARK as MARK,
  SCREENSHOT as PNG,
  requestFileHooks,
  sha256Hex as sha,
  swapFileAtHub,
} from '../support/request-files.ts';

for (const dialect of testDialects()) {
  describe(`request files on the carrier's installation: hub on ${dialect}, agent on ${otherDialect(dialect)}`, () => {
    const carrier = requestFileHooks(dialect, 'AGENT-REQUEST-FILES');
    const { hub, agent, legal, withFile } = carrier;
    let rt: AgentRuntime;

    const pages = (path: string) => agentPage(rt, carrier.code, path);
    const view = (id: string): Promise<AgentRequestView> => run(agent.ctx, viewForReview, legal, id, {});
    const auditActions = async () =>
      (await agent.ctx.store.db.selectFrom('audit_entries').select(['action', 'details']).execute()).map(
        (r) => `${r.action} ${r.details}`,
      );

    before(async () => {
      rt = runtime(agent, carrier.signer, agent.link());
    });

    test('without a device of its own the installation leaves the files unopened', async () => {
      const { id } = await withFile(51300, 'RF-0');
      await cycle(rt);
      const v = await view(id);
      assert.deepEqual(
        v.requestFiles.map((f) => f.state),
        ['pending'],
      );
      const page = await (await pages(`/requests/${id}`)).text();
      assert.match(page, /未確認/);
      assert.doesNotMatch(page, /request-files\/att_/, 'no download offered');
    });

    test('the machine client registers its own machine device; a person enrols it; it passes nothing on', async () => {
      const path = carrier.deviceKeyPath;
      const d = await registerAgentDevice(rt.hub ?? assert.fail('online'), path, 'carrier agent');
      assert.match(d.fingerprint, /\S/);
      const hubApi = rt.hub?.api ?? assert.fail('online');
      // Only a machine device, and only people pass the key on or manage it.
      await assert.rejects(
        unwrap(hubApi.POST('/v1/custody/devices', { body: { label: 'x', kind: 'browser', publicKey: d.publicKey } })),
        (e: unknown) =>
          e instanceof ApiError &&
          e.status === 403 &&
          e.details?.field === 'kind' &&
          // The refusal says which kind in words, not with the kind's code.
          !/[A-Za-z]/.test(e.bilingual.ja),
      );
      await enrolByDemoDevice(hub, 'isp.legal', { id: d.deviceId, publicKey: d.publicKey });
      await assert.rejects(
        unwrap(
          hubApi.POST('/v1/custody/devices/{id}/enrol', {
            params: { path: { id: d.deviceId } },
            body: {
              wraps: [
                {
                  keyId: 'ck_x',
                  wrapped: { v: 1, alg: DEVICE_SEAL_ALG, recipientKeyId: 'x', epk: 'x', iv: 'x', ct: 'x' },
                },
              ],
            },
          }),
        ),
        (e: unknown) => e instanceof ApiError && e.status === 403,
      );
      rt = { ...rt, device: await readAgentDevice(path) };
    });

    test('a file the approver signed is opened, checked, kept sealed, listed and served (each audited)', async () => {
      const { id, fileId } = await withFile(51301, 'RF-1');
      await cycle(rt);
      const v = await view(id);
      const f = v.requestFiles.find((x) => x.id === fileId);
      assert.equal(f?.state, 'verified');
      assert.equal(f?.sha256, sha(PNG));
      // The earlier request's file opens too, now that the installation has its device.
      const earlier = (await agent.ctx.store.db.selectFrom('agent_request_files').select('state').execute()).map(
        (r) => r.state,
      );
      assert.deepEqual(earlier, ['verified', 'verified']);
      assert.equal((await everything(agent.ctx)).includes(MARK), false, 'kept sealed in the installation’s store');

      for (const [lang, name] of [
        ['ja', '要請の添付ファイル'],
        ['en', 'Files attached to the request'],
      ] as const) {
        const html = await (await pages(`/requests/${id}?lang=${lang}`)).text();
        assert.ok(html.includes(name), lang);
        assert.ok(html.includes(`投稿の画面-RF-1.png`));
        assert.ok(html.includes(`/requests/${id}/request-files/${fileId}`), 'a download for the verified file');
      }
      const res = await pages(`/requests/${id}/request-files/${fileId}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'image/png');
      // Named as the hub names downloads (RFC 6266 with an ASCII stand-in), and never cached.
      assert.equal(res.headers.get('content-disposition'), contentDisposition('投稿の画面-RF-1.png'));
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
      const log = await auditActions();
      assert.ok(
        log.some((l) => l.startsWith('agent.request_file_opened') && l.includes(fileId) && l.includes('verified')),
      );
      assert.ok(log.some((l) => l.startsWith('agent.request_file_read') && l.includes(fileId)));
      assert.equal(log.join('\n').includes('投稿の画面'), false, 'the audit names files by id, never by name');
    });

    test('a file swapped at the hub does not pass the check and is never served', async () => {
      const { id, fileId } = await withFile(51302, 'RF-2');
      await swapFileAtHub(hub, id, fileId);
      await cycle(rt);
      assert.equal((await view(id)).requestFiles.find((x) => x.id === fileId)?.state, 'mismatch');
      const html = await (await pages(`/requests/${id}?lang=en`)).text();
      assert.match(html, /does not match the SHA-256 the approver signed/);
      assert.doesNotMatch(html, /request-files\/att_/, 'no download offered');
      const res = await pages(`/requests/${id}/request-files/${fileId}?lang=en`);
      assert.equal(res.status, 400);
      const text = await res.text();
      assert.match(text, /did not pass the check and is not offered/);
      assert.equal(text.includes('not the screenshot'), false);
      const ja = await (await pages(`/requests/${id}/request-files/${fileId}?lang=ja`)).text();
      assert.match(ja, /照合を通っていないため提供しません/);
    });

    test('a file the signed request does not name is not opened; one the hub lost is shown missing', async () => {
      const { id, fileId } = await withFile(51303, 'RF-3');
      const extra = await loseFileAtHub(hub, fileId);
      await cycle(rt);
      const files = (await view(id)).requestFiles;
      assert.deepEqual(
        files.map((f) => [f.id, f.state]),
        [
          [fileId, 'missing'],
          [extra, 'unsigned'],
        ],
      );
      const html = await (await pages(`/requests/${id}`)).text();
      assert.match(html, /署名された要請に含まれていないファイルです/);
      assert.match(html, /ハブにありません/);
      assert.doesNotMatch(html, /request-files\/att_/);
      for (const f of [fileId, extra]) assert.equal((await pages(`/requests/${id}/request-files/${f}`)).status, 400);
    });
  });
}
