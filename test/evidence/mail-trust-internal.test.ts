// Rule 3 extends the trust boundary through a trusted hop that recorded a private or loopback peer. An MX
// behind NAT or a container port proxy records every outside sender so, and the sender's own forged
// Received below is then trusted. The rule stays (changing it is the owner's call); the warning must be
// impossible to miss: first among the warnings, naming the address and the hop, and beside the origin
// in the printed table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMailTable } from '../../src/cli/mail.ts';
import { analyzeMessage } from '../../src/evidence/index.ts';
import { msg, NOW } from '../support/mail-forgery.ts';

// The MX behind a Docker port proxy sees 172.17.0.1; below it, the sender's own forged Received.
const BEHIND_PROXY = msg([
  'from x (unknown [172.17.0.1]) by mx.recv.example.jp (Postfix) with ESMTP id A1; Wed, 25 Nov 2026 12:00:05 +0900',
  'from y (innocent.example [61.1.1.77]) by relay.forged.example with ESMTP id B2; Wed, 25 Nov 2026 12:00:01 +0900',
]);

describe('trust extended through an internal address', () => {
  it('is the first warning, naming the internal address and the hop; the default rule is unchanged', () => {
    const a = analyzeMessage(BEHIND_PROXY, { now: NOW });
    assert.equal(a.originatingIp, '61.1.1.77'); // the documented rule 3, kept
    const w = a.warnings[0]!;
    assert.equal(w.code, 'MAIL_TRUST_EXTENDED_INTERNAL');
    assert.equal(w.hop, 1);
    assert.deepEqual(w.details, { address: '172.17.0.1' });
    assert.match(w.message, /^CHECK BEFORE USING THE ORIGIN: .*172\.17\.0\.1.*NAT.*--trusted/);
    assert.match(w.messageJa, /^発信元を使う前に確認してください: .*172\.17\.0\.1.*偽造/);
  });

  it('is printed right below the origin and time, in either language', () => {
    const a = analyzeMessage(BEHIND_PROXY, { now: NOW });
    for (const [locale, start] of [
      ['ja', '!! 発信元を使う前に'],
      ['en', '!! CHECK BEFORE USING THE ORIGIN'],
    ] as const) {
      const lines = renderMailTable(a, locale).split('\n');
      assert.ok(lines[2]?.startsWith(start), lines.slice(0, 4).join('\n'));
    }
  });

  it('a hop without a from clause (local pickup, Gmail) extends it without the call-out', () => {
    const a = analyzeMessage(
      msg([
        'by mx.recv.example.jp with SMTP id k1; Wed, 25 Nov 2026 12:00:06 +0900',
        'from y (out.example [61.1.1.77]) by mx.recv.example.jp with ESMTP id B2; Wed, 25 Nov 2026 12:00:05 +0900',
      ]),
      { now: NOW },
    );
    const w = a.warnings.find((x) => x.code === 'MAIL_TRUST_EXTENDED_INTERNAL');
    assert.ok(w);
    assert.equal(w.details, undefined);
    assert.ok(!renderMailTable(a, 'en').includes('!!'));
  });
});
