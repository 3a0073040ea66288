import type { Middleware } from 'openapi-fetch';
import { type ApiClient, createApiClient } from './client.ts';
import { type MachineKey, signRequestHeaders } from './signing.ts';

/**
 * Signs every request of a machine client (a provider's own system) with its Ed25519 key: the method,
 * the path with its query, a timestamp, a fresh nonce and the SHA-256 of the body (signing.ts).
 */
export function machineSigning(key: MachineKey, clock: () => Date = () => new Date()): Middleware {
  return {
    async onRequest({ request }) {
      const url = new URL(request.url);
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : new Uint8Array();
      const headers = signRequestHeaders(key, request.method, url.pathname + url.search, body, clock());
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return request;
    },
  };
}

/** A typed client that signs as a machine client. */
export function createMachineClient(baseUrl: string, key: MachineKey, clock?: () => Date): ApiClient {
  return createApiClient({ baseUrl, middleware: [machineSigning(key, clock)] });
}
