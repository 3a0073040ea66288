// Refusals of marking a custody key compromised, of re-sealing, of the wrapped keys of a new answer key and
// of enrolling a device, in words in both languages: devices by their labels, items and wrapped keys by
// their place in the batch (items by their kind too), keys by fingerprint — never a field path (`wraps:`,
// `items[0].sealed.recipientKeyId`) or a raw id (`dev_…`, `ck_…`, `att_…`), which stay in the details for
// programs; a step needing the answer key on devices before it is there names its owner.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { type ApiClient, unwrap } from '../../src/client/client.ts';
import { enrolDevice, startCustody } from '../../src/client/custody.ts';
import { markCompromised } from '../../src/client/custody-reseal.ts';
import { type NewAnswerKey, withNewAnswerKey } from '../../src/client/made-keys.ts';
import {
  openBox,
  sealBox,
  unwrapCustodyKey,
  unwrapCustodyKeyBytes,
  wrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAbout } from '../support/flow.ts';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const RAW = [
  'wraps',
  'publicKey',
  'items[',
  'recipientKeyId',
  'contentSha256',
  'itemId',
  'dev_',
  'key_',
  'ck_',
  'att_',
];

type Refusal = { status: number; code: string | undefined; field: unknown; value: unknown; ja: string; en: string };

/** A reply refused: its status, code, field and both messages, neither naming a field path or a raw id. */
async function refusal(reply: Promise<{ response: Response; error?: unknown }>): Promise<Refusal> {
  const { response, error } = await reply;
  const e = (
    error as {
      error?: { code?: string; message?: { ja: string; en: string }; details?: { field?: unknown; value?: unknown } };
    }
  )?.error;
  assert.ok(e?.message, `refused: ${response.status}`);
  for (const text of [e.message.ja, e.message.en]) {
    for (const raw of RAW) assert.ok(!text.includes(raw), `names ${raw}: ${text}`);
  }
  const { field, value } = e.details ?? {};
  return { status: response.status, code: e.code, field, value, ja: e.message.ja, en: e.message.en };
}

for (const dialect of testDialects()) {
  describe(`custody refusals in words (${dialect})`, () => {
    const { sato, tanaka, board, orgs, tanakaApi, boardApi } = custodyHooks(dialect);
    const compromised = (api: ApiClient, body: Record<string, unknown>) =>
      api.POST('/v1/custody/compromised', { body: body as never });

    test('marking compromised names devices by label, the key by fingerprint; re-sealing names items', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      await answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'WORDS-1',
        name: '伊藤 一郎',
      });
      const oldKey = (await unwrap(tanakaApi.GET('/v1/custody'))).custodyKey?.id ?? assert.fail('a custody key');

      // The current key without its replacement.
      const bare = await refusal(compromised(tanakaApi, { keyId: oldKey }));
      assert.deepEqual([bare.status, bare.field], [400, 'publicKey']);
      assert.match(bare.ja, /^現在の回答鍵を漏えいとする場合は、新しい鍵をあなたの端末で作り/);
      assert.match(bare.en, /^marking the current answer key compromised replaces it/);

      // The new key not given to the recovery key, and given to a device the unit does not have.
      const partial = await withNewAnswerKey(head, [head, { id: 'dev_nope', publicKey: head.publicKey }], (key) =>
        refusal(compromised(tanakaApi, { keyId: oldKey, ...key })),
      );
      assert.deepEqual([partial.status, partial.field], [400, 'wraps']);
      assert.match(partial.ja, /（渡されていない端末: 「回復鍵」／残る登録端末でない渡し先: 1 台）$/);
      assert.match(partial.en, /\(not given to: "回復鍵"; given to devices not among them: 1 device\)$/);
      assert.ok(!partial.ja.includes(recovery.id) && !partial.en.includes(recovery.id));

      // A key that is not the unit's, then one already revoked.
      const other = await refusal(compromised(tanakaApi, { keyId: 'key_nope' }));
      assert.deepEqual([other.status, other.field], [404, 'keyId']);
      assert.equal(other.ja, '指定の鍵は、この所属の端末で保管する回答鍵ではありません');
      assert.equal(other.en, 'the key named is not an answer key of this unit held on devices');
      await markCompromised(tanakaApi, head, oldKey);
      const again = await refusal(compromised(tanakaApi, { keyId: oldKey }));
      assert.equal(again.status, 409);
      assert.match(again.ja, /^この鍵（SHA-256 [0-9a-f ]+）は既に失効しています$/);
      assert.match(again.en, /^this key \(SHA-256 [0-9a-f ]+\) is already revoked$/);

      // Re-sealing: the head's device opens the answer with the old key.
      const work = await unwrap(tanakaApi.GET('/v1/custody/reseal', { params: { query: { device: head.id } } }));
      const k = work.keys.find((x) => x.id === oldKey) ?? assert.fail('the old key is wrapped to the device');
      const item = work.items.find((i) => i.kind === 'answer') ?? assert.fail('an answer to re-seal');
      const plain = await openBox(await unwrapCustodyKey(head, k.id, k.wrapped), k.publicKey, item.sealed, item.aad);
      const toKey = work.toKey ?? assert.fail('the current key');
      const copy = {
        kind: item.kind,
        itemId: item.itemId,
        sealed: await sealBox(toKey.publicKey, toKey.id, plain, item.aad),
        contentSha256: sha(plain),
        declarationTag: Buffer.alloc(32, 7).toString('base64url'),
      };
      const reseal = (deviceId: string, items: unknown[]) =>
        tanakaApi.POST('/v1/custody/reseal', { body: { deviceId, items } as never });

      const toOld = await refusal(
        reseal(head.id, [{ ...copy, sealed: await sealBox(k.publicKey, oldKey, plain, item.aad) }]),
      );
      assert.deepEqual([toOld.status, toOld.field], [400, 'items[0].sealed.recipientKeyId']);
      assert.equal(toOld.ja, '1 件目の項目（回答）は、現在の回答鍵宛てに封緘されていません');
      assert.equal(toOld.en, 'item 1 (an answer) is not sealed to the current answer key');

      const unknown = await refusal(reseal(head.id, [copy, { ...copy, kind: 'attachment', itemId: 'att_nope' }]));
      assert.deepEqual([unknown.status, unknown.field], [404, 'items[1].itemId']);
      assert.equal(
        unknown.ja,
        '2 件目の項目（添付ファイル）は、漏えいした鍵で封緘されたこの所属の添付ファイルではありません',
      );
      assert.equal(unknown.en, 'item 2 (an attached file) is not an item of this unit sealed to a compromised key');

      const badSha = await refusal(reseal(head.id, [{ ...copy, contentSha256: 'XYZ' }]));
      assert.deepEqual([badSha.status, badSha.field], [400, 'items.0.contentSha256']);
      assert.equal(badSha.ja, '内容の SHA-256 を16進数の小文字 64 桁で指定してください');
      assert.equal(badSha.en, 'expected the SHA-256 of the content as 64 lower-case hexadecimal digits');

      const { handle: laptop } = await newDevice(tanakaApi, '田中 新PC');
      await enrolDevice(tanakaApi, head, laptop);
      const fromLaptop = await refusal(reseal(laptop.id, [copy]));
      assert.deepEqual([fromLaptop.status, fromLaptop.field], [403, 'items[0].itemId']);
      assert.equal(fromLaptop.ja, 'この端末は、1 件目の項目（回答）が封緘された鍵を保管していません');
      assert.equal(fromLaptop.en, 'this device does not hold the key item 1 (an answer) is sealed to');

      assert.equal((await unwrap(reseal(head.id, [copy]))).accepted, 1);
      const otherContent = await refusal(reseal(head.id, [{ ...copy, contentSha256: sha('other') }]));
      assert.deepEqual([otherContent.status, otherContent.field], [409, 'items[0].contentSha256']);
      assert.match(
        otherContent.ja,
        /^1 件目の項目（回答）は、既に別の内容（SHA-256 [0-9a-f]{64}）で封緘し直されています$/,
      );
      assert.match(
        otherContent.en,
        /^item 1 \(an answer\) was already re-sealed with other content \(SHA-256 [0-9a-f]{64}\)$/,
      );
    });

    test("a step on a provider's key before it is on devices names the provider and who moves it", async () => {
      const { handle } = await newDevice(boardApi, '法務 PC');
      const rotate = await withNewAnswerKey(handle, [handle], (key) =>
        refusal(boardApi.POST('/v1/custody/rotate', { body: key as never })),
      );
      assert.deepEqual([rotate.status, rotate.code], [409, 'CONFLICT']);
      assert.equal(rotate.ja, 'この事業者の回答鍵はまだ端末で保管されていません（移行は法務担当が行います）');
      assert.equal(rotate.en, "this provider's answer key is not yet held on devices (its legal staff moves it there)");
    });
  });

  describe(`wrapped keys and enrolment refused in words (${dialect})`, () => {
    const { tanakaApi } = custodyHooks(dialect);

    test('a new key wrapped amiss names the wrapped key by its place and the device by label', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      const start = (to: Array<{ id: string; publicKey: string }>, alter = (k: NewAnswerKey) => k) =>
        withNewAnswerKey(head, to, (key) => refusal(tanakaApi.POST('/v1/custody/start', { body: alter(key) })));

      const unknown = await start([head, { id: 'dev_nope', publicKey: recovery.publicKey }]);
      assert.deepEqual([unknown.status, unknown.field, unknown.value], [400, 'wraps[1].deviceId', 'dev_nope']);
      assert.equal(unknown.ja, '2 件目に包んだ鍵の渡し先は、この所属の端末ではありません');
      assert.equal(unknown.en, 'wrapped key 2 is for a device this unit does not have');

      const twice = await start([head, recovery, recovery]);
      assert.deepEqual([twice.field, twice.value], ['wraps[2].deviceId', recovery.id]);
      assert.equal(twice.ja, '3 件目に包んだ鍵の渡し先の端末「回復鍵」には、既に鍵を包んでいます（重複）');
      assert.equal(twice.en, 'wrapped key 3 is for the device "回復鍵", already given the key (repeated)');

      // The head's wrap sent as the recovery key's.
      const misaddressed = await start([head, head], (k) => ({
        ...k,
        wraps: k.wraps.map((w, i) => (i === 1 ? { ...w, deviceId: recovery.id } : w)),
      }));
      assert.deepEqual([misaddressed.field, misaddressed.value], ['wraps[1].wrapped.recipientKeyId', head.id]);
      assert.equal(misaddressed.ja, '2 件目に包んだ鍵は、渡し先の端末「回復鍵」宛てに包まれていません');
      assert.equal(misaddressed.en, 'wrapped key 2 is not wrapped to the device it is for, "回復鍵"');

      const notMine = await start([recovery]);
      assert.deepEqual([notMine.status, notMine.field], [400, 'wraps']);
      assert.equal(notMine.ja, '新しい鍵は、まずあなた自身の端末に渡してください（渡し先にあなたの端末がありません）');
      assert.equal(
        notMine.en,
        'the new key must be wrapped to a device of your own (none of the devices it is given to is yours)',
      );
    });

    test('enrolling: the device by label, a wrapped key by its place, an unknown device without its id', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      const { handle: laptop } = await newDevice(tanakaApi, '田中 新PC');
      const [held] = (
        await unwrap(tanakaApi.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: head.id } } }))
      ).items;
      assert.ok(held);
      const bytes = await unwrapCustodyKeyBytes(head, held.keyId, held.wrapped);
      const wrapsTo = async (d: { id: string; publicKey: string }, keyId = held.keyId) => [
        { keyId, wrapped: await wrapCustodyKey(bytes, held.keyId, d) },
      ];
      const enrol = async (id: string, wraps: Array<{ keyId: string; wrapped: unknown }>) =>
        refusal(
          tanakaApi.POST('/v1/custody/devices/{id}/enrol', { params: { path: { id } }, body: { wraps } as never }),
        );

      const nowhere = await enrol('dev_nope', await wrapsTo(laptop));
      assert.deepEqual([nowhere.status, nowhere.field, nowhere.value], [404, 'deviceId', 'dev_nope']);
      assert.equal(nowhere.ja, '指定の端末はこの所属にありません');
      assert.equal(nowhere.en, 'the device named is not a device of this unit');

      const again = await enrol(recovery.id, await wrapsTo(recovery));
      assert.equal(again.status, 409);
      assert.equal(again.ja, '端末「回復鍵」は既に登録済みです');
      assert.equal(again.en, 'the device "回復鍵" is already enrolled');

      const strange = await enrol(laptop.id, await wrapsTo(laptop, 'ck_nope'));
      assert.deepEqual([strange.status, strange.field, strange.value], [400, 'wraps[0].keyId', 'ck_nope']);
      assert.equal(
        strange.ja,
        '1 件目に包んだ鍵は、この所属の回答鍵ではないか、重複しているか、端末「田中 新PC」宛てではありません',
      );
      assert.equal(
        strange.en,
        'wrapped key 1 is not an answer key of this unit, is repeated, or is not wrapped to the device "田中 新PC"',
      );
      bytes.fill(0);
    });
  });
}
