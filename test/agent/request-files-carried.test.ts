// Request files in file mode (air-gapped): the carrier's legal officer takes a request to its
// installation with `shokai request-file export` — the signed envelope and each file sealed for the
// installation's enrolled device, nothing in clear on the medium — and `agent receive` opens each file
// beside the envelope and checks it against the SHA-256 the approver signed, exactly as a pull does. A
// file swapped at the hub or on the medium is refused as a mismatch, and a good copy carried later is
// taken in with the mismatch kept as evidence; a file not carried stays not checked yet until it is
// carried; a carried file the envelope does not name is unsigned and never opened.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { readAgentDevice, registerAgentDevice } from '../../src/agent/device.ts';
import { receiveMedium } from '../../src/agent/medium.ts';
import { readRequestFile } from '../../src/agent/request-files.ts';
import { viewForReview } from '../../src/agent/review.ts';
import type { AgentRuntime } from '../../src/agent/runner.ts';
import { requestFilesHtml } from '../../src/agent/web-files.ts';
import type { DeviceHandle } from '../../src/client/custody.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { everything, runtime } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { shokai } from '../support/cli.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { enrolByDemoDevice } from '../support/exchange.ts';
import {
  REQUEST_FILE_MARK as MARK,
  SCREENSHOT as PNG,
  requestFileHooks,
  sha256Hex as sha,
  swapFileAtHub,
} from '../support/request-files.ts';

for (const dialect of testDialects()) {
  describe(`request files carried in file mode: hub on ${dialect}, agent on ${otherDialect(dialect)}`, () => {
    const carrier = requestFileHooks(dialect, 'CARRIED-REQUEST-FILES');
    const { hub, agent, legal, withFile } = carrier;
    let rt: AgentRuntime;
    let device: DeviceHandle;

    /** The carrier's legal officer exports the request for the installation's device (the CLI, not blocking). */
    const exportFor = async (id: string, deviceId = device.id, lang = 'en') => {
      const out = mkdtempSync(join(tmpdir(), 'shokai-carry-'));
      const { token } = await hub.as('isp.legal');
      const r = await shokai(
        ['request-file', 'export', id, '--device', deviceId, '--out', out, '--url', hub.url, '--token', token],
        { SHOKAI_LANG: lang },
      );
      return { out, r, envelope: join(out, `${id}.envelope.json`) };
    };
    const states = async (id: string) =>
      (await run(agent.ctx, viewForReview, legal, id, {})).requestFiles.map((f) => `${f.id} ${f.state}`);
    const read = (id: string, fileId: string) => run(agent.ctx, readRequestFile, legal, id, fileId, device);

    before(async () => {
      // The installation's device, registered while it was set up and enrolled by the legal officer.
      const path = carrier.deviceKeyPath;
      const d = await registerAgentDevice(agent.link(), path, 'carrier agent');
      await enrolByDemoDevice(hub, 'isp.legal', { id: d.deviceId, publicKey: d.publicKey });
      device = await readAgentDevice(path);
      // From here on no line to the hub.
      rt = { ...runtime(agent, carrier.signer, null), device };
    });

    test('a file carried beside its envelope is opened, checked against the signed SHA-256 and read back', async () => {
      const { id, fileId } = await withFile(51500, 'CF-1');
      const { out, r, envelope } = await exportFor(id);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(readdirSync(out).sort(), [`${id}.${fileId}.sealed`, `${id}.envelope.json`].sort());
      assert.match(r.stdout, /request file \(sealed\)/);
      for (const name of readdirSync(out)) {
        assert.equal(readFileSync(join(out, name)).includes(MARK), false, `${name} carries the file in clear`);
      }
      const {
        envelopes: [got],
      } = await receiveMedium(rt, [envelope]);
      assert.deepEqual(got?.stored, [id]);
      assert.deepEqual(got?.requestFiles, [{ requestId: id, fileId, state: 'verified' }]);
      assert.deepEqual(await states(id), [`${fileId} verified`]);
      const opened = await read(id, fileId);
      assert.deepEqual(Buffer.from(opened.bytes), PNG);
      assert.equal(opened.sha256, sha(PNG));
      assert.equal((await everything(agent.ctx)).includes(MARK), false, 'kept sealed in the installation’s store');
      // Carried again: the same envelope is already held and the file keeps its verdict.
      const {
        envelopes: [again],
      } = await receiveMedium(rt, [envelope]);
      assert.deepEqual([again?.already, again?.requestFiles], [[id], []]);
      // At the hub, handing the file out for the installation's device is an audited read by the officer.
      const audited = (await auditDetails(hub.ctx.store.db, 'attachment.read')).map((d) => JSON.stringify(d));
      assert.ok(audited.some((d) => d.includes(fileId) && d.includes('forInstallation')));
    });

    test('a file swapped at the hub, or on the medium, is refused as a mismatch and never read', async () => {
      const swapped = await withFile(51501, 'CF-2');
      await swapFileAtHub(hub, swapped.id, swapped.fileId);
      const atHub = await exportFor(swapped.id);
      assert.equal(atHub.r.status, 0, atHub.r.stderr);
      const {
        envelopes: [got],
      } = await receiveMedium(rt, [atHub.envelope]);
      assert.deepEqual(got?.requestFiles, [{ requestId: swapped.id, fileId: swapped.fileId, state: 'mismatch' }]);
      await assert.rejects(read(swapped.id, swapped.fileId), (e: unknown) => isDomainError(e) && e.code === 'CONFLICT');

      // On the medium: another request's genuine sealed file put in the place of this one's.
      const other = await withFile(51502, 'CF-3');
      const mine = await withFile(51503, 'CF-4');
      const otherCarry = await exportFor(other.id);
      const mineCarry = await exportFor(mine.id);
      const mineSealed = join(mineCarry.out, `${mine.id}.${mine.fileId}.sealed`);
      const good = readFileSync(mineSealed);
      copyFileSync(join(otherCarry.out, `${other.id}.${other.fileId}.sealed`), mineSealed);
      const {
        envelopes: [m],
      } = await receiveMedium(rt, [mineCarry.envelope]);
      assert.deepEqual(m?.requestFiles, [{ requestId: mine.id, fileId: mine.fileId, state: 'mismatch' }]);
      await assert.rejects(read(mine.id, mine.fileId), (e: unknown) => isDomainError(e) && e.code === 'CONFLICT');
      const mismatchAt = (await run(agent.ctx, viewForReview, legal, mine.id, {})).requestFiles[0]?.checkedAt;

      // Carried again as the hub swapped it: still not the one signed, the verdict and the audit log as they were.
      const opened = async (id: string) =>
        (await auditDetails(agent.ctx.store.db, 'agent.request_file_opened')).filter((d) =>
          JSON.stringify(d).includes(id),
        );
      const onceAtHub = (await opened(swapped.fileId)).length;
      const {
        envelopes: [stillBad],
      } = await receiveMedium(rt, [atHub.envelope]);
      assert.deepEqual(stillBad?.requestFiles, [{ requestId: swapped.id, fileId: swapped.fileId, state: 'mismatch' }]);
      assert.equal((await opened(swapped.fileId)).length, onceAtHub);

      // A later medium brings the good copy: taken in, read back; the mismatch stays as evidence.
      writeFileSync(mineSealed, good);
      const {
        envelopes: [cured],
      } = await receiveMedium(rt, [mineCarry.envelope]);
      assert.deepEqual(cured?.requestFiles, [{ requestId: mine.id, fileId: mine.fileId, state: 'verified' }]);
      assert.deepEqual(Buffer.from((await read(mine.id, mine.fileId)).bytes), PNG);
      const view = await run(agent.ctx, viewForReview, legal, mine.id, {});
      assert.deepEqual(
        view.requestFiles.map((f) => [f.state, f.mismatchAt]),
        [['verified', mismatchAt]],
      );
      assert.deepEqual(
        (await opened(mine.fileId)).map((d) => d.state),
        ['mismatch', 'verified'],
        'both openings audited',
      );
      for (const [lang, words] of [
        ['ja', '以前に届いた写しは署名された SHA-256 と一致しませんでした'],
        ['en', 'an earlier copy did not match the SHA-256 the approver signed'],
      ] as const) {
        assert.ok(requestFilesHtml(view, lang).includes(words), lang);
      }
      // Carried once more: verified already, nothing checked again.
      const {
        envelopes: [again],
      } = await receiveMedium(rt, [mineCarry.envelope]);
      assert.deepEqual(again?.requestFiles, []);
    });

    const notCarriedTitle =
      'a file not carried stays not checked yet until it is; one the envelope does not name is unsigned';
    test(notCarriedTitle, async () => {
      const { id, fileId } = await withFile(51504, 'CF-5');
      const carry = await exportFor(id);
      const sealedName = `${id}.${fileId}.sealed`;
      const kept = mkdtempSync(join(tmpdir(), 'shokai-carry-later-'));
      copyFileSync(join(carry.out, sealedName), join(kept, sealedName));
      rmSync(join(carry.out, sealedName));
      // A file the approver never signed, carried beside it (another request's, under an id of this one).
      const stray = await withFile(51505, 'CF-6');
      const strayCarry = await exportFor(stray.id);
      const extra = `att_${'Y'.repeat(24)}`;
      copyFileSync(
        join(strayCarry.out, `${stray.id}.${stray.fileId}.sealed`),
        join(carry.out, `${id}.${extra}.sealed`),
      );

      const {
        envelopes: [first],
      } = await receiveMedium(rt, [carry.envelope]);
      assert.deepEqual(first?.requestFiles, [{ requestId: id, fileId: extra, state: 'unsigned' }]);
      assert.deepEqual(await states(id), [`${fileId} pending`, `${extra} unsigned`]);
      await assert.rejects(read(id, extra), (e: unknown) => isDomainError(e) && e.code === 'CONFLICT');

      // The next medium brings the file: checked then.
      copyFileSync(join(kept, sealedName), join(carry.out, sealedName));
      const {
        envelopes: [later],
      } = await receiveMedium(rt, [carry.envelope]);
      assert.deepEqual(later?.requestFiles, [{ requestId: id, fileId, state: 'verified' }]);
      assert.deepEqual(Buffer.from((await read(id, fileId)).bytes), PNG);
    });

    const foreignDeviceTitle =
      'export refuses a device that is not the installation’s enrolled one, in words, and writes nothing';
    test(foreignDeviceTitle, async () => {
      const { id, fileId } = await withFile(51506, 'CF-7');
      // The drafter reads the file, but is handed it for no device of the carrier's.
      const sato = await hub.as('sato');
      const asked = await sato.call<{ error: { details?: { field?: string } } }>(
        'GET',
        `/v1/requests/${id}/attachments/${fileId}/sealed?device=${device.id}`,
      );
      assert.equal(asked.status, 404, JSON.stringify(asked.body));
      assert.equal(asked.body.error.details?.field, 'device', 'refused for the device, not the file');
      for (const [deviceId, lang, words] of [
        ['dev_unknown', 'en', 'device dev_unknown is not an enrolled device of yours'],
        ['dev_unknown', '', '端末 dev_unknown はあなたの登録済みの端末ではありません'],
      ] as const) {
        const { out, r } = await exportFor(id, deviceId, lang);
        assert.equal(r.status, 1, r.stdout);
        assert.ok(r.stderr.includes(words), r.stderr);
        assert.deepEqual(readdirSync(out), []);
      }
    });

    test('a carried file the envelope does not name shows its name’s hidden characters as marks', async () => {
      const { id, fileId } = await withFile(51507, 'CF-8');
      const { out, envelope } = await exportFor(id);
      // Whoever carries the medium adds a file under another id of this request, its name turned round.
      const extra = `att_${'Z'.repeat(24)}`;
      const sealed = JSON.parse(readFileSync(join(out, `${id}.${fileId}.sealed`), 'utf8')) as Record<string, unknown>;
      writeFileSync(
        join(out, `${id}.${extra}.sealed`),
        JSON.stringify({ ...sealed, attachmentId: extra, fileName: 'APPROVED\u202Egnp.txt' }),
      );
      await receiveMedium(rt, [envelope]);
      const view = await run(agent.ctx, viewForReview, legal, id, {});
      assert.ok(view.requestFiles.some((f) => f.id === extra));
      const html = requestFilesHtml(view, 'en');
      assert.equal(html.includes('\u202E'), false, 'no raw override character on the page');
      assert.match(html, /APPROVED<span class="hidden-char"[^>]*>⟨U\+202E⟩<\/span>gnp\.txt/);
    });
  });
}
