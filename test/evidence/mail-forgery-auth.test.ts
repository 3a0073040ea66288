// A sender who writes Authentication-Results with the receiving organisation's authserv-id: only a field
// a trusted server added after taking the message in (above the lowest trusted Received) is believed.
// And what the trusted server wrote of the peer is kept whole: its source port with its address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMailTable } from '../../src/cli/mail.ts';
import { analyzeMessage } from '../../src/evidence/index.ts';
import { codes, NOW, warning } from '../support/mail-forgery.ts';

const OURS = 'mx.recv.example.jp';
const BORDER =
  'Received: from helo (unknown [126.33.10.200]) by mx.recv.example.jp with ESMTP id A1; ' +
  'Wed, 25 Nov 2026 12:00:05 +0900\r\n';
const FAKE =
  `Authentication-Results: ${OURS}; spf=pass smtp.mailfrom=bank.example.jp; ` +
  'dkim=pass header.d=bank.example.jp\r\n';
const TAIL = 'From: support@bank.example.jp\r\nDate: Wed, 25 Nov 2026 12:00:00 +0900\r\n\r\nbody\r\n';

describe('forged Authentication-Results', () => {
  it('one below the only Received (a sender connecting directly) is ignored, and said', () => {
    const a = analyzeMessage(BORDER + FAKE + TAIL, { now: NOW, authservId: OURS });
    assert.equal(a.originatingIp, '126.33.10.200');
    assert.deepEqual(a.authentication.results, []);
    assert.equal(a.authentication.ignoredFields, 1);
    const w = warning(a, 'MAIL_AUTH_RESULTS_FORGED');
    assert.ok(w, codes(a).join(','));
    assert.match(w.message, /1 Authentication-Results/);
    assert.match(w.messageJa, /無視しました/);
  });

  it('one above a forged Received below the boundary is ignored too', () => {
    const forged =
      'Received: from mail.bank.example.jp ([210.130.1.1]) by relay.bank.example.jp with ESMTP id B; ' +
      'Wed, 25 Nov 2026 11:59:59 +0900\r\n';
    const a = analyzeMessage(BORDER + FAKE + forged + TAIL, { now: NOW, authservId: OURS });
    assert.deepEqual(
      a.hops.map((h) => h.trusted),
      [false, true],
    );
    assert.deepEqual(a.authentication.results, []);
    assert.ok(codes(a).includes('MAIL_AUTH_RESULTS_FORGED'));
  });

  it('one the border server added above its own Received is believed', () => {
    const own = `Authentication-Results: ${OURS}; spf=fail smtp.mailfrom=bank.example.jp\r\n`;
    const a = analyzeMessage(own + BORDER + FAKE + TAIL, { now: NOW, authservId: OURS });
    assert.deepEqual(
      a.authentication.results.map((r) => `${r.method}=${r.result}`),
      ['spf=fail'],
    );
    assert.ok(codes(a).includes('MAIL_AUTH_RESULTS_FORGED'));
  });

  it('an ARC set with our authserv-id is used only above the boundary, and only without a field there', () => {
    const arc = (i: number, spf: string): string =>
      `ARC-Authentication-Results: i=${i}; ${OURS}; spf=${spf} smtp.mailfrom=bank.example.jp\r\n`;
    const below = analyzeMessage(BORDER + arc(1, 'pass') + FAKE + TAIL, { now: NOW, authservId: OURS });
    assert.deepEqual(below.authentication.results, []);
    assert.ok(!codes(below).includes('MAIL_AUTH_RESULTS_FROM_ARC'));
    const above = analyzeMessage(arc(2, 'softfail') + arc(1, 'fail') + BORDER + FAKE + TAIL, {
      now: NOW,
      authservId: OURS,
    });
    assert.deepEqual(
      above.authentication.results.map((r) => `${r.method}=${r.result}`),
      ['spf=fail'],
    );
    assert.match(warning(above, 'MAIL_AUTH_RESULTS_FROM_ARC')?.message ?? '', /i=1/);
    const own = `Authentication-Results: ${OURS}; spf=none smtp.mailfrom=bank.example.jp\r\n`;
    const both = analyzeMessage(own + arc(1, 'pass') + BORDER + FAKE + TAIL, { now: NOW, authservId: OURS });
    assert.deepEqual(
      both.authentication.results.map((r) => `${r.method}=${r.result}`),
      ['spf=none'],
    );
  });
});

describe('the source port of the origin', () => {
  it('written with the address ([ip]:port) reaches the origin, the hop and the printed table', () => {
    const exim =
      'Received: from pc.example.jp ([126.33.10.200]:51514 helo=pc) by mx.recv.example.jp with esmtps ' +
      '(Exim 4.96) id 1tA; Wed, 25 Nov 2026 12:00:05 +0900\r\n';
    const a = analyzeMessage(exim + TAIL, { now: NOW });
    assert.equal(a.originatingIp, '126.33.10.200');
    assert.equal(a.originatingPort, 51514);
    assert.equal(a.hops[0]!.from.port, 51514);
    assert.match(renderMailTable(a, 'ja'), /発信元アドレス: 126\.33\.10\.200 {2}送信元ポート: 51514/);
    assert.match(renderMailTable(a, 'en'), /source port 51514/);
    // none written: none given; no origin: no port either
    assert.equal(analyzeMessage(BORDER + TAIL, { now: NOW }).originatingPort, null);
    const priv = exim.replace('126.33.10.200', '192.168.1.5');
    assert.equal(analyzeMessage(priv + TAIL, { now: NOW }).originatingPort, null);
  });
});
