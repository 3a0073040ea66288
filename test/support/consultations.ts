import assert from 'node:assert/strict';
import type { Client } from './exchange.ts';

/** A consultation `c` records at the desk: a threat on a board (by phone) about the post at `url`; its id. */
export async function recordConsultation(
  c: Client,
  o: { name: string; contact: string; account: string; url: string },
): Promise<string> {
  const r = await c.call<{ id: string }>('POST', '/v1/consultations', {
    category: 'defamation_threat',
    channel: 'phone',
    person: { name: o.name, contact: o.contact },
    account: o.account,
    targets: [{ type: 'url', url: o.url }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}
