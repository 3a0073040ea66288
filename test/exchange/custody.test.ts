import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type DeviceHandle,
  enrolDevice,
  openAnswerOnDevice,
  openSealedAnswer,
  registerDevice,
  removeAndRotate,
  startCustody,
} from '../../src/client/custody.ts';
import { importDevicePrivateKey, openBox, unwrapCustodyKey } from '../../src/crypto/device-seal.ts';
import { isCryptoError } from '../../src/crypto/errors.ts';
import { open as openLegacy, SealedBoxSchema } from '../../src/crypto/seal.ts';
import { unwrapPrivateKey } from '../../src/directory/keys.ts';
import { apiErrorCode, custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAbout } from '../support/flow.ts';

for (const dialect of testDialects()) {
  describe(`answers in device custody (${dialect})`, () => {
    const { hub, sato, tanaka, board, orgs, satoApi, tanakaApi, boardApi } = custodyHooks(dialect);

    const answered = (name: string) =>
      answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, { caseReference: 'CUSTODY-1', name });

    const headMovesKeyTitle =
      'the head moves the key to the devices, a colleague is enrolled, a removed member cannot open new answers';
    test(headMovesKeyTitle, async () => {
      const before = await answered('山田 太郎');
      // Legacy custody: the hub opens it (the path the migration ends).
      assert.equal((await sato.call('GET', `/v1/requests/${before}/answer`)).status, 200);

      const head = await newDevice(tanakaApi, '田中 PC');
      const recovery = await newDevice(tanakaApi, '回復鍵', 'recovery');
      // Only the head registers a recovery key.
      await assert.rejects(
        registerDevice(satoApi, { label: 'x', kind: 'recovery', publicKey: recovery.handle.publicKey }),
        apiErrorCode('FORBIDDEN'),
      );
      const started = await startCustody(tanakaApi, head.handle, [recovery.handle]);
      assert.ok(started.resealed >= 1, 'the earlier answers are sealed again to the new key');
      assert.ok(started.custodyKey);
      // The hub can no longer open any answer of the unit: no private part of the unit's keys is left.
      const unitKeys = await hub.ctx.store.db
        .selectFrom('keys')
        .selectAll()
        .where('owner_type', '=', 'unit')
        .where('purpose', '=', 'encryption')
        .where('owner_id', '=', started.ownerId)
        .execute();
      assert.ok(unitKeys.length >= 2);
      assert.ok(unitKeys.every((k) => k.private_key_wrapped === null));
      const legacy = await sato.call<{ error: { code: string } }>('GET', `/v1/requests/${before}/answer`);
      assert.equal(legacy.status, 409);
      assert.equal(legacy.body.error.code, 'OPEN_ON_DEVICE');

      // The head opens the earlier answer on the device.
      const opened = await openAnswerOnDevice(tanakaApi, head.handle, before);
      assert.equal(opened.signatureValid, true);
      assert.equal(opened.answer.items[0]?.subscriber?.name, '山田 太郎');

      // Sato's browser: registered, not enrolled, opens nothing until the head wraps the key to it.
      const satoDev = await newDevice(satoApi, '佐藤 PC');
      await assert.rejects(openAnswerOnDevice(satoApi, satoDev.handle, before), apiErrorCode('NOT_FOUND'));
      // Nobody opens with someone else's device id.
      await assert.rejects(openAnswerOnDevice(satoApi, head.handle, before), apiErrorCode('NOT_FOUND'));
      // Sato cannot enrol himself: he holds no key yet.
      await assert.rejects(enrolDevice(satoApi, satoDev.handle, satoDev.handle), () => true);
      await enrolDevice(tanakaApi, head.handle, satoDev.handle);
      const fresh = await answered('鈴木 花子');
      const bySato = await openAnswerOnDevice(satoApi, satoDev.handle, fresh);
      assert.equal(bySato.answer.items[0]?.subscriber?.name, '鈴木 花子');
      assert.equal(bySato.signatureValid, true);

      // Sato keeps what his device could unwrap: the current key, as a removed member would.
      const { data } = await satoApi.GET('/v1/custody/devices/{id}/keys', {
        params: { path: { id: satoDev.handle.id } },
      });
      const oldKey = data?.items.find((k) => k.current);
      assert.ok(oldKey);
      const kept = await unwrapCustodyKey(satoDev.handle, oldKey.keyId, oldKey.wrapped);

      // The head removes sato: the key rotates to the devices that remain (head, recovery).
      const rotated = await removeAndRotate(tanakaApi, head.handle, { userId: satoDev.view.userId });
      assert.notEqual(rotated.custodyKey?.id, oldKey.keyId);
      assert.equal(rotated.devices.find((d) => d.id === satoDev.handle.id)?.state, 'removed');
      const after = await answered('高橋 次郎');
      await assert.rejects(openAnswerOnDevice(satoApi, satoDev.handle, after), apiErrorCode('NOT_FOUND'));
      // His removed device is named in the refusal by the label he gave it, never by its id.
      const refused = await satoApi.GET('/v1/custody/devices/{id}/keys', {
        params: { path: { id: satoDev.handle.id } },
      });
      const said = JSON.stringify((refused.error as { error?: { message?: unknown } } | undefined)?.error?.message);
      assert.match(said, /端末「佐藤 PC」は登録が抹消されています/);
      assert.doesNotMatch(said, /dev_/);
      // Even with the old key and the new sealed box (say, from a database copy) nothing opens.
      const row = await hub.ctx.store.db
        .selectFrom('answers')
        .select('sealed')
        .where('request_id', '=', after)
        .executeTakeFirstOrThrow();
      await assert.rejects(openBox(kept, oldKey.publicKey, JSON.parse(row.sealed), after), (e) =>
        isCryptoError(e, 'SEAL_OPEN_FAILED'),
      );
      // The head opens it; so does the recovery key (kept offline), on a new device after a loss.
      assert.equal(
        (await openAnswerOnDevice(tanakaApi, head.handle, after)).answer.items[0]?.subscriber?.name,
        '高橋 次郎',
      );
      const restored: DeviceHandle = {
        ...recovery.handle,
        privateKey: await importDevicePrivateKey(recovery.pkcs8 as Uint8Array),
      };
      const replacement = await newDevice(tanakaApi, '田中 新PC');
      await enrolDevice(tanakaApi, restored, replacement.handle);
      assert.equal(
        (await openAnswerOnDevice(tanakaApi, replacement.handle, before)).answer.items[0]?.subscriber?.name,
        '山田 太郎',
      );
      assert.equal(
        (await openAnswerOnDevice(tanakaApi, replacement.handle, after)).answer.items[0]?.subscriber?.name,
        '高橋 次郎',
      );

      // Every ceremony is in the audit log.
      const actions = (
        await hub.ctx.store.db
          .selectFrom('audit_entries')
          .select('action')
          .where('action', 'like', '%custody%')
          .execute()
      ).map((r) => r.action);
      assert.ok(actions.includes('custody.started') && actions.includes('custody.rotated'));
    });

    test("the provider's kept copy moves to its devices the same way; the hub's key is erased", async () => {
      const id = await answered('伊藤 三郎');
      const legal = await newDevice(boardApi, 'board legal PC');
      const started = await startCustody(boardApi, legal.handle, []);
      assert.ok(started.resealed >= 1);
      const sealed = await boardApi.GET('/v1/requests/{id}/sealed-answer', {
        params: { path: { id }, query: { device: legal.handle.id } },
      });
      assert.ok(sealed.data);
      const opened = await openSealedAnswer(sealed.data, legal.handle);
      assert.equal(opened.copy, 'provider');
      assert.equal(opened.answer.items[0]?.subscriber?.name, '伊藤 三郎');
      // No hub-held key of the provider opens the box any more.
      const row = await hub.ctx.store.db
        .selectFrom('answers')
        .select('sealed_for_provider')
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      const box = SealedBoxSchema.safeParse(JSON.parse(row.sealed_for_provider ?? '{}'));
      assert.equal(box.success, false, 'no longer a hub-sealed box');
      const orgKeys = await hub.ctx.store.db
        .selectFrom('keys')
        .selectAll()
        .where('owner_id', '=', orgs.board)
        .where('purpose', '=', 'encryption')
        .execute();
      for (const k of orgKeys) assert.throws(() => openLegacy(unwrapPrivateKey(hub.ctx, k), box.data as never, id));
    });
  });
}
