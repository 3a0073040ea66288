// DKIM signatures and ARC seals checked against the key records the analyst supplies, never DNS:
// signed here with keys made here, then verified (pass), tampered (fail: body hash), checked with
// another key (fail: signature) and with no key (not verified, never a silent pass).
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { before, describe, test } from 'node:test';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import { type Keys, makeKeys, recordsText, signedMessage, tamperBody } from './mail-signed.ts';

const OPTS = { trusted: [], authservId: 'mx.example.net', now: new Date('2026-12-06T00:00:00Z') };

describe('DKIM and ARC verified against supplied key records', () => {
  let keys: Keys;
  let message: string;
  before(async () => {
    keys = makeKeys();
    message = await signedMessage(keys);
  });

  test('with the right keys: each signature passes (RSA and Ed25519), and so does the ARC chain', async () => {
    const a = await analyzeAndVerify(message, parseDnsRecords(recordsText(keys)), OPTS);
    MailAnalysisSchema.parse(a);
    const v = a.authentication.verification;
    assert.ok(v);
    assert.deepEqual(
      v.dkim.map((d) => [d.domain, d.selector, d.algorithm, d.verdict, d.reason]),
      [
        ['example.jp', 'rsa1', 'rsa-sha256', 'pass', null],
        ['example.jp', 'ed1', 'ed25519-sha256', 'pass', null],
      ],
    );
    assert.match(v.dkim[0]?.messageJa ?? '', /検証成功/);
    assert.equal(v.arc.verdict, 'pass');
    assert.deepEqual(v.arc.instances, [1]);
    assert.deepEqual(v.arc.seals, [{ instance: 1, domain: 'mx.example.net', selector: 'arc1', verdict: 'pass' }]);
    assert.equal(v.keysSupplied, 3);
  });

  test('an mbox "From " first line is not taken for a header field of the signed message', async () => {
    const mbox = `From a@example.jp Sat Dec  5 01:00:03 2026\n${message}`;
    const v = (await analyzeAndVerify(Buffer.from(mbox), parseDnsRecords(recordsText(keys)), OPTS)).authentication
      .verification;
    assert.deepEqual(
      v?.dkim.map((d) => d.verdict),
      ['pass', 'pass'],
    );
    assert.equal(v?.arc.verdict, 'pass');
  });

  test('one body byte changed: fail, body hash; the ARC chain fails too', async () => {
    const a = await analyzeAndVerify(tamperBody(message), parseDnsRecords(recordsText(keys)), OPTS);
    const v = a.authentication.verification;
    assert.deepEqual(
      v?.dkim.map((d) => [d.verdict, d.reason]),
      [
        ['fail', 'body_hash'],
        ['fail', 'body_hash'],
      ],
    );
    assert.match(v?.dkim[0]?.message ?? '', /body hash/);
    assert.equal(v?.arc.verdict, 'fail');
    // The seal covers headers only: it still verifies; the ARC-Message-Signature does not.
    assert.equal(v?.arc.seals[0]?.verdict, 'pass');
  });

  test('another key under the selector: fail, signature', async () => {
    const wrong = parseDnsRecords(recordsText(keys, keys.other.publicKey));
    const v = (await analyzeAndVerify(message, wrong, OPTS)).authentication.verification;
    assert.deepEqual([v?.dkim[0]?.verdict, v?.dkim[0]?.reason], ['fail', 'signature']);
    assert.deepEqual([v?.dkim[1]?.verdict, v?.dkim[1]?.reason], ['pass', null]);
    assert.equal(v?.arc.verdict, 'fail');
    assert.equal(v?.arc.seals[0]?.verdict, 'fail');
  });

  test('no key supplied: "not verified: no key supplied", never a pass', async () => {
    const a = await analyzeAndVerify(message, parseDnsRecords(''), OPTS);
    const v = a.authentication.verification;
    assert.deepEqual(
      v?.dkim.map((d) => [d.verdict, d.reason]),
      [
        ['not_verified', 'no_key'],
        ['not_verified', 'no_key'],
      ],
    );
    assert.match(v?.dkim[0]?.message ?? '', /^Not verified: no key supplied for rsa1\._domainkey\.example\.jp/);
    assert.match(v?.dkim[0]?.messageJa ?? '', /^未検証/);
    assert.equal(v?.arc.verdict, 'not_verified');
    assert.equal(v?.arc.seals[0]?.verdict, 'not_verified');
  });

  test('expired before the final receipt: fail, expired', async () => {
    const expiring = await signedMessage(keys, { expires: new Date('2026-12-05T01:00:00Z') });
    const v = (await analyzeAndVerify(expiring, parseDnsRecords(recordsText(keys)), OPTS)).authentication.verification;
    assert.deepEqual([v?.dkim[0]?.verdict, v?.dkim[0]?.reason], ['fail', 'expired']);
    assert.equal(v?.checkedAt, '2026-12-05T01:00:02.000Z');
  });

  test('the header block alone: not verified (no body), while the seal still verifies', async () => {
    const header = message.slice(0, message.indexOf('\r\n\r\n'));
    const v = (await analyzeAndVerify(header, parseDnsRecords(recordsText(keys)), OPTS)).authentication.verification;
    assert.equal(v?.bodyPresent, false);
    assert.deepEqual([v?.dkim[0]?.verdict, v?.dkim[0]?.reason], ['not_verified', 'no_body']);
    assert.equal(v?.arc.verdict, 'not_verified');
    assert.equal(v?.arc.seals[0]?.verdict, 'pass');
  });

  test("the ARC set whose results are read: its seal's verdict is said beside them", async () => {
    const a = await analyzeAndVerify(message, parseDnsRecords(recordsText(keys)), OPTS);
    const codes = a.warnings.map((w) => w.code);
    const at = codes.indexOf('MAIL_AUTH_RESULTS_FROM_ARC');
    assert.ok(at >= 0, codes.join(','));
    assert.equal(codes[at + 1], 'MAIL_AUTH_RESULTS_ARC_SEAL_PASS');
    assert.equal(a.warnings[at + 1]?.details?.key, 'arc1._domainkey.mx.example.net');
    // Which results are believed does not change.
    assert.deepEqual(
      a.authentication.results.map((r) => `${r.method}=${r.result}`),
      ['dkim=pass', 'spf=pass'],
    );
    const none = await analyzeAndVerify(message, parseDnsRecords(''), OPTS);
    assert.ok(none.warnings.some((w) => w.code === 'MAIL_AUTH_RESULTS_ARC_SEAL_NOT_VERIFIED'));
    assert.equal(none.authentication.results.length, 2);
  });
});

test('no DNS query is made, whether a key is supplied or not', async (t) => {
  const asked: string[] = [];
  for (const api of [dns.promises, dns])
    t.mock.method(api, 'resolve', (name: string) => {
      asked.push(name);
      throw new Error('DNS must not be queried');
    });
  const keys = makeKeys();
  const message = await signedMessage(keys);
  await analyzeAndVerify(message, parseDnsRecords(''), OPTS);
  await analyzeAndVerify(tamperBody(message), parseDnsRecords(recordsText(keys)), OPTS);
  assert.deepEqual(asked, []);
});

describe('the key records file', () => {
  const refused = (text: string, line: RegExp) =>
    assert.throws(
      () => parseDnsRecords(text),
      (e: Error & { ja?: string; code?: string }) => {
        assert.equal(e.code, 'MAIL_DNS_RECORD_INVALID');
        assert.match(e.message, line);
        assert.match(e.ja ?? '', /行目/);
        return true;
      },
    );

  test('bad lines are refused naming the line and the value', () => {
    refused(
      '# ok\n\nrsa1._domainkey.example.jp CNAME rsa1.dkim.example.net',
      /line 3 \("rsa1\._domainkey\.example\.jp CNAME rsa1\.dkim\.example\.net"\): the record type CNAME is not taken/,
    );
    refused('www.example.jp TXT "v=DKIM1; p=AAAA"', /line 1 .*not a key record name/);
    refused('s._domainkey.example.jp TXT "v=DKIM1; k=rsa"', /line 1 .*no p=/);
    refused('s._domainkey.example.jp TXT "v=DKIM1; p=AAAA', /line 1 .*not closed/);
    refused('s._domainkey.example.jp TXT "p=A"\nS._domainkey.example.jp. TXT "p=B"', /line 2 .*second record/);
  });

  test('zone-file forms are read: TTL, class, several strings, a trailing dot, comments', () => {
    const r = parseDnsRecords(
      '; keys\nSel._domainkey.Example.JP. 300 IN TXT "v=DKIM1; " "p=AB\\"C"\nx._domainkey.example.net TXT p=Q',
    );
    assert.deepEqual(
      [...r.keys],
      [
        ['sel._domainkey.example.jp', 'v=DKIM1; p=AB"C'],
        ['x._domainkey.example.net', 'p=Q'],
      ],
    );
  });

  test('zone-file escapes: \\DDD is the byte of that decimal value (as dig prints a ";"), \\X is X', () => {
    const r = parseDnsRecords('a._domainkey.example.jp TXT "v=DKIM1\\059 k=rsa\\; p=AB\\0610"');
    assert.equal(r.keys.get('a._domainkey.example.jp'), 'v=DKIM1; k=rsa; p=AB=0');
    assert.throws(
      () => parseDnsRecords('a._domainkey.example.jp TXT "v=DKIM1; p=AB\\300"'),
      (e: Error & { code?: string }) => e.code === 'MAIL_DNS_RECORD_INVALID' && /line 1/.test(e.message),
    );
  });
});
