import type { OpenAPIHono } from '@hono/zod-openapi';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { mayBeToldOf } from '../../exchange/live.ts';
import type { AppEvent } from '../../kernel/events.ts';
import { type AppEnv, principal } from '../env.ts';
import { STREAMS_PER_PERSON, STREAMS_PER_SESSION, streamSlots } from '../stream-slots.ts';

/** How often an idle stream sends a comment, so proxies do not close it. */
const HEARTBEAT_MS = 25_000;

/**
 * Live updates: a server-sent event stream of the changes the caller may see — a request drafted,
 * approved, received, answered… — told after each change commits. Events carry no personal data
 * (identity, kind and state); the screen reads what it shows through the API as usual. A session holds at
 * most a few streams, a person a few more over all their sessions, and the process a ceiling of them
 * (src/server/stream-slots.ts): one more is refused with 429 TOO_MANY_STREAMS, which a browser's EventSource
 * does not retry.
 */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/events',
    tags: ['live'],
    summary:
      'Server-sent events of changes the caller may see (event "request.changed": requestId, reference, kind, ' +
      'state, previousState, at); at most ' +
      `${STREAMS_PER_SESSION} open per session and ${STREAMS_PER_PERSON} per person (one more: 429 TOO_MANY_STREAMS)`,
    responses: {
      200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      429: { description: "the session's streams, the person's, or the hub's, are all open (TOO_MANY_STREAMS)" },
    },
  });
  const slots = streamSlots();
  app.get('/v1/events', (c) => {
    const p = principal(c);
    // Taken before the stream answers 200; freed when it ends, however it ends.
    const release = slots.take(c.get('session') ?? `principal:${p.id}`, `${p.kind}:${p.id}`);
    const ctx = c.get('ctx');
    // The stream outlives the call that opened it: who the caller is, and whether they still may be
    // told anything, is asked again before each event and each keep-alive. A session that ended (signed
    // out, expired, its user disabled) or a machine client's revoked key ends the stream.
    const principalNow = c.get('principalNow');
    return streamSSE(c, async (stream) => {
      try {
        await tell(stream);
      } finally {
        release();
      }
    });
    async function tell(stream: SSEStreamingApi): Promise<void> {
      const queue: AppEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = ctx.events.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: ctx.clock().toISOString() }) });
      try {
        while (open) {
          const e = queue.shift();
          if (e) {
            const p = await principalNow();
            if (!p) break;
            if (await mayBeToldOf(ctx.store.db, p, e, ctx.clock())) {
              const { type, requestId, reference, kind, state, previousState, at } = e;
              await stream.writeSSE({
                event: type,
                id: `${requestId}:${at}`,
                data: JSON.stringify({ requestId, reference, kind, state, previousState, at }),
              });
            }
            continue;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, HEARTBEAT_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          if (open && queue.length === 0) {
            if (!(await principalNow())) break;
            await stream.write(': keep-alive\n\n');
          }
        }
      } finally {
        unsubscribe();
      }
    }
  });
}
