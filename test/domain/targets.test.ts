import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import type { Target } from '../../src/domain/targets.ts';
import { describeTarget, TargetSchema } from '../../src/domain/targets.ts';
import { describeIssues, issueErrorCode } from '../../src/domain/validation.ts';

const AT = '2026-03-01T10:00:00+09:00';
const InList = z.strictObject({ targets: z.array(TargetSchema) });

/** Parse one target as targets.<i> of a list and return [field, code] of each issue. */
function problems(target: unknown, index = 2): Array<[string, string]> {
  const list: unknown[] = [
    { type: 'account', id: 'a' },
    { type: 'account', id: 'b' },
  ];
  list[index] = target;
  const r = InList.safeParse({ targets: list });
  if (r.success) return [];
  return describeIssues(r.error).map((i) => [i.field, i.code]);
}

function parse(target: unknown): Target {
  return TargetSchema.parse(target) as Target;
}

describe('targets: ip', () => {
  const canonical: Array<[string, string]> = [
    ['203.0.113.5', '203.0.113.5'],
    ['0.0.0.0', '0.0.0.0'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['::1', '::1'],
  ];
  for (const [input, want] of canonical) {
    it(`${input} → ${want}`, () => {
      const t = parse({ type: 'ip', address: input, at: AT });
      assert.equal(t.type === 'ip' && t.address, want);
      assert.equal(t.type === 'ip' && t.toleranceSeconds, 0, 'tolerance defaults to 0');
      assert.deepEqual(parse(t), t, 'idempotent');
    });
  }
  const bad = [
    '1.2.3',
    '256.1.1.1',
    '010.0.0.1',
    '0x7f.0.0.1',
    '127.1',
    'fe80::1%eth0',
    '2001:db8::g',
    'example.com',
    '',
    '1.2.3.4/24',
  ];
  for (const input of bad) {
    it(`${JSON.stringify(input)} → INVALID_ADDRESS at targets.2.address`, () => {
      assert.deepEqual(problems({ type: 'ip', address: input, at: AT }), [['targets.2.address', 'INVALID_ADDRESS']]);
    });
  }
  it('port and tolerance bounds', () => {
    assert.equal(
      problems({ type: 'ip', address: '192.0.2.1', port: 65535, at: AT, toleranceSeconds: 86400 }).length,
      0,
    );
    assert.deepEqual(problems({ type: 'ip', address: '192.0.2.1', port: 65536, at: AT }), [
      ['targets.2.port', 'VALIDATION_FAILED'],
    ]);
    assert.deepEqual(problems({ type: 'ip', address: '192.0.2.1', port: 1.5, at: AT }), [
      ['targets.2.port', 'VALIDATION_FAILED'],
    ]);
    assert.deepEqual(problems({ type: 'ip', address: '192.0.2.1', at: AT, toleranceSeconds: 86401 }), [
      ['targets.2.toleranceSeconds', 'VALIDATION_FAILED'],
    ]);
    assert.deepEqual(problems({ type: 'ip', address: '192.0.2.1', at: AT, toleranceSeconds: -1 }), [
      ['targets.2.toleranceSeconds', 'VALIDATION_FAILED'],
    ]);
  });
  it('an instant without offset is reported with its own code', () => {
    assert.deepEqual(problems({ type: 'ip', address: '192.0.2.1', at: '2026-03-01T10:00:00' }), [
      ['targets.2.at', 'INSTANT_WITHOUT_OFFSET'],
    ]);
  });
});

describe('targets: other identifiers', () => {
  const good: Array<[unknown, Record<string, unknown>]> = [
    [
      { type: 'account', id: ' user_1 ', service: 'X' },
      { id: 'user_1', service: 'X' },
    ],
    [{ type: 'email', address: 'Taro.Yamada@Example.CO.JP' }, { address: 'Taro.Yamada@example.co.jp' }],
    [{ type: 'email', address: 'user@日本語.jp' }, { address: 'user@日本語.jp' }],
    [{ type: 'phone', number: '090-1234-5678' }, { number: '+819012345678' }],
    [{ type: 'phone', number: '03-1234-5678' }, { number: '+81312345678' }],
    [{ type: 'phone', number: '０３（１２３４）５６７８' }, { number: '+81312345678' }],
    [{ type: 'phone', number: '+81 90 1234 5678' }, { number: '+819012345678' }],
    [{ type: 'phone', number: '+81-090-1234-5678' }, { number: '+819012345678' }],
    [{ type: 'phone', number: '+14155552671' }, { number: '+14155552671' }],
    [{ type: 'domain', name: 'Example.COM.' }, { name: 'example.com' }],
    [{ type: 'domain', name: '日本語.jp' }, { name: '日本語.jp' }],
    [{ type: 'domain', name: 'xn--wgv71a119e.jp' }, { name: 'xn--wgv71a119e.jp' }],
    [
      { type: 'url', url: 'https://bbs.example.jp/thread/1?p=2#r5', postId: '5' },
      { url: 'https://bbs.example.jp/thread/1?p=2#r5', postId: '5' },
    ],
    [{ type: 'url', url: 'http://例え.jp/' }, { url: 'http://例え.jp/' }],
    [
      { type: 'terminal', terminal: 'B-12', from: '2026-03-01T10:00:00+09:00', to: '2026-03-01T12:00:00+09:00' },
      { terminal: 'B-12' },
    ],
  ];
  for (const [input, want] of good) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      const t = parse(input) as Record<string, unknown>;
      for (const [k, v] of Object.entries(want)) assert.equal(t[k], v, k);
      assert.deepEqual(parse(t), t, 'idempotent');
    });
  }
  const bad: Array<[unknown, string, string]> = [
    [{ type: 'account', id: '   ' }, 'targets.2.id', 'INVALID_IDENTIFIER'],
    [{ type: 'email', address: 'no-at-sign' }, 'targets.2.address', 'INVALID_IDENTIFIER'],
    [{ type: 'email', address: 'a@b' }, 'targets.2.address', 'INVALID_IDENTIFIER'],
    [{ type: 'email', address: 'a b@example.com' }, 'targets.2.address', 'INVALID_IDENTIFIER'],
    [{ type: 'email', address: 'a..b@example.com' }, 'targets.2.address', 'INVALID_IDENTIFIER'],
    [{ type: 'phone', number: '110' }, 'targets.2.number', 'INVALID_IDENTIFIER'],
    [{ type: 'phone', number: '9012345678' }, 'targets.2.number', 'INVALID_IDENTIFIER'],
    [{ type: 'phone', number: '010-1-415-555-2671' }, 'targets.2.number', 'INVALID_IDENTIFIER'],
    [{ type: 'phone', number: '+0123456789' }, 'targets.2.number', 'INVALID_IDENTIFIER'],
    [{ type: 'domain', name: 'localhost' }, 'targets.2.name', 'INVALID_IDENTIFIER'],
    [{ type: 'domain', name: 'exa mple.com' }, 'targets.2.name', 'INVALID_IDENTIFIER'],
    [{ type: 'domain', name: '-bad.example.com' }, 'targets.2.name', 'INVALID_IDENTIFIER'],
    [{ type: 'domain', name: '192.0.2.1' }, 'targets.2.name', 'INVALID_IDENTIFIER'],
    [{ type: 'domain', name: 'https://example.com' }, 'targets.2.name', 'INVALID_IDENTIFIER'],
    [{ type: 'url', url: 'ftp://example.com/file' }, 'targets.2.url', 'INVALID_IDENTIFIER'],
    [{ type: 'url', url: 'javascript:alert(1)' }, 'targets.2.url', 'INVALID_IDENTIFIER'],
    [{ type: 'url', url: 'example.com/page' }, 'targets.2.url', 'INVALID_IDENTIFIER'],
    [
      { type: 'terminal', terminal: 'B-12', from: '2026-03-01T12:00:00+09:00', to: '2026-03-01T12:00:00+09:00' },
      'targets.2.to',
      'VALIDATION_FAILED',
    ],
    [
      { type: 'terminal', terminal: 'B-12', from: '2026-03-01T12:00:00+09:00', to: '2026-03-01T03:00:00Z' },
      'targets.2.to',
      'VALIDATION_FAILED',
    ],
  ];
  for (const [input, field, code] of bad) {
    it(`refuses ${JSON.stringify(input)} at ${field} with ${code}`, () => {
      assert.deepEqual(problems(input), [[field, code]]);
    });
  }
});

describe('targets: shape', () => {
  it('an unknown type is INVALID_IDENTIFIER at targets.N.type (one issue)', () => {
    assert.deepEqual(problems({ type: 'imei', value: '1' }), [['targets.2.type', 'INVALID_IDENTIFIER']]);
    assert.deepEqual(problems({ address: '192.0.2.1' }), [['targets.2.type', 'INVALID_IDENTIFIER']]);
  });
  it('the words say a missing type is missing, and name an unknown one (never "undefined")', () => {
    const words = (target: unknown) => {
      const r = InList.safeParse({ targets: [target] });
      assert.equal(r.success, false);
      const [issue] = r.success ? [] : describeIssues(r.error);
      return issue?.message;
    };
    const missing = words({ address: '192.0.2.1' });
    assert.match(missing?.ja ?? '', /^対象の種別がありません（ip, account/);
    assert.match(missing?.en ?? '', /^a target needs its type, one of ip, account/);
    assert.doesNotMatch(JSON.stringify(missing), /undefined/);
    const unknown = words({ type: 'imei', value: '1' });
    assert.match(unknown?.ja ?? '', /^対象の種別 "imei" は不明です/);
    assert.match(unknown?.en ?? '', /^unknown target type "imei"/);
  });
  it('unknown keys are refused (UNKNOWN_FIELD)', () => {
    assert.deepEqual(problems({ type: 'account', id: 'a', password: 'x' }), [['targets.2', 'UNKNOWN_FIELD']]);
  });
  it('a missing field is VALIDATION_FAILED naming it', () => {
    assert.deepEqual(problems({ type: 'ip', at: AT }), [['targets.2.address', 'VALIDATION_FAILED']]);
    assert.deepEqual(problems('192.0.2.1'), [['targets.2', 'VALIDATION_FAILED']]);
  });
  it('issueErrorCode maps a raw discriminator failure under targets to INVALID_IDENTIFIER', () => {
    const raw = {
      code: 'invalid_union',
      errors: [],
      note: 'No matching discriminator',
      discriminator: 'type',
      path: ['targets', 0, 'type'],
      message: 'x',
      input: 'q',
    };
    assert.equal(issueErrorCode(raw as unknown as Parameters<typeof issueErrorCode>[0]), 'INVALID_IDENTIFIER');
  });
});

describe('describeTarget', () => {
  it('one line per target, in both languages', () => {
    const ip = parse({ type: 'ip', address: '2001:db8::1', port: 443, at: AT, toleranceSeconds: 30 });
    assert.equal(describeTarget(ip, 'en'), `IP address [2001:db8::1]:443 at ${AT} (±30 s)`);
    assert.equal(describeTarget(ip, 'ja'), `IPアドレス [2001:db8::1]:443 日時 ${AT}（前後30秒）`);
    const v4 = parse({ type: 'ip', address: '192.0.2.1', port: 80, at: AT });
    assert.equal(describeTarget(v4, 'en'), `IP address 192.0.2.1:80 at ${AT}`);
    const all: unknown[] = [
      { type: 'account', id: 'u1', service: 'Svc' },
      { type: 'email', address: 'a@example.com' },
      { type: 'phone', number: '+81312345678' },
      { type: 'domain', name: 'example.com' },
      { type: 'url', url: 'https://example.com/p', postId: '9' },
      { type: 'terminal', terminal: 'T1', from: AT, to: '2026-03-01T11:00:00+09:00' },
    ];
    for (const t of all) {
      for (const locale of ['ja', 'en'] as const) {
        const line = describeTarget(parse(t), locale);
        assert.ok(line.length > 0 && !line.includes('\n'), line);
      }
    }
    assert.equal(describeTarget(parse(all[0]), 'ja'), 'アカウント u1（Svc）');
    assert.equal(describeTarget(parse(all[5]), 'en'), `Terminal T1 from ${AT} to 2026-03-01T11:00:00+09:00`);
  });
});

describe('parseOrThrow', () => {
  it('throws the first issue as a DomainError with every issue in details', async () => {
    const { parseOrThrow } = await import('../../src/domain/validation.ts');
    const { isDomainError } = await import('../../src/domain/errors.ts');
    assert.throws(
      () => parseOrThrow(InList, { targets: [{ type: 'ip', address: 'x', at: 'y' }] }, 'body'),
      (e: unknown) => {
        assert.ok(isDomainError(e));
        assert.equal(e.code, 'INVALID_ADDRESS');
        assert.equal(e.details?.field, 'body.targets.0.address');
        assert.equal(e.details?.value, 'x');
        const issues = e.details?.issues as Array<{ field: string; code: string }>;
        assert.deepEqual(
          issues.map((i) => [i.field, i.code]),
          [
            ['body.targets.0.address', 'INVALID_ADDRESS'],
            ['body.targets.0.at', 'VALIDATION_FAILED'],
          ],
        );
        return true;
      },
    );
    assert.deepEqual(parseOrThrow(InList, { targets: [] }), { targets: [] });
  });
});
