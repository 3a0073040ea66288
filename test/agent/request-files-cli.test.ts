// `shokai agent device` and `shokai agent request-file` as a provider's operator runs them, on an
// installation set up on the command line (init, keys, pin, reviewer add) against a running hub. The
// installation registers a machine device of its own at the hub and keeps its key in a file of mode 0600,
// named with its fingerprint in Japanese by default and in English when asked; a key file already there
// or a path that cannot be written is refused in words and registers nothing. Until the carrier's legal
// officer enrols the device a pulled request's file stays unchecked and is not saved; once enrolled, the
// next pull opens it and `request-file` saves the bytes the approver signed. A file swapped at the hub,
// one the hub lost, one the signed request does not name, an unknown request or file, and a file to save
// to that is already there are each refused with why, and nothing is left behind.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { type CliResult, shokai } from '../support/cli.ts';
import { type CliInstallation, cliInstallation, LEGAL, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { enrolByDemoDevice, type TestHub } from '../support/exchange.ts';
import {
  loseFileAtHub,
  SCREENSHOT,
  sha256Hex,
  swapFileAtHub,
  warrantWithScreenshot,
} from '../support/request-files.ts';

/** The state codes of a request file: the refusals say them in words. */
const STATE_CODES = /\b(verified|mismatch|missing|unsigned|pending)\b/;

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`shokai agent device and request-file: hub on ${dialect}, agent on ${agentDialect}`, () => {
    let inst: CliInstallation;
    let hub: TestHub;
    let dir: string;
    let isp: string;
    let caseId: string;
    let device: { id: string; publicKey: string };

    /** `shokai agent …` on this installation (English unless `lang` says otherwise; '' is the default). */
    const agent = (args: string[], lang = 'en', config?: string): Promise<CliResult> => inst.agent(args, lang, config);
    const saveFile = (id: string, fileId: string, out: string, lang = 'en') =>
      agent(['request-file', id, fileId, '--out', out, '--as', LEGAL], lang);
    const machineDevices = async () =>
      (
        await hub.ctx.store.db
          .selectFrom('devices')
          .select('id')
          .where('organisation_id', '=', isp)
          .where('kind', '=', 'machine')
          .execute()
      ).length;
    /** The reads of request files the installation audited. */
    const reads = async () => {
      const s = await openStore(inst.store);
      try {
        return (
          await s.db.selectFrom('audit_entries').select('seq').where('action', '=', 'agent.request_file_read').execute()
        ).length;
      } finally {
        await s.close();
      }
    };
    const pulled = async () => JSON.parse(await ok(agent(['pull', '--json']))) as { stored: number };

    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'AGENT-DEVICE-CLI');
      ({ hub, dir, isp, caseId } = inst);
    });
    after(async () => {
      await inst.close();
    });

    const agentDeviceKeyTitle =
      'agent device: a key file of its own (0600), named with its fingerprint; a file there or a bad path refused';
    test(agentDeviceKeyTitle, async () => {
      const before = await machineDevices();
      // A folder that does not exist: refused naming the path, before anything is registered at the hub.
      const bad = join(dir, 'bad.json');
      const cfg = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(bad, JSON.stringify({ ...cfg, deviceKeyFile: 'no-such-folder/device.key' }));
      for (const [lang, words] of [
        ['en', 'cannot create .*no-such-folder/device\\.key \\(no such folder, or not writable\\)'],
        ['', 'no-such-folder/device\\.key を作れません（フォルダがないか、書き込めません）'],
      ] as const) {
        const r = await agent(['device'], lang, bad);
        assert.equal(r.status, 1, r.stdout);
        assert.match(r.stderr, new RegExp(words));
        assert.doesNotMatch(r.stderr, /ENOENT/);
      }
      assert.equal(await machineDevices(), before, 'nothing registered at the hub');

      // Japanese by default: the device and its fingerprint, and how a legal officer enrols it.
      const out = await ok(agent(['device'], ''));
      const m =
        /^端末 (dev_\S+) {2}指紋 SHA-256 ((?:[0-9a-f]{4} ){7}[0-9a-f]{4}) {2}\((.+)\)$/m.exec(out) ?? assert.fail(out);
      const [, deviceId = '', spaced = '', path = ''] = m;
      const fingerprint = spaced.replaceAll(' ', ':');
      assert.equal(path, join(dir, 'device.key'));
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; deviceId: string; publicKey: string };
      assert.equal(file.format, 'shokai-device-key/v1');
      assert.equal(file.deviceId, deviceId);
      assert.ok(out.includes(`shokai device enrol ${deviceId} --public-key ${file.publicKey} で鍵を渡してください`));
      const row = await hub.ctx.store.db
        .selectFrom('devices')
        .selectAll()
        .where('id', '=', deviceId)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.organisation_id, row.kind, row.label, row.fingerprint, row.public_key, row.enrolled_at],
        [isp, 'machine', 'shokai agent', fingerprint, file.publicKey, null],
      );
      // The configuration now names the key file (relative to it, as the other key files are).
      const named = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')) as { deviceKeyFile?: string };
      assert.equal(named.deviceKeyFile, 'device.key');
      device = { id: deviceId, publicKey: file.publicKey };

      // Run again: the key file is there and is kept as it is; nothing more is registered.
      const kept = readFileSync(path);
      const again = await agent(['device']);
      assert.equal(again.status, 1);
      assert.ok(again.stderr.includes(`${path} already exists`), again.stderr);
      assert.deepEqual(readFileSync(path), kept);
      assert.equal(await machineDevices(), before + 1);

      // In English (another installation's configuration naming its own key file, with a label).
      const en = join(dir, 'en.json');
      writeFileSync(en, JSON.stringify({ ...cfg, deviceKeyFile: 'device-en.key' }));
      const eOut = await ok(agent(['device', '--label', 'carrier agent 2'], 'en', en));
      const e = /^device (dev_\S+) {2}fingerprint (SHA-256 [0-9a-f ]+) {2}\((.+)\)$/m.exec(eOut) ?? assert.fail(eOut);
      assert.equal(e[3], join(dir, 'device-en.key'));
      assert.equal(statSync(join(dir, 'device-en.key')).mode & 0o777, 0o600);
      assert.match(
        eOut,
        /A person holding the provider's key compares the fingerprint and enrols it: shokai device enrol/,
      );
      const label = await hub.ctx.store.db
        .selectFrom('devices')
        .select('label')
        .where('id', '=', e[1] ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(label.label, 'carrier agent 2');
    });

    test('agent request-file: unchecked until the device is enrolled, then the bytes the approver signed', async () => {
      const { id, fileId } = await warrantWithScreenshot(hub, { organisationId: isp }, caseId, 51400, 'CLI-RF-1');
      assert.ok((await pulled()).stored >= 1, 'taken in, with the requests the demo made to the carrier');
      const out = join(dir, 'screenshot.png');
      const early = await saveFile(id, fileId, out);
      assert.equal(early.status, 1);
      assert.match(early.stderr, /did not pass the check and is not offered \(not checked yet/);
      assert.equal(existsSync(out), false, 'nothing left behind');
      // Nor can it be carried there: the installation has no enrolled device to seal the file for.
      const carry = join(dir, 'carry-early');
      const { token } = await hub.as('isp.legal');
      const none = await shokai(['request-file', 'export', id, '--out', carry, '--url', hub.url, '--token', token]);
      assert.equal(none.status, 1, none.stdout);
      assert.match(
        none.stderr,
        /the provider's installation has no enrolled device that opens request files: run shokai agent device there/,
      );
      assert.equal(existsSync(carry), false, 'nothing written');

      // The carrier's legal officer, who holds the record key, enrols the installation's device.
      await enrolByDemoDevice(hub, 'isp.legal', device);
      // The next pull opens the file of the request it already has; said to a person in words.
      const words = await ok(agent(['pull']));
      assert.match(words, /^\d+ requests listed at the hub, 0 taken in \(0 refused\); \d+ prepared, \d+ sent$/m, words);
      assert.doesNotMatch(words, /[{}]/);
      const review = await ok(agent(['review', id, '--as', LEGAL]));
      assert.ok(
        review.includes(
          `${fileId}  投稿の画面-CLI-RF-1.png  image/png  ${SCREENSHOT.length} B  sha256:${sha256Hex(SCREENSHOT)}  ` +
            `opened; matches the SHA-256 the approver signed`,
        ),
        review,
      );
      const saved = await ok(saveFile(id, fileId, out));
      assert.equal(saved.trim(), `saved (SHA-256 matches): ${out}  投稿の画面-CLI-RF-1.png  ${sha256Hex(SCREENSHOT)}`);
      assert.deepEqual(readFileSync(out), SCREENSHOT);
      assert.equal(statSync(out).mode & 0o777, 0o600);
      const ja = join(dir, 'screenshot-ja.png');
      assert.match(await ok(saveFile(id, fileId, ja, '')), /^保存しました（SHA-256 一致）: /);
      assert.deepEqual(readFileSync(ja), SCREENSHOT);
      assert.equal(await reads(), 2);

      // A file to save to that is already there: kept as it is, and the request file is not even read.
      writeFileSync(out, 'mine');
      const there = await saveFile(id, fileId, out);
      assert.equal(there.status, 1);
      assert.ok(there.stderr.includes(`${out} already exists`), there.stderr);
      assert.equal(readFileSync(out, 'utf8'), 'mine');
      assert.equal(await reads(), 2);
    });

    const requestFileRefusesTitle =
      'agent request-file refuses, in words, a swapped, lost or unsigned file and an unknown request or file';
    test(requestFileRefusesTitle, async () => {
      const swapped = await warrantWithScreenshot(hub, { organisationId: isp }, caseId, 51401, 'CLI-RF-2');
      await swapFileAtHub(hub, swapped.id, swapped.fileId);
      const lost = await warrantWithScreenshot(hub, { organisationId: isp }, caseId, 51402, 'CLI-RF-3');
      const extra = await loseFileAtHub(hub, lost.fileId);
      assert.equal((await pulled()).stored, 2);
      const out = join(dir, 'refused.png');
      const refusals: Array<[string, string, string, string]> = [
        [
          swapped.id,
          swapped.fileId,
          'en',
          'does not match the SHA-256 the approver signed \\(substituted\\?\\): not offered',
        ],
        [swapped.id, swapped.fileId, '', '照合を通っていないため提供しません（署名された SHA-256 と一致しません'],
        [lost.id, lost.fileId, 'en', 'the hub does not have it: not offered'],
        [lost.id, extra, 'en', 'not named in the signed request: not opened'],
        [lost.id, extra, '', '署名された要請に含まれていないファイルです'],
        ['req_unknown', lost.fileId, 'en', 'request req_unknown is not in this installation'],
        ['req_unknown', lost.fileId, '', '要請 req_unknown はこの設置にありません'],
        [lost.id, 'att_unknown', 'en', `request ${lost.id} has no file att_unknown`],
        [lost.id, 'att_unknown', '', `要請 ${lost.id} に添付ファイル att_unknown はありません`],
      ];
      for (const [id, fileId, lang, words] of refusals) {
        const r = await saveFile(id, fileId, out, lang);
        assert.equal(r.status, 1, `${fileId}: ${r.stdout}`);
        assert.match(r.stderr, new RegExp(words), r.stderr);
        assert.doesNotMatch(r.stderr.replace(/\[.*\]/, ''), STATE_CODES);
        assert.equal(existsSync(out), false, 'nothing left behind');
      }
      assert.equal(await reads(), 2, 'no read of a refused file');
    });

    const fileModeTitle =
      'file mode: the officer exports a request with its file sealed for the device; agent receive checks it';
    test(fileModeTitle, async () => {
      const { id, fileId } = await warrantWithScreenshot(hub, { organisationId: isp }, caseId, 51403, 'CLI-RF-4');
      const carry = join(dir, 'carry');
      const { token } = await hub.as('isp.legal');
      const exported = await ok(
        shokai([
          'request-file',
          'export',
          id,
          '--device',
          device.id,
          '--out',
          carry,
          '--url',
          hub.url,
          '--token',
          token,
        ]),
      );
      assert.ok(exported.includes(`${id}.${fileId}.sealed: request file (sealed) ${fileId}`), exported);
      const received = await ok(agent(['receive', join(carry, `${id}.envelope.json`)], ''));
      assert.ok(received.includes(`要請の添付ファイル ${id} ${fileId}: 開封済み・署名された SHA-256 と一致`), received);
      const out = join(dir, 'carried.png');
      await ok(saveFile(id, fileId, out));
      assert.deepEqual(readFileSync(out), SCREENSHOT);
    });
  });
}
