import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeMessage } from '../../src/evidence/index.ts';

// Received clauses seen in real mail that the parser once missed, written here in our own words with
// documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and
// example domains. A documentation address is never given as the origin, so the origin tests read
// the address the analyser settled on from the MAIL_ORIGIN_NOT_PUBLIC warning.

const NOW = new Date('2026-12-01T00:00:00Z');
const DATE = 'Wed, 25 Nov 2026 12:00:05 +0900';

function msg(received: string[]): string {
  return `${received.map((r) => `Received: ${r}\n`).join('')}From: a@example.org\nDate: ${DATE}\n\nbody\n`;
}
/** The one hop of a one-Received message. */
function hop(received: string) {
  const a = analyzeMessage(msg([received]), { now: NOW });
  assert.equal(a.hops.length, 1);
  return a.hops[0]!;
}
const codes = (a: ReturnType<typeof analyzeMessage>): string[] => a.warnings.map((w) => w.code);
/** The address the analyser took as the origin when it is not public (documentation addresses). */
const settledOn = (a: ReturnType<typeof analyzeMessage>): unknown =>
  a.warnings.find((w) => w.code === 'MAIL_ORIGIN_NOT_PUBLIC')?.details?.address;

describe('Received: the client port written next to the address', () => {
  it('ecelerity: [ip:port] inside the comment, with helo=', () => {
    const h = hop(
      'from ([192.0.2.1:50387] helo=laptop.example.net) by mx.example.org (ecelerity 4.2.1 r(101)) ' +
        `with ESMTP id 0A/1B-01234-5C6D7E8F for <user@example.org>; ${DATE}`,
    );
    assert.deepEqual(h.from, { helo: 'laptop.example.net', rdns: null, ip: '192.0.2.1', port: 50387 });
    assert.equal(h.by, 'mx.example.org');
    assert.equal(h.with, 'ESMTP');
    assert.equal(h.id, '0A/1B-01234-5C6D7E8F');
    assert.equal(h.for, 'user@example.org');
  });

  it('ecelerity: a local injection from [127.0.0.1] ([127.0.0.1:port]) is loopback', () => {
    const h = hop(
      `from [127.0.0.1] ([127.0.0.1:50024]) by out.example.org (ecelerity 4.2.1 r(101)) with ECSTREAM id 1; ${DATE}`,
    );
    assert.equal(h.from.ip, '127.0.0.1');
  });

  it('the port after a dot, inside the brackets: [ip.port]', () => {
    const h = hop(
      `from desk.example.net ([203.0.113.9.63559]) by mx.example.org with esmtp (v3.35.1) id 1a2B3c-000001-00; ${DATE}`,
    );
    assert.deepEqual(h.from, { helo: 'desk.example.net', rdns: null, ip: '203.0.113.9', port: 63559 });
  });

  it('Exim 3: rdns (differing HELO) [ip.port] (ident), the address outside any comment', () => {
    const h = hop(
      'from gw.example.net (desk.example.com) [198.51.100.23.13219] (mailer) by mx.example.org ' +
        `with esmtp (Exim 3.36 #1) id 1CO5y7-0001vC-00; ${DATE}`,
    );
    assert.deepEqual(h.from, { helo: 'desk.example.com', rdns: 'gw.example.net', ip: '198.51.100.23', port: 13219 });
    assert.equal(h.id, '1CO5y7-0001vC-00');
  });

  it('XMail: (ip:port) or ([ip]:port), and the envelope sender after the recipient', () => {
    for (const peer of ['(203.0.113.40:23198)', '([203.0.113.40]:23198)']) {
      const h = hop(
        `from list.example.net ${peer} by mx.example.org with [XMail 1.27 ESMTP Server] id <S1A2B3> ` +
          `for <user@example.org> from <list-bounce@example.net>; ${DATE}`,
      );
      assert.deepEqual(h.from, { helo: 'list.example.net', rdns: null, ip: '203.0.113.40', port: 23198 }, peer);
      assert.equal(h.with, '[XMail 1.27 ESMTP Server]');
      assert.equal(h.for, 'user@example.org');
      assert.equal(h.envelopeFrom, 'list-bounce@example.net');
    }
  });

  it('Exim without a reverse name: [ip] (port=N helo=x), the port in the comment before the HELO', () => {
    const h = hop(
      `from [198.51.100.23] (port=50387 helo=desk.example.com) by mx.example.org with esmtp (Exim 4.96) id 1; ${DATE}`,
    );
    assert.deepEqual(h.from, { helo: 'desk.example.com', rdns: null, ip: '198.51.100.23', port: 50387 });
    // the HELO is the sender's word: a port= after it is not the server's record
    const after = hop(`from [198.51.100.23] (helo=desk.example.com port=50387) by mx.example.org with esmtp; ${DATE}`);
    assert.equal(after.from.port, null);
  });

  it('no port beyond 65535, and an IPv6 address is never cut', () => {
    assert.equal(hop(`from h.example.net (203.0.113.40:70000) by mx.example.org with SMTP; ${DATE}`).from.ip, null);
    assert.equal(
      hop(`from h.example.net ([2001:db8::1:25]) by mx.example.org with esmtp; ${DATE}`).from.ip,
      '2001:db8::1:25',
    );
    assert.equal(
      hop(`from h.example.net ([IPv6:2001:db8::7]:2525 helo=h.example.net) by mx.example.org with esmtp; ${DATE}`).from
        .ip,
      '2001:db8::7',
    );
  });
});

describe('Received: a bare address as the from clause', () => {
  it('from ip by …: the address is the peer, not a HELO', () => {
    const h = hop(`from 192.0.2.50 by relay.example.org (SMTPL release 1.0d) with TCP; ${DATE}`);
    assert.deepEqual(h.from, { helo: null, rdns: null, ip: '192.0.2.50', port: null });
    assert.equal(h.by, 'relay.example.org');
    assert.equal(h.with, 'TCP');
  });

  it('a bare private address at the boundary extends it, like any internal relay', () => {
    const a = analyzeMessage(
      msg([
        `from 10.20.30.40 by mx.example.org with TCP; ${DATE}`,
        `from desk.example.net (desk.example.net [198.51.100.60]) by gw.example.org with ESMTP id 2; ${DATE}`,
      ]),
      { now: NOW },
    );
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [true, true],
    );
    assert.ok(codes(a).includes('MAIL_TRUST_EXTENDED_INTERNAL'));
    assert.equal(settledOn(a), '198.51.100.60');
  });

  it('a HELO that is an address still yields to the peer named in the comment', () => {
    const h = hop(`from 192.0.2.13 (dsl.example.net [198.51.100.197]) by mx.example.org with ESMTP id 3; ${DATE}`);
    assert.deepEqual(h.from, { helo: '192.0.2.13', rdns: 'dsl.example.net', ip: '198.51.100.197', port: null });
  });
});

describe('Received: web mail submitted over HTTP', () => {
  it('SquirrelMail and NaSMail: from ip (… authenticated user …) … with HTTP', () => {
    const squirrel = hop(
      `from 192.0.2.7 (SquirrelMail authenticated user alice); by webmail.example.org with HTTP; ${DATE}`,
    );
    assert.deepEqual(squirrel.from, { helo: null, rdns: null, ip: '192.0.2.7', port: null });
    assert.equal(squirrel.by, 'webmail.example.org');
    assert.equal(squirrel.with, 'HTTP');
    assert.equal(squirrel.time, '2026-11-25T12:00:05+09:00');
    const nas = hop(`from 192.0.2.8 (NaSMail authenticated user bob) by webmail.example.org with HTTP; ${DATE}`);
    assert.deepEqual(nas.from, { helo: null, rdns: null, ip: '192.0.2.8', port: null });
    const proxied = hop(
      'from proxy.example.net ([192.0.2.9]) (SquirrelMail authenticated user carol); ' +
        `by webmail.example.org with HTTP; ${DATE}`,
    );
    assert.equal(proxied.from.ip, '192.0.2.9');
  });

  it('large web mail services: from ip by www… with HTTP', () => {
    const h = hop(`from 198.51.100.154 by www001.example.de with HTTP; Wed, 25 Nov 2026 04:00:05 +0100 (CET)`);
    assert.deepEqual(h.from, { helo: null, rdns: null, ip: '198.51.100.154', port: null });
    assert.equal(h.with, 'HTTP');
    assert.equal(h.timeUtc, '2026-11-25T03:00:05Z');
  });

  it('with the web mail server trusted, the origin is the browser’s address', () => {
    const received = [
      'from webmail.example.org (webmail.example.org [203.0.113.80]) ' +
        `by mx.example.jp (Postfix) with ESMTPS id 4; ${DATE}`,
      `from 192.0.2.7 (SquirrelMail authenticated user alice); by webmail.example.org with HTTP; ${DATE}`,
    ];
    const a = analyzeMessage(msg(received), { now: NOW, trusted: ['203.0.113.80'] });
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [true, true],
    );
    assert.equal(settledOn(a), '192.0.2.7');
    assert.ok(!codes(a).includes('MAIL_ORIGIN_UNKNOWN'));
  });
});

describe('Received: NAVGW and GMX styles', () => {
  it('NAVGW writes the from clause as a comment: (from HELO [ip]) by …', () => {
    const h = hop(
      '(from WORKSTATION [192.0.2.33]) by gw.example.co.uk (NAVGW 2.5.2.12) with SMTP id M2026112512000500001 ' +
        `for <user@example.co.uk>; ${DATE}`,
    );
    assert.deepEqual(h.from, { helo: 'WORKSTATION', rdns: null, ip: '192.0.2.33', port: null });
    assert.equal(h.by, 'gw.example.co.uk');
    assert.equal(h.id, 'M2026112512000500001');
    assert.equal(h.for, 'user@example.co.uk');
  });

  it('a leading (from user@localhost) is still a local submission without a network hop', () => {
    const a = analyzeMessage(
      msg([`(from carol@localhost) by relay.example.org (8.18.1/8.18.1/Submit) id 5; ${DATE}`]),
      {
        now: NOW,
      },
    );
    assert.deepEqual(a.hops[0]!.from, { helo: null, rdns: null, ip: null, port: null });
    assert.ok(codes(a).includes('MAIL_ORIGIN_UNKNOWN'));
  });

  it('GMX SMTP: rdns (EHLO helo) [ip] by …', () => {
    const h = hop(
      `from dsl-1.pool.example.net (EHLO workstation) [198.51.100.163] by mail.example.de (mp033) with SMTP; ${DATE}`,
    );
    assert.deepEqual(h.from, { helo: 'workstation', rdns: 'dsl-1.pool.example.net', ip: '198.51.100.163', port: null });
    assert.equal(h.by, 'mail.example.de');
    assert.equal(h.with, 'SMTP');
  });
});

describe('Received: other forms a filter’s table disagreed on', () => {
  it('name [ip] without a comment (a QMQP relay)', () => {
    const h = hop(`from relay.example.net [192.0.2.113] by mx.example.org with QMQP; ${DATE}`);
    assert.deepEqual(h.from, { helo: 'relay.example.net', rdns: null, ip: '192.0.2.113', port: null });
  });

  it('[ip] (HELLO x) (other ip): the address the server wrote first outranks the comments', () => {
    const h = hop(`from [192.0.2.101] (HELLO 198.51.100.35) (198.51.100.35) by mx.example.org with SMTP; ${DATE}`);
    assert.deepEqual(h.from, { helo: '198.51.100.35', rdns: null, ip: '192.0.2.101', port: null });
  });

  it('a mailbox retrieval (fetchmail over POP3/IMAP) is never the origin', () => {
    const received = [
      'from pop.example.net [203.0.113.10] by localhost with POP3 (fetchmail-6.4.38) ' +
        `for <user@localhost> (single-drop); ${DATE}`,
      `from desk.example.com (desk.example.com [198.51.100.70]) by mx.example.net (Postfix) with ESMTP id 6; ${DATE}`,
    ];
    const a = analyzeMessage(msg(received), { now: NOW });
    assert.equal(a.hops[1]!.from.ip, '203.0.113.10');
    assert.equal(a.originatingIp, null);
    const w = a.warnings.find((x) => x.code === 'MAIL_ORIGIN_RETRIEVAL');
    assert.equal(w?.details?.address, '203.0.113.10');
    assert.ok(!codes(a).includes('MAIL_ORIGIN_NOT_PUBLIC'));
    // with the mailbox server trusted, the mailbox provider's own hop gives the origin
    const t = analyzeMessage(msg(received), { now: NOW, trusted: ['203.0.113.10'] });
    assert.equal(settledOn(t), '198.51.100.70');
    assert.ok(!codes(t).includes('MAIL_ORIGIN_RETRIEVAL'));
  });
});

describe('Received: a chain of all these forms', () => {
  it('the boundary walks through each form down to the web mail sender', () => {
    const raw = readFileSync(new URL('./fixtures/received-forms.eml', import.meta.url));
    const relays = ['203.0.113.10', '198.51.100.33', '192.0.2.1', '203.0.113.40', '198.51.100.163', '198.51.100.23'];
    const a = analyzeMessage(raw, { now: NOW, trusted: relays });
    assert.deepEqual(
      a.hops.map((h) => h.from.ip),
      ['192.0.2.7', ...[...relays].reverse()],
    );
    assert.ok(a.hops.every((h) => h.trusted));
    assert.equal(settledOn(a), '192.0.2.7');
    assert.equal(a.hops[3]!.envelopeFrom, 'list-bounce@example.org');
    // trusting one relay less stops the boundary there
    const b = analyzeMessage(raw, { now: NOW, trusted: relays.slice(0, 3) });
    assert.equal(settledOn(b), '203.0.113.40');
  });
});
