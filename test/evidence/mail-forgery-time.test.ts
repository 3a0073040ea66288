// A sender who forges or shapes headers so that the investigator asks a provider about an innocent
// person's address or the wrong time: each case must end in "not known" with a warning, never in a
// named address or time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMessage } from '../../src/evidence/index.ts';
import { parseHeaderDate } from '../../src/evidence/mail/date.ts';
import { codes, msg, NOW, warning } from '../support/mail-forgery.ts';

const TOP = 'from relay.recv.example.jp (relay.recv.example.jp [133.1.1.10]) by mx.recv.example.jp with ESMTP id A1; ';

describe('forged or shaped headers: the originating time', () => {
  for (const [label, date] of [
    ['no zone at all', 'Wed, 25 Nov 2026 12:00:01'],
    ['an unknown zone name', 'Wed, 25 Nov 2026 12:00:01 XYZ'],
    ['a military zone letter (RFC 5322 §4.3: unknown)', 'Wed, 25 Nov 2026 12:00:01 A'],
    ['an offset with a colon (not RFC 5322)', 'Wed, 25 Nov 2026 12:00:01 +09:00'],
    ['CST (US Central, China or Cuba)', 'Wed, 25 Nov 2026 12:00:01 CST'],
  ] as const) {
    it(`a last trusted hop whose date has ${label} names no originating time`, () => {
      const a = analyzeMessage(
        msg([
          `${TOP}Wed, 25 Nov 2026 12:00:05 +0900`,
          `from pc (pc.sender.example [126.33.10.200]) by relay.recv.example.jp with ESMTP id B2; ${date}`,
        ]),
        { now: NOW, trusted: ['133.1.1.10'] },
      );
      assert.equal(a.originatingIp, '126.33.10.200'); // the address is still what the server saw
      assert.equal(a.originatingTime, null, 'a time without a known offset is not an instant');
      const w = warning(a, 'MAIL_ORIGIN_TIME_UNKNOWN');
      assert.ok(w, codes(a).join(','));
      assert.match(w.messageJa, /発信時刻は示しません/);
      assert.match(w.message, /no originating time is given/);
    });
  }

  it('CST is read as no known offset, as the instant core reads it', () => {
    const d = parseHeaderDate('Wed, 25 Nov 2026 12:00:01 CST');
    assert.equal(d?.offsetMinutes, null);
    assert.equal(d?.epochMs, null);
    // a numeric offset beside it is what counts
    assert.equal(parseHeaderDate('Wed, 25 Nov 2026 12:00:01 +0800 (CST)')?.offsetMinutes, 480);
  });

  it('a last trusted hop with a proper offset still names the time', () => {
    const a = analyzeMessage(
      msg([
        `${TOP}Wed, 25 Nov 2026 12:00:05 +0900`,
        'from pc (pc.sender.example [126.33.10.200]) by relay.recv.example.jp with ESMTP id B2; ' +
          'Wed, 25 Nov 2026 03:00:01 -0000',
      ]),
      { now: NOW, trusted: ['133.1.1.10'] },
    );
    assert.equal(a.originatingTime, '2026-11-25T03:00:01+00:00');
    assert.ok(!codes(a).includes('MAIL_ORIGIN_TIME_UNKNOWN'));
  });
});

describe('forged or shaped headers: trusted hops that disagree on the time', () => {
  const low = (date: string): string =>
    `from pc (pc.sender.example [126.33.10.200]) by relay.recv.example.jp with ESMTP id B2; ${date}`;
  for (const [label, top, lowDate] of [
    ['a year before the hop above it', 'Wed, 25 Nov 2026 12:00:05 +0900', 'Tue, 25 Nov 2025 12:00:01 +0900'],
    ['an hour after the hop above it', 'Wed, 25 Nov 2026 12:00:05 +0900', 'Wed, 25 Nov 2026 13:00:01 +0900'],
    ['in the future', 'Wed, 25 Nov 2027 12:00:05 +0900', 'Wed, 25 Nov 2027 12:00:01 +0900'],
  ] as const) {
    it(`a last trusted hop dated ${label} names no originating time`, () => {
      const a = analyzeMessage(msg([`${TOP}${top}`, low(lowDate)]), { now: NOW, trusted: ['133.1.1.10'] });
      assert.equal(a.originatingIp, '126.33.10.200');
      assert.equal(a.originatingTime, null);
      const w = warning(a, 'MAIL_ORIGIN_TIME_INCONSISTENT');
      assert.ok(w, codes(a).join(','));
      assert.match(w.messageJa, /発信時刻は示しません/);
      assert.match(w.message, /no originating time is given/);
    });
  }

  it('seconds of clock skew and a queue of hours between trusted hops still name the time', () => {
    for (const lowDate of ['Wed, 25 Nov 2026 12:01:00 +0900', 'Wed, 25 Nov 2026 04:00:00 +0900']) {
      const a = analyzeMessage(msg([`${TOP}Wed, 25 Nov 2026 12:00:05 +0900`, low(lowDate)]), {
        now: NOW,
        trusted: ['133.1.1.10'],
      });
      assert.ok(a.originatingTime, lowDate);
      assert.ok(!codes(a).includes('MAIL_ORIGIN_TIME_INCONSISTENT'));
    }
  });
});

describe('a mailbox fetched long after delivery (fetchmail over POP3/IMAP)', () => {
  // The retrieval hop is dated when the mailbox was read: days or months after delivery is normal,
  // and is no sign of a wrong clock among the provider's servers.
  const fetch = (date: string): string =>
    'from pop.recv.example.jp [133.1.1.10] by localhost with POP3 (fetchmail-6.4.38) ' +
    `for <user@localhost> (single-drop); ${date}`;
  const sent = (by: string): string =>
    `from pc (pc.sender.example [126.33.10.200]) by ${by} with ESMTP id B2; Wed, 04 Nov 2026 12:00:01 +0900`;
  const delivered = sent('pop.recv.example.jp');

  it('a retrieval a month after delivery keeps the originating time', () => {
    const a = analyzeMessage(msg([fetch('Fri, 04 Dec 2026 09:00:00 +0900'), delivered]), {
      now: new Date('2026-12-04T01:00:00Z'),
      trusted: ['133.1.1.10'],
    });
    assert.equal(a.originatingIp, '126.33.10.200');
    assert.equal(a.originatingTime, '2026-11-04T12:00:01+09:00');
    assert.ok(!codes(a).includes('MAIL_ORIGIN_TIME_INCONSISTENT'), codes(a).join(','));
  });

  it('nor do the local hops written after the retrieval count against it', () => {
    const local =
      'from localhost (localhost [127.0.0.1]) by desk.local with ESMTP id C3; Fri, 04 Dec 2026 09:00:02 +0900';
    const a = analyzeMessage(msg([local, fetch('Fri, 04 Dec 2026 09:00:00 +0900'), delivered]), {
      now: new Date('2026-12-04T01:00:00Z'),
      trusted: ['133.1.1.10'],
    });
    assert.equal(a.originatingTime, '2026-11-04T12:00:01+09:00');
  });

  it('a provider hop above a long wait still counts, and a retrieval dated before delivery still does', () => {
    const relay =
      'from mx.recv.example.jp (mx.recv.example.jp [133.1.1.11]) by pop.recv.example.jp with ESMTP id D4; ' +
      'Fri, 04 Dec 2026 08:59:00 +0900';
    const late = analyzeMessage(msg([fetch('Fri, 04 Dec 2026 09:00:00 +0900'), relay, sent('mx.recv.example.jp')]), {
      now: new Date('2026-12-04T01:00:00Z'),
      trusted: ['133.1.1.10', '133.1.1.11'],
    });
    assert.equal(late.originatingTime, null);
    assert.ok(codes(late).includes('MAIL_ORIGIN_TIME_INCONSISTENT'));
    const early = analyzeMessage(msg([fetch('Wed, 04 Nov 2026 11:00:00 +0900'), delivered]), {
      now: new Date('2026-12-04T01:00:00Z'),
      trusted: ['133.1.1.10'],
    });
    assert.equal(early.originatingTime, null);
    assert.ok(codes(early).includes('MAIL_ORIGIN_TIME_INCONSISTENT'));
  });
});
