// "Whom to ask" about an address through the API: the directory's declarations first, then the
// registry data; domestic, foreign, internet café, internal; every question audited; bad input
// refused naming the field; another organisation's case not found; roles without the right refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importRegistry } from '../../src/evidence/registry/registry-service.ts';
import { type WhomAnswer, WhomAnswerSchema } from '../../src/evidence/whom/whom-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, call, orgIds, startHub, type TestHub } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';
import { fixturePath, REGISTRY_FIXTURES } from './helpers.ts';

const AT = '2026-11-30T23:42:17+09:00';

for (const dialect of testDialects()) {
  describe(`POST /v1/evidence/whom (${dialect})`, () => {
    let hub: TestHub;
    let sato: Client;
    let ispId: string, cafeId: string;
    before(async () => {
      hub = await startHub(dialect);
      const files = REGISTRY_FIXTURES.map((name) => ({ name, content: readFileSync(fixturePath(name)) }));
      await run(hub.ctx, importRegistry, SYSTEM_CALLER, { files });
      ({ isp: ispId, cafe: cafeId } = await orgIds(hub));
      sato = await hub.as('sato');
    });
    after(async () => hub.close());

    const ask = async (body: unknown, who: Client = sato) => {
      const r = await who.call<WhomAnswer>('POST', '/v1/evidence/whom', body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      WhomAnswerSchema.parse(r.body);
      return r.body;
    };

    test('an address a carrier declared: that carrier, with its id; the question is audited', async () => {
      const a = await ask({ address: '203.0.113.45', port: 51234, at: AT });
      assert.equal(a.verdict, 'domestic');
      assert.equal(a.holder?.organisationId, ispId);
      assert.equal(a.holder?.matchedBy, 'cidr');
      assert.equal(a.holder?.matched, '203.0.113.0/24');
      assert.equal(a.port, 51234);
      assert.equal(a.atUtc, '2026-11-30T14:42:17.000Z');
      assert.deepEqual(
        a.reasons.map((r) => r.code),
        ['declared'],
      );
      const audit = await auditEntries(hub.ctx.store.db, 'evidence.whom_asked', '203.0.113.45');
      // This question, once (the demo's provision chain asks about an address of its own).
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.subjectId, '203.0.113.45');
      const details = audit[0]?.details ?? {};
      assert.equal(details.verdict, 'domestic');
      assert.equal(details.holder, ispId);
      assert.equal(details.port, 51234);
    });

    test('without the port and the instant the answer says what the carrier will need', async () => {
      const a = await ask({ address: '2001:db8:1000::7' });
      assert.equal(a.holder?.organisationId, ispId);
      assert.deepEqual(
        a.reasons.map((r) => r.code),
        ['declared', 'port_needed', 'instant_needed'],
      );
    });

    const cafeAndForeignTitle =
      'an internet café, a foreign network, a domestic holder not in the directory, an internal address';
    test(cafeAndForeignTitle, async () => {
      const cafe = await ask({ address: '192.0.2.200', at: AT });
      assert.equal(cafe.verdict, 'cafe');
      assert.equal(cafe.holder?.organisationId, cafeId);
      assert.ok(cafe.reasons.some((r) => r.code === 'cafe'));

      const foreign = await ask({ address: '185.12.64.5', at: AT });
      assert.equal(foreign.verdict, 'foreign');
      assert.equal(foreign.holder, null);
      assert.equal(foreign.registry?.country, 'DE');
      assert.equal(foreign.registry?.registry, 'ripencc');

      const undeclared = await ask({ address: '60.32.128.5', at: AT });
      assert.equal(undeclared.verdict, 'domestic');
      assert.equal(undeclared.holder, null);
      assert.equal(undeclared.registry?.holder?.name, 'Example Customer K.K.');
      assert.ok(undeclared.reasons.some((r) => r.code === 'registry_domestic_undeclared'));
      assert.match(undeclared.summary.en, /Example Customer K\.K\./);
      assert.ok(undeclared.registry?.source.some((s) => s.file === 'rdap-ocn.json'));

      const internal = await ask({ address: '10.1.2.3', at: AT });
      assert.equal(internal.verdict, 'not_public');
      assert.equal(internal.addressClass, 'private');

      // Japanese text runs a name into its particle: no space between a Japanese name and が, に, は…
      for (const a of [cafe, undeclared]) {
        for (const text of [a.summary.ja, ...a.reasons.map((r) => r.message.ja)]) {
          assert.doesNotMatch(text, /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}] [がにのをはで]/u, text);
        }
      }
      const declared = await ask({ address: '203.0.113.45', at: AT });
      assert.match(declared.summary.ja, /照会先は日本ネットワーク通信株式会社です/);

      const none = await ask({ address: '2400:cb00::1', at: AT });
      assert.equal(none.verdict, 'unknown');
      assert.ok(none.reasons.some((r) => r.code === 'no_data'));
    });

    test('bad input is refused naming the field', async () => {
      const cases: Array<[unknown, string, string]> = [
        [{ address: '203.0.113.256' }, 'address', 'INVALID_ADDRESS'],
        [{ address: 'fe80::1%eth0' }, 'address', 'INVALID_ADDRESS'],
        [{ address: '203.0.113.45', port: 70000 }, 'port', 'VALIDATION_FAILED'],
        [{ address: '203.0.113.45', at: '2026-11-30T23:42:17' }, 'at', 'INSTANT_WITHOUT_OFFSET'],
        [{ address: '203.0.113.45', colour: 'red' }, '(root)', 'UNKNOWN_FIELD'],
        [{}, 'address', 'VALIDATION_FAILED'],
      ];
      for (const [body, field, code] of cases) {
        const r = await sato.call<ApiError>('POST', '/v1/evidence/whom', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.details?.field, field, JSON.stringify(r.body));
        assert.equal(r.body.error.code, code, JSON.stringify(r.body));
      }
    });

    test("another organisation's case is not found; a role without the right and no session are refused", async () => {
      const made = await sato.call<{ id: string }>('POST', '/v1/cases', { reference: 'W-1', title: 'whom' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      await ask({ address: '203.0.113.45', at: AT, caseId: made.body.id });
      const osaka = await hub.as('osaka');
      const other = await osaka.call<ApiError>('POST', '/v1/evidence/whom', {
        address: '203.0.113.45',
        caseId: made.body.id,
      });
      assert.equal(other.status, 404, JSON.stringify(other.body));
      const judge = await hub.as('judge');
      assert.equal((await judge.call('POST', '/v1/evidence/whom', { address: '203.0.113.45' })).status, 403);
      const anonymous = await call(hub.url, 'POST', '/v1/evidence/whom', { address: '203.0.113.45' });
      assert.equal(anonymous.status, 401);
      const doc = await call<{ paths: Record<string, unknown> }>(hub.url, 'GET', '/openapi.json');
      assert.ok(doc.body.paths['/v1/evidence/whom']);
      assert.ok(doc.body.paths['/v1/evidence/mail']);
    });
  });
}
