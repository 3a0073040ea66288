// Reads of the API that tests make the same way in many places, each typed with the reply it expects: a
// request's signed envelope, and the requests a person's list holds.
import type { Client } from './exchange.ts';
import type { EnvelopeReply, List, RequestSummary } from './replies.ts';

/** The signed envelope of the request `id`, as `c` reads it. */
export async function envelopeOf(c: Client, id: string): Promise<EnvelopeReply['envelope']> {
  return (await c.call<EnvelopeReply>('GET', `/v1/requests/${id}/envelope`)).body.envelope;
}

/** The requests `c` lists for the query `query` (by default, the first 200). */
export async function listedRequests(c: Client, query = 'limit=200'): Promise<RequestSummary[]> {
  return (await c.call<List<RequestSummary>>('GET', `/v1/requests?${query}`)).body.items;
}
