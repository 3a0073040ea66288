import { type ApiClient, createApiClient, unwrap } from '../client/client.ts';
import { machineSigning } from '../client/machine.ts';
import type { MachineKey } from '../client/signing.ts';
import { type Fetch, type HubTransportOptions, hubFetch, type TransportError } from './transport.ts';

// The agent's one link to the hub: the typed client, signing every call with the machine key, over the
// pinned TLS transport. Everything the agent asks of the hub is one of the calls below.

export interface HubLink {
  api: ApiClient;
  /** Why the last call could not reach the hub (a refused pin, plain http, …), if it could not. */
  lastFailure(): TransportError | Error | undefined;
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
  return { api, lastFailure: () => failure, close: () => raw.close() };
}

/** The states in which a request addressed to the provider still waits for its answer. */
export const OPEN_STATES = 'received,under_review,clarified';

/** Every open request addressed to this provider (ids only: the envelope says the rest). */
export async function listOpenRequests(hub: HubLink): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const r = await unwrap(
      hub.api.GET('/v1/requests', {
        params: { query: { state: OPEN_STATES, limit: 200, ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const item of r.items) ids.push(item.id);
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return ids;
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
