// A sender who forges or shapes headers so that the investigator asks a provider about an innocent
// person's address or the wrong time: each case must end in "not known" with a warning, never in a
// named address or time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMessage } from '../../src/evidence/index.ts';
import { codes, msg, NOW, warning } from '../support/mail-forgery.ts';

describe('forged or shaped headers: the trust boundary', () => {
  it('a reverse name Sendmail marks "(may be forged)" does not extend the boundary', () => {
    // The sender sets the PTR of its own address to a name of the receiving organisation; Sendmail
    // writes it and says it does not resolve back. The hop below is the sender's own forgery.
    const a = analyzeMessage(
      msg([
        'from helo (relay2.recv.example.jp [126.33.10.200] (may be forged)) by mx.recv.example.jp (8.15.2/8.15.2) ' +
          'with ESMTP id A1; Wed, 25 Nov 2026 12:00:05 +0900',
        'from innocent (innocent.example [61.1.1.77]) by relay2.recv.example.jp with ESMTP id B2; ' +
          'Wed, 25 Nov 2026 12:00:01 +0900',
      ]),
      { now: NOW, trusted: ['*.recv.example.jp'] },
    );
    assert.equal(a.originatingIp, '126.33.10.200');
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, true],
    );
    const w = warning(a, 'MAIL_TRUST_NAME_UNVERIFIED');
    assert.ok(w, codes(a).join(','));
    assert.equal(w.hop, 1);
    assert.match(w.messageJa, /信頼境界を広げませんでした/);
    assert.match(w.message, /not extended/);
  });

  it('a verified reverse name of the organisation still extends it', () => {
    const a = analyzeMessage(
      msg([
        'from helo (relay2.recv.example.jp [126.33.10.200]) by mx.recv.example.jp (8.15.2/8.15.2) ' +
          'with ESMTP id A1; Wed, 25 Nov 2026 12:00:05 +0900',
        'from pc (pc.sender.example [61.1.1.77]) by relay2.recv.example.jp with ESMTP id B2; ' +
          'Wed, 25 Nov 2026 12:00:01 +0900',
      ]),
      { now: NOW, trusted: ['*.recv.example.jp'] },
    );
    assert.equal(a.originatingIp, '61.1.1.77');
  });

  it('an address in a comment glued to the HELO that disagrees with the server’s names no origin', () => {
    // HELO "x(61.1.1.77)" from an MTA that writes the HELO as given: `from x(61.1.1.77) (unknown [ip])`.
    const a = analyzeMessage(
      msg([
        'from x(61.1.1.77) (unknown [126.33.10.200]) by mx.recv.example.jp with ESMTP id A1; ' +
          'Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(a.originatingIp, null);
    assert.equal(a.originatingTime, null);
    const w = warning(a, 'MAIL_FROM_AMBIGUOUS');
    assert.ok(w, codes(a).join(','));
    assert.deepEqual(w.details, { address: '61.1.1.77', otherAddress: '126.33.10.200' });
    assert.match(w.messageJa, /発信元アドレスは示しません/);
  });

  it('an address in a comment after the HELO that disagrees with the server’s names no origin', () => {
    // HELO "x (61.1.1.77)" from an MTA that writes the HELO as given, spaces and all.
    const a = analyzeMessage(
      msg([
        'from x (61.1.1.77) (unknown [126.33.10.200]) by mx.recv.example.jp with ESMTP id A1; ' +
          'Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(a.originatingIp, null);
    assert.deepEqual(warning(a, 'MAIL_FROM_AMBIGUOUS')?.details, {
      address: '61.1.1.77',
      otherAddress: '126.33.10.200',
    });
    // the same address twice (qmail's HELO literal and its record of the peer) is no conflict
    const q = analyzeMessage(
      msg([
        'from unknown (HELO ?126.33.10.200?) (user@126.33.10.200) by mx.recv.example.jp with SMTP; ' +
          'Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(q.originatingIp, '126.33.10.200');
  });

  it('a HELO marker glued to the HELO does not make the HELO a reverse name', () => {
    // HELO "relay2.recv.example.jp(helo=x)": the first word is the sender's HELO, not a reverse name.
    const a = analyzeMessage(
      msg([
        'from relay2.recv.example.jp(helo=x) (unknown [126.33.10.200]) by mx.recv.example.jp with ESMTP id A1; ' +
          'Wed, 25 Nov 2026 12:00:05 +0900',
        'from innocent (innocent.example [61.1.1.77]) by relay2.recv.example.jp with ESMTP id B2; ' +
          'Wed, 25 Nov 2026 12:00:01 +0900',
      ]),
      { now: NOW, trusted: ['*.recv.example.jp'] },
    );
    assert.notEqual(a.originatingIp, '61.1.1.77');
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, true],
    );
  });

  it('a server that writes the peer glued to the name (TIS smap) is still read', () => {
    const a = analyzeMessage(
      msg([
        'from unknown(126.33.10.200) by fw.recv.example.jp via smap (V5.5) id xma1; Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    assert.equal(a.originatingIp, '126.33.10.200');
    assert.ok(!codes(a).includes('MAIL_FROM_AMBIGUOUS'));
  });

  it('a trusted Received cut at the field limit names neither the address nor the time in what is left', () => {
    // The real date (and the server's comment) lie past 64 KiB; what is left ends in text the sender wrote.
    const pad = 'a'.repeat(70_000);
    const late = analyzeMessage(
      msg([
        `from helo (unknown [126.33.10.200]) by mx.recv.example.jp with ESMTP id A1 for <x;Wed, 25 Nov 2026 ` +
          `09:00:00 +0900 ${pad}@recv.example.jp>; Wed, 25 Nov 2026 12:00:05 +0900`,
      ]),
      { now: NOW },
    );
    assert.ok(codes(late).includes('MAIL_FIELD_TRUNCATED'));
    assert.equal(late.originatingTime, null);
    assert.equal(late.hops[0]!.time, null);
    const early = analyzeMessage(
      msg([`from x (unknown [61.1.1.77])${pad} (unknown [126.33.10.200]) by mx.recv.example.jp with ESMTP id A1`]),
      { now: NOW },
    );
    assert.equal(early.originatingIp, null);
    assert.ok(codes(early).includes('MAIL_ORIGIN_UNKNOWN'), codes(early).join(','));
  });
});
