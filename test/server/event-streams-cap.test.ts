// A signed-in caller could hold any number of /v1/events streams open, each asking the store, for every
// event, whether its caller may be told: a few sessions could tie up the hub. Now a session holds at most
// four (one more is refused with 429 TOO_MANY_STREAMS, in both languages, which a browser's EventSource does
// not retry), a stream closed frees its place, and the process has a ceiling for all sessions together.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import { STREAMS_PER_SESSION, streamSlots } from '../../src/server/stream-slots.ts';
import { testDialects } from '../support/dialects.ts';
import { listen } from '../support/events.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`live event streams per session (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const open = (token: string) => fetch(`${hub.url}/v1/events`, { headers: { authorization: `Bearer ${token}` } });

    test('a session holds four streams; the fifth is refused in both languages; one closed frees a place', async () => {
      const streams = [];
      for (let i = 0; i < STREAMS_PER_SESSION; i++) {
        const s = await listen(hub, sato);
        await s.ready;
        streams.push(s);
      }
      try {
        const refused = await open(sato.token);
        assert.equal(refused.status, 429);
        const body = (await refused.json()) as ApiError;
        assert.equal(body.error.code, 'TOO_MANY_STREAMS');
        assert.match(body.error.message.ja, /4つまで/);
        assert.match(body.error.message.en, /at most 4 live update streams per session/);
        // Another session is not held back by this one's streams.
        const other = await listen(hub, tanaka);
        await other.ready;
        other.close();
        // A stream closed frees its place (the hub sees the close shortly after).
        streams.shift()?.close();
        let again: Response | undefined;
        for (let i = 0; i < 50; i++) {
          const r = await open(sato.token);
          if (r.status === 200) {
            again = r;
            break;
          }
          await r.body?.cancel();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.equal(again?.status, 200, 'the place of the closed stream is free again');
        await again?.body?.cancel();
      } finally {
        for (const s of streams) s.close();
      }
    });
  });
}

describe('the process ceiling of live streams', () => {
  test('counts every session together, and a stream freed twice frees one place', () => {
    const slots = streamSlots(2, 3);
    const a1 = slots.take('a');
    slots.take('a');
    assert.throws(
      () => slots.take('a'),
      (e: unknown) => e instanceof DomainError && e.code === 'TOO_MANY_STREAMS',
    );
    slots.take('b');
    assert.throws(
      () => slots.take('c'),
      (e: unknown) => e instanceof DomainError && e.code === 'TOO_MANY_STREAMS' && /the hub holds/.test(e.messages.en),
    );
    a1();
    a1();
    assert.equal(slots.open(), 2);
    slots.take('c');
    assert.throws(() => slots.take('d'));
  });
});
