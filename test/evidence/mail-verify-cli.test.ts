// `shokai mail analyze --dns-records FILE`: signatures checked against the analyst's key records, in words
// in both languages; a bad records file refused naming its line and value.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeKeys, recordsText, rsa1Signature, rsaP, signedMessage, tamperBody } from './mail-signed.ts';

const BIN = new URL('../../bin/shokai.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shokai-dkim-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const shokai = (args: string[], lang: 'ja' | 'en') =>
  spawnSync(process.execPath, [BIN, 'mail', 'analyze', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SHOKAI_LANG: lang, SHOKAI_DATA_DIR: dir },
  });

describe('shokai mail analyze --dns-records', () => {
  it('prints each verdict; without records every signature is "not verified"', async () => {
    const keys = makeKeys();
    const eml = join(dir, 'signed.eml');
    const tampered = join(dir, 'tampered.eml');
    const records = join(dir, 'keys.txt');
    const message = await signedMessage(keys);
    writeFileSync(eml, message);
    writeFileSync(tampered, tamperBody(message));
    writeFileSync(records, recordsText(keys));
    const en = shokai([eml, '--dns-records', records], 'en');
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /^ {2}DKIM d=example\.jp s=rsa1: pass — Pass: the signature verifies/m);
    assert.match(en.stdout, /^ {2}ARC chain i=1: pass/m);
    assert.match(en.stdout, /^ {4}seal i=1 d=mx\.example\.net s=arc1: pass/m);
    const ja = shokai([tampered, '--dns-records', records], 'ja');
    assert.match(ja.stdout, /^ {2}DKIM d=example\.jp s=ed1: 失敗 — 検証失敗: 本文のハッシュが一致しません/m);
    // mailauth's English sentence is labelled as the library's words, never shown as if it were Japanese.
    assert.match(ja.stdout, /^ {6}詳細（ライブラリ mailauth の原文・英語）: [ -~]*body hash[ -~]*$/m);
    assert.doesNotMatch(ja.stdout, /^ {6}詳細: /m);
    const none = shokai([eml], 'en');
    assert.match(none.stdout, /s=rsa1: not verified — Not verified: no key supplied for rsa1\._domainkey\.example\.jp/);
    assert.doesNotMatch(none.stdout, /: pass —/);
    const json = JSON.parse(shokai([eml, '--dns-records', records, '--json'], 'en').stdout);
    assert.equal(json.authentication.verification.arc.verdict, 'pass');
  });

  it('says SPF at the boundary and DMARC in words in both languages, and as codes in --json', async () => {
    const keys = makeKeys();
    const body =
      'From: <ceo@victim.jp>\r\nTo: b@example.net\r\nSubject: pay\r\n' +
      'Date: Sat, 05 Dec 2026 09:59:00 +0900\r\n\r\nx\r\n';
    const eml = join(dir, 'spoof.eml');
    writeFileSync(
      eml,
      'Return-Path: <bounce@example.jp>\r\nReceived: from out.example.jp (out.example.jp [153.200.10.77]) ' +
        'by mx.example.net with ESMTPS id A1;\r\n Sat, 05 Dec 2026 10:00:02 +0900\r\n' +
        (await rsa1Signature(keys, body)) +
        body,
    );
    const records = join(dir, 'policy.txt');
    writeFileSync(
      records,
      [
        `rsa1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=${rsaP(keys.rsa.publicKey)}"`,
        'example.jp TXT "v=spf1 ip4:153.200.10.0/24 ~all"',
        '_dmarc.victim.jp TXT "v=DMARC1; p=reject"',
        '_dmarc.jp TXT NONE',
      ].join('\n'),
    );
    const en = shokai([eml, '--dns-records', records], 'en');
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /^ {2}SPF example\.jp ← 153\.200\.10\.77: pass — Pass: example\.jp's SPF record/m);
    assert.match(en.stdout, /^ {2}DMARC victim\.jp: FAIL — Fail: no passing DKIM signature or SPF result aligns/m);
    assert.match(en.stdout, /^ {6}policy: Published at _dmarc\.victim\.jp: p=reject\. For this message: refuse it/m);
    assert.match(en.stdout, /^ {6}record \(as supplied\): v=DMARC1; p=reject$/m);
    assert.match(en.stdout, /^ {6}record \(as supplied\): v=spf1 ip4:153\.200\.10\.0\/24 ~all$/m);
    assert.match(en.stdout, /bounce@example\.jp \(from the Return-Path a trusted server added\)/);
    assert.match(en.stdout, /as supplied, not as they stood when the message was sent/);
    const ja = shokai([eml, '--dns-records', records], 'ja');
    assert.match(ja.stdout, /^ {2}SPF example\.jp ← 153\.200\.10\.77: 成功 — 成功: 提供された example\.jp の SPF/m);
    assert.match(ja.stdout, /^ {2}DMARC victim\.jp: 失敗 — 失敗: From のドメイン victim\.jp と一致する/m);
    assert.match(
      ja.stdout,
      /^ {6}ポリシー: _dmarc\.victim\.jp の公開内容: p=reject。このメールには「受け取らない（拒否、reject）」/m,
    );
    assert.match(ja.stdout, /^ {6}レコード（提供されたもの）: v=DMARC1; p=reject$/m);
    // No code in the words: the verdicts are said, never printed as the JSON's values.
    assert.doesNotMatch(ja.stdout, /not_supplied|softfail|permerror|SPF_PASS|DMARC_FAIL/);
    const none = shokai([eml], 'en');
    assert.match(none.stdout, /^ {2}SPF example\.jp ← 153\.200\.10\.77: not decided \(records not supplied\)/m);
    assert.match(none.stdout, /^ {6}records not supplied: example\.jp \(TXT\)$/m);
    const json = JSON.parse(shokai([eml, '--dns-records', records, '--json'], 'en').stdout);
    assert.equal(json.authentication.verification.spf.verdict, 'pass');
    assert.equal(json.authentication.verification.dmarc.verdict, 'fail');
    assert.equal(json.authentication.verification.dmarc.policy, 'reject');
  });

  it('a bad records file is refused naming the line and the value', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '# keys\ns1._domainkey.example.jp TXT "v=DKIM1; k=rsa"\n');
    const r = shokai([join(dir, 'none.eml'), '--dns-records', bad], 'en');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 2 \("s1\._domainkey\.example\.jp TXT "v=DKIM1; k=rsa""\): the record has no p=/);
    assert.doesNotMatch(r.stderr, /MAIL_DNS_RECORD_INVALID/);
  });
});
