// The reason a second person gives for refusing a passkey to count, a provider key to register or a role to
// grant: one rule (the domain's RefusalReasonInput), so the three API bodies cannot drift apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefusalReasonInput } from '../../src/domain/refusal.ts';
import { REQUEST_BODIES } from '../../src/server/schemas.ts';

test('the three refusal bodies are the one domain rule', () => {
  assert.equal(REQUEST_BODIES.RefuseCredential, RefusalReasonInput);
  assert.equal(REQUEST_BODIES.RefuseKeyRegistration, RefusalReasonInput);
  assert.equal(REQUEST_BODIES.RefuseGrant, RefusalReasonInput);
});

test('a reason is trimmed words of 1 to 2,000 characters, and nothing else', () => {
  assert.deepEqual(RefusalReasonInput.parse({ reason: '  誰も知らない鍵  ' }), { reason: '誰も知らない鍵' });
  assert.equal(RefusalReasonInput.safeParse({ reason: 'x'.repeat(2000) }).success, true);
  for (const bad of [{ reason: '   ' }, { reason: 'x'.repeat(2001) }, {}, { reason: 'x', note: 'y' }]) {
    assert.equal(RefusalReasonInput.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 40));
  }
});
