// `shokai device …` says what it did and what it opened in words, in the CLI's language (Japanese by
// default, English with SHOKAI_LANG=en): a device enrolled by its state's label, an answer's items by their
// results' labels and fields' names, a retention archive's targets and messages by their kinds, and a key
// file whose private key cannot be read named with what is wrong — never JSON, a state code or a field path.
// --json gives programs the JSON.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { answerHolderOfRequest, HOLDER_UNKNOWN } from '../../src/cli/answer-holder-read.ts';
import { hubApi } from '../../src/cli/hub-session.ts';
import { DEVICE_KEY_FORMAT } from '../../src/client/device-file.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { type CliResult, shokai } from '../support/cli.ts';
import { answeredInquiry, cliDeviceEnrolledByHead } from '../support/custody.ts';
import { hubHooks } from '../support/exchange.ts';
import { JAPANESE } from '../support/languages.ts';

/** An instant as the operator reads it in Japan: date, time to the second, and the offset. */
const TOKYO = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00`;
/** An instant as stored (ISO 8601 UTC), which people's lines never show. */
const STORED = /\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

describe('shokai device: results in words', () => {
  const hub = hubHooks('sqlite');
  /** A device of sato's made on this machine, enrolled by the head's demo device. */
  async function enrolled(name: string): Promise<{ keyFile: string; env: Record<string, string> }> {
    const env = { SHOKAI_TOKEN: (await hub.as('sato')).token };
    const keyFile = join(hub.dir, `${name}.key.json`);
    await cliDeviceEnrolledByHead(hub, keyFile, env);
    return { keyFile, env };
  }
  const ok = (r: CliResult): string => {
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };

  test('open-answer prints the items in words; enrol names the state by its label', async () => {
    const { keyFile, env } = await enrolled('words-a');
    const args = ['device', 'open-answer', answeredInquiry(hub).id, '--url', hub.url, '--key-file', keyFile];
    const ja = ok(await shokai([...args, '--zone', 'Asia/Tokyo'], { ...env, SHOKAI_LANG: 'ja' }));
    // When it was answered, and every instant of the answer, in the zone --zone names with its offset.
    assert.match(ja, new RegExp(`^回答: 全部回答 {2}\\(${TOKYO}\\)$`, 'm'));
    assert.doesNotMatch(ja, STORED);
    assert.match(ja, /^対象 1: 該当あり$/m);
    assert.match(ja, /^ {2}アカウント: user-77812$/m);
    // The board's answer: its account as registered and its posts, not a line's subscriber and access log.
    assert.match(ja, /^ {2}登録されたメールアドレス: /m);
    assert.doesNotMatch(ja, /契約|通信記録/);
    assert.match(
      ja,
      /^ {2}投稿の記録:\n {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+09:00 {2}203\.0\.113\.7:40211 {2}post$/m,
    );
    assert.doesNotMatch(ja, /"result"|"found"|[{}]/, 'not the JSON');
    const en = ok(await shokai(args, { ...env, TZ: 'Asia/Tokyo' }));
    assert.match(en, new RegExp(`^answer: Full {2}\\(${TOKYO}\\)$`, 'm'), "this machine's zone (TZ)");
    assert.doesNotMatch(en, STORED);
    assert.match(en, /^target 1: Found$/m);
    assert.match(en, /^ {2}Account: user-77812$/m);
    assert.match(en, /^ {2}posts:$/m);
    assert.match(en, /^ {2}E-mail as registered: /m);
    assert.doesNotMatch(en, JAPANESE);
    const json = JSON.parse(ok(await shokai([...args, '--json'], env))) as {
      answer: { items: Array<{ result: string }> };
    };
    assert.equal(json.answer.items[0]?.result, 'found', '--json keeps the JSON');

    // This device enrols two more made here: the state by its label, in either language.
    for (const lang of ['ja', 'en'] as const) {
      const other = join(hub.dir, `words-enrolled-${lang}.key.json`);
      ok(await shokai(['device', 'init', '--url', hub.url, '--key-file', other], env));
      const f = JSON.parse(readFileSync(other, 'utf8')) as { deviceId: string; publicKey: string };
      const enrol = ['device', 'enrol', f.deviceId, '--public-key', f.publicKey, '--url', hub.url];
      const said = ok(await shokai([...enrol, '--key-file', keyFile], { ...env, SHOKAI_LANG: lang }));
      const words =
        lang === 'ja' ? `端末 ${f.deviceId}: 登録済み  指紋` : `device ${f.deviceId}: enrolled  fingerprint`;
      assert.ok(said.startsWith(`${words} SHA-256 `), said);
    }
  });

  test("open-answer's words: read from the request before printing; where it cannot be read, said so", async () => {
    const api = hubApi({ url: hub.url, token: (await hub.as('sato')).token });
    assert.equal(await answerHolderOfRequest(api, answeredInquiry(hub).id), 'board');
    assert.equal(await answerHolderOfRequest(api, 'req_nosuch'), null, 'a request not read: not known, not a guess');
    assert.match(HOLDER_UNKNOWN.ja, /回線の契約者の言葉で表示します/);
    assert.match(HOLDER_UNKNOWN.en, /not known: shown in a line's subscriber's words/);
  });

  test('open-archive prints the archive in words, its JSON with --json', async () => {
    const { keyFile, env } = await enrolled('words-b');
    const { id } = answeredInquiry(hub);
    const sato = await hub.as('sato');
    const closed = await sato.call('POST', `/v1/requests/${id}/transitions`, { action: 'close' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    // Closed long enough ago for its period (a day) to have run.
    const db = hub.ctx.store.db;
    await db.updateTable('requests').set({ closed_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode: 'archive' });
    const r = await runRetention(hub.ctx, SYSTEM_CALLER);
    assert.ok(r.applied.some((a) => a.requestId === id && a.mode === 'archive'));

    const args = ['device', 'open-archive', id, '--url', hub.url, '--key-file', keyFile];
    const ja = ok(await shokai([...args, '--zone', 'Asia/Tokyo'], { ...env, SHOKAI_LANG: 'ja' }));
    // When it was archived, in the zone --zone names with its offset; never as stored.
    assert.match(ja, new RegExp(`^保管日時: ${TOKYO} {2}\\(\\S+\\)$`, 'm'));
    assert.doesNotMatch(ja, STORED);
    assert.match(ja, /^対象:\n {2}\[1\] (IPアドレス|アカウント|URL（投稿）|メールアドレス|電話番号|ドメイン): \S/m);
    assert.doesNotMatch(ja, /[{}"]|"type"/, 'not the JSON');
    assert.match(ja, /^事実: \S/m, 'the facts retention took from the request');
    const en = ok(await shokai(args, { ...env, TZ: 'Asia/Tokyo' }));
    assert.match(en, new RegExp(`^archived at: ${TOKYO} {2}\\(\\S+\\)$`, 'm'), "this machine's zone (TZ)");
    assert.doesNotMatch(en, STORED);
    assert.match(en, /^targets:\n {2}\[1\] (IP address|Account|URL \(post\)|E-mail address|Phone number|Domain): \S/m);
    assert.match(en, /^facts: \S/m);
    // The request's own words are shown as the investigator wrote them; every word around them is English.
    assert.doesNotMatch(en.replace(/^(offence|facts|necessity): .*$/gm, ''), JAPANESE);
    const json = JSON.parse(ok(await shokai([...args, '--json'], env))) as Record<string, unknown>;
    const keys = [
      'reference',
      'archivedAt',
      'targets',
      'messages',
      'links',
      'content',
      'declineNote',
      'files',
      'secondCheckNote',
    ];
    assert.deepEqual(Object.keys(json), keys);
  });

  test('a key file whose private key is not a P-256 key: named, with what is wrong, in either language', async () => {
    const env = { SHOKAI_TOKEN: 't' };
    const keyFile = join(hub.dir, 'words-broken.key.json');
    const file = { format: DEVICE_KEY_FORMAT, deviceId: 'dev_x', publicKey: 'x', privateKey: 'AAAA' };
    writeFileSync(keyFile, JSON.stringify(file), { mode: 0o600 });
    const args = ['device', 'open-answer', 'req_x', '--url', 'http://127.0.0.1:9', '--key-file', keyFile];
    const ja = await shokai(args, { ...env, SHOKAI_LANG: 'ja' });
    assert.notEqual(ja.status, 0);
    assert.ok(
      ja.stderr.includes(`${keyFile}: 端末の鍵ファイルの秘密鍵を読めません（P-256 の秘密鍵ではないか、壊れています）`),
      ja.stderr,
    );
    const en = await shokai(args, env);
    assert.notEqual(en.status, 0);
    assert.ok(
      en.stderr.includes(`${keyFile}: the private key in this device key file cannot be read (not a P-256 private key`),
      en.stderr,
    );
    assert.doesNotMatch(`${ja.stderr}${en.stderr}`, /: privateKey\s*$/m, 'never the field alone');
  });
});
