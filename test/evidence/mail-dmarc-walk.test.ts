// DMARC when the tree walk for relaxed alignment reaches a `_dmarc` name that was not supplied. The From
// domain is a.example.jp and the DKIM signature is example.jp's: whether they align (relaxed) depends on
// the organisational domain, which only a complete walk (a.example.jp, example.jp, jp) can find. Each
// verdict that depends on a record not supplied is `not_supplied`, naming it; one that does not (strict
// alignment under the From domain's own record, or an identifier that is the From domain itself) stays.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import type { DmarcCheck } from '../../src/evidence/mail/types.ts';
import { type Keys, makeKeys, rsa1Signature, rsaP } from './mail-signed.ts';

const OPTS = { trusted: ['mx.example.net'], now: new Date('2026-12-06T00:00:00Z') };
const IP = '153.200.10.77';
const BOUNDARY =
  `Received: from out.example.jp (out.example.jp [${IP}]) by mx.example.net with ESMTPS id A1;\r\n` +
  ' Sat, 05 Dec 2026 10:00:02 +0900\r\n';
const BODY =
  'From: <x@a.example.jp>\r\nTo: b@example.net\r\nSubject: notice\r\nDate: Sat, 05 Dec 2026 09:59:00 +0900\r\n' +
  'Message-ID: <w1@a.example.jp>\r\n\r\nHello from a.example.jp.\r\n';

const SPF_FAIL = 'example.jp TXT "v=spf1 -all"';
const OWN = (tags = '') => `_dmarc.a.example.jp TXT "v=DMARC1; p=reject${tags}"`;
const ORG = (tags = '') => `_dmarc.example.jp TXT "v=DMARC1; p=quarantine${tags}"`;
const JP_NONE = '_dmarc.jp TXT NONE';

describe('DMARC of a.example.jp signed by example.jp: the walk for relaxed alignment', () => {
  let keys: Keys;
  let signature: string;
  let signed: string;
  let check: (message: string, ...lines: string[]) => Promise<DmarcCheck>;
  before(async () => {
    keys = makeKeys();
    signature = await rsa1Signature(keys, BODY);
    signed = `Return-Path: <bounce@example.jp>\r\n${BOUNDARY}${signature}${BODY}`;
    const key = `rsa1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=${rsaP(keys.rsa.publicKey)}"`;
    check = async (message, ...lines) => {
      const a = await analyzeAndVerify(message, parseDnsRecords([key, ...lines].join('\n')), OPTS);
      MailAnalysisSchema.parse(a);
      assert.ok(a.authentication.verification);
      return a.authentication.verification.dmarc;
    };
  });

  /** Not decided, naming the one `_dmarc` record to add, in both languages. */
  const notSupplied = (d: DmarcCheck, name: string) => {
    assert.deepEqual(
      [d.verdict, d.missing, d.alignedDkim, d.alignedSpf],
      ['not_supplied', [`${name} (TXT)`], null, null],
    );
    assert.match(d.message, /^Not decided: DMARC of a\.example\.jp could not be evaluated: the TXT /);
    assert.ok(d.message.includes(`the TXT records of ${name} were not supplied (add them`), d.message);
    assert.ok(d.messageJa.startsWith('未判定: a.example.jp の DMARC を評価できません。'), d.messageJa);
    assert.ok(d.messageJa.includes(`${name} の TXT レコードが提供されていません`), d.messageJa);
  };

  test("the From domain's own record (relaxed) without the parent's: not decided until the walk ends", async () => {
    notSupplied(await check(signed, SPF_FAIL, OWN()), '_dmarc.example.jp');
    notSupplied(await check(signed, SPF_FAIL, OWN(), '_dmarc.example.jp TXT NONE'), '_dmarc.jp');
    // Either verdict can follow, so neither could be given before: with no record above a.example.jp it
    // is its own organisational domain (example.jp does not align); with example.jp's record it is example.jp.
    const alone = await check(signed, SPF_FAIL, OWN(), '_dmarc.example.jp TXT NONE', JP_NONE);
    assert.deepEqual([alone.verdict, alone.recordDomain, alone.policy], ['fail', 'a.example.jp', 'reject']);
    const org = await check(signed, SPF_FAIL, OWN(), ORG(), JP_NONE);
    assert.deepEqual([org.verdict, org.recordDomain, org.alignedDkim], ['pass', 'a.example.jp', 'example.jp']);
  });

  test("the parent's record without the From domain's own: not decided, whatever the parent's adkim=", async () => {
    notSupplied(await check(signed, SPF_FAIL, ORG()), '_dmarc.a.example.jp');
    notSupplied(await check(signed, SPF_FAIL, ORG('; adkim=s')), '_dmarc.a.example.jp');
    notSupplied(await check(signed, SPF_FAIL, ORG(), '_dmarc.a.example.jp TXT NONE'), '_dmarc.jp');
    // The own record decides the policy and its adkim=; the parent's is used only when it has none.
    const inherited = await check(signed, SPF_FAIL, '_dmarc.a.example.jp TXT NONE', ORG(), JP_NONE);
    assert.deepEqual(
      [inherited.verdict, inherited.recordDomain, inherited.policy],
      ['pass', 'example.jp', 'quarantine'],
    );
    const own = await check(signed, SPF_FAIL, OWN('; adkim=s'), ORG(), JP_NONE);
    assert.deepEqual([own.verdict, own.recordDomain, own.strictDkim], ['fail', 'a.example.jp', true]);
  });

  test("adkim=s in the From domain's own record: a fail that no parent's record can change stays a fail", async () => {
    const strict = await check(signed, SPF_FAIL, OWN('; adkim=s'));
    assert.deepEqual(
      [strict.verdict, strict.recordDomain, strict.policy, strict.strictDkim],
      ['fail', 'a.example.jp', 'reject', true],
    );
    assert.match(strict.message, /^Fail: no passing DKIM signature or SPF result aligns with the From domain a\.ex/);
    assert.match(strict.messageJa, /^失敗: From のドメイン a\.example\.jp と一致する/);
    for (const above of [
      [ORG(), JP_NONE],
      ['_dmarc.example.jp TXT NONE', JP_NONE],
    ])
      assert.equal((await check(signed, SPF_FAIL, OWN('; adkim=s'), ...above)).verdict, 'fail');
    // SPF passing for example.jp is still compared relaxed (no aspf=s): that needs the walk again.
    const spfPass = `example.jp TXT "v=spf1 ip4:${IP} -all"`;
    notSupplied(await check(signed, spfPass, OWN('; adkim=s')), '_dmarc.example.jp');
    assert.equal((await check(signed, spfPass, OWN('; adkim=s; aspf=s'))).verdict, 'fail');
  });

  test('SPF for a sibling (b.example.jp) needs its own walk; SPF for the From domain itself passes', async () => {
    const sibling = `Return-Path: <bounce@b.example.jp>\r\n${BOUNDARY}${BODY}`;
    const spfB = `b.example.jp TXT "v=spf1 ip4:${IP} -all"`;
    notSupplied(await check(sibling, spfB, OWN()), '_dmarc.example.jp');
    notSupplied(await check(sibling, spfB, OWN(), ORG(), JP_NONE), '_dmarc.b.example.jp');
    const both = await check(sibling, spfB, OWN(), ORG(), JP_NONE, '_dmarc.b.example.jp TXT NONE');
    assert.deepEqual([both.verdict, both.alignedSpf, both.missing], ['pass', 'b.example.jp', []]);
    // SPF for the From domain itself aligns whatever the walk finds: that pass needs no parent's record,
    // though example.jp's signature, which would need one, is left unaligned.
    const self = `Return-Path: <bounce@a.example.jp>\r\n${BOUNDARY}${signature}${BODY}`;
    const own = await check(self, `a.example.jp TXT "v=spf1 ip4:${IP} -all"`, OWN());
    assert.deepEqual([own.verdict, own.alignedSpf, own.alignedDkim], ['pass', 'a.example.jp', null]);
    assert.match(own.message, /^Pass: SPF for a\.example\.jp aligns with the From domain a\.example\.jp/);
    assert.match(own.messageJa, /^成功: a\.example\.jp の SPFが From のドメイン a\.example\.jp と一致/);
  });
});
