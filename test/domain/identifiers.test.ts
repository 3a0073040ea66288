import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchingKey, matchingKeys } from '../../src/domain/identifiers.ts';
import { type Target, TargetSchema } from '../../src/domain/targets.ts';

const key = (t: unknown) => matchingKey(TargetSchema.parse(t) as Target);

test('one identifier written several ways has one matching key', () => {
  const same: Array<[unknown, unknown]> = [
    [
      { type: 'ip', address: '203.0.113.9', at: '2026-01-01T00:00:00Z' },
      { type: 'ip', address: '::ffff:203.0.113.9', at: '2026-02-01T09:00:00+09:00', port: 443 },
    ],
    [
      { type: 'ip', address: '2001:DB8:0:0::1', at: '2026-01-01T00:00:00Z' },
      { type: 'ip', address: '2001:db8::1', at: '2026-01-01T00:00:00Z' },
    ],
    [
      { type: 'email', address: 'Taro.Y@Example.JP' },
      { type: 'email', address: 'taro.y@example.jp.' },
    ],
    [
      { type: 'phone', number: '０３-５５５５-０１０１' },
      { type: 'phone', number: '+81355550101' },
    ],
    [
      { type: 'account', id: '@Taro', service: 'Sakura' },
      { type: 'account', id: 'taro', service: ' sakura ' },
    ],
    [
      { type: 'domain', name: 'ドメイン.example' },
      { type: 'domain', name: 'xn--eckwd4c7c.example' },
    ],
    [
      { type: 'url', url: 'https://Board.Example/t/1/?p=2#r5' },
      { type: 'url', url: 'http://board.example/t/1?p=2', postId: '5' },
    ],
  ];
  for (const [a, b] of same) {
    assert.ok(key(a) !== null, JSON.stringify(a));
    assert.equal(key(a), key(b), `${JSON.stringify(a)} ~ ${JSON.stringify(b)}`);
  }
});

test('different identifiers, and the same text as another type, have different keys', () => {
  assert.notEqual(
    key({ type: 'account', id: 'taro', service: 'a' }),
    key({ type: 'account', id: 'taro', service: 'b' }),
  );
  assert.notEqual(
    key({ type: 'url', url: 'https://b.example/t/1' }),
    key({ type: 'url', url: 'https://b.example/t/2' }),
  );
  assert.notEqual(
    key({ type: 'url', url: 'https://b.example:8443/' }),
    key({ type: 'url', url: 'https://b.example/' }),
  );
  assert.notEqual(key({ type: 'domain', name: 'b.example' }), key({ type: 'url', url: 'https://b.example/' }));
  assert.equal(
    key({ type: 'terminal', terminal: 'B-12', from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z' }),
    null,
  );
  assert.deepEqual(
    matchingKeys(
      [
        { type: 'email', address: 'a@b.example' },
        { type: 'email', address: 'A@B.example' },
      ].map((t) => TargetSchema.parse(t) as Target),
    ),
    ['email:a@b.example'],
  );
});
