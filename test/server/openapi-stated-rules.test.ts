// A rule checked by a refinement (so that its refusal carries Japanese) is still stated in the served API
// document, as the pattern or least length a client can read; the refusal itself stays in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApiFromApp } from '../../scripts/gen-api.ts';
import { EnrolInput } from '../../src/auth/enrolment.ts';
import { CreateUserInput } from '../../src/directory/model.ts';

type Node = { [key: string]: unknown };

/** Every value of `key` anywhere below `node`. */
function valuesOf(node: unknown, key: string): unknown[] {
  if (Array.isArray(node)) return node.flatMap((n) => valuesOf(n, key));
  if (node === null || typeof node !== 'object') return [];
  const own = key in node ? [(node as Node)[key]] : [];
  return [...own, ...Object.values(node).flatMap((n) => valuesOf(n, key))];
}

test('the API document states the patterns and least lengths that refinements check', async () => {
  const doc = await openApiFromApp();
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Node>;
  const user = schemas.CreateUser?.properties as Record<string, Node>;
  assert.equal(user.login?.pattern, '^[a-z0-9][a-z0-9._-]{1,62}$');
  assert.equal(user.password, undefined, 'an administrator sets no password');
  const enrol = schemas.Enrol?.properties as Record<string, Node>;
  assert.equal(enrol.password?.minLength, 12);
  assert.equal(enrol.password?.maxLength, 200);
  assert.equal(user.barRegistrationNumber?.pattern, '^\\d{1,6}$');
  assert.deepEqual(valuesOf(schemas.BreakGlass, 'minLength'), [10]);
  const request = valuesOf(schemas.CreateRequest, 'pattern');
  assert.ok(request.includes('^[A-Z]{2}$'), 'the MLAT country');
  assert.ok(request.includes('^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$'), 'the MLAT language');
  assert.ok(valuesOf(schemas.Reseal, 'pattern').includes('^[0-9a-f]{64}$'), "a resealed item's SHA-256");
  // What a response says of a request's content states them as well.
  assert.ok(valuesOf(schemas.RequestContent, 'pattern').includes('^[A-Z]{2}$'));
});

test('what the document states is what the refinement checks, and it refuses in both languages', () => {
  const base = { organisationId: 'org_1', displayName: 'x', roles: ['investigator'] };
  const refused = CreateUserInput.safeParse({ ...base, login: 'A-capital' });
  assert.equal(refused.success, false);
  const issue = refused.error?.issues[0];
  assert.match(String(issue?.message), /2 to 63 characters/);
  assert.match(String((issue as { params?: { ja?: string } } | undefined)?.params?.ja), /ログイン名/);
  assert.equal(CreateUserInput.safeParse({ ...base, login: 'ok.name' }).success, true);
  const enrolment = { login: 'ok', code: 'ABCD-EFGH-IJKL-MNOP-QRST' };
  assert.equal(EnrolInput.safeParse({ ...enrolment, password: 'a'.repeat(12) }).success, true);
  assert.equal(EnrolInput.safeParse({ ...enrolment, password: 'short' }).success, false);
});
