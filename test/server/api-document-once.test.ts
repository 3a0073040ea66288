// /openapi.json answers anyone, signed in or not. The document was built afresh for each call, holding the
// event loop for half a second or more (every route's schemas turned into JSON Schema): a caller asking for
// it in a loop stalled every other request of the hub — sign-in, an emergency request. It is built once.
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`the API document (${dialect})`, () => {
    const hub = hubHooks(dialect, { demo: false });

    test('is built at the first call only, and every call gets the same document', async () => {
      const app = createApp(hub.ctx, { web: false });
      const build = mock.method(app, 'getOpenAPI31Document');
      const answers = [];
      for (let i = 0; i < 3; i++) {
        const r = await app.request('/openapi.json');
        assert.equal(r.status, 200);
        assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
        answers.push(await r.text());
      }
      assert.equal(build.mock.callCount(), 1, 'built once');
      assert.equal(new Set(answers).size, 1, 'the same document each time');
      const doc = JSON.parse(answers[0] ?? '') as { openapi: string; info: { title: string }; paths: object };
      assert.equal(doc.openapi, '3.1.0');
      assert.equal(doc.info.title, 'shokai (照会) API');
      assert.ok(Object.keys(doc.paths).includes('/v1/auth/login'));
    });
  });
}
