// A printed request whose directory entries are gone: an inquiry drafted and approved as always, then rows
// removed as a store that lost them would hold them (their references left dangling).
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/database.ts';
import { approve, type Client, orgId, type TestHub } from '../support/exchange.ts';

/** An inquiry to the board drafted by `drafter`, submitted and approved by `approver`: its id. */
export async function approvedBoardInquiry(
  hub: TestHub,
  drafter: Client,
  approver: Client,
  caseReference: string,
): Promise<string> {
  const created = await drafter.call<{ id: string }>('POST', '/v1/requests', {
    content: {
      kind: 'inquiry',
      providerOrganisationId: await orgId(hub, 'Sakura Board K.K.'),
      caseReference,
      offence: '脅迫（刑法222条）',
      facts: '掲示板に、被害者の実名を挙げて危害を加える旨の書き込みがなされた。',
      necessity: '書き込みの発信者を特定するため。',
      targets: [{ type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-01T01:02:03Z' }],
      categories: ['subscriber'],
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal((await drafter.call('POST', `/v1/requests/${id}/transitions`, { action: 'submit' })).status, 200);
  assert.equal((await approve(approver, id)).status, 200);
  return id;
}

/** Removes `ids` from `table` without the foreign-key checks, as a store that lost the rows would hold it. */
export async function removeRows(store: Store, table: 'users' | 'units' | 'organisations', ids: string[]) {
  if (store.native.dialect === 'sqlite') {
    const db = store.native.sqlite;
    db.pragma('foreign_keys = OFF');
    try {
      db.prepare(`DELETE FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`).run(...ids);
    } finally {
      db.pragma('foreign_keys = ON');
    }
    return;
  }
  const client = await store.native.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica'); // no foreign-key triggers
    await client.query(`DELETE FROM ${table} WHERE id = ANY($1)`, [ids]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
