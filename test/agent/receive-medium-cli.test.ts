// `shokai agent receive` given a medium as `shokai request-file export` wrote it, or as someone copied it
// into folders of their own: its folder, or all its files (`DIR/*`). The envelopes are taken in and the
// sealed files claiming them checked as carried files, wherever each lies; a sealed file whose envelope
// was not taken in is checked against the envelope the installation stored from an earlier medium, if it
// holds the request, and named otherwise; two different files claiming the same request file, a file that is no
// envelope and a path that is not there are each named with why, in words, and are no refused
// envelope in the installation's records. A bad file stops nothing: the other files are taken in and
// what was stored stays stored.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { auditDetails } from '../support/audit.ts';
import { shokai } from '../support/cli.ts';
import { type CliInstallation, cliInstallation, LEGAL, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { enrolByDemoDevice } from '../support/exchange.ts';
import { SCREENSHOT, warrantWithScreenshot } from '../support/request-files.ts';

const NEITHER = "neither a request's envelope nor a request file written by shokai request-file export: not taken in";
const NEITHER_JA =
  'エンベロープでも、shokai request-file export が書き出した添付ファイルでもありません。取り込みません';
const ALONE =
  'a sealed request file of a request this installation does not hold, ' +
  'and its envelope was not taken in from this medium: not checked';
const TWICE = 'the same key twice in one object of the JSON (readers could take either value): not taken in';
const HELD = 'a request taken in from an earlier medium: its files are checked against its stored, verified envelope';
const HELD_JA = '以前の媒体で受領した要請です。保存済みの検証済みエンベロープで添付ファイルを照合します';
const DIFFERS = 'does not match the SHA-256 the approver signed';
const AMBIGUOUS =
  'another file on this medium claims to be the same request file, with different content: none of them is checked';
const AMBIGUOUS_JA =
  '同じ要請の同じ添付ファイルを名乗る、中身の異なるファイルがこの媒体に複数あります。どれも照合しません';
const MATCHES = 'opened; matches the SHA-256 the approver signed';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`shokai agent receive of a medium: hub on ${dialect}, agent on ${agentDialect}`, () => {
    let inst: CliInstallation;
    let deviceId: string;
    let medium: string;

    /** The carrier's legal officer exports a request onto the medium (the device given, or the default). */
    const exportTo = async (id: string, out: string, device: string[] = ['--device', deviceId]) => {
      const { token } = await inst.hub.as('isp.legal');
      return shokai(['request-file', 'export', id, ...device, '--out', out, '--url', inst.hub.url, '--token', token]);
    };
    /** The carrier's legal officer exports the requests `rs` onto a new medium (its folder named from `prefix`). */
    const exportedOnto = async (prefix: string, ...rs: Array<{ id: string }>) => {
      const out = mkdtempSync(join(tmpdir(), prefix));
      for (const r of rs) await ok(exportTo(r.id, out));
      return out;
    };
    /** A warrant to the carrier with a screenshot attached: its id and the file's. */
    const withFile = (port: number, n: string) =>
      warrantWithScreenshot(inst.hub, { organisationId: inst.isp }, inst.caseId, port, n);
    const status = async () => JSON.parse(await ok(inst.agent(['status', '--json']))) as { refused: number };
    /** The states the installation audited opening a request file in, in order. */
    const openings = async (fileId: string) => {
      const s = await openStore(inst.store);
      try {
        const opened = await auditDetails(s.db, 'agent.request_file_opened');
        return opened.filter((d) => d.fileId === fileId).map((d) => d.state);
      } finally {
        await s.close();
      }
    };

    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'RECEIVE-MEDIUM-CLI');
      const out = await ok(inst.agent(['device']));
      const [, id = '', publicKey = ''] =
        /shokai device enrol (dev_\S+) --public-key (\S+)/.exec(out) ?? assert.fail(out);
      deviceId = id;
      await enrolByDemoDevice(inst.hub, 'isp.legal', { id, publicKey });
      medium = mkdtempSync(join(tmpdir(), 'shokai-medium-'));
    });
    after(async () => {
      await inst.close();
      rmSync(medium, { recursive: true, force: true });
    });

    const dirEnvelopesTitle =
      'DIR/* and DIR: envelopes taken in, their sealed files checked, anything else named and not refused';
    test(dirEnvelopesTitle, async () => {
      const a = await withFile(51600, 'MEDIUM-1');
      const b = await withFile(51601, 'MEDIUM-2');
      await ok(exportTo(a.id, medium));
      await ok(exportTo(b.id, medium));
      // Beside them on the medium: a note, a JSON file that is no envelope, a sealed file of a request whose
      // envelope is not there, and a folder.
      writeFileSync(join(medium, 'notes.txt'), 'for the installation\n');
      writeFileSync(join(medium, 'list.json'), JSON.stringify({ requests: [a.id, b.id] }));
      // A list that is no list of envelopes (JSON, but its items are no envelopes): no refused envelopes.
      writeFileSync(join(medium, 'ids.json'), JSON.stringify([a.id, b.id]));
      const alone = join(medium, `req_elsewhere.${a.fileId}.sealed`);
      copyFileSync(join(medium, `${a.id}.${a.fileId}.sealed`), alone);
      mkdirSync(join(medium, 'old'));

      // As a shell passes `DIR/*`.
      const all = readdirSync(medium)
        .sort()
        .map((n) => join(medium, n));
      const r = await inst.agent(['receive', ...all]);
      assert.equal(r.status, 2, r.stderr);
      for (const x of [a, b]) {
        assert.ok(
          r.stdout.includes(`${join(medium, `${x.id}.envelope.json`)}: stored 1, already 0, refused 0`),
          r.stdout,
        );
        assert.ok(r.stdout.includes(`request file ${x.id} ${x.fileId}: ${MATCHES}`), r.stdout);
        assert.ok(!r.stdout.includes(`${x.id}.${x.fileId}.sealed:`), 'a sealed file beside its envelope is no stray');
      }
      assert.ok(r.stdout.includes(`${join(medium, 'notes.txt')}: ${NEITHER}`), r.stdout);
      assert.ok(r.stdout.includes(`${join(medium, 'list.json')}: ${NEITHER}`), r.stdout);
      assert.ok(r.stdout.includes(`${join(medium, 'ids.json')}: ${NEITHER}`), r.stdout);
      assert.ok(r.stdout.includes(`${alone}: ${ALONE}`), r.stdout);
      assert.ok(!r.stdout.includes(`${join(medium, 'old')}:`), 'a folder given stands for its files (none)');
      assert.equal((await status()).refused, 0, 'no refused envelope in the records');

      // The folder itself, in Japanese (the default): already held, the rest named again.
      const again = await inst.agent(['receive', medium], '');
      assert.equal(again.status, 2, again.stderr);
      assert.ok(
        again.stdout.includes(`${join(medium, `${a.id}.envelope.json`)}: 保存 0, 既存 1, 拒否 0`),
        again.stdout,
      );
      assert.ok(again.stdout.includes(`${join(medium, 'notes.txt')}: ${NEITHER_JA}`), again.stdout);
      assert.ok(!again.stdout.includes(`${join(medium, 'old')}:`), 'a folder inside is read (it holds nothing)');
      assert.ok(!again.stdout.includes(`${a.id}.${a.fileId}.sealed:`), again.stdout);
      assert.equal((await status()).refused, 0);

      // Both requests are there, and the file of each is the one the approver signed.
      const saved = join(inst.dir, 'medium.png');
      await ok(inst.agent(['request-file', a.id, a.fileId, '--out', saved, '--as', LEGAL]));
      assert.deepEqual(readFileSync(saved), SCREENSHOT);
    });

    test('a bad file stops nothing: the others are taken in; a path not there is named', async () => {
      const c = await withFile(51602, 'MEDIUM-3');
      const d = await withFile(51603, 'MEDIUM-4');
      const carry = await exportedOnto('shokai-medium-bad-', c, d);
      // The first envelope cut short on the medium (no JSON any more): named, and no refusal recorded.
      const cut = join(carry, `${c.id}.envelope.json`);
      const text = readFileSync(cut, 'utf8');
      writeFileSync(cut, text.slice(0, text.length / 2));
      // The second envelope copied with its first key twice (the second one is what JSON.parse keeps, the
      // first what a person reading the file sees): named, not taken in, no refusal recorded.
      const twice = join(carry, 'twice.envelope.json');
      const dText = readFileSync(join(carry, `${d.id}.envelope.json`), 'utf8');
      writeFileSync(twice, dText.replace(/^\{\s*"([^"]+)":/, '{"$1":null,"$1":'));
      assert.notEqual(readFileSync(twice, 'utf8'), dText);
      const missing = join(carry, 'missing.envelope.json');
      const r = await inst.agent(['receive', missing, carry]);
      assert.equal(r.status, 2, r.stderr);
      assert.ok(r.stdout.includes(`${twice}: ${TWICE}`), r.stdout);
      assert.ok(r.stdout.includes(`${missing}: cannot be read (no such file, or not readable)`), r.stdout);
      assert.ok(r.stdout.includes(`${cut}: ${NEITHER}`), r.stdout);
      assert.ok(r.stdout.includes(`${join(carry, `${c.id}.${c.fileId}.sealed`)}: ${ALONE}`), r.stdout);
      assert.ok(r.stdout.includes(`request file ${d.id} ${d.fileId}: ${MATCHES}`), r.stdout);
      assert.equal((await status()).refused, 0);
      // Carried again whole: taken in then, and what was stored before is still there.
      writeFileSync(cut, text);
      rmSync(twice);
      const whole = await inst.agent(['receive', carry]);
      assert.equal(whole.status, 0, whole.stdout);
      assert.ok(whole.stdout.includes(`request file ${c.id} ${c.fileId}: ${MATCHES}`), whole.stdout);
      assert.ok(whole.stdout.includes(`${join(carry, `${d.id}.envelope.json`)}: stored 0, already 1`), whole.stdout);
      rmSync(carry, { recursive: true, force: true });
    });

    test('what an operating system leaves on a medium is passed over quietly: one line, exit 0', async () => {
      const f = await withFile(51605, 'MEDIUM-6');
      const carry = await exportedOnto('shokai-medium-os-', f);
      // macOS's Finder and Spotlight, Windows' Explorer, as they write on a medium they mount.
      const appleDouble = Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]);
      writeFileSync(join(carry, '.DS_Store'), appleDouble);
      writeFileSync(join(carry, `._${f.id}.envelope.json`), appleDouble);
      writeFileSync(join(carry, `._${f.id}.${f.fileId}.sealed`), appleDouble);
      writeFileSync(join(carry, 'Thumbs.db'), appleDouble);
      writeFileSync(join(carry, 'desktop.ini'), '[.ShellClassInfo]\r\n');
      for (const d of ['.Spotlight-V100', '.Trashes', '.fseventsd', 'System Volume Information']) {
        mkdirSync(join(carry, d));
        writeFileSync(join(carry, d, 'store.db'), appleDouble);
      }
      const words = {
        en: 'passed over 9 file(s) or folder(s) an operating system leaves on a medium (.DS_Store, Thumbs.db, …)',
        '': 'OS が媒体に残したファイル・フォルダ 9 件（.DS_Store、Thumbs.db など）は読み飛ばしました',
      };
      const r = await inst.agent(['receive', carry]);
      assert.equal(r.status, 0, r.stdout);
      assert.ok(r.stdout.includes(`request file ${f.id} ${f.fileId}: ${MATCHES}`), r.stdout);
      assert.ok(r.stdout.includes(words.en), r.stdout);
      assert.ok(!r.stdout.includes('.DS_Store:') && !r.stdout.includes('._'), r.stdout);
      // All its entries given one by one (`DIR/*` with dot files), in Japanese: the same.
      const all = readdirSync(carry).map((n) => join(carry, n));
      const again = await inst.agent(['receive', ...all], '');
      assert.equal(again.status, 0, again.stdout);
      assert.ok(again.stdout.includes(words['']), again.stdout);
      // Any other file is still named, and the exit says so.
      writeFileSync(join(carry, 'notes.txt'), 'for the installation\n');
      const other = await inst.agent(['receive', carry]);
      assert.equal(other.status, 2, other.stdout);
      assert.ok(other.stdout.includes(`${join(carry, 'notes.txt')}: ${NEITHER}`), other.stdout);
      assert.ok(other.stdout.includes(words.en), other.stdout);
      assert.equal((await status()).refused, 0);
      rmSync(carry, { recursive: true, force: true });
    });

    const copiedIntoFoldersTitle =
      'a medium copied into folders: each sealed file matched to its envelope by the name, ambiguity refused';
    test(copiedIntoFoldersTitle, async () => {
      const g = await withFile(51606, 'MEDIUM-7');
      const h = await withFile(51607, 'MEDIUM-8');
      const exported = await exportedOnto('shokai-medium-export-', g, h);
      // Someone copied the medium sorting its files: envelopes in one folder, sealed files in another.
      const copy = mkdtempSync(join(tmpdir(), 'shokai-medium-copy-'));
      mkdirSync(join(copy, 'envelopes'));
      mkdirSync(join(copy, 'files', 'sealed'), { recursive: true });
      copyFileSync(join(exported, `${g.id}.envelope.json`), join(copy, 'envelopes', `${g.id}.envelope.json`));
      const gSealed = `${g.id}.${g.fileId}.sealed`;
      copyFileSync(join(exported, gSealed), join(copy, 'files', 'sealed', gSealed));
      const r = await inst.agent(['receive', copy]);
      assert.equal(r.status, 0, r.stdout);
      assert.ok(r.stdout.includes(`request file ${g.id} ${g.fileId}: ${MATCHES}`), r.stdout);

      // Two different files claiming the same request file (another request's sealed file under h's name):
      // neither is checked, each is named, in both languages; the file stays to be checked.
      const twice = mkdtempSync(join(tmpdir(), 'shokai-medium-twice-'));
      const hSealed = `${h.id}.${h.fileId}.sealed`;
      for (const d of ['a', 'b', 'c']) mkdirSync(join(twice, d));
      copyFileSync(join(exported, `${h.id}.envelope.json`), join(twice, 'a', `${h.id}.envelope.json`));
      copyFileSync(join(exported, hSealed), join(twice, 'a', hSealed));
      copyFileSync(join(exported, hSealed), join(twice, 'c', hSealed));
      copyFileSync(join(exported, gSealed), join(twice, 'b', hSealed));
      for (const [lang, words] of [
        ['en', AMBIGUOUS],
        ['', AMBIGUOUS_JA],
      ] as const) {
        const x = await inst.agent(['receive', twice], lang);
        assert.equal(x.status, 2, x.stdout);
        for (const d of ['a', 'b', 'c']) assert.ok(x.stdout.includes(`${join(twice, d, hSealed)}: ${words}`), x.stdout);
        assert.ok(!x.stdout.includes(`${h.id} ${h.fileId}:`), 'not checked');
      }
      // The odd one removed, the two copies of one file are that file: checked, and it is the one signed.
      rmSync(join(twice, 'b', hSealed));
      const y = await inst.agent(['receive', twice]);
      assert.equal(y.status, 0, y.stdout);
      assert.ok(y.stdout.includes(`request file ${h.id} ${h.fileId}: ${MATCHES}`), y.stdout);
      // A folder deeper than the medium is read is named, not read.
      const deep = join(twice, ...Array.from({ length: 9 }, (_, i) => `d${i}`));
      mkdirSync(deep, { recursive: true });
      const z = await inst.agent(['receive', twice]);
      assert.equal(z.status, 2, z.stdout);
      assert.ok(z.stdout.includes(`${deep}: a folder more than 8 levels inside the folder given: not read`), z.stdout);
      for (const d of [exported, copy, twice]) rmSync(d, { recursive: true, force: true });
    });

    const laterGoodCopyTitle =
      'a file refused as a mismatch is taken in from a later good copy; review says an earlier one did not match';
    test(laterGoodCopyTitle, async () => {
      const k = await withFile(51608, 'MEDIUM-9');
      const l = await withFile(51609, 'MEDIUM-10');
      const carry = await exportedOnto('shokai-medium-recheck-', k);
      const other = await exportedOnto('shokai-medium-other-', l);
      // On the way, another request's genuine sealed file took this one's place.
      const sealed = join(carry, `${k.id}.${k.fileId}.sealed`);
      const good = readFileSync(sealed);
      copyFileSync(join(other, `${l.id}.${l.fileId}.sealed`), sealed);
      const bad = await inst.agent(['receive', carry]);
      assert.equal(bad.status, 2, bad.stdout);
      assert.ok(bad.stdout.includes(`request file ${k.id} ${k.fileId}: does not match the SHA-256`), bad.stdout);
      // The next medium carries the file the approver signed.
      writeFileSync(sealed, good);
      const cured = await inst.agent(['receive', carry]);
      assert.equal(cured.status, 0, cured.stdout);
      assert.ok(cured.stdout.includes(`request file ${k.id} ${k.fileId}: ${MATCHES}`), cured.stdout);
      for (const [lang, words] of [
        ['en', `${MATCHES} (an earlier copy did not match the SHA-256 the approver signed: `],
        ['', '開封済み・署名された SHA-256 と一致（以前に届いた写しは署名された SHA-256 と一致しませんでした: '],
      ] as const) {
        const review = await ok(inst.agent(['review', k.id, '--as', LEGAL], lang));
        assert.ok(review.includes(words), review);
        // When, in the installation's zone with its offset, as the agent's other lines: never as stored.
        const when = review.slice(review.indexOf(words) + words.length);
        assert.match(when, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00[）)]/);
        assert.doesNotMatch(review, /\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
      }
      const saved = join(inst.dir, 'recheck.png');
      await ok(inst.agent(['request-file', k.id, k.fileId, '--out', saved, '--as', LEGAL]));
      assert.deepEqual(readFileSync(saved), SCREENSHOT);
      for (const d of [carry, other]) rmSync(d, { recursive: true, force: true });
    });

    test('a sealed file of a request held from an earlier medium is checked against its stored envelope', async () => {
      const p = await withFile(51610, 'MEDIUM-11');
      const q = await withFile(51611, 'MEDIUM-12');
      const s = await withFile(51612, 'MEDIUM-13');
      const exported = await exportedOnto('shokai-medium-held-', p, q, s);
      const sealedOf = (x: { id: string; fileId: string }) => `${x.id}.${x.fileId}.sealed`;
      // The first medium carries the envelopes alone: taken in, their files not checked yet.
      const first = mkdtempSync(join(tmpdir(), 'shokai-medium-first-'));
      for (const x of [p, q, s])
        copyFileSync(join(exported, `${x.id}.envelope.json`), join(first, `${x.id}.envelope.json`));
      const r1 = await inst.agent(['receive', first]);
      assert.equal(r1.status, 0, r1.stdout);
      for (const x of [p, q, s]) assert.ok(!r1.stdout.includes(`request file ${x.id}`), r1.stdout);

      // The next one carries files alone, in a folder of their own: p's as exported; in q's place,
      // another request's genuine sealed file (forged on the way); a file of a request not held.
      const second = mkdtempSync(join(tmpdir(), 'shokai-medium-second-'));
      mkdirSync(join(second, 'files'));
      copyFileSync(join(exported, sealedOf(p)), join(second, 'files', sealedOf(p)));
      copyFileSync(join(exported, sealedOf(p)), join(second, 'files', sealedOf(q)));
      const unknown = join(second, 'files', `req_not_held.${p.fileId}.sealed`);
      copyFileSync(join(exported, sealedOf(p)), unknown);
      const r2 = await inst.agent(['receive', second]);
      assert.equal(r2.status, 2, r2.stdout);
      for (const x of [p, q]) assert.ok(r2.stdout.includes(`${x.id}: ${HELD}`), r2.stdout);
      assert.ok(r2.stdout.includes(`request file ${p.id} ${p.fileId}: ${MATCHES}`), r2.stdout);
      assert.ok(r2.stdout.includes(`request file ${q.id} ${q.fileId}: ${DIFFERS}`), r2.stdout);
      assert.ok(r2.stdout.includes(`${unknown}: ${ALONE}`), r2.stdout);
      for (const x of [p, q]) assert.ok(!r2.stdout.includes(`${sealedOf(x)}:`), 'checked, not named as alone');
      assert.deepEqual(await openings(p.fileId), ['verified']);
      assert.deepEqual(await openings(q.fileId), ['mismatch'], 'the forged file audited as a mismatch');
      const saved = join(inst.dir, 'held.png');
      await ok(inst.agent(['request-file', p.id, p.fileId, '--out', saved, '--as', LEGAL]));
      assert.deepEqual(readFileSync(saved), SCREENSHOT);
      const refusedRead = await inst.agent(['request-file', q.id, q.fileId, '--out', saved, '--as', LEGAL]);
      assert.notEqual(refusedRead.status, 0, 'a mismatch is never read');

      // Two different files claiming s's file: neither is checked; the odd one gone, the file is (in
      // Japanese); q's good copy carried later cures its mismatch, as beside its envelope.
      const third = mkdtempSync(join(tmpdir(), 'shokai-medium-third-'));
      for (const d of ['a', 'b']) mkdirSync(join(third, d));
      copyFileSync(join(exported, sealedOf(s)), join(third, 'a', sealedOf(s)));
      copyFileSync(join(exported, sealedOf(p)), join(third, 'b', sealedOf(s)));
      const r3 = await inst.agent(['receive', third]);
      assert.equal(r3.status, 2, r3.stdout);
      for (const d of ['a', 'b'])
        assert.ok(r3.stdout.includes(`${join(third, d, sealedOf(s))}: ${AMBIGUOUS}`), r3.stdout);
      assert.ok(!r3.stdout.includes(`request file ${s.id}`), 'not checked');
      assert.deepEqual(await openings(s.fileId), []);
      rmSync(join(third, 'b', sealedOf(s)));
      copyFileSync(join(exported, sealedOf(q)), join(third, 'b', sealedOf(q)));
      const r4 = await inst.agent(['receive', third], '');
      assert.equal(r4.status, 0, r4.stdout);
      assert.ok(r4.stdout.includes(`${s.id}: ${HELD_JA}`), r4.stdout);
      assert.ok(r4.stdout.includes(`要請の添付ファイル ${s.id} ${s.fileId}: 開封済み`), r4.stdout);
      assert.ok(r4.stdout.includes(`要請の添付ファイル ${q.id} ${q.fileId}: 開封済み`), r4.stdout);
      assert.deepEqual(await openings(q.fileId), ['mismatch', 'verified']);
      assert.equal((await status()).refused, 0);
      for (const d of [exported, first, second, third]) rmSync(d, { recursive: true, force: true });
    });

    const exportWithoutDeviceTitle =
      'export without --device: the one enrolled device of the installation; with several, refused listing them';
    test(exportWithoutDeviceTitle, async () => {
      // Only a person of the provider holding its answer key sees the installation's devices.
      const listed = await (await inst.hub.as('isp.legal')).call<{ items: Array<{ id: string }> }>(
        'GET',
        '/v1/custody/installation-devices',
      );
      assert.deepEqual(
        listed.body.items.map((d) => d.id),
        [deviceId],
        'its own devices are not the installation’s',
      );
      const sato = await (await inst.hub.as('sato')).call('GET', '/v1/custody/installation-devices');
      assert.equal(sato.status, 403);

      const e = await withFile(51604, 'MEDIUM-5');
      const carry = mkdtempSync(join(tmpdir(), 'shokai-medium-default-'));
      const one = await exportTo(e.id, carry, []);
      assert.equal(one.status, 0, one.stderr);
      assert.match(
        one.stdout,
        new RegExp(
          `sealed for the installation's device ${deviceId} \\(shokai agent, fingerprint SHA-256 [0-9a-f ]+\\), ` +
            `the only one enrolled`,
        ),
      );
      const got = await ok(inst.agent(['receive', carry]));
      assert.ok(got.includes(`request file ${e.id} ${e.fileId}: ${MATCHES}`), got);

      // A second device of the installation, enrolled: which one to carry to is the person's to say.
      const second = join(inst.dir, 'second.json');
      const cfg = JSON.parse(readFileSync(join(inst.dir, 'agent.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(second, JSON.stringify({ ...cfg, deviceKeyFile: 'device-2.key' }));
      const out = await ok(inst.agent(['device', '--label', 'standby'], 'en', second));
      const [, id2 = '', publicKey] = /shokai device enrol (dev_\S+) --public-key (\S+)/.exec(out) ?? assert.fail(out);
      await enrolByDemoDevice(inst.hub, 'isp.legal', { id: id2, publicKey: publicKey ?? '' });
      const empty = mkdtempSync(join(tmpdir(), 'shokai-medium-two-'));
      for (const [lang, words] of [
        [
          'en',
          "the provider's installation has 2 enrolled devices: " +
            'give the one of the installation you carry to with --device:',
        ],
        ['', '事業者の設置には登録済みの端末が 2 台あります。持ち込む設置の端末を --device で指定してください:'],
      ] as const) {
        const { token } = await inst.hub.as('isp.legal');
        const r = await shokai(
          ['request-file', 'export', e.id, '--out', empty, '--url', inst.hub.url, '--token', token],
          { SHOKAI_LANG: lang },
        );
        assert.equal(r.status, 1, r.stdout);
        assert.ok(r.stderr.includes(words), r.stderr);
        assert.match(r.stderr, new RegExp(`--device ${deviceId} {2}\\(shokai agent, `));
        assert.match(r.stderr, new RegExp(`--device ${id2} {2}\\(standby, `));
        assert.deepEqual(readdirSync(empty), [], 'nothing written');
      }
      rmSync(carry, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    });
  });
}
