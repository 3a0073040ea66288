import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { shokai } from '../support/cli.ts';
import { cliDeviceEnrolledByHead } from '../support/custody.ts';
import { type Client, hubHooks, openOnDevice, orgId, signInAll } from '../support/exchange.ts';
import { boardPost, inquiry, underReview } from '../support/flow.ts';
import { confirmPrinted } from '../support/key-registrations.ts';

describe("shokai provider key: the provider's installation key, made and kept on its own machine", () => {
  const hub = hubHooks('sqlite');

  /**
   * A request about the post `path`, delivered to the board and under review by its legal officer `legal`,
   * the answer file (`file` in the hub's folder) that names `name` as its subscriber, and the command line
   * that answers it from this machine with the installation key the first test made.
   */
  /** The board's installation key, made and registered by the first test, kept in the hub's folder. */
  const installationKeyFile = () => join(hub.dir, 'board-installation.key.json');

  async function toAnswer(legal: Client, o: { caseReference: string; path: string; name: string; file: string }) {
    const boardId = await orgId(hub, 'Sakura Board K.K.');
    const [sato, tanaka] = await signInAll(hub, 'sato', 'tanaka');
    const content = inquiry(boardId, { caseReference: o.caseReference, targets: [boardPost(o.path)] });
    const id = await underReview({ drafter: sato, head: tanaka, provider: legal }, content);
    const answerFile = join(hub.dir, o.file);
    writeFileSync(
      answerFile,
      JSON.stringify({
        outcome: 'full',
        items: [{ targetIndex: 0, result: 'found', subscriber: { name: o.name } }],
      }),
    );
    const answerArgs = ['provider', 'answer', id, answerFile, '--url', hub.url, '--key-file', installationKeyFile()];
    return { id, answerFile, answerArgs };
  }

  const providerKeyFlowTitle =
    'init (0600), register by the administrator, answer signed and sealed here, opened on the unit device';
  test(providerKeyFlowTitle, async () => {
    const boardId = await orgId(hub, 'Sakura Board K.K.');
    const keyFile = installationKeyFile();
    const init = await shokai(['provider', 'key', 'init', '--organisation', boardId, '--key-file', keyFile], {});
    assert.equal(init.status, 0, init.stderr);
    // Shown as people read it (named, spaced), never like an IPv6 address.
    assert.match(init.stdout, /fingerprint SHA-256 ([0-9a-f]{4} ){7}[0-9a-f]{4}/);
    assert.doesNotMatch(init.stdout, /([0-9a-f]{4}:){7}/);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);

    // The legal officer is not the provider's administrator: the registration is refused.
    const legal = await hub.as('board.legal');
    const refused = await shokai(['provider', 'key', 'register', '--url', hub.url, '--key-file', keyFile], {
      SHOKAI_TOKEN: legal.token,
    });
    assert.notEqual(refused.status, 0);
    const admin = await hub.as('board.admin');
    const reg = await shokai(['provider', 'key', 'register', '--url', hub.url, '--key-file', keyFile], {
      SHOKAI_TOKEN: admin.token,
    });
    assert.equal(reg.status, 0, reg.stderr);
    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as { keyId: string; publicKey: string };
    // The key id is written now; the key counts once a second person confirms the registration.
    assert.match(reg.stdout, /awaiting a second person \(registration kreg_/);
    const before = await hub.ctx.store.db.selectFrom('keys').select('id').where('id', '=', file.keyId).execute();
    assert.equal(before.length, 0, 'not in the directory before the second person');
    assert.equal(await confirmPrinted(hub, reg.stdout), 1);
    const row = await hub.ctx.store.db
      .selectFrom('keys')
      .selectAll()
      .where('id', '=', file.keyId)
      .executeTakeFirstOrThrow();
    assert.equal(row.public_key, file.publicKey);
    assert.equal(row.private_key_wrapped, null, 'the hub has the public part only');

    // A delivered request, answered from this machine.
    const { id, answerArgs } = await toAnswer(legal, {
      caseReference: 'CLI-1',
      path: 't/cli',
      name: '乙 次郎',
      file: 'answer.json',
    });
    const ans = await shokai(answerArgs, {
      SHOKAI_TOKEN: legal.token,
    });
    assert.equal(ans.status, 0, ans.stderr);
    // The request's state by its label, in a sentence: never the raw state code.
    assert.match(ans.stdout, /^\S+: answer sent; the request is now answered$/m);
    const opened = await openOnDevice(hub, 'sato', id);
    assert.equal(opened.body.signatureValid, true);
    assert.equal(opened.body.signedBy.credential, 'organisation');
    assert.equal(opened.body.answer.items[0]?.subscriber?.name, '乙 次郎');
  });

  const answerFileTitle =
    'answer --file seals the file here; device open-answer --files checks it against the signed answer';
  test(answerFileTitle, async () => {
    const legal = await hub.as('board.legal');
    const { id, answerArgs: args } = await toAnswer(legal, {
      caseReference: 'CLI-2',
      path: 't/cli2',
      name: '丙 三郎',
      file: 'answer2.json',
    });
    const marker = 'CLI-SEALED-FILE-2093';
    const csv = join(hub.dir, 'ports.csv');
    writeFileSync(csv, `time,ip,port\n2026-03-01T10:00:00+09:00,203.0.113.9,40211,${marker}\n`);
    const zip = join(hub.dir, 'bundle.zip');
    writeFileSync(zip, 'PK');
    const refused = await shokai([...args, '--file', zip], { SHOKAI_TOKEN: legal.token });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /--file .*bundle\.zip/);
    const ans = await shokai([...args, '--file', csv], { SHOKAI_TOKEN: legal.token, SHOKAI_LANG: 'ja' });
    assert.equal(ans.status, 0, ans.stderr);
    assert.match(ans.stdout, /^\S+: 回答を送りました。要請は「回答済み」です$/m);
    assert.doesNotMatch(ans.stdout, /answered/);
    const rows = await hub.ctx.store.db.selectFrom('attachments').selectAll().where('request_id', '=', id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.sealed_by, 'provider');
    assert.equal(JSON.stringify(rows).includes(marker), false, 'the hub holds ciphertext only');

    // The investigator's command-line device, enrolled by the head's, opens and checks the file.
    const deviceFile = join(hub.dir, 'sato-cli2.key.json');
    const env = { SHOKAI_TOKEN: (await hub.as('sato')).token };
    await cliDeviceEnrolledByHead(hub, deviceFile, env, ['--label', 'sato CLI']);
    const out = join(hub.dir, 'answer-files');
    const opened = await shokai(
      ['device', 'open-answer', id, '--url', hub.url, '--key-file', deviceFile, '--files', out],
      env,
    );
    assert.equal(opened.status, 0, opened.stderr);
    assert.match(opened.stdout, /SHA-256/);
    // The answer in words: each target's result by its label, what it discloses by the field's name, its files.
    assert.match(opened.stdout, /^target 1: Found$/m);
    // A board's answer: its registered user's words (src/domain/answer-holder.ts).
    assert.match(opened.stdout, /^ {2}Name as registered: 丙 三郎$/m);
    assert.match(opened.stdout, /^files:\n {2}ports\.csv {2}text\/csv {2}\d+ B {2}SHA-256 [0-9a-f]{64}$/m);
    assert.doesNotMatch(opened.stdout, /"result"|"found"|[{}]/, 'not the JSON');
    assert.deepEqual(readFileSync(join(out, 'ports.csv')), readFileSync(csv));
  });
  test('answer: a time without its offset is refused naming the field and the value; nothing is sent', async () => {
    const legal = await hub.as('board.legal');
    const { id, answerFile, answerArgs } = await toAnswer(legal, {
      caseReference: 'CLI-3',
      path: 't/cli3',
      name: '丁 四郎',
      file: 'answer3.json',
    });
    const csv = join(hub.dir, 'ports3.csv');
    writeFileSync(csv, 'time,ip\n2026-03-01T10:00:00+09:00,203.0.113.9\n');
    const args = [...answerArgs, '--file', csv];
    const item = { targetIndex: 0, result: 'found', subscriber: { name: '丁 四郎' } };
    const cases: Array<{ item: Record<string, unknown>; value: string; en: RegExp; ja: RegExp }> = [
      {
        item: { ...item, accessLog: [{ at: '2026-03-01T10:00:00', address: '203.0.113.9' }] },
        value: '2026-03-01T10:00:00',
        en: /Answer item 1 › Access log 1 › Date and time/,
        ja: /回答の項目 1 › 接続記録 1 › 日時/,
      },
      {
        item: { ...item, subscriber: { name: '丁 四郎', contractStart: '2020-04-01T09:00' } },
        value: '2020-04-01T09:00',
        en: /Answer item 1 › Subscriber › Contract start/,
        ja: /回答の項目 1 › 契約者 › 契約開始日/,
      },
      {
        item: { ...item, member: { memberNumber: 'M-1', idCheckedAt: '2026-02-01 12:00' } },
        value: '2026-02-01 12:00',
        en: /Answer item 1 › Member › Identity checked at/,
        ja: /回答の項目 1 › 会員 › 本人確認の日時/,
      },
    ];
    for (const c of cases) {
      writeFileSync(answerFile, JSON.stringify({ outcome: 'full', items: [c.item] }));
      const en = await shokai(args, { SHOKAI_TOKEN: legal.token, SHOKAI_LANG: 'en' });
      assert.notEqual(en.status, 0, en.stdout);
      assert.ok(en.stderr.includes(c.value), en.stderr);
      assert.match(en.stderr, c.en);
      assert.doesNotMatch(en.stderr, /items\.\d|accessLog|contractStart|idCheckedAt/, 'no field path');
      const jaRun = await shokai(args, { SHOKAI_TOKEN: legal.token, SHOKAI_LANG: 'ja' });
      assert.notEqual(jaRun.status, 0);
      assert.ok(jaRun.stderr.includes(c.value), jaRun.stderr);
      assert.match(jaRun.stderr, c.ja);
    }
    // Nothing reached the hub: no file taken in, the request still under review, unanswered.
    const files = await hub.ctx.store.db.selectFrom('attachments').select('id').where('request_id', '=', id).execute();
    assert.equal(files.length, 0);
    const row = await hub.ctx.store.db.selectFrom('requests').select('state').where('id', '=', id).executeTakeFirst();
    assert.equal(row?.state, 'under_review');
  });
});
