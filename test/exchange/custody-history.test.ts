import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiClient } from '../../src/client/client.ts';
import {
  type DeviceHandle,
  enrolDevice,
  openAnswerOnDevice,
  removeAndRotate,
  startCustody,
} from '../../src/client/custody.ts';
import {
  bytesToB64u,
  importDevicePrivateKey,
  unwrapCustodyKeyBytes,
  wrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { shownFingerprint } from '../../src/domain/shown-text.ts';
import { apiErrorCode, custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAbout } from '../support/flow.ts';

// Issue 11 item 3: a device enrolled after the unit's answer key was rotated (a member removed) is
// given every earlier key too, so the case's history opens on it; the hub keeps only wrapped keys. An
// enrolment refused names the keys by fingerprint, never by id.

/** A refusal's message in both languages, neither naming any of `ids` nor a field's path. */
function said(error: unknown, ids: readonly string[]): { ja: string; en: string } {
  const m = (error as { error?: { message?: { ja: string; en: string } } } | undefined)?.error?.message;
  assert.ok(m, 'a message');
  for (const text of [m.ja, m.en]) {
    for (const raw of [...ids, 'ck_', 'wraps']) assert.ok(!text.includes(raw), `names ${raw}: ${text}`);
  }
  return m;
}

for (const dialect of testDialects()) {
  describe(`earlier answer keys follow to new devices (${dialect})`, () => {
    const { hub, sato, tanaka, board, orgs, satoApi, tanakaApi } = custodyHooks(dialect);

    const answered = (name: string) =>
      answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'REKEY-1',
        name,
        path: `r/${encodeURIComponent(name)}`,
      });

    const nameIn = async (api: ApiClient, d: DeviceHandle, id: string) =>
      (await openAnswerOnDevice(api, d, id)).answer.items[0]?.subscriber?.name;

    test('rotate (remove a member), enrol a new device: an answer sealed before the rotation opens on it', async () => {
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      await startCustody(tanakaApi, head, [recovery]);
      const { handle: satoDev, view: satoView } = await newDevice(satoApi, '佐藤 PC');
      await enrolDevice(tanakaApi, head, satoDev);
      const early = await answered('伊藤 一郎');
      assert.equal(await nameIn(satoApi, satoDev, early), '伊藤 一郎');

      await removeAndRotate(tanakaApi, head, { userId: satoView.userId });
      const late = await answered('渡辺 二郎');

      // The head's replacement device, enrolled after the rotation from the head's device.
      const { handle: laptop } = await newDevice(tanakaApi, '田中 新PC');
      await enrolDevice(tanakaApi, head, laptop);
      assert.equal(await nameIn(tanakaApi, laptop, early), '伊藤 一郎', 'the earlier key came with the enrolment');
      assert.equal(await nameIn(tanakaApi, laptop, late), '渡辺 二郎');
      // ...and passes the history on again: a device enrolled from the laptop opens it too.
      const { handle: third } = await newDevice(tanakaApi, '田中 タブレット');
      await enrolDevice(tanakaApi, laptop, third);
      assert.equal(await nameIn(tanakaApi, third, early), '伊藤 一郎');

      // The hub refuses an enrolment that leaves the earlier key out (a client that wraps only the current one).
      const { data } = await tanakaApi.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: head.id } } });
      const keys = data?.items ?? [];
      assert.equal(keys.length, 2);
      const cur = keys.find((k) => k.current);
      const old = keys.find((k) => !k.current);
      assert.ok(cur && old?.passOn);
      const shown = (k: { fingerprint: string }) => shownFingerprint(k.fingerprint);
      const { handle: partial } = await newDevice(tanakaApi, '田中 予備');
      const curBytes = await unwrapCustodyKeyBytes(head, cur.keyId, cur.wrapped);
      const onlyCurrent = [{ keyId: cur.keyId, wrapped: await wrapCustodyKey(curBytes, cur.keyId, partial) }];
      const refused = await tanakaApi.POST('/v1/custody/devices/{id}/enrol', {
        params: { path: { id: partial.id } },
        body: { wraps: onlyCurrent },
      });
      assert.equal(refused.response.status, 400);
      assert.match(JSON.stringify(refused.error), new RegExp(old.keyId));
      // In words, the key left out by its fingerprint; its id only in the details.
      const lacking = said(refused.error, [old.keyId, cur.keyId]);
      assert.equal(
        lacking.ja,
        `新しい端末には、あなたの端末が保管する以前の回答鍵もすべて渡します（渡されていない鍵: ${shown(old)}）`,
      );
      assert.equal(
        lacking.en,
        `the new device must also be given every earlier answer key your device holds (not given: ${shown(old)})`,
      );

      // The store holds no plaintext answer key: neither key's private part, in any encoding, anywhere
      // in the keys, devices or wraps tables.
      const db = hub.ctx.store.db;
      const stored = JSON.stringify([
        await db.selectFrom('custody_key_wraps').selectAll().execute(),
        await db.selectFrom('keys').selectAll().execute(),
        await db.selectFrom('devices').selectAll().execute(),
      ]);
      for (const k of keys) {
        const pkcs8 = await unwrapCustodyKeyBytes(head, k.keyId, k.wrapped);
        const jwk = await globalThis.crypto.subtle.exportKey('jwk', await importDevicePrivateKey(pkcs8, true));
        const d = Buffer.from(jwk.d as string, 'base64url');
        for (const secret of [Buffer.from(pkcs8), d]) {
          for (const text of [secret.toString('base64'), bytesToB64u(secret), secret.toString('hex')]) {
            assert.ok(!stored.includes(text), `the store holds key ${k.keyId} in clear`);
          }
        }
      }
      const wrapsOfLaptop = await db
        .selectFrom('custody_key_wraps')
        .selectAll()
        .where('device_id', '=', laptop.id)
        .execute();
      assert.equal(wrapsOfLaptop.length, 2);
      assert.ok(wrapsOfLaptop.every((w) => JSON.parse(w.wrapped).recipientKeyId === laptop.id));

      // A key revoked as compromised is not passed on: the listing says so, the client leaves it out and
      // the hub refuses a wrap of it.
      await db
        .updateTable('keys')
        .set({ revoked_at: new Date().toISOString(), revocation_reason: 'compromised' })
        .where('id', '=', old.keyId)
        .execute();
      const listed = (
        await tanakaApi.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: head.id } } })
      ).data?.items.find((k) => k.keyId === old.keyId);
      assert.equal(listed?.passOn, false);
      const oldBytes = await unwrapCustodyKeyBytes(head, old.keyId, old.wrapped);
      const withCompromised = await tanakaApi.POST('/v1/custody/devices/{id}/enrol', {
        params: { path: { id: partial.id } },
        body: {
          wraps: [...onlyCurrent, { keyId: old.keyId, wrapped: await wrapCustodyKey(oldBytes, old.keyId, partial) }],
        },
      });
      assert.equal(withCompromised.response.status, 400);
      const quarantined = said(withCompromised.error, [old.keyId]);
      assert.equal(quarantined.ja, `漏えいにより失効した鍵は、新しい端末には渡しません（${shown(old)}）`);
      assert.equal(quarantined.en, `a key revoked as compromised is not passed on to a new device (${shown(old)})`);
      await enrolDevice(tanakaApi, head, partial);
      await assert.rejects(openAnswerOnDevice(tanakaApi, partial, early), apiErrorCode('NOT_FOUND'));
      assert.equal(await nameIn(tanakaApi, partial, late), '渡辺 二郎');
    });
  });
}
