import { type ApiClient, ApiError, createApiClient, unwrap } from '../client/client.ts';
import { machineSigning } from '../client/machine.ts';
import { requestView } from '../client/request-carry.ts';
import { type MachineKey, signRequestHeaders } from '../client/signing.ts';
import { logger } from '../kernel/logger.ts';
import { type Fetch, type HubTransportOptions, hubFetch, type TransportError } from './transport.ts';

// The agent's one link to the hub: the typed client, signing every call with the machine key, over the
// pinned TLS transport. Everything the agent asks of the hub is one of the calls below.

export interface HubLink {
  api: ApiClient;
  /** Why the last call could not reach the hub (a refused pin, plain http, …), if it could not. */
  lastFailure(): TransportError | Error | undefined;
  /**
   * Push: follows the hub's event stream (GET /v1/events, signed like every call) and calls `onChange`
   * for each change of a request the provider may see (id and state only); reconnects after a pause.
   */
  watch(onChange: (e: { requestId: string; state: string }) => void): { close(): void };
  close(): void;
}

export function connectHub(
  transport: HubTransportOptions,
  key: MachineKey,
  options: { clock?: () => Date; wrap?: (f: Fetch) => Fetch } = {},
): HubLink {
  const raw = hubFetch(transport);
  const inner = options.wrap ? options.wrap(raw) : raw;
  let failure: Error | undefined;
  // The typed client turns an unreachable hub into ApiError(0): keep why, for the log and the status page.
  const fetch: Fetch = async (input, init) => {
    try {
      const r = await inner(input, init);
      failure = undefined;
      return r;
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      throw err;
    }
  };
  const base = transport.url.replace(/\/+$/, '');
  const api = createApiClient({ baseUrl: base, fetch, middleware: [machineSigning(key, options.clock)] });
  const MAX_EVENT_TEXT = 64 * 1024;
  const watch = (onChange: (e: { requestId: string; state: string }) => void) => {
    let current: { close(): void } | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const connect = () => {
      if (stopped) return;
      const path = '/v1/events';
      const headers = signRequestHeaders(key, 'GET', path, '', (options.clock ?? (() => new Date()))());
      let buffer = '';
      current = raw.stream(
        `${base}${path}`,
        { ...headers, accept: 'text/event-stream' },
        (text) => {
          buffer += text;
          // An event is a few hundred bytes: a hub that sends more without ending one is cut off (and tried
          // again later), not read into memory until the process dies.
          if (buffer.length > MAX_EVENT_TEXT) {
            buffer = '';
            current?.close();
            if (!stopped) timer = setTimeout(connect, 5_000);
            return;
          }
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const event = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = event
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('');
            if (!event.includes('event: request.changed') || !data) continue;
            try {
              const e = JSON.parse(data) as { requestId?: unknown; state?: unknown };
              if (typeof e.requestId === 'string' && typeof e.state === 'string') {
                onChange({ requestId: e.requestId, state: e.state });
              }
            } catch {
              // not an event of ours
            }
          }
        },
        () => {
          if (!stopped) timer = setTimeout(connect, 5_000);
        },
      );
    };
    connect();
    return {
      close() {
        stopped = true;
        if (timer) clearTimeout(timer);
        current?.close();
      },
    };
  };
  return { api, lastFailure: () => failure, watch, close: () => raw.close() };
}

/** The states in which a request addressed to the provider is still open at the hub. */
export const OPEN_AT_HUB = 'received,under_review,clarification_requested,clarified,awaiting_opinion';
/** Of those, the states in which the agent takes a request in (it waits for the provider's answer). */
export const INTAKE_STATES: readonly string[] = ['received', 'under_review', 'clarified'];

/**
 * Every request open at the hub addressed to this provider (ids and states only: the envelope says the
 * rest): those in INTAKE_STATES are taken in; a request held here that is in none is asked about.
 */
export async function listOpenRequests(hub: HubLink): Promise<Array<{ id: string; state: string }>> {
  const items: Array<{ id: string; state: string }> = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const r = await unwrap(
      hub.api.GET('/v1/requests', {
        params: { query: { state: OPEN_AT_HUB, limit: 200, ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const item of r.items) items.push({ id: item.id, state: item.state });
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return items;
}

/** One request as the hub shows it to the provider (its state, times and thread; every read is audited there). */
export async function fetchRequest(hub: HubLink, requestId: string): Promise<unknown> {
  return requestView(hub.api, requestId);
}

/**
 * One request as the hub shows it to the provider, or undefined when the hub does not show it (404, 403:
 * logged as a warning, the request held here left as it is).
 */
export async function fetchRequestIfShown(hub: HubLink, requestId: string): Promise<unknown> {
  try {
    return await fetchRequest(hub, requestId);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) {
      logger.warn('agent.hub_does_not_show', { requestId, status: err.status });
      return undefined;
    }
    throw err;
  }
}

/** The signed envelope of a request, as the hub keeps it (the agent verifies it itself). */
export async function fetchEnvelope(hub: HubLink, requestId: string): Promise<unknown> {
  const r = await unwrap(hub.api.GET('/v1/requests/{id}/envelope', { params: { path: { id: requestId } } }));
  return r.envelope;
}

/** The hub's directory as it publishes it now (pinned only if it extends the pinned one). */
export async function fetchDirectory(hub: HubLink): Promise<unknown> {
  return unwrap(hub.api.GET('/v1/directory/export', {}));
}

/**
 * The people of the installation's own organisation as the hub registers them (GET /v1/users: the hub
 * lists the caller's organisation only; needs `user.list`, which the machine client holds as
 * `provider_legal`). Their names, so the pin's keys of a person can be said by name (./hub-people.ts).
 */
export async function listOwnPeople(hub: HubLink): Promise<unknown> {
  // The hub's answer as it came (its items, when it has any): the caller checks each, the hub's word.
  const r: unknown = await unwrap(hub.api.GET('/v1/users', {}));
  return r && typeof r === 'object' && 'items' in r ? r.items : undefined;
}
