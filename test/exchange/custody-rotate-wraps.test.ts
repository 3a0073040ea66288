// Rotating the answer key when a member leaves: the new key goes to exactly the enrolled devices that
// remain. One left out, or a removed device given it, is refused naming both lists in the details; the
// rule is the one marking a key compromised keeps (custody-refusals-in-words.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enrolDevice, startCustody } from '../../src/client/custody.ts';
import { withNewAnswerKey } from '../../src/client/made-keys.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';

type Refused = { error?: { code?: string; details?: { field?: string; missing?: string[]; extra?: string[] } } };

for (const dialect of testDialects()) {
  describe(`rotating the answer key to the devices that remain (${dialect})`, () => {
    const { satoApi, tanakaApi } = custodyHooks(dialect);

    test('a remaining device left out, or a removed one given the key: refused with both lists', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      const { handle: leaving } = await newDevice(satoApi, '佐藤 PC');
      await enrolDevice(tanakaApi, head, leaving);

      const rotate = (to: Array<{ id: string; publicKey: string }>) =>
        withNewAnswerKey(head, to, async (key) => {
          const { response, error } = await tanakaApi.POST('/v1/custody/rotate', {
            body: { ...key, removeDeviceIds: [leaving.id] } as never,
          });
          return { status: response.status, e: (error as Refused | undefined)?.error };
        });

      const short = await rotate([head]);
      assert.equal(short.status, 400);
      assert.deepEqual(
        [short.e?.code, short.e?.details?.field, short.e?.details?.missing, short.e?.details?.extra],
        ['VALIDATION_FAILED', 'wraps', [recovery.id], []],
      );

      const beyond = await rotate([head, recovery, leaving]);
      assert.equal(beyond.status, 400);
      assert.deepEqual(
        [beyond.e?.details?.field, beyond.e?.details?.missing, beyond.e?.details?.extra],
        ['wraps', [], [leaving.id]],
      );

      const done = await rotate([head, recovery]);
      assert.equal(done.status, 200);
    });
  });
}
