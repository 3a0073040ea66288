// A chosen file's exact bytes through the API (`messageBase64`): a Japanese message whose body is Shift_JIS
// 8-bit bytes verifies; sent as UTF-8 text the same message fails its body hash (why the bytes are sent).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_MESSAGE_BASE64_CHARS } from '../../src/evidence/mail-service.ts';
import { auditEntries } from '../support/audit.ts';
import { hubHooks } from '../support/exchange.ts';
import type { ApiError, MailAnalysis } from '../support/replies.ts';
import { makeKeys, recordsText, signedShiftJis } from './mail-signed.ts';

describe('POST /v1/evidence/mail with messageBase64 (sqlite)', () => {
  const hub = hubHooks('sqlite');

  test('a Shift_JIS 8-bit body verifies as bytes and fails its body hash as UTF-8 text', async () => {
    const sato = await hub.as('sato');
    const keys = makeKeys();
    const bytes = await signedShiftJis(keys);
    const dnsRecords = recordsText(keys);
    const r = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', {
      messageBase64: bytes.toString('base64'),
      dnsRecords,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const dkim = r.body.authentication.verification?.dkim ?? [];
    assert.deepEqual(
      dkim.map((d) => [d.selector, d.verdict]),
      [['rsa1', 'pass']],
    );
    assert.equal(r.body.message.from, 'Sender <a@example.jp>');
    const audit = await auditEntries(hub.ctx.store.db, 'evidence.mail_analyzed');
    assert.equal(audit.at(-1)?.details?.bytes, bytes.byteLength);

    // What the screen did before: the file read as UTF-8 text; each Shift_JIS byte pair becomes U+FFFD.
    const text = new TextDecoder('utf-8').decode(bytes);
    assert.match(text, /\uFFFD/);
    const asText = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message: text, dnsRecords });
    assert.equal(asText.status, 200, JSON.stringify(asText.body));
    assert.deepEqual(
      asText.body.authentication.verification?.dkim.map((d) => [d.verdict, d.reason]),
      [['fail', 'body_hash']],
    );
  });

  test('one of message and messageBase64, and base64 only, each refused naming the field', async () => {
    const sato = await hub.as('sato');
    const both = await sato.call<ApiError>('POST', '/v1/evidence/mail', { message: 'a', messageBase64: 'YQ==' });
    assert.equal(both.status, 400);
    assert.equal(both.body.error.details?.field, 'messageBase64');
    assert.match(both.body.error.message.en, /`message` or as its bytes in `messageBase64`, not both/);
    assert.match(both.body.error.message.ja, /`messageBase64`（両方・どちらもなしは不可）/);
    const neither = await sato.call<ApiError>('POST', '/v1/evidence/mail', {});
    assert.equal(neither.status, 400);
    assert.equal(neither.body.error.details?.field, 'messageBase64');
    for (const bad of ['YQ=', 'Y Q==', 'YQ==YQ==', 'YQ-_']) {
      const r = await sato.call<ApiError>('POST', '/v1/evidence/mail', { messageBase64: bad });
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.error.details?.field, 'messageBase64', bad);
      assert.match(r.body.error.message.ja, /messageBase64 が base64 ではありません/, bad);
    }
    assert.equal(MAX_MESSAGE_BASE64_CHARS, 55_924_056);
    // The longest base64 allowed decodes to 2 bytes over 40 MiB: refused by its decoded size.
    const over = await sato.call<ApiError>('POST', '/v1/evidence/mail', {
      messageBase64: 'A'.repeat(MAX_MESSAGE_BASE64_CHARS),
    });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.details?.field, 'messageBase64');
    assert.match(over.body.error.message.en, /41943042 bytes, over the limit of 41943040/);
  });
});
