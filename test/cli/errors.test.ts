// How the CLI tells a person what went wrong: in the chosen language, in words — the option or setting
// named where the message does not name it, never a code or a field's path (those are for --json) —
// whether the error was raised locally, answered by a hub, or came from a failed parse.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { z } from 'zod';
import { cliErrorJson, describeCliError, zoneOption } from '../../src/cli/context.ts';
import { ApiError } from '../../src/client/client.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { refuseIfProblems } from '../../src/holders/record-file.ts';

const saved = process.env.SHOKAI_LANG;
afterEach(() => {
  if (saved === undefined) delete process.env.SHOKAI_LANG;
  else process.env.SHOKAI_LANG = saved;
});

const hubRefusal = () =>
  new ApiError(422, {
    error: {
      code: 'VALIDATION_FAILED',
      message: { ja: '時刻に UTC オフセットがありません', en: 'the time has no UTC offset' },
      details: { field: 'content.targets.0.at' },
    },
  });

test("a hub's refusal is told in the CLI's language, in words; --json keeps the code and the path", () => {
  delete process.env.SHOKAI_LANG;
  // A request's field by the editor's labels, never its path.
  assert.equal(describeCliError(hubRefusal()), '時刻に UTC オフセットがありません（対象 1 › 日時）');
  process.env.SHOKAI_LANG = 'en';
  assert.equal(describeCliError(hubRefusal()), 'the time has no UTC offset (Target 1 › Date and time)');
  assert.deepEqual(cliErrorJson(hubRefusal()).error, {
    code: 'VALIDATION_FAILED',
    message: { ja: '時刻に UTC オフセットがありません', en: 'the time has no UTC offset' },
    details: { field: 'content.targets.0.at' },
  });
});

test('an option named in words; a value the message already says is not said again', () => {
  delete process.env.SHOKAI_LANG;
  const transport = new DomainError(
    'VALIDATION_FAILED',
    { ja: 'ハブが固定されていません', en: 'no hub pinned' },
    { field: 'hub' },
  );
  assert.equal(describeCliError(transport), 'ハブが固定されていません（ハブの設定）');
  const reviewer = new DomainError(
    'NOT_FOUND',
    { ja: '確認者 x は登録されていません', en: 'x is not a registered reviewer' },
    { field: 'as', value: 'x' },
  );
  assert.equal(describeCliError(reviewer), '確認者 x は登録されていません（確認者 --as）');
  const option = new DomainError(
    'VALIDATION_FAILED',
    { ja: '時刻 "1" は不正', en: 'bad "1"' },
    { field: '--from', value: '1' },
  );
  assert.equal(describeCliError(option), '時刻 "1" は不正（--from）');
  assert.doesNotMatch(describeCliError(reviewer), /NOT_FOUND|as=/);
});

test("the hub's custody refusals name the option or the wrapped key in words, never the field's path", () => {
  delete process.env.SHOKAI_LANG;
  const removal = new DomainError(
    'NOT_FOUND',
    { ja: '外す端末はこの所属にありません', en: 'the device to remove is not one of this unit' },
    { field: 'removeDeviceIds', value: 'dev_x' },
  );
  assert.equal(describeCliError(removal), '外す端末はこの所属にありません（外す端末 --remove-device: 「dev_x」）');
  const wrap = new DomainError(
    'VALIDATION_FAILED',
    { ja: '2 件目に包んだ鍵の渡し先の鍵が違います', en: 'wrapped key 2 is for another key' },
    { field: 'wraps[1].recipientKeyId' },
  );
  assert.equal(describeCliError(wrap), '2 件目に包んだ鍵の渡し先の鍵が違います（包んだ鍵 › 渡し先の鍵）');
  process.env.SHOKAI_LANG = 'en';
  assert.equal(describeCliError(wrap), "wrapped key 2 is for another key (wrapped keys › recipient's key)");
  for (const e of [removal, wrap]) assert.doesNotMatch(describeCliError(e), /removeDeviceIds|wraps\[|setting "/);
});

test('a refused record file names each bad line, field and value once, and adds no field path after them', () => {
  const refusal = () => {
    try {
      refuseIfProblems('posts.csv', [
        {
          line: 3,
          field: 'posted_at',
          value: '2026-12-05T04:07:14',
          message: { ja: '時差がありません', en: 'no offset' },
        },
        { line: 4, field: 'source_port', value: '70000', message: { ja: 'ポートではありません', en: 'not a port' } },
      ]);
    } catch (e) {
      return e;
    }
    assert.fail('the file was taken');
  };
  delete process.env.SHOKAI_LANG;
  assert.equal(
    describeCliError(refusal()),
    'posts.csv: 2 件の不正な行があるため、何も取り込みませんでした\n' +
      'posts.csv:3: posted_at = "2026-12-05T04:07:14": 時差がありません\n' +
      'posts.csv:4: source_port = "70000": ポートではありません',
  );
  process.env.SHOKAI_LANG = 'en';
  const en = describeCliError(refusal());
  assert.match(en, /^posts\.csv: 2 bad record\(s\); nothing was imported\n/);
  assert.match(en, /\nposts\.csv:4: source_port = "70000": not a port$/);
  assert.doesNotMatch(en, /setting "|posts\.csv:3:posted_at/);
  // The first problem's place stays for programs (--json).
  assert.equal(cliErrorJson(refusal()).error.details?.field, 'posts.csv:3:posted_at');
});

test('an unreachable hub is said in the chosen language', () => {
  delete process.env.SHOKAI_LANG;
  assert.equal(describeCliError(new ApiError(0, undefined)), 'サーバーに接続できません');
});

test('a failed parse names its field and not a JSON dump of issues', () => {
  const r = z.strictObject({ hub: z.strictObject({ url: z.string() }) }).safeParse({ hub: { url: 5 } });
  assert.equal(r.success, false);
  process.env.SHOKAI_LANG = 'en';
  const line = describeCliError(r.error);
  // A part of one of the CLI's own settings is named after it (hub › url: the hub setting's URL).
  assert.match(line, /^.+ \(hub setting › URL\)$/);
  assert.doesNotMatch(line, /VALIDATION_FAILED|hub\.url/);
  assert.doesNotMatch(line, /[{[]\s*"/);
});

test('a domain error keeps its field and value', () => {
  process.env.SHOKAI_LANG = 'en';
  const e = new DomainError('VALIDATION_FAILED', { ja: '不正', en: 'bad value' }, { field: 'at', value: '10:00' });
  assert.equal(describeCliError(e), 'bad value (Date and time: "10:00")');
  // A name no table knows is still said as the setting it is.
  const unknown = new DomainError('VALIDATION_FAILED', { ja: '不正', en: 'bad value' }, { field: 'frob', value: '1' });
  assert.equal(describeCliError(unknown), 'bad value (setting "frob": "1")');
});

test('an unknown --zone is refused in words with an example, in either language; none given is the machine’s', () => {
  delete process.env.SHOKAI_LANG;
  const refusal = (given: string) => {
    try {
      zoneOption(given);
    } catch (e) {
      return e;
    }
    assert.fail(`${given} was taken`);
  };
  assert.equal(
    describeCliError(refusal('Mars/Olympus')),
    'タイムゾーン「Mars/Olympus」は不明です。IANA のタイムゾーン名で指定してください（例: Asia/Tokyo、UTC）（--zone）',
  );
  process.env.SHOKAI_LANG = 'en';
  assert.equal(
    describeCliError(refusal('Tokyo')),
    'unknown time zone "Tokyo": give an IANA time zone name (e.g. Asia/Tokyo or UTC) (--zone)',
  );
  assert.equal(cliErrorJson(refusal('Mars/Olympus')).error.details?.field, '--zone');
  assert.equal(zoneOption('UTC'), 'UTC');
  assert.equal(zoneOption(undefined), Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
});
