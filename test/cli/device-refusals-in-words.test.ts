// `shokai device enrol` refused by the hub says which device in words, in the CLI's language: a device
// already enrolled by the label its holder gave it, never the hub's id for it; a device id the person typed
// that the unit does not have is named once, as the value given (the CLI's note), not repeated by the hub.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { shokai } from '../support/cli.ts';
import { cliDeviceEnrolledByHead } from '../support/custody.ts';
import { hubHooks } from '../support/exchange.ts';
import { JAPANESE } from '../support/languages.ts';

describe('shokai device enrol: refusals in words', () => {
  const hub = hubHooks('sqlite');

  test('a device already enrolled is named by its label; an unknown one by the id typed, once', async () => {
    const env = { SHOKAI_TOKEN: (await hub.as('tanaka')).token };
    const keyFile = join(hub.dir, 'tanaka-refusals.key.json');
    const f = await cliDeviceEnrolledByHead(hub, keyFile, env, ['--label', '田中 CLI']);
    const enrol = (id: string, lang: 'ja' | 'en') =>
      shokai(['device', 'enrol', id, '--public-key', f.publicKey, '--url', hub.url, '--key-file', keyFile], {
        ...env,
        SHOKAI_LANG: lang,
      });

    const again = await enrol(f.deviceId, 'ja');
    assert.notEqual(again.status, 0);
    assert.equal(again.stderr.trim(), 'shokai: 端末「田中 CLI」は既に登録済みです');
    const againEn = await enrol(f.deviceId, 'en');
    assert.equal(againEn.stderr.trim(), 'shokai: the device "田中 CLI" is already enrolled');

    const nowhere = await enrol('dev_nope', 'ja');
    assert.notEqual(nowhere.status, 0);
    assert.equal(nowhere.stderr.trim(), 'shokai: 指定の端末はこの所属にありません（端末 ID: 「dev_nope」）');
    const nowhereEn = await enrol('dev_nope', 'en');
    assert.equal(
      nowhereEn.stderr.trim(),
      'shokai: the device named is not a device of this unit (device id: "dev_nope")',
    );
    assert.doesNotMatch(nowhereEn.stderr, JAPANESE);
  });
});
