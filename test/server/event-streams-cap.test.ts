// A signed-in caller could hold any number of /v1/events streams open, each asking the store, for every
// event, whether its caller may be told: a few sessions could tie up the hub. Now a session holds at most
// four (one more is refused with 429 TOO_MANY_STREAMS, in both languages, which a browser's EventSource does
// not retry), a stream closed frees its place, and the process has a ceiling for all sessions together. A
// person who signs in again (a fresh code every 30 s) holds at most eight over all their sessions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../../src/domain/errors.ts';
import { STREAMS_PER_PERSON, STREAMS_PER_SESSION, streamSlots } from '../../src/server/stream-slots.ts';
import { testDialects } from '../support/dialects.ts';
import { listen } from '../support/events.ts';
import { hubWithHooks, postDemoLogin } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

/** A stream's opening call as it answers, refused or not. */
const open = (hub: { url: string }, token: string) =>
  fetch(`${hub.url}/v1/events`, { headers: { authorization: `Bearer ${token}` } });

for (const dialect of testDialects()) {
  describe(`live event streams per session (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    test('a session holds four streams; the fifth is refused in both languages; one closed frees a place', async () => {
      const streams = [];
      for (let i = 0; i < STREAMS_PER_SESSION; i++) {
        const s = await listen(hub, sato);
        await s.ready;
        streams.push(s);
      }
      try {
        const refused = await open(hub, sato.token);
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
          const r = await open(hub, sato.token);
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

for (const dialect of testDialects()) {
  describe(`live event streams per person (${dialect})`, () => {
    let now = Date.now();
    const { hub } = hubWithHooks(dialect, [], { clock: () => new Date(now) });
    /** A fresh session of the person: a sign-in 30 s later, with that step's code. */
    const session = async (login: string) => {
      now += 30_000;
      const r = await postDemoLogin(hub, login, () => now, { returnToken: true });
      assert.equal(r.status, 200);
      return { token: ((await r.json()) as { token: string }).token };
    };

    test('a person signed in again and again holds eight streams over all their sessions, then none', async () => {
      const streams = [];
      try {
        for (let i = 0; i < STREAMS_PER_PERSON / STREAMS_PER_SESSION; i++) {
          const s = await session('sato');
          for (let j = 0; j < STREAMS_PER_SESSION; j++) {
            const l = await listen(hub, s);
            await l.ready;
            streams.push(l);
          }
        }
        const refused = await open(hub, (await session('sato')).token);
        assert.equal(refused.status, 429);
        const body = (await refused.json()) as ApiError;
        assert.equal(body.error.code, 'TOO_MANY_STREAMS');
        assert.match(body.error.message.ja, /すべてのセッションを合わせて8つまで/);
        assert.match(body.error.message.en, /at most 8 live update streams per person/);
        // Another person is not held back by sato's.
        const other = await listen(hub, await session('tanaka'));
        await other.ready;
        other.close();
      } finally {
        for (const s of streams) s.close();
      }
    });
  });
}

describe('the process ceiling of live streams', () => {
  test('counts every session together, and a stream freed twice frees one place', () => {
    const slots = streamSlots(2, 3);
    const a1 = slots.take('a', 'p');
    slots.take('a', 'p');
    assert.throws(
      () => slots.take('a', 'p'),
      (e: unknown) => e instanceof DomainError && e.code === 'TOO_MANY_STREAMS',
    );
    slots.take('b', 'q');
    assert.throws(
      () => slots.take('c', 'r'),
      (e: unknown) => e instanceof DomainError && e.code === 'TOO_MANY_STREAMS' && /the hub holds/.test(e.messages.en),
    );
    a1();
    a1();
    assert.equal(slots.open(), 2);
    slots.take('c', 'r');
    assert.throws(() => slots.take('d', 's'));
  });
});
