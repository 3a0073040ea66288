// SPF's a, mx, ptr and exists (and %{p}) decided from the A, AAAA, MX and PTR records the analyst supplies:
// with the records a verdict, without them "not supplied" naming exactly the name and type to add; RFC
// 7208's lookup and void-lookup limits as mailauth keeps them; DMARC taking the SPF result, and its np= test
// reading the From domain's existence; and the whole through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import type { SignatureCheck } from '../../src/evidence/mail/types.ts';
import { hubHooks } from '../support/exchange.ts';
import { type DnsRefused, refuseDns } from '../support/no-dns.ts';
import type { ApiError, MailAnalysis } from '../support/replies.ts';

const OPTS = { trusted: ['mx.example.net'], now: new Date('2026-12-06T00:00:00Z') };
const IP = '153.200.10.77';
const IP6 = '2404:6800:4004::5';
const boundary = (ip: string) =>
  `Received: from out.bank.jp (out.bank.jp [${ip.includes(':') ? `IPv6:${ip}` : ip}]) by mx.example.net with ` +
  'ESMTPS id A1;\r\n Sat, 05 Dec 2026 10:00:02 +0900\r\n';
const message = (o: { ip?: string; from?: string } = {}) =>
  `Return-Path: <alerts@bank.jp>\r\n${boundary(o.ip ?? IP)}From: <${o.from ?? 'alerts@bank.jp'}>\r\n` +
  'To: b@example.net\r\nSubject: notice\r\nDate: Sat, 05 Dec 2026 09:59:00 +0900\r\n\r\nPlease sign in.\r\n';
const DMARC = ['_dmarc.bank.jp TXT "v=DMARC1; p=reject"', '_dmarc.jp TXT NONE'];

async function verify(text: string, ...lines: string[]): Promise<SignatureCheck> {
  const a = await analyzeAndVerify(text, parseDnsRecords(lines.join('\n')), OPTS);
  MailAnalysisSchema.parse(a);
  assert.ok(a.authentication.verification);
  return a.authentication.verification;
}

/** The SPF verdict and the names missing for bank.jp's record `spf` with the other records given. */
async function spf(record: string, ...lines: string[]): Promise<[string, string[]]> {
  const v = await verify(message(), `bank.jp TXT "${record}"`, ...lines);
  return [v.spf.verdict, v.spf.missing];
}

// Every evaluation here answers from the records alone: DNS is never asked.
let dns: DnsRefused;
before(() => {
  dns = refuseDns();
});
after(() => {
  dns.restore();
  assert.deepEqual(dns.asked, []);
});

describe('a: the A records of the name (AAAA for an IPv6 client)', () => {
  test('not supplied names exactly the name and type; supplied, a pass or a fail', async () => {
    assert.deepEqual(await spf('v=spf1 a -all'), ['not_supplied', ['bank.jp (A)']]);
    assert.deepEqual(await spf('v=spf1 a -all', `bank.jp A ${IP}`), ['pass', []]);
    assert.deepEqual(await spf('v=spf1 a -all', 'bank.jp A 192.0.2.1'), ['fail', []]);
    assert.deepEqual(await spf('v=spf1 a:www.bank.jp/24 -all', 'www.bank.jp A 153.200.10.1'), ['pass', []]);
    assert.deepEqual(await spf('v=spf1 a -all', 'bank.jp A NONE'), ['fail', []]);
    assert.deepEqual(await spf('v=spf1 a:gone.bank.jp -all', 'gone.bank.jp A NXDOMAIN'), ['fail', []]);
    const words = await verify(message(), 'bank.jp TXT "v=spf1 a -all"');
    assert.match(words.spf.message, /the A records of bank\.jp were not supplied \(add them, or "name A NONE"/);
    assert.match(
      words.spf.messageJa,
      /bank\.jp の A レコードが提供されていません（追加してください。.*「名前 A NONE」/,
    );
  });

  test('an IPv6 client: the AAAA records decide, A records are not asked for', async () => {
    const v6 = async (...lines: string[]) => (await verify(message({ ip: IP6 }), ...lines)).spf;
    const pass = await v6('bank.jp TXT "v=spf1 a -all"', `bank.jp AAAA ${IP6}`);
    assert.deepEqual([pass.verdict, pass.ip, pass.missing], ['pass', IP6, []]);
    const missing = await v6('bank.jp TXT "v=spf1 a -all"', 'bank.jp A 153.200.10.77');
    assert.deepEqual([missing.verdict, missing.missing], ['not_supplied', ['bank.jp (AAAA)']]);
  });
});

describe('mx: the MX records, then the addresses of each exchange', () => {
  test('each step not supplied is named; supplied, the exchange addresses decide', async () => {
    assert.deepEqual(await spf('v=spf1 mx -all'), ['not_supplied', ['bank.jp (MX)']]);
    const mx = ['bank.jp MX 10 mail.bank.jp', 'bank.jp MX 20 mail2.bank.jp'];
    assert.deepEqual(await spf('v=spf1 mx -all', ...mx), ['not_supplied', ['mail.bank.jp (A)']]);
    assert.deepEqual(await spf('v=spf1 mx -all', ...mx, 'mail.bank.jp A 192.0.2.1'), [
      'not_supplied',
      ['mail2.bank.jp (A)'],
    ]);
    assert.deepEqual(await spf('v=spf1 mx -all', ...mx, 'mail.bank.jp A 192.0.2.1', `mail2.bank.jp A ${IP}`), [
      'pass',
      [],
    ]);
    assert.deepEqual(await spf('v=spf1 mx -all', ...mx, 'mail.bank.jp A 192.0.2.1', 'mail2.bank.jp A NONE'), [
      'fail',
      [],
    ]);
    assert.deepEqual(await spf('v=spf1 mx ~all', 'bank.jp MX 0 .'), ['softfail', []]);
    assert.deepEqual(await spf('v=spf1 mx -all', 'bank.jp MX NONE'), ['fail', []]);
  });

  test('more than 10 exchanges to look up is a permerror (RFC 7208 §4.6.4), 10 are not', async () => {
    const exchanges = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        `bank.jp MX ${i} mx${i}.bank.jp`,
        `mx${i}.bank.jp A 192.0.2.${i + 1}`,
      ]).flat();
    assert.deepEqual(await spf('v=spf1 mx -all', ...exchanges(10)), ['fail', []]);
    const eleven = await verify(message(), 'bank.jp TXT "v=spf1 mx -all"', ...exchanges(11));
    assert.deepEqual([eleven.spf.verdict, eleven.spf.missing], ['permerror', []]);
    assert.match(eleven.spf.detail ?? '', /Too many DNS requests/);
  });
});

describe('ptr and %{p}: the PTR records, then the addresses of each name they give', () => {
  test('a name validated by its address decides; each step not supplied is named', async () => {
    const ptr = `${IP} PTR out.bank.jp`;
    assert.deepEqual(await spf('v=spf1 ptr -all', ptr), ['not_supplied', ['out.bank.jp (A)']]);
    assert.deepEqual(await spf('v=spf1 ptr -all', ptr, `out.bank.jp A ${IP}`), ['pass', []]);
    // The PTR record written under its reverse name reads the same.
    const reverse = '77.10.200.153.in-addr.arpa PTR out.bank.jp';
    assert.deepEqual(await spf('v=spf1 ptr -all', reverse, `out.bank.jp A ${IP}`), ['pass', []]);
    // Not validated (the name's address is another), or a name outside bank.jp: no match.
    assert.deepEqual(await spf('v=spf1 ptr -all', ptr, 'out.bank.jp A 192.0.2.1'), ['fail', []]);
    assert.deepEqual(await spf('v=spf1 ptr -all', `${IP} PTR out.bulk.example`, `out.bulk.example A ${IP}`), [
      'fail',
      [],
    ]);
    assert.deepEqual(await spf('v=spf1 ptr -all', `${IP} PTR NONE`), ['fail', []]);
  });

  test('%{p} expands to the validated name, whose record is then the one named', async () => {
    const record = 'v=spf1 exists:%{p}.allow.bank.jp -all';
    const given = [`${IP} PTR out.bank.jp`, `out.bank.jp A ${IP}`];
    assert.deepEqual(await spf(record, ...given), ['not_supplied', ['out.bank.jp.allow.bank.jp (A)']]);
    assert.deepEqual(await spf(record, ...given, 'out.bank.jp.allow.bank.jp A 127.0.0.2'), ['pass', []]);
  });
});

describe('exists: the A records of the expanded name', () => {
  test('not supplied is named; records pass; NONE and NXDOMAIN do not match', async () => {
    const record = 'v=spf1 exists:%{i}._spf.bank.jp -all';
    assert.deepEqual(await spf(record), ['not_supplied', [`${IP}._spf.bank.jp (A)`]]);
    assert.deepEqual(await spf(record, `${IP}._spf.bank.jp A 127.0.0.2`), ['pass', []]);
    assert.deepEqual(await spf(record, `${IP}._spf.bank.jp A NONE`), ['fail', []]);
    assert.deepEqual(await spf(record, `${IP}._spf.bank.jp A NXDOMAIN`), ['fail', []]);
  });

  test('an IPv6 client asks for A records too, even when an a: term asked for the same name first', async () => {
    const v = await verify(
      message({ ip: IP6 }),
      'bank.jp TXT "v=spf1 a:h.bank.jp exists:h.bank.jp -all"',
      'h.bank.jp AAAA 2001:db8::99',
    );
    assert.deepEqual([v.spf.verdict, v.spf.missing], ['not_supplied', ['h.bank.jp (A)']]);
  });
});

describe('the other address family is needed only when it decides the void-lookup limit', () => {
  const three = 'v=spf1 a:x1.bank.jp a:x2.bank.jp a:x3.bank.jp -all';
  const noA = ['x1.bank.jp A NONE', 'x2.bank.jp A NONE', 'x3.bank.jp A NONE'];
  test('one void name: its AAAA records change nothing and are not asked for', async () => {
    assert.deepEqual(await spf('v=spf1 a:x1.bank.jp -all', 'x1.bank.jp A NONE'), ['fail', []]);
  });

  test('three: void in both families is a permerror; with AAAA not supplied, those are named', async () => {
    const noAAAA = ['x1.bank.jp AAAA NONE', 'x2.bank.jp AAAA NONE', 'x3.bank.jp AAAA NONE'];
    assert.deepEqual(await spf(three, ...noA, ...noAAAA), ['permerror', []]);
    assert.deepEqual(await spf(three, ...noA, 'x3.bank.jp AAAA 2001:db8::3', ...noAAAA.slice(0, 2)), ['fail', []]);
    assert.deepEqual(await spf(three, ...noA), [
      'not_supplied',
      ['x1.bank.jp (AAAA)', 'x2.bank.jp (AAAA)', 'x3.bank.jp (AAAA)'],
    ]);
  });
});

describe('DMARC takes the SPF result and the existence of the From domain', () => {
  test('an SPF pass through mx aligns: DMARC passes without a DKIM signature', async () => {
    const v = await verify(
      message(),
      'bank.jp TXT "v=spf1 mx -all"',
      'bank.jp MX 10 mail.bank.jp',
      `mail.bank.jp A ${IP}`,
      ...DMARC,
    );
    assert.deepEqual([v.spf.verdict, v.dmarc.verdict, v.dmarc.alignedSpf], ['pass', 'pass', 'bank.jp']);
  });

  test('np= applies to a From subdomain given as NXDOMAIN, sp= to one with A NONE; unknown is named', async () => {
    const ghost = message({ from: 'alerts@ghost.bank.jp' });
    const records = [
      'bank.jp TXT "v=spf1 -all"',
      '_dmarc.ghost.bank.jp TXT NONE',
      '_dmarc.bank.jp TXT "v=DMARC1; p=reject; sp=none; np=quarantine"',
      '_dmarc.jp TXT NONE',
    ];
    const gone = (await verify(ghost, ...records, 'ghost.bank.jp A NXDOMAIN')).dmarc;
    assert.deepEqual([gone.verdict, gone.policy], ['fail', 'quarantine']);
    const there = (await verify(ghost, ...records, 'ghost.bank.jp A NONE')).dmarc;
    assert.deepEqual([there.verdict, there.policy], ['fail', 'none']);
    const unknown = (await verify(ghost, ...records)).dmarc;
    assert.deepEqual([unknown.verdict, unknown.missing], ['not_supplied', ['ghost.bank.jp (A)']]);
  });
});

describe('POST /v1/evidence/mail with address records (sqlite)', () => {
  const hub = hubHooks('sqlite');

  test('SPF decided through mx and ptr from the records sent; a bad address refused naming the line', async () => {
    const sato = await hub.as('sato');
    const text = message();
    const header = text.slice(0, text.indexOf('\r\n\r\n') + 2);
    const dnsRecords = [
      'bank.jp TXT "v=spf1 mx ptr:bank.jp -all"',
      'bank.jp 300 IN MX 10 mail.bank.jp.',
      'mail.bank.jp A 192.0.2.25',
      '77.10.200.153.in-addr.arpa PTR out.bank.jp.',
      `out.bank.jp A ${IP}`,
      ...DMARC,
    ].join('\n');
    const r = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message: header, dnsRecords });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const v = r.body.authentication.verification;
    assert.deepEqual([v?.spf.verdict, v?.spf.missing, v?.dmarc.verdict], ['pass', [], 'pass']);
    const bad = await sato.call<ApiError>('POST', '/v1/evidence/mail', {
      message: header,
      dnsRecords: 'bank.jp TXT "v=spf1 a -all"\nbank.jp A 2001:db8::1',
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details?.field, 'dnsRecords');
    assert.match(bad.body.error.message.en, /line 2 .*"2001:db8::1" is an IPv6 address/);
  });
});
