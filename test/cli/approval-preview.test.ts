// The approver reads on the command line what the approval page shows before he signs: the editor's warning
// of an address that is no Internet source, and, for a request stored before a target time in the future was
// refused, why it cannot be approved as it is — in words, in the chosen language (Japanese by default).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shokai, shokaiAsPerson } from '../support/cli.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { inquiry, submitted } from '../support/flow.ts';

const FUTURE = '2036-12-03T16:40:16+09:00';

describe('shokai request preview: the approval page on the command line', () => {
  const {
    hub,
    people: [sato, tanaka, board],
    orgs,
  } = hubWithHooks('sqlite', ['sato', 'tanaka', 'board.legal']);
  const yesterday = () => new Date(Date.now() - 24 * 3600_000).toISOString();
  const target = (address: string, at: string) => ({ type: 'ip', address, port: 40211, at, toleranceSeconds: 0 });
  /** An inquiry to the ISP about `address` yesterday, drafted by sato and sent for approval. */
  const awaiting = async (address: string) => {
    const content = inquiry(orgs.isp, { caseReference: '令和8年 第4343号', targets: [target(address, yesterday())] });
    const { id, reference } = await submitted(sato, content);
    return { id, reference, content };
  };
  const preview = (id: string, lang?: 'en' | 'ja', token = tanaka.token) =>
    shokaiAsPerson(['request', 'preview', id, '--url', hub.url], { SHOKAI_TOKEN: token }, lang);

  test('a private address is warned of, in Japanese by default and in English', async () => {
    const { id } = await awaiting('10.1.2.3');
    const ja = await preview(id);
    assert.equal(ja.status, 0, ja.stderr);
    assert.match(ja.stdout, /^⚠ 対象 1: 10\.1\.2\.3 はプライベートアドレスで/m);
    assert.match(ja.stdout, /宛先: .+/);
    assert.match(ja.stdout, /署名する内容の要約値（SHA-256）: [0-9a-f]{64}/);
    assert.match(
      ja.stdout,
      /^決裁（電子署名）は決裁画面で行います。あなたの認証器（パスキー）が上の要約値に署名します$/m,
    );
    assert.match(ja.stdout, new RegExp(`^決裁画面: ${hub.url}/requests/${id}/approve$`, 'm'));
    assert.doesNotMatch(ja.stdout, /決裁できません/);
    const en = await preview(id, 'en');
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /^⚠ Target 1: 10\.1\.2\.3 is a private address/m);
    assert.doesNotMatch(en.stdout, /cannot be approved/);
  });

  test('a public address the directory knows nothing against prints no warning', async () => {
    const { id } = await awaiting('203.0.113.77');
    const en = await preview(id, 'en');
    assert.equal(en.status, 0, en.stderr);
    assert.doesNotMatch(en.stdout, /⚠|✗/);
    assert.match(en.stdout, /^No warnings about the addresses$/m);
  });

  test('an IPv6 target with its port is written as the address in brackets, then the port', async () => {
    const { id } = await awaiting('2001:db8::1');
    const en = await preview(id, 'en');
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /^ {2}1\. \[2001:db8::1\]:40211 @ /m);
    assert.match(en.stdout, /^⚠ Target 1: 2001:db8::1 is an address reserved for documentation/m);
  });

  test('a request stored with a target time in the future: why it cannot be approved, in words', async () => {
    const { id, content } = await awaiting('203.0.113.78');
    // As if drafted before the rule: the year mistyped, 2036 for 2026.
    const stored = { ...content, targets: [target('203.0.113.78', FUTURE)] };
    await hub.ctx.store.db
      .updateTable('requests')
      .set({ content: JSON.stringify(stored) })
      .where('id', '=', id)
      .execute();
    const ja = await preview(id);
    assert.equal(ja.status, 0, ja.stderr);
    assert.match(ja.stdout, /^✗ この照会は、このままでは決裁できません。理由を付して差し戻してください：/m);
    assert.match(
      ja.stdout,
      /対象 1（IP アドレス 203\.0\.113\.78:40211）の日時（2036-12-03T16:40:16\+09:00）が現在より後（未来）/,
    );
    assert.match(ja.stdout, /^差し戻しは決裁画面で、理由を付して行います$/m);
    // The target's time in the operator's zone with its offset: the zone --zone names, else this machine's.
    const person = (more: string[], env: Record<string, string>) =>
      shokaiAsPerson(
        ['request', 'preview', id, '--url', hub.url, ...more],
        { SHOKAI_TOKEN: tanaka.token, ...env },
        'en',
      );
    const utc = await person(['--zone', 'UTC'], { TZ: 'Asia/Tokyo' });
    assert.equal(utc.status, 0, utc.stderr);
    assert.match(utc.stdout, /^ {2}1\. 203\.0\.113\.78:40211 @ 2036-12-03 07:40:16 \+00:00$/m);
    const tokyo = await person([], { TZ: 'Asia/Tokyo' });
    assert.match(tokyo.stdout, /^ {2}1\. 203\.0\.113\.78:40211 @ 2036-12-03 16:40:16 \+09:00$/m);
    assert.doesNotMatch(ja.stdout, /署名します/);
    assert.doesNotMatch(ja.stdout, /targets\.\d|VALIDATION_FAILED/);
    const en = await preview(id, 'en');
    assert.match(en.stdout, /^✗ This request cannot be approved as it is; return it to the drafter with the reason:/m);
    assert.match(
      en.stdout,
      /target 1 \(IP address 203\.0\.113\.78:40211\): its time \(2036-12-03T16:40:16\+09:00\) is later than now/,
    );
    const json = await shokai(['request', 'preview', id, '--url', hub.url, '--json'], { SHOKAI_TOKEN: tanaka.token });
    assert.equal(json.status, 0, json.stderr);
    const body = JSON.parse(json.stdout) as { refusal: { ja: string; en: string } | null; digest: string };
    assert.match(body.refusal?.en ?? '', /later than now/);
  });

  test('a request that does not await the caller’s approval is refused by its reference, nothing shown', async () => {
    const { id, reference } = await awaiting('203.0.113.79');
    const ref = reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const ja = await preview(id, 'ja', sato.token);
    assert.notEqual(ja.status, 0);
    assert.match(ja.stderr, new RegExp(`照会 ${ref} は現在あなたの決裁を待っていません`));
    assert.doesNotMatch(ja.stderr, new RegExp(id));
    assert.equal(ja.stdout, '');
    const en = await preview(id, 'en', sato.token);
    assert.notEqual(en.status, 0);
    assert.match(en.stderr, new RegExp(`request ${ref} does not await your approval`));
    assert.doesNotMatch(en.stderr, new RegExp(id));
    assert.equal(en.stdout, '');
  });

  test('a request the caller may not see is refused as one that does not exist: no reference', async () => {
    const { id, reference } = await awaiting('203.0.113.80');
    const unknown = 'req_doesnotexist0000000000';
    for (const lang of ['ja', 'en'] as const) {
      const other = await preview(id, lang, board.token);
      const none = await preview(unknown, lang, board.token);
      assert.notEqual(other.status, 0);
      assert.notEqual(none.status, 0);
      assert.equal(other.stdout, '');
      assert.ok(!other.stderr.includes(reference), other.stderr);
      // The same words as for an id that names nothing, the id typed in place of the other.
      assert.equal(other.stderr.replaceAll(id, 'ID'), none.stderr.replaceAll(unknown, 'ID'));
    }
    const ja = await preview(id, 'ja', board.token);
    assert.match(ja.stderr, new RegExp(`照会 ${id} はありません（存在しないか、閲覧できる範囲にありません）`));
    const en = await preview(id, 'en', board.token);
    assert.match(en.stderr, new RegExp(`request ${id} does not exist, or is not one you may see`));
  });
});
