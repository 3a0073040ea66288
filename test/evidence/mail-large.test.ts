// A whole message with its attachments through the mail analysis route: up to 40 MiB the body hash is
// checked; a larger body is refused with a 413 naming the limit, before it is read whole, and nothing is
// audited; every other route keeps its 1 MiB.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { MAIL_LIMITS } from '../../src/evidence/mail/headers.ts';
import { MAX_LARGE_MAIL_ANALYSES, MAX_MAIL_BODY_BYTES, mailAnalysisGate } from '../../src/server/mail-limit.ts';
import { MAIL_MESSAGE_MAX_BYTES } from '../../web/src/lib/mail-limit.ts';
import { auditEntries } from '../support/audit.ts';
import { hubHooks } from '../support/exchange.ts';
import type { ApiError, MailAnalysis } from '../support/replies.ts';
import { makeKeys, recordsText, signedWithAttachment } from './mail-signed.ts';

const MIB = 1024 * 1024;

test('the mail screen refuses what the server refuses: one message limit', () => {
  assert.equal(MAIL_MESSAGE_MAX_BYTES, MAIL_LIMITS.maxMessageBytes);
  assert.equal(MAIL_LIMITS.maxMessageBytes, 40 * MIB);
});

describe('POST /v1/evidence/mail with attachments (sqlite)', { concurrency: false }, () => {
  const hub = hubHooks('sqlite');

  test('a 5 MB message with a signed attachment verifies; the audit has its size, not its content', async () => {
    const sato = await hub.as('sato');
    const keys = makeKeys();
    const message = await signedWithAttachment(keys, 5_000_000);
    assert.ok(message.length > 5_000_000);
    const r = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message, dnsRecords: recordsText(keys) });
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 500));
    const v = r.body.authentication.verification;
    assert.equal(v?.bodyPresent, true);
    assert.deepEqual(
      v?.dkim.map((d) => [d.selector, d.verdict]),
      [['rsa1', 'pass']],
    );
    const audit = await auditEntries(hub.ctx.store.db, 'evidence.mail_analyzed');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.details.bytes, Buffer.byteLength(message));
    assert.ok(JSON.stringify(audit[0]?.details).length < 300);
  });

  test('a body over the limit: 413 naming it in both languages, and nothing is audited', async () => {
    const sato = await hub.as('sato');
    const analysed = async () => (await auditEntries(hub.ctx.store.db, 'evidence.mail_analyzed')).length;
    const before = await analysed();
    const payload = JSON.stringify({ message: 'x'.repeat(MAX_MAIL_BODY_BYTES) });
    const r = await sato.call<ApiError>('POST', '/v1/evidence/mail', payload);
    assert.equal(r.status, 413);
    assert.equal(r.body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(r.body.error.message.ja, /メールが大きすぎます（メールは 40 MiB、送信本文は 56 MiB/);
    assert.match(r.body.error.message.en, /messages up to 40 MiB, the request body up to 56 MiB, 58720256 bytes/);
    assert.equal(r.body.error.details?.limit, MAX_MAIL_BODY_BYTES);

    // Streamed without a Content-Length: refused once the bound is passed, not after the whole is read.
    let sent = 0;
    const chunk = new Uint8Array(MIB).fill(0x78);
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent === 0) ctl.enqueue(new TextEncoder().encode('{"message":"'));
        sent += chunk.length;
        if (sent > 70 * MIB) ctl.close();
        else ctl.enqueue(chunk);
      },
    });
    const res = await fetch(`${hub.url}/v1/evidence/mail`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sato.token}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    const body = (await res.json()) as ApiError;
    assert.match(body.error.message.en, /56 MiB/);
    assert.ok(sent < 70 * MIB, `the server read ${sent} bytes`);
    assert.equal(await analysed(), before);
  });

  test('a message over 40 MiB in a body under the bound is refused by field', async () => {
    const sato = await hub.as('sato');
    const r = await sato.call<ApiError>('POST', '/v1/evidence/mail', { message: 'x'.repeat(40 * MIB + 1) });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.details?.field, 'message');
  });

  test('every other route keeps its 1 MiB', async () => {
    const sato = await hub.as('sato');
    const big = { address: '203.0.113.5', note: 'x'.repeat(MIB) };
    for (const path of ['/v1/evidence/whom', '/v1/evidence/mail/other', '/v1/evidence/mail/']) {
      const r = await sato.call<ApiError>('POST', path, big);
      assert.equal(r.status, 413, path);
      assert.match(r.body.error.message.en, /limit 1048576 bytes/, path);
    }
  });
});

test('only two bodies over 1 MiB are analysed at once; a third is told to retry', async () => {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const app = new Hono();
  const pass = async (_c: unknown, next: () => Promise<void>) => next();
  const gate = mailAnalysisGate(pass, { limit: pass, max: MIB }, async () => true);
  app.post(
    '/m',
    (c, next) => gate(c as never, next),
    async (c) => {
      await held;
      return c.text('done');
    },
  );
  const post = (length: number) =>
    app.request('/m', { method: 'POST', body: 'x', headers: { 'content-length': String(length) } });
  const large = Array.from({ length: MAX_LARGE_MAIL_ANALYSES }, () => post(5 * MIB));
  const busy = await post(5 * MIB);
  assert.equal(busy.status, 503);
  assert.equal(busy.headers.get('retry-after'), '10');
  const reply = (await busy.json()) as ApiError;
  assert.equal(reply.error.code, 'BUSY');
  assert.match(reply.error.message.ja, /同時に 2 件まで/);
  const small = post(1000);
  release();
  assert.deepEqual(await Promise.all([...large, small].map(async (r) => (await r).status)), [200, 200, 200]);
  assert.equal((await post(5 * MIB)).status, 200);
});

describe('a large mail body from someone who may not analyse mail (sqlite)', { concurrency: false }, () => {
  const hub = hubHooks('sqlite');
  /** Streams up to 12 MiB of a message (no Content-Length); the status and how much the server took. */
  const streamed = async (headers: Record<string, string>) => {
    let sent = 0;
    const chunk = new Uint8Array(MIB).fill(0x78);
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent === 0) ctl.enqueue(new TextEncoder().encode('{"message":"'));
        sent += chunk.length;
        if (sent > 12 * MIB) ctl.close();
        else ctl.enqueue(chunk);
      },
    });
    const res = await fetch(`${hub.url}/v1/evidence/mail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hub.url, ...headers },
      body,
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, reply: (await res.json()) as ApiError, sent };
  };

  test('no session: refused at the general 1 MiB, before more is read (not 401 after reading it all)', async () => {
    const r = await streamed({});
    assert.equal(r.status, 413);
    assert.match(r.reply.error.message.en, /limit 1048576 bytes/);
    assert.ok(r.sent < 12 * MIB, `the server read ${r.sent} bytes`);
  });

  test('a person without the permission: the general limit too', async () => {
    const board = await hub.as('board.legal');
    const r = await streamed({ authorization: `Bearer ${board.token}` });
    assert.equal(r.status, 413);
    assert.match(r.reply.error.message.en, /limit 1048576 bytes/);
  });

  test('a large body of tiny values is refused before it is parsed', async () => {
    const sato = await hub.as('sato');
    const many = `{"message":"x","pad":[${'[],'.repeat(700_000)}[]]}`;
    assert.ok(many.length > MIB);
    const r = await sato.call<ApiError>('POST', '/v1/evidence/mail', many);
    assert.equal(r.status, 400);
    assert.match(r.body.error.message.ja, /値が多すぎます/);
    assert.match(r.body.error.message.en, /too many values/);
  });
});
