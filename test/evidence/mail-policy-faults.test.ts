// SPF and DMARC where the first version went wrong: the envelope sender taken from below the trust boundary,
// a PTR not supplied read as "no match", DMARC's "none" and policy said without their reasons, the advice
// for what was not checked, a sender's domain written with a trailing dot, oversized records, no time
// limit, and internationalised names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeMessage } from '../../src/evidence/mail/analyze.ts';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { checkSpf } from '../../src/evidence/mail/policy-check.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import type { SignatureCheck } from '../../src/evidence/mail/types.ts';
import { makeKeys, rsa1Signature, rsaP } from './mail-signed.ts';

const OPTS = { trusted: ['mx.example.net'], now: new Date('2026-12-06T00:00:00Z') };
const IP = '153.200.10.77';
const DATE = 'Sat, 05 Dec 2026 10:00:02 +0900';
const BOUNDARY =
  `Received: from out.bulk.example (out.bulk.example [${IP}]) by mx.example.net with ESMTPS id A1;\r\n` +
  ` ${DATE}\r\n`;
const body = (from = 'alerts@bank.jp') =>
  `From: <${from}>\r\nTo: b@example.net\r\nSubject: notice\r\nDate: Sat, 05 Dec 2026 09:59:00 +0900\r\n` +
  'Message-ID: <m1@bank.jp>\r\n\r\nPlease sign in.\r\n';
const rp = (address: string) => `Return-Path: <${address}>\r\n`;

async function verify(message: string, ...lines: string[]): Promise<SignatureCheck> {
  const a = await analyzeAndVerify(message, parseDnsRecords(lines.join('\n')), OPTS);
  MailAnalysisSchema.parse(a);
  assert.equal(a.originatingIp, IP);
  assert.ok(a.authentication.verification);
  return a.authentication.verification;
}

const BANK_SPF = `bank.jp TXT "v=spf1 ip4:${IP} -all"`;
const BANK_DMARC = ['_dmarc.bank.jp TXT "v=DMARC1; p=reject"', '_dmarc.jp TXT NONE'];

describe('the envelope sender is what a trusted server recorded', () => {
  test('a Return-Path the sender wrote below the boundary is not used: no forged SPF or DMARC pass', async () => {
    const v = await verify(BOUNDARY + rp('alerts@bank.jp') + body(), BANK_SPF, ...BANK_DMARC);
    assert.equal(v.spf.verdict, 'not_evaluated');
    assert.equal(v.spf.senderSource, null);
    assert.match(v.spf.message, /not recorded by a trusted server .*sits below the boundary: the sender wrote it/);
    assert.match(v.spf.messageJa, /信頼できるサーバによるエンベロープ送信者の記録がありません.*送信者が書いたもの/);
    assert.notEqual(v.dmarc.verdict, 'pass');
  });

  test("the boundary Received field's envelope-from is used instead, and said to be", async () => {
    const boundary = BOUNDARY.replace('id A1;', 'id A1 (envelope-from <b@bulk.example>);');
    const v = await verify(boundary + rp('alerts@bank.jp') + body(), BANK_SPF, 'bulk.example TXT "v=spf1 -all"');
    assert.deepEqual([v.spf.verdict, v.spf.domain, v.spf.senderSource], ['fail', 'bulk.example', 'received']);
    assert.match(v.spf.message, /the envelope sender b@bulk\.example \(from the envelope-from the boundary server/);
    assert.match(v.spf.messageJa, /境界のサーバが Received 欄に記録した envelope-from による/);
  });

  test('a Return-Path above the boundary (added at delivery) is used, and said to be', async () => {
    const v = await verify(rp('alerts@bank.jp') + BOUNDARY + body(), BANK_SPF, ...BANK_DMARC);
    assert.deepEqual([v.spf.verdict, v.spf.senderSource], ['pass', 'return-path']);
    assert.match(v.spf.message, /\(from the Return-Path a trusted server added\)/);
    assert.match(v.spf.messageJa, /信頼できるサーバが付けた Return-Path による/);
  });
});

describe('a PTR record not supplied leaves SPF undecided', () => {
  const ptr = '77.10.200.153.in-addr.arpa (PTR)';
  for (const record of ['v=spf1 ptr -all', 'v=spf1 exists:%{p}.allow.bank.jp -all', 'v=spf1 -ptr +all']) {
    test(record, async () => {
      const v = await verify(rp('alerts@bank.jp') + BOUNDARY + body(), `bank.jp TXT "${record}"`, ...BANK_DMARC);
      assert.equal(v.spf.verdict, 'not_supplied');
      // Only the PTR: what %{p} then expands to ("unknown.allow.bank.jp") follows from the gap.
      assert.deepEqual(v.spf.missing, [ptr]);
      assert.match(v.spf.message, /the PTR records of 77\.10\.200\.153\.in-addr\.arpa were not supplied/);
      assert.notEqual(v.dmarc.verdict, 'fail');
      assert.notEqual(v.dmarc.verdict, 'pass');
    });
  }

  test('an exp= explanation not supplied (even one naming %{p}) does not undo a fail', async () => {
    for (const exp of ['why.bank.jp', '%{p}.why.bank.jp']) {
      const v = await verify(rp('alerts@bank.jp') + BOUNDARY + body(), `bank.jp TXT "v=spf1 -all exp=${exp}"`);
      assert.deepEqual([v.spf.verdict, v.spf.missing], ['fail', []], exp);
      assert.equal(v.spf.record, `v=spf1 -all exp=${exp}`);
    }
  });
});

describe('DMARC says why it found no record, and how the policy applies', () => {
  const SPF_FAIL = 'bank.jp TXT "v=spf1 -all"';
  const message = rp('alerts@bank.jp') + BOUNDARY + body();

  test('an invalid record, two records, an address literal and no record are told apart', async () => {
    const invalid = (await verify(message, SPF_FAIL, '_dmarc.bank.jp TXT "v=DMARC1; p=rejct"', '_dmarc.jp TXT NONE'))
      .dmarc;
    assert.deepEqual([invalid.verdict, invalid.noneReason, invalid.record], ['none', 'invalid', 'v=DMARC1; p=rejct']);
    assert.equal(invalid.published?.p, 'rejct');
    assert.match(invalid.message, /_dmarc\.bank\.jp, as supplied \("v=DMARC1; p=rejct"\), gives no valid policy/);
    assert.doesNotMatch(invalid.message, /no DMARC record/);
    const two = (
      await verify(
        message,
        SPF_FAIL,
        '_dmarc.bank.jp TXT "v=DMARC1; p=reject"',
        '_dmarc.bank.jp TXT "v=DMARC1; p=none"',
        '_dmarc.jp TXT NONE',
      )
    ).dmarc;
    assert.deepEqual([two.verdict, two.noneReason], ['none', 'several']);
    assert.equal(two.record, 'v=DMARC1; p=reject\nv=DMARC1; p=none');
    assert.match(two.messageJa, /_dmarc\.bank\.jp に DMARC レコードが 2 件あります/);
    const literal = (await verify(rp('alerts@bank.jp') + BOUNDARY + body('a@[192.0.2.1]'), SPF_FAIL)).dmarc;
    assert.deepEqual([literal.verdict, literal.noneReason], ['none', 'address_literal']);
    assert.match(literal.message, /address literal \(\[192\.0\.2\.1\]\)/);
    const absent = (await verify(message, SPF_FAIL, '_dmarc.bank.jp TXT NONE', '_dmarc.jp TXT NONE')).dmarc;
    assert.deepEqual([absent.verdict, absent.noneReason], ['none', 'absent']);
    assert.match(absent.message, /no DMARC record/);
  });

  test('pct=0 and t=y are quoted with the policy that applies and why', async () => {
    const pct = (
      await verify(message, SPF_FAIL, '_dmarc.bank.jp TXT "v=DMARC1; p=reject; pct=0"', '_dmarc.jp TXT NONE')
    ).dmarc;
    assert.deepEqual([pct.verdict, pct.policy, pct.published?.pct], ['fail', 'reject', '0']);
    assert.match(pct.policyMessage ?? '', /^Published at _dmarc\.bank\.jp: p=reject; pct=0\. For this message: refuse/);
    assert.match(
      pct.policyMessage ?? '',
      /RFC 7489 \(which has no t=\) sample: they refuse \(reject\) only 0 % of failing mail \(pct=0\)/,
    );
    assert.match(pct.message, /\(published p=reject; pct=0: .*0 % of failing mail/);
    assert.match(pct.policyMessageJa ?? '', /失敗したメールの 0 % にだけ「受け取らない（拒否、reject）」を適用/);
    const t = (await verify(message, SPF_FAIL, '_dmarc.bank.jp TXT "v=DMARC1; p=reject; t=y"', '_dmarc.jp TXT NONE'))
      .dmarc;
    assert.deepEqual([t.verdict, t.policy, t.published?.p, t.published?.t], ['fail', 'quarantine', 'reject', 'y']);
    assert.match(
      t.message,
      /treat it as suspicious \(quarantine\) \(published p=reject; t=y: the domain is testing its policy \(t=y\)/,
    );
    assert.match(t.policyMessageJa ?? '', /p=reject; t=y。このメールには「疑わしいものとして扱う.*一段階弱めて/);
  });

  test('a subdomain takes sp=', async () => {
    const sub = rp('alerts@bank.jp') + BOUNDARY + body('alerts@mail.bank.jp');
    const v = await verify(
      sub,
      SPF_FAIL,
      '_dmarc.mail.bank.jp TXT NONE',
      '_dmarc.bank.jp TXT "v=DMARC1; p=reject; sp=quarantine"',
      '_dmarc.jp TXT NONE',
    );
    assert.deepEqual([v.dmarc.verdict, v.dmarc.policy], ['fail', 'quarantine']);
    assert.match(v.dmarc.policyMessage ?? '', /sp= applies: the From domain mail\.bank\.jp is a subdomain of bank\.jp/);
  });
});

describe('what DMARC could not check is said with its reason', () => {
  test('a header block alone: the body is needed; a testing key counts as unsigned, not unchecked', async () => {
    const keys = makeKeys();
    const signed = await rsa1Signature(keys, body('a@example.jp'));
    const head = rp('bounce@example.jp') + BOUNDARY + signed + body('a@example.jp');
    const headerOnly = head.slice(0, head.indexOf('\r\n\r\n') + 2);
    const spf = 'example.jp TXT "v=spf1 -all"';
    const dmarc = ['_dmarc.example.jp TXT "v=DMARC1; p=reject"', '_dmarc.jp TXT NONE'];
    const key = (t: string) => `rsa1._domainkey.example.jp TXT "v=DKIM1; k=rsa; ${t}p=${rsaP(keys.rsa.publicKey)}"`;
    const noBody = await verify(headerOnly, spf, key(''), ...dmarc);
    assert.deepEqual([noBody.dkim[0]?.reason, noBody.dmarc.verdict], ['no_body', 'incomplete']);
    assert.match(noBody.dmarc.message, /the DKIM signature of example\.jp needs the message body \(supply the whole/);
    assert.doesNotMatch(noBody.dmarc.message, /supply the records/);
    const testing = await verify(head, spf, key('t=y; '), ...dmarc);
    assert.deepEqual([testing.dkim[0]?.reason, testing.dmarc.verdict], ['key_testing', 'fail']);
    assert.match(
      testing.dmarc.message,
      /uses a key in testing mode \(t=y\): RFC 6376 §3\.6\.1 treats such mail as unsigned/,
    );
  });
});

describe("the sender's domain as DNS holds it", () => {
  test('a trailing dot and capitals are read away; a domain that is no name is said to be none', async () => {
    const v = await verify(rp('a@BANK.JP.') + BOUNDARY + body(), BANK_SPF, ...BANK_DMARC);
    assert.deepEqual([v.spf.verdict, v.spf.domain, v.spf.envelopeFrom], ['pass', 'bank.jp', 'a@bank.jp']);
    for (const address of ['a@[192.0.2.1]', 'a@localhost']) {
      const n = await verify(rp(address) + BOUNDARY + body(), BANK_SPF, ...BANK_DMARC);
      assert.equal(n.spf.verdict, 'not_evaluated', address);
      assert.match(n.spf.message, /the envelope sender's domain \(.*\) is not a domain name/);
      assert.match(n.spf.messageJa, /はドメイン名ではないため/);
    }
  });

  test('an internationalised domain shows its Unicode form; the records file takes a U-label name', async () => {
    const v = await verify(
      rp('info@例え.jp') + BOUNDARY + body('info@例え.jp'),
      `例え.jp TXT "v=spf1 ip4:${IP} -all"`,
      '_dmarc.例え.jp TXT "v=DMARC1; p=reject"',
      '_dmarc.jp TXT NONE',
    );
    assert.deepEqual([v.spf.verdict, v.spf.domain, v.spf.domainUnicode], ['pass', 'xn--r8jz45g.jp', '例え.jp']);
    assert.match(v.spf.message, /^Pass: xn--r8jz45g\.jp \(例え\.jp\)'s SPF record/);
    assert.deepEqual(
      [v.dmarc.verdict, v.dmarc.fromDomain, v.dmarc.fromDomainUnicode],
      ['pass', 'xn--r8jz45g.jp', '例え.jp'],
    );
    assert.throws(() => parseDnsRecords('a.ex\u200dample.jp TXT "x"'), /line 1 .*write the name in punycode \(xn--…\)/);
  });
});

describe('bounds on what the records can cost', () => {
  test("a name's TXT data beyond what a DNS answer can carry is refused, naming the line", () => {
    assert.throws(() => parseDnsRecords(`bank.jp TXT "v=spf1 ${'a'.repeat(70_000)}"`), /line 1 .*65535/);
    const half = 'x'.repeat(40_000);
    assert.throws(
      () => parseDnsRecords(`bank.jp TXT "${half}"\nbank.jp TXT "${half}"`),
      /line 2 .*TXT data of bank\.jp comes to 80000 bytes, more than the 65535 a DNS answer can carry/,
    );
  });

  test('an evaluation that runs past the time limit is not decided', async () => {
    const message = rp('alerts@bank.jp') + BOUNDARY + body();
    const records = parseDnsRecords(
      ['bank.jp TXT "v=spf1 include:a.bank.jp -all"', 'a.bank.jp TXT "v=spf1 include:b.bank.jp -all"'].join('\n') +
        '\nb.bank.jp TXT "v=spf1 include:c.bank.jp -all"\nc.bank.jp TXT "v=spf1 -all"',
    );
    const analysis = analyzeMessage(message, OPTS);
    const now = Date.now;
    let clock = now();
    // Each look at the clock is a second later: the evaluation's limit passes after a couple of lookups.
    Date.now = () => (clock += 1000);
    try {
      const v = await checkSpf(analysis, records);
      assert.equal(v.verdict, 'not_evaluated');
      assert.match(v.message, /took longer than the limit of 2 s/);
    } finally {
      Date.now = now;
    }
  });
});
