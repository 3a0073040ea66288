// The attribution lookup through the API: the provider that owns this installation's records asks
// who held an address and port at an instant and gets the verdict, the candidates and the log lines;
// people of any other organisation, roles without the right and bad input are refused; every
// lookup is audited without the holder's identity.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AttributionLookup } from '../../src/attribution/attribution-lookup.ts';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, call, orgId, startHub, type TestHub } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';
import { fixture } from './helpers.ts';
import { loadDirectoryFixtures, SOURCES } from './setup.ts';

const QUERY = { address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' };

for (const dialect of testDialects()) {
  describe(`POST /v1/attribution/lookup (${dialect})`, () => {
    let hub: TestHub;
    let operator: Client;
    before(async () => {
      hub = await startHub(dialect);
      const ispId = await orgId(hub, 'Nihon Network Communications K.K.');
      await run(hub.ctx, claimAttributionData, SYSTEM_CALLER, ispId);
      const repo = attributionRepository(hub.ctx.store);
      for (const s of SOURCES)
        await ingestFiles(repo, [fixture(s.file)], { format: s.format, ...(s.zone ? { zone: s.zone } : {}) });
      await loadDirectoryFixtures(hub.ctx);
      operator = await hub.as('isp.operator');
    });
    after(async () => hub.close());

    test("the owner's operator gets the holder, the log lines and the reasons in both languages; audited", async () => {
      const r = await operator.call<AttributionLookup>('POST', '/v1/attribution/lookup', QUERY);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.verdict, 'unique');
      assert.equal(r.body.candidates.length, 1);
      assert.equal(r.body.candidates[0]?.holder?.name, '山田 花子');
      assert.ok((r.body.candidates[0]?.sources.length ?? 0) > 0);
      assert.ok(r.body.candidates[0]?.sources.every((s) => s.file.length > 0 && s.line > 0));
      assert.equal(r.body.query.atUtc, '2026-03-28T16:30:12.000Z');
      assert.ok(r.body.reasons.every((x) => x.text.ja.length > 0 && x.text.en.length > 0));
      const audit = await auditEntries(hub.ctx.store.db, 'attribution.looked_up');
      assert.equal(audit.length, 1);
      assert.doesNotMatch(JSON.stringify(audit[0]?.details), /山田/);

      const legal = await hub.as('isp.legal');
      const none = await legal.call<AttributionLookup>('POST', '/v1/attribution/lookup', {
        ...QUERY,
        address: '198.51.100.200',
      });
      assert.equal(none.status, 200);
      assert.equal(none.body.verdict, 'none');
      assert.ok(none.body.reasons.some((x) => x.code === 'unknown_address'));
    });

    test('another provider, an investigator, no session and bad input are refused', async () => {
      const board = await hub.as('board.legal');
      const other = await board.call<ApiError>('POST', '/v1/attribution/lookup', QUERY);
      assert.equal(other.status, 403, JSON.stringify(other.body));
      const sato = await hub.as('sato');
      assert.equal((await sato.call('POST', '/v1/attribution/lookup', QUERY)).status, 403);
      assert.equal((await call(hub.url, 'POST', '/v1/attribution/lookup', QUERY)).status, 401);
      const bad: Array<[unknown, string, string]> = [
        [{ ...QUERY, address: '203.0.113.300' }, 'address', 'INVALID_ADDRESS'],
        [{ ...QUERY, at: '2026-03-29T01:30:12' }, 'at', 'INSTANT_WITHOUT_OFFSET'],
        [{ ...QUERY, port: -1 }, 'port', 'VALIDATION_FAILED'],
        [{ address: QUERY.address }, 'at', 'VALIDATION_FAILED'],
        [{ ...QUERY, extra: 1 }, '(root)', 'UNKNOWN_FIELD'],
      ];
      for (const [body, field, code] of bad) {
        const r = await operator.call<ApiError>('POST', '/v1/attribution/lookup', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.details?.field, field, JSON.stringify(r.body));
        assert.equal(r.body.error.code, code);
      }
    });
  });
}
