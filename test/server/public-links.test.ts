// The hearing letter is mailed to the subscriber with a reply link and a one-time code: whoever has both
// answers for the subscriber (consents to being named, or objects). The link named the origin of the
// provider's request — its Host header — so behind a reverse proxy the letter sent people to the proxy's
// upstream over plain http (http://127.0.0.1:8080/hearing/…, with the code printed beside it), and a caller
// sending another Host had the hub print a link to a site of their choosing on an official letter. Now the
// link names SHOKAI_PUBLIC_URL, or the host passkeys are scoped to, over https; only a hub on localhost (the
// demo) names the request's own origin.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/kernel/config.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, underReview } from '../support/flow.ts';

interface Sent {
  replyPath: string;
  letterWithCode: string;
}

/** A POST over a socket with the headers as given (fetch will not send another Host). */
function post(url: string, path: string, body: unknown, headers: Record<string, string>) {
  const { hostname, port } = new URL(url);
  const text = JSON.stringify(body);
  return new Promise<{ status: number; body: Sent }>((resolve, reject) => {
    const r = request(
      {
        host: hostname,
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          data += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) as Sent }));
      },
    );
    r.on('error', reject);
    r.end(text);
  });
}

/** Runs `act` with the environment variables set as given, then as they were. */
async function withEnv<T>(vars: Record<string, string>, act: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await act();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

for (const dialect of testDialects()) {
  describe(`links printed for people outside the hub (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal']);

    async function sendLetter(n: string, headers: Record<string, string>) {
      const id = await underReview({ drafter: lawyer, head: lawyer, provider: board }, defamationClaim(orgs.board, n));
      const sent = await post(
        hub.url,
        `/v1/requests/${id}/hearing`,
        { subscriberName: '田中 次郎', subscriberAddress: '東京都新宿区西新宿2-8-1' },
        { authorization: `Bearer ${board.token}`, ...headers },
      );
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      return sent.body;
    }
    const forged = { host: 'hub.attacker.example', 'x-forwarded-host': 'hub.attacker.example' };

    test('the reply link names SHOKAI_PUBLIC_URL, whatever Host the request came with', async () => {
      const sent = await withEnv({ SHOKAI_PUBLIC_URL: 'https://hub.example.jp/' }, () => sendLetter('7301', forged));
      assert.ok(
        sent.letterWithCode.includes(`https://hub.example.jp${sent.replyPath}`),
        `the letter names the hub's public origin: ${sent.letterWithCode}`,
      );
      assert.ok(!sent.letterWithCode.includes('attacker'), 'not the Host the request came with');
    });

    test('without it, the host passkeys are scoped to, over https', async () => {
      const sent = await withEnv({ SHOKAI_WEBAUTHN_RP_ID: 'hub.example.jp' }, () =>
        sendLetter('7302', { host: '127.0.0.1:8080' }),
      );
      assert.ok(sent.letterWithCode.includes(`https://hub.example.jp${sent.replyPath}`), sent.letterWithCode);
      assert.ok(!sent.letterWithCode.includes('http://127.0.0.1'), "not the proxy's upstream over http");
    });

    test('a hub on localhost (the demo) names the origin it was reached on', async () => {
      const sent = await sendLetter('7303', {});
      assert.ok(sent.letterWithCode.includes(`${hub.url}${sent.replyPath}`), sent.letterWithCode);
    });
  });
}

test('SHOKAI_PUBLIC_URL is an https origin (http only for localhost), refused otherwise naming it', () => {
  const of = (SHOKAI_PUBLIC_URL: string) => loadConfig({ SHOKAI_PUBLIC_URL }).publicUrl;
  assert.equal(of('https://hub.example.jp/'), 'https://hub.example.jp');
  assert.equal(of('https://hub.example.jp:8443'), 'https://hub.example.jp:8443');
  assert.equal(of('http://localhost:8080'), 'http://localhost:8080');
  for (const bad of ['http://hub.example.jp', 'https://hub.example.jp/shokai', 'https://u:p@hub.example.jp', 'hub']) {
    assert.throws(
      () => of(bad),
      (e: Error & { details?: { field?: string } }) =>
        e.details?.field === 'SHOKAI_PUBLIC_URL' && /https/.test(e.message),
      bad,
    );
  }
  assert.equal(loadConfig({}).publicUrl, undefined);
});
