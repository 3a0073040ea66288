// The installation's own pages were served by the adapter's `serve`: what it wrote before the pages' app
// ran carried none of the security headers — @hono/node-server's empty 400 to a request it could make no
// URL of (a backslash in the path, a Host that is no host), Node's bare 417 to an unknown `Expect:`. They
// now go through the hub's server (src/server/socket-answers.ts): the same headers, and what was wrong in
// Japanese and English as the API's errors say it. The pages themselves keep their own policy and add the
// door's other headers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AgentPages, startAgentPages } from '../../src/agent/web.ts';
import { boardDeskHooks } from '../support/agent.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { assertDoorHeaders, parsed, rawExchange, socketAnswerTests } from '../support/raw-http.ts';

const PAGES_POLICY = "default-src 'self'; style-src 'unsafe-inline'; form-action 'self'";

describe("the installation's pages: answers written before the app carry the headers (sqlite)", () => {
  const { hub } = hubWithHooks('sqlite', []);
  const desk = boardDeskHooks(hub, 'sqlite');
  let pages: AgentPages | undefined;
  before(async () => {
    pages = await startAgentPages(desk.rt, { host: '127.0.0.1', port: 0 });
  });
  after(() => pages?.close());
  const answer = async (text: string) => parsed(await rawExchange(pages?.url ?? assert.fail('no pages'), text));

  socketAnswerTests(answer, '/login', '127.0.0.1');

  test("a page keeps its own policy and referrer policy, with the door's other headers, each once", async () => {
    const request = 'GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
    const raw = await rawExchange(pages?.url ?? assert.fail('no pages'), request);
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    assert.match(head, /^HTTP\/1\.1 200 /);
    const headers = new Map<string, string>();
    for (const line of head.split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      assert.ok(!headers.has(name), `${name} written once`);
      headers.set(name, line.slice(colon + 1).trim());
    }
    // same-origin, not no-referrer: under no-referrer a browser posts the pages' forms with `Origin: null`
    assertDoorHeaders(headers, 'GET /login', { policy: PAGES_POLICY, referrer: 'same-origin' });
  });
});
