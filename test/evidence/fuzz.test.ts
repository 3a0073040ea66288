import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMessage } from '../../src/evidence/index.ts';
import { fuzz } from './fuzz.ts';

describe('fuzz (fixed seed)', () => {
  it('mutated messages and registry files never crash the parsers', () => {
    const r = fuzz(0x5140ca1, 3000);
    assert.equal(r.mailCases, 3000);
  });

  it('pathological headers: deep nesting, unclosed comments, huge lines, many hops', () => {
    const deep = `Received: from x ${'('.repeat(50_000)} by y; Wed, 25 Nov 2026 12:00:05 +0900\n`;
    const a = analyzeMessage(deep);
    assert.equal(a.hops.length, 1);
    const long = `Received: from ${'a'.repeat(200_000)} [61.1.1.1] by y\n`;
    const b = analyzeMessage(long);
    assert.ok(b.warnings.some((w) => w.code === 'MAIL_FIELD_TRUNCATED'));
    const many =
      'Received: from a (a [10.1.1.1]) by b with SMTP; Wed, 25 Nov 2026 12:00:05 +0900\n'.repeat(499) +
      `Received: ${'(x '.repeat(20_000)}\n`;
    const c = analyzeMessage(many);
    assert.equal(c.hops.length, 500);
    assert.equal(c.originatingIp, null);
    const junk = analyzeMessage('x\n'.repeat(400_000));
    assert.equal(junk.warnings.filter((w) => w.code === 'MAIL_HEADER_LINE_UNREADABLE').length, 50);
    assert.equal(junk.warnings.find((w) => w.details?.notListed !== undefined)?.details?.notListed, 400_000 - 50);
    const brackets = `Received: from a (${'[1.2.3.4'.repeat(5000)}) by b\n`;
    assert.equal(analyzeMessage(brackets).hops.length, 1);
  });
});
