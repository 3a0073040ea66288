import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApiClient } from '../../src/client/client.ts';
import { enrolDevice, openAnswerOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { shokai } from '../support/cli.ts';
import { answeredInquiry, apiErrorCode, cliDeviceEnrolledByHead, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice, hubHooks } from '../support/exchange.ts';

// `shokai device compromised` and `shokai device reseal`: the head marks the unit's answer key
// compromised from his key file (a new key generated there), and the same machine, which still holds
// the old key, seals again what was sealed to it; a device enrolled afterwards then opens it.

for (const dialect of testDialects()) {
  describe(`shokai device compromised / reseal (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test('mark the key compromised from the key file, re-seal there, open on a later device', async () => {
      const answered = answeredInquiry(hub);
      const tanaka = await hub.as('tanaka');
      const api = createApiClient({ baseUrl: hub.url, token: tanaka.token });
      const headDemo = demoDevice(hub, 'tanaka');
      assert.ok(headDemo);
      const keyFile = join(hub.dir, `tanaka-reseal-${dialect}.key.json`);
      const env = { SHOKAI_TOKEN: tanaka.token, SHOKAI_LANG: 'en' };
      const remote = ['--url', hub.url, '--key-file', keyFile];
      const file = await cliDeviceEnrolledByHead(hub, keyFile, env, ['--label', 'tanaka CLI']);
      const oldKey = (await api.GET('/v1/custody')).data?.custodyKey?.id;
      assert.ok(oldKey);

      // The investigator, though his enrolled key file holds the key, may not mark it; nothing changes.
      const sato = await hub.as('sato');
      const satoFile = join(hub.dir, `sato-reseal-${dialect}.key.json`);
      await cliDeviceEnrolledByHead(hub, satoFile, { SHOKAI_TOKEN: sato.token });
      const refused = await shokai(['device', 'compromised', '--url', hub.url, '--key-file', satoFile], {
        SHOKAI_TOKEN: sato.token,
        SHOKAI_LANG: 'en',
      });
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /head/);
      assert.equal((await api.GET('/v1/custody')).data?.custodyKey?.id, oldKey);

      const marked = await shokai(['device', 'compromised', ...remote], env);
      assert.equal(marked.status, 0, marked.stderr);
      assert.match(marked.stdout, /marked compromised/);
      const left = Number(/still sealed only to a compromised key: (\d+)/.exec(marked.stdout)?.[1]);
      assert.ok(left >= 1, marked.stdout);
      const current = (await api.GET('/v1/custody')).data?.custodyKey;
      const newKey = current?.id;
      assert.ok(newKey && newKey !== oldKey);
      // The key file keeps the key it made; the fingerprint printed is from that record.
      const kept = JSON.parse(readFileSync(keyFile, 'utf8')) as { madeKeys?: Array<{ id: string }> };
      assert.deepEqual(
        kept.madeKeys?.map((k) => k.id),
        [newKey],
      );
      const shown = `SHA-256 ${current?.fingerprint.replaceAll(':', ' ')}`;
      assert.ok(marked.stdout.includes(`the current key (made on this device) has the fingerprint ${shown}`));

      // The investigator's key file holds the old key but made no key: it seals again only to a key whose
      // fingerprint was compared and given, and refuses (naming the fingerprint to compare) otherwise.
      const satoEnv = { SHOKAI_TOKEN: sato.token, SHOKAI_LANG: 'en' };
      const satoRemote = ['--url', hub.url, '--key-file', satoFile];
      const unconfirmed = await shokai(['device', 'reseal', ...satoRemote], satoEnv);
      assert.notEqual(unconfirmed.status, 0);
      assert.ok(unconfirmed.stderr.includes(`(${shown}) was not made on this device`), unconfirmed.stderr);
      const wrong = '0000 0000 0000 0000 0000 0000 0000 0000';
      const mismatch = await shokai(['device', 'reseal', ...satoRemote, '--key-fingerprint', wrong], satoEnv);
      assert.notEqual(mismatch.status, 0);
      assert.match(mismatch.stderr, /does not match the fingerprint confirmed/);
      assert.equal((await hub.ctx.store.db.selectFrom('resealed_boxes').selectAll().execute()).length, 0);

      // A device enrolled now (given only the new key) cannot open the earlier answer yet.
      const { handle: later } = await newDevice(api, '田中 新PC');
      await enrolDevice(api, await importDemoDevice(headDemo), later);
      await assert.rejects(openAnswerOnDevice(api, later, answered.id), apiErrorCode('NOT_FOUND'));

      const resealed = await shokai(['device', 'reseal', ...remote], env);
      assert.equal(resealed.status, 0, resealed.stderr);
      assert.match(resealed.stdout, new RegExp(`sealed again: ${left} \\(left for this device: 0; left in all: 0\\)`));
      assert.match(resealed.stdout, /nothing is left to seal again/);
      // Run again: nothing to do, nothing stored twice.
      const again = await shokai(['device', 'reseal', ...remote, '--json'], env);
      assert.equal(again.status, 0, again.stderr);
      assert.deepEqual(JSON.parse(again.stdout), { resealed: 0, already: 0, left: 0, openableHere: 0 });
      const rows = await hub.ctx.store.db.selectFrom('resealed_boxes').selectAll().execute();
      assert.equal(rows.length, left);
      assert.ok(rows.every((r) => r.device_id === file.deviceId && r.to_key_id === newKey));

      const opened = await openAnswerOnDevice(api, later, answered.id);
      assert.equal(opened.signatureValid, true);
      assert.equal(opened.answer.items[0]?.subscriber?.account, 'user-77812');
    });
  });
}
