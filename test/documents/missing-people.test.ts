// A printed request whose drafting officer's and approver's user records are gone: issued through the same
// service as always (GET the document, issueDocument), the page names them 不明 / unknown — never a raw user id.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Store } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, signInAll, startHub, type TestHub } from '../support/exchange.ts';
import { approvedBoardInquiry, removeRows } from './lost-rows.ts';
import { documentOf, flat, httpCall, readBack } from './support.ts';

/** Removes people's user rows (see `removeRows`): their ids. */
async function removeUsers(store: Store, logins: string[]): Promise<string[]> {
  const rows = await store.db.selectFrom('users').select('id').where('login', 'in', logins).execute();
  const ids = rows.map((r) => r.id);
  assert.equal(ids.length, logins.length);
  await removeRows(store, 'users', ids);
  return ids;
}

for (const dialect of testDialects()) {
  describe(`a request printed after its officer and approver left the directory (${dialect})`, () => {
    let hub: TestHub;
    let ito: Client;
    let id: string;
    let gone: string[];
    before(async () => {
      hub = await startHub(dialect);
      const [sato, tanaka, other] = await signInAll(hub, 'sato', 'tanaka', 'ito');
      ito = other;
      id = await approvedBoardInquiry(hub, sato, tanaka, '令和8年 第78号 脅迫被疑事件');
      gone = await removeUsers(hub.ctx.store, ['sato', 'tanaka']);
    });
    after(async () => hub.close());

    test('the approver and the officer in charge are printed 不明, and no user id is on the page', async () => {
      const r = await documentOf(hub.url, ito.token, id, 'inquiry');
      assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
      const text = flat(readBack(new Uint8Array(r.bytes)).text);
      assert.match(text, /所属長（決裁者）不明（電子署名）/);
      assert.match(text, /担当者不明電話03-0000-0110/);
      assert.match(text, /決裁者不明ECDSAP-256（WebAuthnの認証器\/passkey）鍵/);
      assert.doesNotMatch(text, /usr_/);
      for (const userId of gone) assert.ok(!text.includes(userId), `no ${userId} on the page`);
      // The hub's directory agrees: it holds no such people, which is what 不明 says.
      const v = await httpCall(hub.url, ito.token, 'POST', '/v1/documents/verify', {
        pdf: Buffer.from(r.bytes).toString('base64'),
      });
      const report = JSON.parse(v.bytes.toString('utf8')) as { ok: boolean; checks: Array<{ check: string }> };
      assert.equal(report.ok, true, JSON.stringify(report.checks));
    });
  });
}
