// An audit entry about a request whose stored kind this version does not know (a newer version's word, a hand
// edit): the entry is still listed and exported, its kind null (said in the shared words), and the unknown kind is
// logged once per read — not once per row, which on an export of 10,000 entries would be 10,000 warnings.
import assert from 'node:assert/strict';
import { describe, mock, test } from 'node:test';
import type { AuditLogPage } from '../../src/audit/audit-search.ts';
import { logger } from '../../src/kernel/logger.ts';
import { testDialects } from '../support/dialects.ts';
import { hubHooks } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`an audit read over a request of an unknown kind (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test('its entries are read, the kind null, logged once per read', async () => {
      const auditor = await hub.as('auditor');
      const db = hub.ctx.store.db;
      const rows = await db.selectFrom('requests').select(['id', 'reference', 'kind']).execute();
      const target = rows.find((r) => r.kind === 'inquiry' && r.reference !== null);
      assert.ok(target?.reference, 'the demo issues an inquiry');
      await db.updateTable('requests').set({ kind: 'newer_kind' }).where('id', '=', target.id).execute();
      try {
        const warn = mock.method(logger, 'warn');
        const unreadable = () =>
          warn.mock.calls.filter(
            (c) => c.arguments[0] === 'store.stored_value_unreadable' && c.arguments[1]?.record === target.id,
          ).length;
        try {
          const query = new URLSearchParams({ request: target.reference });
          const r = await auditor.call<AuditLogPage>('GET', `/v1/audit/entries?${query}`);
          assert.equal(r.status, 200, JSON.stringify(r.body));
          const about = r.body.items.filter((e) => e.request?.id === target.id);
          assert.ok(about.length >= 2, `the demo's inquiry has several entries (${about.length})`);
          for (const e of about) assert.equal(e.request?.kind, null, `#${e.seq}: a kind not known is null`);
          assert.equal(unreadable(), 1, 'logged once for the page, not once per entry');
          const csv = await auditor.call<string>(
            'GET',
            `/v1/audit/export?${new URLSearchParams({ request: target.reference, lang: 'ja', zone: 'Asia/Tokyo' })}`,
          );
          assert.equal(csv.status, 200, String(csv.body));
          assert.equal(unreadable(), 2, 'and once for the export');
        } finally {
          warn.mock.restore();
        }
      } finally {
        await db.updateTable('requests').set({ kind: 'inquiry' }).where('id', '=', target.id).execute();
      }
    });
  });
}
