// Rotating the answer key when a member leaves: the new key goes to exactly the enrolled devices that
// remain. One left out, or a removed device given it, is refused naming both lists in the details, and in
// words the devices by their labels — never their ids nor the field's path, as marking a key compromised
// says it (custody-refusals-in-words.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enrolDevice, startCustody } from '../../src/client/custody.ts';
import { withNewAnswerKey } from '../../src/client/made-keys.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';

type Refused = {
  error?: {
    code?: string;
    message?: { ja: string; en: string };
    details?: { field?: string; missing?: string[]; extra?: string[] };
  };
};

/** Neither language names a device's id or the field's path. */
function inWords(message: { ja: string; en: string } | undefined, ids: readonly string[]): void {
  assert.ok(message, 'a message');
  for (const text of [message.ja, message.en]) {
    for (const raw of [...ids, 'dev_', 'wraps']) assert.ok(!text.includes(raw), `names ${raw}: ${text}`);
  }
}

for (const dialect of testDialects()) {
  describe(`rotating the answer key to the devices that remain (${dialect})`, () => {
    const { satoApi, tanakaApi } = custodyHooks(dialect);

    test('a remaining device left out, or a removed one given it: refused, devices by label', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      const { handle: leaving } = await newDevice(satoApi, '佐藤 PC');
      await enrolDevice(tanakaApi, head, leaving);

      const rotate = (to: Array<{ id: string; publicKey: string }>, removeDeviceIds = [leaving.id]) =>
        withNewAnswerKey(head, to, async (key) => {
          const { response, error } = await tanakaApi.POST('/v1/custody/rotate', {
            body: { ...key, removeDeviceIds } as never,
          });
          return { status: response.status, e: (error as Refused | undefined)?.error };
        });

      // A device to remove that the unit does not have: refused without repeating its id.
      const stranger = await rotate([head, recovery], ['dev_nope']);
      assert.deepEqual([stranger.status, stranger.e?.details?.field], [404, 'removeDeviceIds']);
      assert.equal(stranger.e?.message?.ja, '除外する端末に、この所属の有効な端末でないものが指定されています');
      inWords(stranger.e?.message, ['dev_nope']);

      const short = await rotate([head]);
      assert.equal(short.status, 400);
      assert.deepEqual(
        [short.e?.code, short.e?.details?.field, short.e?.details?.missing, short.e?.details?.extra],
        ['VALIDATION_FAILED', 'wraps', [recovery.id], []],
      );
      assert.match(short.e?.message?.ja ?? '', /（渡されていない端末: 「回復鍵」／残る登録端末でない渡し先: なし）$/);
      assert.match(short.e?.message?.en ?? '', /\(not given to: "回復鍵"; given to devices not among them: none\)$/);
      inWords(short.e?.message, [recovery.id]);

      const beyond = await rotate([head, recovery, leaving]);
      assert.equal(beyond.status, 400);
      assert.deepEqual(
        [beyond.e?.details?.field, beyond.e?.details?.missing, beyond.e?.details?.extra],
        ['wraps', [], [leaving.id]],
      );
      assert.match(beyond.e?.message?.ja ?? '', /（渡されていない端末: なし／残る登録端末でない渡し先: 「佐藤 PC」）$/);
      assert.match(beyond.e?.message?.en ?? '', /\(not given to: none; given to devices not among them: "佐藤 PC"\)$/);
      inWords(beyond.e?.message, [leaving.id]);

      const done = await rotate([head, recovery]);
      assert.equal(done.status, 200);
    });
  });
}
