import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeMessage } from '../../src/evidence/index.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const NOW = new Date('2026-12-01T00:00:00Z');
const codes = (a: ReturnType<typeof analyzeMessage>): string[] => a.warnings.map((w) => w.code);

describe('Received styles of each mail system', () => {
  it('Postfix: TCP address, not the HELO literal; TLS comments ignored; folded lines', () => {
    const a = analyzeMessage(fixture('postfix.eml'), { now: NOW });
    assert.equal(a.hops.length, 3);
    const bottom = a.hops[0]!;
    assert.deepEqual(bottom.from, {
      helo: '[192.168.1.23]',
      rdns: 'p1234567-ipoe.ipoe.example-isp.jp',
      ip: '153.200.10.77',
      port: null,
    });
    assert.equal(bottom.by, 'smtp.example-isp.jp');
    assert.equal(bottom.with, 'ESMTPSA');
    assert.equal(bottom.id, '4AbCdC1');
    const mx = a.hops[1]!;
    assert.deepEqual(mx.from, {
      helo: 'smtp.example-isp.jp',
      rdns: 'smtp.example-isp.jp',
      ip: '153.156.10.20',
      port: null,
    });
    assert.equal(mx.with, 'ESMTPS');
    assert.equal(mx.for, 'victim@recv.example.jp');
    assert.equal(mx.time, '2026-11-25T10:15:30+09:00');
    assert.equal(mx.timeUtc, '2026-11-25T01:15:30Z');
    assert.equal(mx.delaySeconds, 2);
    assert.equal(a.hops[0]!.delaySeconds, null);
  });

  it('Exim: host ([ip]:port helo=…), envelope-from, [ip] (helo=…)', () => {
    const a = analyzeMessage(fixture('exim.eml'), { now: NOW });
    const [sub, mx] = a.hops;
    assert.deepEqual(sub!.from, { helo: 'laptop', rdns: null, ip: '10.0.0.7', port: null });
    assert.equal(sub!.envelopeFrom, 'alice@sender.example.net');
    assert.equal(sub!.id, '1tAbCc-0000AB-1y');
    assert.deepEqual(mx!.from, {
      helo: 'forged-helo.example',
      rdns: 'mail.sender.example.net',
      ip: '185.12.64.3',
      port: 51514,
    });
    assert.equal(mx!.with, 'esmtps');
    assert.equal(mx!.for, 'bob@recv.example.org');
    assert.equal(mx!.delaySeconds, 2); // 02:02:01+01:00 → 01:02:03Z
    assert.equal(a.originatingIp, '185.12.64.3');
    // Exim writes the client's source port with the address: kept, for CGNAT attribution
    assert.equal(a.originatingPort, 51514);
  });

  it('Sendmail: "(may be forged)" nested comment, local submission without a from clause', () => {
    const a = analyzeMessage(fixture('sendmail.eml'), { now: NOW });
    assert.deepEqual(a.hops[0]!.from, { helo: null, rdns: null, ip: null, port: null });
    assert.equal(a.hops[0]!.by, 'relay.sender.example.com');
    assert.deepEqual(a.hops[1]!.from, {
      helo: 'relay.sender.example.com',
      rdns: 'ns.sender.example.com',
      ip: '64.71.1.10',
      port: null,
    });
    assert.equal(a.hops[1]!.time, '2026-11-24T20:02:03-05:00');
    assert.equal(a.hops[1]!.delaySeconds, 3);
    assert.equal(a.originatingIp, '64.71.1.10');
    assert.equal(a.originatingTime, '2026-11-24T20:02:03-05:00');
  });

  it('qmail: (HELO x) (ident@ip) and "invoked from network" notes', () => {
    const a = analyzeMessage(fixture('qmail.eml'), { now: NOW });
    assert.equal(a.hops.length, 3);
    assert.deepEqual(a.hops[1]!.from, { helo: 'pc01', rdns: null, ip: '118.27.10.5', port: null });
    assert.equal(a.originatingIp, '118.27.10.5');
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, true, true],
    );
    assert.ok(!codes(a).includes('MAIL_RECEIVED_UNPARSED'));
  });

  it('Microsoft Exchange / Outlook: bare (ip) comments, multi-word with, folded date, IPv6', () => {
    const a = analyzeMessage(fixture('exchange.eml'), { now: NOW });
    assert.equal(a.hops.length, 4);
    assert.deepEqual(a.hops[0]!.from, {
      helo: 'TYCPR01MB8000.jpnprd01.prod.outlook.com',
      rdns: null,
      ip: '2603:1096:400:1::7',
      port: null,
    });
    assert.equal(a.hops[0]!.with, 'Microsoft SMTP Server');
    assert.equal(a.hops[0]!.id, '15.20.8000.1');
    assert.equal(a.hops[3]!.time, '2026-11-25T09:30:12+09:00');
    // internal relays on private addresses extend the default boundary down to the edge server
    assert.equal(a.originatingIp, '40.107.74.100');
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, true, true, true],
    );
  });

  it('Gmail: topmost "by … with SMTP" without from, IPv6 peer, trailing-dot rDNS, (PST) comment', () => {
    const a = analyzeMessage(fixture('gmail.eml'), { now: NOW });
    const mx = a.hops[1]!;
    assert.deepEqual(mx.from, {
      helo: 'mail.sender.example.co.jp',
      rdns: 'mail.sender.example.co.jp',
      ip: '2400:4050:a0c1:1::25',
      port: null,
    });
    assert.equal(mx.for, 'victim@gmail.com');
    assert.equal(mx.time, '2026-11-24T17:20:04-08:00');
    assert.equal(a.hops[0]!.from.ip, '2400:4050:a0c1:99::10');
    assert.equal(a.hops[0]!.from.helo, '[IPv6:2400:4050:a0c1:99::10]');
    assert.equal(a.originatingIp, '2400:4050:a0c1:1::25');
    assert.equal(a.message.from, '宅配便 <info@sender.example.co.jp>');
    assert.equal(a.message.subject, 'お届け');
  });

  it('Yahoo! JAPAN: [ip] … via HTTP, NNFMP relays, JST zone name', () => {
    const a = analyzeMessage(fixture('yahoo-japan.eml'), { now: NOW });
    const web = a.hops[0]!;
    assert.deepEqual(web.from, { helo: null, rdns: null, ip: '126.33.10.200', port: null });
    assert.equal(web.by, 'web100501.mail.ssk.yahoo.co.jp');
    assert.equal(web.with, 'HTTP');
    assert.equal(web.time, '2026-11-25T11:00:01+09:00');
    assert.equal(web.timeUtc, '2026-11-25T02:00:01Z');
    assert.equal(a.hops[2]!.from.ip, '182.22.91.130');
    assert.equal(a.hops[2]!.with, 'NNFMP');
    // by default only the receiving organisation is trusted: Yahoo's outbound server is the origin
    assert.equal(a.originatingIp, '182.22.90.30');
  });
});
