// A key missing for its owner is refused naming the owner as people know it — the unit, the organisation
// or the person by name, else "this unit" — never by its type and id (`unit unit_…`); a passkey whose
// registration does not verify is refused in words in both languages, the verifier's own (English,
// technical) words kept in the details for support.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CreationOptions, softRegister } from '../../src/demo/soft-authenticator.ts';
import { requireCurrentKey } from '../../src/directory/keys.ts';
import { type DomainError, isDomainError } from '../../src/domain/errors.ts';
import type { KeyOwnerType } from '../../src/domain/key-trust.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

/** The refusal of the owner's current key at an instant before any key was made. */
async function noKey(
  db: Parameters<typeof requireCurrentKey>[0],
  ownerType: KeyOwnerType,
  ownerId: string,
  purpose: 'signing' | 'encryption',
): Promise<DomainError> {
  try {
    await requireCurrentKey(db, ownerType, ownerId, purpose, new Date(0));
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  return assert.fail('a key was found');
}

/** Neither message names the owner's id or type as stored. */
function noRawOwner(e: DomainError, ownerType: string, ownerId: string): void {
  assert.equal(e.code, 'KEY_UNKNOWN');
  assert.equal(e.details?.ownerId, ownerId, 'the id stays in the details');
  for (const text of [e.messages.ja, e.messages.en]) {
    assert.ok(!text.includes(ownerId), `names the id: ${text}`);
    assert.ok(!text.startsWith(`${ownerType} `), `names the type: ${text}`);
  }
}

for (const dialect of testDialects()) {
  describe(`a missing key's owner, and a passkey that does not verify, in words (${dialect})`, () => {
    const {
      hub,
      people: [sato],
    } = hubWithHooks(dialect, ['sato']);

    test('the unit, the organisation and the person by name; an unknown unit as "this unit"', async () => {
      const db = hub.ctx.store.db;
      const unit = await db.selectFrom('units').selectAll().executeTakeFirstOrThrow();
      const org = await db.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
      const user = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();

      const ofUnit = await noKey(db, 'unit', unit.id, 'encryption');
      noRawOwner(ofUnit, 'unit', unit.id);
      assert.equal(ofUnit.messages.ja, `所属「${unit.name_ja}」に有効な暗号化鍵がありません`);
      assert.equal(ofUnit.messages.en, `the unit "${unit.name_en}" has no valid encryption key`);

      const ofOrg = await noKey(db, 'organisation', org.id, 'signing');
      noRawOwner(ofOrg, 'organisation', org.id);
      assert.equal(ofOrg.messages.ja, `「${org.name_ja}」に有効な署名鍵がありません`);
      assert.equal(ofOrg.messages.en, `"${org.name_en}" has no valid signing key`);

      const ofUser = await noKey(db, 'user', user.id, 'signing');
      noRawOwner(ofUser, 'user', user.id);
      assert.equal(ofUser.messages.ja, `${user.display_name} さんに有効な署名鍵がありません`);
      assert.equal(ofUser.messages.en, `${user.display_name} has no valid signing key`);

      const unknown = await noKey(db, 'unit', 'unit_gone', 'encryption');
      noRawOwner(unknown, 'unit', 'unit_gone');
      assert.equal(unknown.messages.ja, 'この所属に有効な暗号化鍵がありません');
      assert.equal(unknown.messages.en, 'this unit has no valid encryption key');
    });

    test("a passkey's registration that does not verify: words in both languages, the detail for support", async () => {
      const opts = await sato.call<CreationOptions>('POST', '/v1/credentials/registration-options');
      assert.equal(opts.status, 200, JSON.stringify(opts.body));
      const made = softRegister(opts.body, hub.url.replace('127.0.0.1', 'localhost'));
      const reg = await sato.call<ApiError>('POST', '/v1/credentials', {
        response: { ...made.response, response: { ...made.response.response, attestationObject: 'AAAA' } },
      });
      assert.equal(reg.status, 400, JSON.stringify(reg.body));
      assert.equal(reg.body.error.details?.field, 'response');
      assert.equal(
        reg.body.error.message.ja,
        '認証器（パスキー）の登録を確認できませんでした。最初から登録し直してください',
      );
      assert.equal(
        reg.body.error.message.en,
        "the passkey's registration could not be verified: register it again from the start",
      );
      const detail = reg.body.error.details?.detail;
      assert.ok(typeof detail === 'string' && detail.length > 0, 'the verifier’s words are kept for support');
      assert.ok(!reg.body.error.message.en.includes(detail), 'and are not the message');
    });
  });
}
