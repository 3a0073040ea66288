// Forged messages whose DKIM signature verifies cryptographically yet does not vouch for what a reader
// sees: a From field added above the signed one, l= leaving appended text unsigned, i= outside d=, h=
// without From, and a signer that is not the From's domain. None may read as a plain "pass".
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { analyzeMessage } from '../../src/evidence/mail/analyze.ts';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import { rsaP } from './mail-signed.ts';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const RECORDS = parseDnsRecords(`s1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=${rsaP(key.publicKey)}"`);
const HEADERS =
  'From: Boss <boss@example.jp>\r\nTo: b@example.net\r\nSubject: invoice\r\n' +
  'Date: Sat, 05 Dec 2026 09:59:00 +0900\r\n';
const BODY = 'Please see the invoice.\r\n';
const OPTS = { trusted: [], now: new Date('2026-12-06T00:00:00Z') };

async function signed(extra: { maxBodyLength?: number; identity?: string; domain?: string } = {}): Promise<string> {
  const signingDomain = extra.domain ?? 'example.jp';
  const r = await dkimSign(`${HEADERS}\r\n${BODY}`, {
    signingDomain,
    selector: 's1',
    privateKey,
    signatureData: [
      {
        signingDomain,
        selector: 's1',
        privateKey,
        ...(extra.maxBodyLength === undefined ? {} : { maxBodyLength: extra.maxBodyLength }),
        ...(extra.identity === undefined ? {} : { identity: extra.identity }),
      },
    ],
  });
  assert.equal(r.errors.length, 0);
  return r.signatures;
}

async function dkimOf(message: string, records = RECORDS) {
  const a = await analyzeAndVerify(message, records, OPTS);
  MailAnalysisSchema.parse(a);
  const d = a.authentication.verification?.dkim ?? [];
  assert.equal(d.length, 1);
  return d[0] ?? assert.fail();
}

describe('a signature that verifies but does not vouch for what is read', () => {
  test('untouched: pass (the guard for the cases below)', async () => {
    const d = await dkimOf(`${await signed()}${HEADERS}\r\n${BODY}`);
    assert.deepEqual([d.verdict, d.reason], ['pass', null]);
    assert.doesNotMatch(d.message, /not the From/);
  });

  test('a second From added above the signed one: fail, from_fields (the reader sees the added one)', async () => {
    const d = await dkimOf(`${await signed()}From: CEO <ceo@example.jp>\r\n${HEADERS}\r\n${BODY}`);
    assert.deepEqual([d.verdict, d.reason], ['fail', 'from_fields']);
    assert.match(d.messageJa, /From 欄が 2 個/);
    // said by the header analysis too, signed or not: the summary shows the added From
    const a = analyzeMessage(`From: CEO <ceo@example.jp>\r\n${HEADERS}\r\n${BODY}`, OPTS);
    assert.equal(a.message.from, 'CEO <ceo@example.jp>');
    assert.deepEqual(a.warnings.find((w) => w.code === 'MAIL_FIELDS_REPEATED')?.details, { fields: 'from' });
  });

  test('a Subject added above the signed one: fail, unsigned_copies; a second Received is no such field', async () => {
    const d = await dkimOf(`${await signed()}Subject: urgent: new bank details\r\n${HEADERS}\r\n${BODY}`);
    assert.deepEqual([d.verdict, d.reason], ['fail', 'unsigned_copies']);
    assert.match(d.message, /more subject fields than it signs/);
    const hops = 'Received: from a by b; Sat, 05 Dec 2026 10:00:00 +0900\r\n';
    const relayed = await dkimOf(`${hops}${hops}${await signed()}${HEADERS}\r\n${BODY}`);
    assert.equal(relayed.verdict, 'pass');
  });

  test('l= shorter than the body, text appended: fail, body_length, saying how many bytes are unsigned', async () => {
    const appended = 'Pay to account 1234 instead.\r\n';
    const sig = await signed({ maxBodyLength: BODY.length });
    const d = await dkimOf(`${sig}${HEADERS}\r\n${BODY}${appended}`);
    assert.deepEqual([d.verdict, d.reason], ['fail', 'body_length']);
    assert.match(d.message, new RegExp(`first ${BODY.length} bytes.*the ${appended.length} bytes`));
    assert.match(d.messageJa, /l=/);
    // l= covering the whole body: nothing unsigned, a pass.
    assert.equal((await dkimOf(`${sig}${HEADERS}\r\n${BODY}`)).verdict, 'pass');
  });

  test('i= naming another domain than d=: fail, identity (RFC 6376 §6.1.1)', async () => {
    const d = await dkimOf(`${await signed({ identity: 'ceo@bank.example' })}${HEADERS}\r\n${BODY}`);
    assert.deepEqual([d.verdict, d.reason], ['fail', 'identity']);
    // i= under d= is allowed.
    const sub = await dkimOf(`${await signed({ identity: 'boss@mail.example.jp' })}${HEADERS}\r\n${BODY}`);
    assert.equal(sub.verdict, 'pass');
  });

  test('h= without from: fail, from_unsigned, in words rather than mailauth`s', async () => {
    const sig = (await signed()).replace(
      /\bh=([^;]*)/,
      (_m, list: string) =>
        `h=${list
          .split(':')
          .filter((h) => h.trim().toLowerCase() !== 'from')
          .join(':')}`,
    );
    assert.doesNotMatch(sig, /h=[^;]*from/i);
    const d = await dkimOf(`${sig}${HEADERS}\r\n${BODY}`);
    assert.deepEqual([d.verdict, d.reason], ['fail', 'from_unsigned']);
    assert.match(d.messageJa, /From 欄を対象にしていません/);
  });

  test('a key record of t=y (testing): not verified, key_testing, though the signature verifies', async () => {
    const testing = parseDnsRecords(`s1._domainkey.example.jp TXT "v=DKIM1; t=y; k=rsa; p=${rsaP(key.publicKey)}"`);
    const d = await dkimOf(`${await signed()}${HEADERS}\r\n${BODY}`, testing);
    assert.deepEqual([d.verdict, d.reason], ['not_verified', 'key_testing']);
    assert.match(d.messageJa, /t=y/);
  });

  test('signed by a domain other than the From`s: pass, saying it vouches for the signer, not the author', async () => {
    const other = parseDnsRecords(`s1._domainkey.attacker.example TXT "v=DKIM1; k=rsa; p=${rsaP(key.publicKey)}"`);
    const d = await dkimOf(`${await signed({ domain: 'attacker.example' })}${HEADERS}\r\n${BODY}`, other);
    assert.deepEqual([d.verdict, d.reason], ['pass', null]);
    assert.match(d.message, /signer attacker\.example is not the From address's domain example\.jp/);
    assert.match(d.messageJa, /差出人ではありません/);
  });
});
