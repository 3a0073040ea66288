// SPF at the trust boundary and DMARC of the From domain, judged by mailauth against the records the
// analyst supplies, never DNS: a record needed and not supplied is "not supplied", never looked up.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import type { SignatureCheck } from '../../src/evidence/mail/types.ts';
import { hubHooks } from '../support/exchange.ts';
import { refuseDns } from '../support/no-dns.ts';
import type { MailAnalysis } from '../support/replies.ts';
import { type Keys, makeKeys, rsa1Signature, rsaP, tamperBody } from './mail-signed.ts';

const OPTS = { trusted: ['mx.example.net'], now: new Date('2026-12-06T00:00:00Z') };
const IP = '153.200.10.77';

/** A message from `from`, signed by example.jp's rsa1 key, received by mx.example.net from IP. */
async function policyMessage(keys: Keys, o: { from?: string; returnPath?: string | null; helo?: string } = {}) {
  const message =
    `From: Sender <${o.from ?? 'a@example.jp'}>\r\nTo: b@example.net\r\nSubject: test\r\n` +
    'Date: Sat, 05 Dec 2026 09:59:00 +0900\r\nMessage-ID: <p1@example.jp>\r\n\r\nHello from the sender.\r\n';
  const received =
    `Received: from ${o.helo ?? 'out.example.jp'} (out.example.jp [${IP}]) by mx.example.net with ESMTPS ` +
    'id A1;\r\n Sat, 05 Dec 2026 10:00:02 +0900\r\n';
  const returnPath = o.returnPath === null ? '' : `Return-Path: ${o.returnPath ?? '<bounce@example.jp>'}\r\n`;
  return returnPath + received + (await rsa1Signature(keys, message)) + message;
}

const keyRecord = (keys: Keys) => `rsa1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=${rsaP(keys.rsa.publicKey)}"`;

async function check(message: string, ...lines: string[]): Promise<SignatureCheck> {
  const a = await analyzeAndVerify(message, parseDnsRecords(lines.join('\n')), OPTS);
  MailAnalysisSchema.parse(a);
  assert.equal(a.originatingIp, IP);
  assert.ok(a.authentication.verification);
  return a.authentication.verification;
}

describe('SPF at the trust boundary, against the supplied records', () => {
  let keys: Keys;
  let message: string;
  before(async () => {
    keys = makeKeys();
    message = await policyMessage(keys);
  });

  test('pass: the boundary address, the Return-Path domain and the HELO, beside another TXT record', async () => {
    const v = await check(
      message,
      'example.jp TXT "google-site-verification=abc"',
      `example.jp TXT "v=spf1 ip4:153.200.10.0/24 -all"`,
    );
    assert.deepEqual([v.spf.verdict, v.spf.domain, v.spf.ip, v.spf.identity], ['pass', 'example.jp', IP, 'mailfrom']);
    assert.equal(v.spf.envelopeFrom, 'bounce@example.jp');
    assert.equal(v.spf.helo, 'out.example.jp');
    assert.match(v.spf.message, /^Pass: example\.jp's SPF record, as supplied, permits 153\.200\.10\.77/);
    assert.match(v.spf.messageJa, /^成功: 提供された example\.jp の SPF レコードは/);
    assert.match(v.recordsNote.message, /as supplied, not as they stood when the message was sent/);
  });

  test('fail (-all), softfail (~all), neutral (?all); an include followed through the supplied records', async () => {
    const spfOf = async (...lines: string[]) => (await check(message, ...lines)).spf;
    const fail = await spfOf('example.jp TXT "v=spf1 ip4:192.0.2.0/24 -all"');
    assert.equal(fail.verdict, 'fail');
    assert.match(fail.message, /does not permit 153\.200\.10\.77 .*refuse such mail \(-all\)/);
    assert.match(fail.messageJa, /^失敗: /);
    const soft = await spfOf('example.jp TXT "v=spf1 ip4:192.0.2.0/24 ~all"');
    assert.equal(soft.verdict, 'softfail');
    assert.match(soft.messageJa, /^弱い失敗: /);
    assert.equal((await spfOf('example.jp TXT "v=spf1 ?all"')).verdict, 'neutral');
    const included = await spfOf(
      'example.jp TXT "v=spf1 include:_spf.mailer.example -all"',
      '_spf.mailer.example TXT "v=spf1 ip4:153.200.10.77 -all"',
    );
    assert.equal(included.verdict, 'pass');
  });

  test('none: the domain given as NONE, or with TXT records none of which is SPF', async () => {
    for (const line of ['example.jp TXT NONE', 'example.jp TXT "google-site-verification=abc"']) {
      const v = await check(message, line);
      assert.equal(v.spf.verdict, 'none', line);
      assert.match(v.spf.message, /^None: the records supplied give example\.jp no SPF record/);
    }
  });

  test('not supplied: the record, an include or an address lookup it needs is named, never looked up', async () => {
    const dns = refuseDns();
    try {
      const bare = await check(message);
      assert.equal(bare.spf.verdict, 'not_supplied');
      assert.deepEqual(bare.spf.missing, ['example.jp (TXT)']);
      assert.match(bare.spf.message, /the TXT records of example\.jp were not supplied/);
      assert.match(bare.spf.messageJa, /^未判定: .*example\.jp の TXT レコードが提供されていません/);
      const include = await check(message, 'example.jp TXT "v=spf1 include:_spf.mailer.example -all"');
      assert.equal(include.spf.verdict, 'not_supplied');
      assert.deepEqual(include.spf.missing, ['_spf.mailer.example (TXT)']);
      const a = await check(message, 'example.jp TXT "v=spf1 a -all"');
      assert.equal(a.spf.verdict, 'not_supplied');
      assert.deepEqual(a.spf.missing, ['example.jp (A)']);
      assert.match(a.spf.message, /the A records of example\.jp were not supplied \(add them, or "name A NONE"/);
    } finally {
      dns.restore();
    }
    assert.deepEqual(dns.asked, []);
  });

  test('an empty envelope sender (<>) checks the HELO name; no Return-Path at all is not evaluated', async () => {
    const bounce = await policyMessage(keys, { returnPath: '<>', helo: 'relay.example.org' });
    const v = await check(bounce, 'relay.example.org TXT "v=spf1 ip4:153.200.10.77 -all"');
    assert.deepEqual([v.spf.verdict, v.spf.identity, v.spf.domain], ['pass', 'helo', 'relay.example.org']);
    assert.match(
      v.spf.message,
      /the HELO name relay\.example\.org \(the envelope sender was empty, from the Return-Path a trusted/,
    );
    const none = await check(await policyMessage(keys, { returnPath: null }), 'example.jp TXT "v=spf1 -all"');
    assert.equal(none.spf.verdict, 'not_evaluated');
    assert.match(none.spf.messageJa, /エンベロープ送信者の記録がありません/);
  });
});

describe('DMARC of the From domain, against the supplied _dmarc records', () => {
  let keys: Keys;
  let message: string;
  const SPF_PASS = 'example.jp TXT "v=spf1 ip4:153.200.10.77 -all"';
  const SPF_FAIL = 'example.jp TXT "v=spf1 -all"';
  before(async () => {
    keys = makeKeys();
    message = await policyMessage(keys);
  });

  test('aligned: the DKIM signature of the From domain passes, with SPF failing', async () => {
    const v = await check(message, keyRecord(keys), SPF_FAIL, '_dmarc.example.jp TXT "v=DMARC1; p=reject"');
    assert.equal(v.dkim[0]?.verdict, 'pass');
    assert.deepEqual(
      [v.dmarc.verdict, v.dmarc.fromDomain, v.dmarc.recordDomain, v.dmarc.policy, v.dmarc.alignedDkim],
      ['pass', 'example.jp', 'example.jp', 'reject', 'example.jp'],
    );
    assert.equal(v.dmarc.alignedSpf, null);
    assert.match(v.dmarc.message, /^Pass: the DKIM signature of example\.jp aligns with the From domain example\.jp/);
    assert.match(v.dmarc.messageJa, /^成功: example\.jp の DKIM 署名が From のドメイン example\.jp と一致/);
  });

  test('aligned through SPF alone when the DKIM signature fails (body changed)', async () => {
    const v = await check(tamperBody(message), keyRecord(keys), SPF_PASS, '_dmarc.example.jp TXT "v=DMARC1; p=reject"');
    assert.equal(v.dkim[0]?.verdict, 'fail');
    assert.deepEqual([v.dmarc.verdict, v.dmarc.alignedSpf, v.dmarc.alignedDkim], ['pass', 'example.jp', null]);
  });

  test('not aligned: signed and SPF-passed by example.jp, From another domain, whose policy is said', async () => {
    const spoof = await policyMessage(keys, { from: 'ceo@victim.jp' });
    const v = await check(
      spoof,
      keyRecord(keys),
      SPF_PASS,
      '_dmarc.victim.jp TXT "v=DMARC1; p=quarantine; adkim=r"',
      '_dmarc.jp TXT NONE',
    );
    assert.deepEqual([v.dkim[0]?.verdict, v.spf.verdict], ['pass', 'pass']);
    assert.deepEqual([v.dmarc.verdict, v.dmarc.fromDomain, v.dmarc.policy], ['fail', 'victim.jp', 'quarantine']);
    assert.match(v.dmarc.message, /^Fail: no passing DKIM signature or SPF result aligns with the From domain victim/);
    assert.match(v.dmarc.message, /asks receivers to treat it as suspicious \(quarantine\)/);
    assert.match(v.dmarc.messageJa, /「疑わしいものとして扱う（隔離、quarantine）」よう求めています/);
  });

  test('no record: _dmarc given as NONE at the From domain and its parent', async () => {
    const v = await check(message, keyRecord(keys), SPF_PASS, '_dmarc.example.jp TXT NONE', '_dmarc.jp TXT NONE');
    assert.equal(v.dmarc.verdict, 'none');
    assert.match(v.dmarc.messageJa, /^なし: 提供されたレコードでは、example\.jp に DMARC レコードがありません/);
  });

  test('not supplied: the _dmarc records it walks to are named', async () => {
    const v = await check(message, keyRecord(keys), SPF_PASS);
    assert.equal(v.dmarc.verdict, 'not_supplied');
    assert.deepEqual(v.dmarc.missing, ['_dmarc.example.jp (TXT)']);
    const parent = await check(message, keyRecord(keys), SPF_PASS, '_dmarc.example.jp TXT NONE');
    assert.deepEqual([parent.dmarc.verdict, parent.dmarc.missing], ['not_supplied', ['_dmarc.jp (TXT)']]);
  });

  test('nothing aligned but a signature without a key: not decided, never a fail', async () => {
    const v = await check(message, SPF_FAIL, '_dmarc.example.jp TXT "v=DMARC1; p=reject"');
    assert.equal(v.dkim[0]?.verdict, 'not_verified');
    assert.equal(v.dmarc.verdict, 'incomplete');
    assert.match(
      v.dmarc.message,
      /the DKIM signature of example\.jp has no key \(add rsa1\._domainkey\.example\.jp to the records\)/,
    );
  });
});

describe('the records file with SPF and DMARC records', () => {
  test('several TXT records a name; NONE alone; a key record elsewhere than _domainkey refused', () => {
    const r = parseDnsRecords('example.jp TXT "v=spf1 -all"\nexample.jp TXT "x=1"\n_dmarc.example.net TXT NONE');
    assert.deepEqual(r.txt.get('example.jp'), ['v=spf1 -all', 'x=1']);
    assert.deepEqual(r.txt.get('_dmarc.example.net'), []);
    assert.equal(r.keys.size, 0);
    assert.throws(
      () => parseDnsRecords('example.jp TXT "x=1"\nexample.jp TXT NONE'),
      /line 2 .*both as NONE \(no TXT record\) and with records/,
    );
    assert.throws(() => parseDnsRecords('www.example.jp TXT "v=DKIM1; p=AAAA"'), /line 1 .*not a key record name/);
  });
});

describe('POST /v1/evidence/mail says SPF and DMARC (sqlite)', () => {
  const hub = hubHooks('sqlite');

  test('the header block alone is enough; the answer carries both verdicts in words', async () => {
    const sato = await hub.as('sato');
    const keys = makeKeys();
    const message = await policyMessage(keys, { from: 'ceo@victim.jp' });
    const header = message.slice(0, message.indexOf('\r\n\r\n') + 2);
    const r = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', {
      message: header,
      trusted: ['mx.example.net'],
      dnsRecords:
        'example.jp TXT "v=spf1 ip4:153.200.10.77 -all"\n_dmarc.victim.jp TXT "v=DMARC1; p=reject"\n_dmarc.jp TXT NONE',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const v = r.body.authentication.verification;
    assert.deepEqual([v?.spf.verdict, v?.spf.domain, v?.spf.ip], ['pass', 'example.jp', IP]);
    // The DKIM signature has no key here: not a fail, since it might have aligned had it been checked.
    assert.deepEqual([v?.dmarc.verdict, v?.dmarc.policy], ['incomplete', 'reject']);
    assert.match(v?.dmarc.messageJa ?? '', /^未判定: /);
    assert.match(v?.recordsNote.messageJa ?? '', /メール送信時のレコードとは限りません/);
  });
});
