import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeMessage, EvidenceInputError, MAIL_LIMITS } from '../../src/evidence/index.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const NOW = new Date('2026-12-01T00:00:00Z');
const codes = (a: ReturnType<typeof analyzeMessage>): string[] => a.warnings.map((w) => w.code);

function msg(received: string[], extra = 'From: a@example.jp\nDate: Wed, 25 Nov 2026 12:00:00 +0900\n'): string {
  return `${received.map((r) => `Received: ${r}\n`).join('') + extra}\nbody\n`;
}

describe('trust boundary and originating address', () => {
  it('forged lower hops are claims; the origin is what the last trusted server saw', () => {
    const a = analyzeMessage(fixture('forged.eml'), { now: NOW, authservId: 'mx.recv.example.jp' });
    assert.equal(a.originatingIp, '45.77.10.9');
    assert.equal(a.originatingTime, '2026-11-25T12:00:10+09:00');
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, false, true],
    );
    assert.equal(a.hops[0]!.from.ip, '8.8.8.8'); // listed, but only as a claim
    // the forged Authentication-Results below the boundary is not believed
    assert.deepEqual(a.authentication.results, []);
    assert.ok(codes(a).includes('MAIL_AUTH_RESULTS_FORGED'));
    assert.ok(codes(a).includes('MAIL_ADDRESS_DOMAINS_DISAGREE'));
    const back = a.warnings.find((w) => w.code === 'MAIL_TIME_BACKWARDS');
    assert.equal(back?.hop, 2);
    assert.equal(a.hops[2]!.delaySeconds, -1790);
    const noOffset = a.warnings.find((w) => w.code === 'MAIL_HOP_NO_OFFSET');
    assert.equal(noOffset?.hop, 0);
    assert.equal(a.hops[0]!.time, '2026-11-25T12:29:00');
    assert.equal(a.hops[0]!.timeUtc, null);
  });

  it('a boundary of several relays (addresses, networks, host names) moves the origin down', () => {
    const y = analyzeMessage(fixture('yahoo-japan.eml'), { now: NOW, trusted: ['182.22.0.0/16'] });
    assert.equal(y.originatingIp, '126.33.10.200');
    assert.equal(y.originatingTime, '2026-11-25T11:00:01+09:00');
    assert.deepEqual(
      y.hops.map((h) => h.trusted),
      [true, true, true, true, true, true],
    );

    const p = analyzeMessage(fixture('postfix.eml'), { now: NOW, trusted: ['153.156.10.20'] });
    assert.equal(p.originatingIp, '153.200.10.77');
    const byName = analyzeMessage(fixture('postfix.eml'), { now: NOW, trusted: ['*.example-isp.jp'] });
    assert.equal(byName.originatingIp, '153.200.10.77');
    const other = analyzeMessage(fixture('postfix.eml'), { now: NOW, trusted: ['smtp.other.example', '10.0.0.0/8'] });
    assert.equal(other.originatingIp, '153.156.10.20');
  });

  it('by default only the topmost Received is trusted', () => {
    const a = analyzeMessage(
      msg([
        'from relay.a.example (relay.a.example [61.200.1.1]) by mx.recv.example with ESMTP id 1; ' +
          'Wed, 25 Nov 2026 12:00:05 +0900',
        'from pc (pc.b.example [61.200.2.2]) by relay.a.example with ESMTP id 2; Wed, 25 Nov 2026 12:00:03 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(a.originatingIp, '61.200.1.1');
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, true],
    );
  });

  it('private, shared, loopback and documentation addresses are never the origin', () => {
    for (const ip of ['100.64.3.4', '192.0.2.10', '198.51.100.7', '203.0.113.5', '2001:db8::25', '169.254.1.1']) {
      const a = analyzeMessage(
        msg([
          `from h (h [${ip.includes(':') ? `IPv6:${ip}` : ip}]) by mx.recv.example with ESMTP; ` +
            `Wed, 25 Nov 2026 12:00:05 +0900`,
        ]),
        { now: NOW },
      );
      assert.equal(a.originatingIp, null, ip);
      assert.ok(codes(a).includes('MAIL_ORIGIN_NOT_PUBLIC'), ip);
    }
    // private and loopback addresses at the boundary extend it (internal relays), never become the origin
    const b = analyzeMessage(
      msg(['from h (h [10.9.9.9]) by mx.recv.example with ESMTP; Wed, 25 Nov 2026 12:00:05 +0900']),
      { now: NOW },
    );
    assert.equal(b.originatingIp, null);
  });

  it('IPv6 literals and IPv4-mapped forms are normalised', () => {
    const a = analyzeMessage(
      msg([
        'from x (x.example [IPv6:::ffff:126.1.2.3]) by mx.recv.example with ESMTP; Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(a.hops[0]!.from.ip, '126.1.2.3');
    assert.equal(a.originatingIp, '126.1.2.3');
    const b = analyzeMessage(
      msg([
        'from x (x.example [IPv6:2400:4050:0000:0000::0001]) by mx.recv.example with ESMTP; ' +
          'Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(b.originatingIp, '2400:4050::1');
  });

  it('a HELO literal is never taken as the peer address', () => {
    const a = analyzeMessage(
      msg(['from [8.8.8.8] (unknown [61.1.1.1]) by mx.recv.example with ESMTP; Wed, 25 Nov 2026 12:00:05 +0900']),
      { now: NOW },
    );
    assert.equal(a.hops[0]!.from.ip, '61.1.1.1');
    assert.equal(a.hops[0]!.from.helo, '[8.8.8.8]');
    const exim = analyzeMessage(
      msg([
        'from host.example ([61.1.1.1] helo=[8.8.8.8]) by mx.recv.example with esmtp; Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(exim.hops[0]!.from.ip, '61.1.1.1');
    assert.equal(exim.hops[0]!.from.helo, '[8.8.8.8]');
  });

  it('encoded words in From and Subject are decoded; CRLF and LF give the same result', () => {
    const lf = fixture('postfix.eml').toString('utf8');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = analyzeMessage(lf, { now: NOW });
    const b = analyzeMessage(crlf, { now: NOW });
    assert.equal(a.message.from, '山田 太郎 <taro@example-isp.jp>');
    assert.equal(a.message.subject, 'お知らせ');
    assert.deepEqual({ ...b, hops: b.hops.map((h) => ({ ...h, raw: h.raw.replace(/\r/g, '') })) }, a);
  });

  it('warnings: Date far from receipt, hops without time, unparseable Received, domain disagreement', () => {
    const a = analyzeMessage(
      msg(
        [
          'from h (h [61.1.1.1]) by mx.recv.example with ESMTP; Wed, 25 Nov 2026 12:00:05 +0900',
          'this is not a received line at all',
          'from q (q [61.2.2.2]) by h with SMTP id 7',
        ],
        'From: x@bank.example.jp\nSender: y@bank.example.jp\nReply-To: z@free.example.com\n' +
          'Date: Mon, 23 Nov 2026 08:00:00 +0900\nbroken header line\n',
      ),
      { now: NOW },
    );
    const c = codes(a);
    assert.ok(c.includes('MAIL_DATE_FAR_FROM_RECEIPT'));
    assert.ok(c.includes('MAIL_HOP_NO_TIME'));
    assert.ok(c.includes('MAIL_RECEIVED_UNPARSED'));
    assert.ok(c.includes('MAIL_ADDRESS_DOMAINS_DISAGREE'));
    assert.ok(c.includes('MAIL_HEADER_LINE_UNREADABLE'));
    assert.equal(a.warnings.find((w) => w.code === 'MAIL_RECEIVED_UNPARSED')?.hop, 1);
    for (const w of a.warnings) assert.ok(w.message.length > 0 && w.messageJa.length > 0);
    const same = analyzeMessage(
      msg(
        ['from h (h [61.1.1.1]) by mx with ESMTP; Wed, 25 Nov 2026 12:00:05 +0900'],
        'From: a@mail.bank.example.jp\nReturn-Path: <b@bank.example.jp>\nDate: Wed, 25 Nov 2026 12:00:00 +0900\n',
      ),
      { now: NOW },
    );
    assert.ok(!codes(same).includes('MAIL_ADDRESS_DOMAINS_DISAGREE'));
    assert.ok(!codes(same).includes('MAIL_DATE_FAR_FROM_RECEIPT'));
  });

  it('headers alone (no body) are accepted, and an mbox From_ line is skipped', () => {
    const a = analyzeMessage(
      'From MAILER-DAEMON Wed Nov 25 03:00:00 2026\n' +
        'Received: from h (h [61.1.1.1]) by mx with ESMTP; Wed, 25 Nov 2026 12:00:05 +0900\n' +
        'Date: Wed, 25 Nov 2026 12:00:00 +0900',
      { now: NOW },
    );
    assert.equal(a.originatingIp, '61.1.1.1');
    assert.ok(!codes(a).includes('MAIL_HEADER_LINE_UNREADABLE'));
  });
});

describe('Authentication-Results', () => {
  it('trusted only with the configured authserv-id; results listed as stated', () => {
    const none = analyzeMessage(fixture('postfix.eml'), { now: NOW });
    assert.deepEqual(none.authentication.results, []);
    assert.equal(none.authentication.authservId, null);
    assert.ok(none.warnings.some((w) => w.code === 'MAIL_AUTH_RESULTS_IGNORED'));
    const other = analyzeMessage(fixture('postfix.eml'), { now: NOW, authservId: 'mx.elsewhere.example' });
    assert.deepEqual(other.authentication.results, []);
    const a = analyzeMessage(fixture('postfix.eml'), { now: NOW, authservId: 'MX1.recv.example.jp' });
    const by = Object.fromEntries(a.authentication.results.map((r) => [r.method, r]));
    assert.equal(by.spf?.result, 'pass');
    assert.equal(by.spf?.domain, 'example-isp.jp');
    assert.equal(by.dkim?.domain, 'example-isp.jp');
    assert.equal(by.dkim?.selector, 'k2026');
    assert.equal(by.dmarc?.result, 'pass');
    assert.deepEqual(a.authentication.dkimSignatures, [{ domain: 'example-isp.jp', selector: 'k2026' }]);
    assert.match(a.authentication.note.message, /DNS/);
  });

  it('Gmail writes its Authentication-Results below its Received: ignored; its ARC set above gives the results', () => {
    // Just below the border's Received is where a sender's own fields sit: the two cannot be told apart.
    // Gmail's ARC-Authentication-Results stands above its Received: written by Gmail after taking the mail in.
    const a = analyzeMessage(fixture('gmail.eml'), { now: NOW, authservId: 'mx.google.com' });
    assert.deepEqual(
      a.authentication.results.map((r) => `${r.method}=${r.result}`),
      ['dkim=pass', 'spf=pass', 'dmarc=pass'],
    );
    assert.equal(a.authentication.results[0]!.domain, 'sender.example.co.jp');
    assert.ok(codes(a).includes('MAIL_AUTH_RESULTS_FORGED'));
    assert.ok(codes(a).includes('MAIL_AUTH_RESULTS_FROM_ARC'));
    assert.equal(a.authentication.arc.length, 1);
    assert.equal(a.authentication.arc[0]!.instance, 1);
    assert.equal(a.authentication.arc[0]!.results.length, 3);
    assert.equal(a.authentication.arc[0]!.results[0]!.domain, 'sender.example.co.jp');
  });
});

describe('limits', () => {
  it('refuses a header block beyond the size limit, and too many Received fields', () => {
    const big = `X-Pad: ${'a'.repeat(MAIL_LIMITS.maxHeaderBytes)}\n\nbody`;
    assert.throws(
      () => analyzeMessage(big),
      (e: unknown) => e instanceof EvidenceInputError && e.code === 'MAIL_HEADERS_TOO_LARGE',
    );
    assert.throws(
      () => analyzeMessage(new TextEncoder().encode(big)),
      (e: unknown) => e instanceof EvidenceInputError && e.code === 'MAIL_HEADERS_TOO_LARGE',
    );
    const many = 'Received: from a (a [61.1.1.1]) by b with SMTP; Wed, 25 Nov 2026 12:00:05 +0900\n'.repeat(
      MAIL_LIMITS.maxReceived + 1,
    );
    assert.throws(
      () => analyzeMessage(many),
      (e: unknown) => e instanceof EvidenceInputError && e.code === 'MAIL_TOO_MANY_RECEIVED',
    );
    const atLimit = analyzeMessage(
      'Received: from a (a [61.1.1.1]) by b with SMTP; Wed, 25 Nov 2026 12:00:05 +0900\n'.repeat(
        MAIL_LIMITS.maxReceived,
      ),
      { now: NOW },
    );
    assert.equal(atLimit.hops.length, MAIL_LIMITS.maxReceived);
  });

  it('a large body after the headers is not read', () => {
    const a = analyzeMessage(
      `Received: from a (a [61.1.1.1]) by b with SMTP; Wed, 25 Nov 2026 12:00:05 +0900\n\n${'x'.repeat(5_000_000)}`,
      { now: NOW },
    );
    assert.equal(a.originatingIp, '61.1.1.1');
  });
});
