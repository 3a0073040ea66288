// `shokai mail analyze --dns-records FILE`: signatures checked against the analyst's key records, in words
// in both languages; a bad records file refused naming its line and value.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeKeys, recordsText, signedMessage, tamperBody } from './mail-signed.ts';

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

  it('a bad records file is refused naming the line and the value', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '# keys\ns1._domainkey.example.jp TXT "v=DKIM1; k=rsa"\n');
    const r = shokai([join(dir, 'none.eml'), '--dns-records', bad], 'en');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 2 \("s1\._domainkey\.example\.jp TXT "v=DKIM1; k=rsa""\): the record has no p=/);
    assert.doesNotMatch(r.stderr, /MAIL_DNS_RECORD_INVALID/);
  });
});
