// The typed client's types (src/client/api-types.ts) are generated from the server's OpenAPI document;
// this fails when the API changed and `npm run gen:api` was not run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generate, openApiFromApp } from '../../scripts/gen-api.ts';

test('src/client/api-types.ts matches the server’s OpenAPI document (run `npm run gen:api` if not)', async () => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'client', 'api-types.ts'), 'utf8');
  assert.equal(generate(await openApiFromApp()), committed);
});
