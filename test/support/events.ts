// The live-update stream as a screen reads it: /v1/events of a signed-in client, its events collected
// until closed (the HTTP tests of live updates and `npm run bench:live`).
import assert from 'node:assert/strict';
import type { Client, TestHub } from './exchange.ts';

export interface Told {
  event: string;
  /** When it came (performance.now()). */
  at: number;
  data: { requestId: string; state: string; previousState: string | null; kind: string };
}

/** Listens to /v1/events as a signed-in client; collects events (with when each came) until closed. */
export async function listen(
  hub: Pick<TestHub, 'url'>,
  c: Pick<Client, 'token'>,
): Promise<{ told: Told[]; ready: Promise<void>; ended: Promise<void>; close: () => void }> {
  const controller = new AbortController();
  const res = await fetch(`${hub.url}/v1/events`, {
    headers: { authorization: `Bearer ${c.token}` },
    signal: controller.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const told: Told[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // Settles when the hub ends the stream (or the test closes it).
  const ended = (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === 'ready') markReady();
          else if (event && data) told.push({ event, at: performance.now(), data: JSON.parse(data) as Told['data'] });
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return { told, ready, ended, close: () => controller.abort() };
}
