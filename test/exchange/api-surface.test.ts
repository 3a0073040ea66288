import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { verifyStoreAudit } from '../../src/audit/audit-service.ts';
import { clientSigningString } from '../../src/client/signing.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { sign } from '../../src/crypto/signatures.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, call, hubWithHooks, orgId } from '../support/exchange.ts';
import { confirmedByOperator } from '../support/key-registrations.ts';
import type {
  ApiError,
  AuditVerification,
  List,
  PolicyCheck,
  RequestDetail,
  RequestSummary,
} from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`API surface (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka']);

    test('GET /healthz answers when the store is ready; /openapi.json describes every route', async () => {
      const h = await call<{ status: string }>(hub.url, 'GET', '/healthz');
      assert.equal(h.status, 200);
      assert.equal(h.body.status, 'ok');
      const doc = await call<{
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      }>(hub.url, 'GET', '/openapi.json');
      assert.equal(doc.status, 200);
      assert.equal(doc.body.openapi, '3.1.0');
      for (const p of [
        '/v1/auth/login',
        '/v1/requests',
        '/v1/requests/{id}/transitions',
        '/v1/requests/{id}/answer',
        '/v1/intake',
        '/v1/audit/verify',
        '/v1/policy-check',
        '/v1/warrants/attest',
      ]) {
        assert.ok(doc.body.paths[p], `${p} is described`);
      }
      assert.ok(doc.body.components.schemas.RequestDetail);
    });

    test("a provider's own system calls the API with signed requests; a bad signature is refused", async () => {
      const admin = await hub.as('board.admin');
      const pair = generateSigningKeyPair();
      const reg = await admin.call<{ keyId: string; registration: { id: string } }>('POST', '/v1/clients', {
        name: 'board-intake-bot',
        publicKey: pair.publicKey,
        roles: ['provider_intake'],
      });
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      await confirmedByOperator(hub, reg.body.registration.id);
      const headersFor = (
        method: string,
        path: string,
        body: string | undefined,
        privateKey: string,
        ts = hub.ctx.clock().toISOString(),
        nonce = randomBytes(16).toString('base64url'),
      ) => ({
        'x-shokai-key': reg.body.keyId,
        'x-shokai-timestamp': ts,
        'x-shokai-nonce': nonce,
        'x-shokai-signature': sign(privateKey, clientSigningString(method, path, ts, nonce, body ?? '')),
      });
      const signed = async (method: string, path: string, body: string | undefined, privateKey: string, ts?: string) =>
        call<List<RequestSummary>>(hub.url, method, path, body, headersFor(method, path, body, privateKey, ts));
      const list = await signed('GET', '/v1/requests?limit=5', undefined, pair.privateKey);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(list.body.items.every((i) => i.provider?.id === orgs.board));
      const other = generateSigningKeyPair();
      assert.equal((await signed('GET', '/v1/requests?limit=5', undefined, other.privateKey)).status, 401);
      const stale = await signed(
        'GET',
        '/v1/requests?limit=5',
        undefined,
        pair.privateKey,
        new Date(hub.ctx.clock().getTime() - 3600_000).toISOString(),
      );
      assert.equal(stale.status, 401);
      // A time without its offset is bad input, named as such: it would read as the hub's local time.
      const noOffset = await call<ApiError>(
        hub.url,
        'GET',
        '/v1/requests?limit=5',
        undefined,
        headersFor(
          'GET',
          '/v1/requests?limit=5',
          undefined,
          pair.privateKey,
          hub.ctx.clock().toISOString().slice(0, -1),
        ),
      );
      assert.equal(noOffset.status, 400, JSON.stringify(noOffset.body));
      assert.equal(noOffset.body.error.code, 'INSTANT_WITHOUT_OFFSET');
      assert.equal(noOffset.body.error.details?.field, 'X-Shokai-Timestamp');
      // The signature covers the query: changing it after signing fails.
      const h = headersFor('GET', '/v1/requests?limit=5', undefined, pair.privateKey);
      assert.equal((await call(hub.url, 'GET', '/v1/requests?limit=6', undefined, h)).status, 401);
      // A captured signed request cannot be replayed: each nonce is accepted once.
      const once = headersFor('GET', '/v1/requests?limit=7', undefined, pair.privateKey);
      assert.equal((await call(hub.url, 'GET', '/v1/requests?limit=7', undefined, once)).status, 200);
      const replayed = await call<ApiError>(hub.url, 'GET', '/v1/requests?limit=7', undefined, once);
      assert.equal(replayed.status, 401);
      assert.match(replayed.body.error.message.en, /replay/);
      // Machine clients hold provider roles only, and only providers register them.
      assert.equal(
        (
          await admin.call('POST', '/v1/clients', {
            name: 'x',
            publicKey: pair.publicKey,
            roles: ['provider_legal', 'auditor'],
          })
        ).status,
        400,
      );
      const mpdAdmin = await hub.as('mpd.admin');
      assert.equal(
        (
          await mpdAdmin.call('POST', '/v1/clients', {
            name: 'x',
            publicKey: pair.publicKey,
            roles: ['provider_intake'],
          })
        ).status,
        403,
      );
    });

    test('concurrent state changes keep one intact audit chain', async () => {
      const content = (i: number) => ({
        kind: 'inquiry',
        providerOrganisationId: orgs.board,
        caseReference: 'CONC',
        offence: 'x',
        facts: 'x',
        necessity: 'x',
        targets: [{ type: 'account', id: `c-${i}` }],
        categories: ['subscriber'],
      });
      const ids = await Promise.all(
        Array.from(
          { length: 24 },
          async (_, i) => (await sato.call<RequestDetail>('POST', '/v1/requests', { content: content(i) })).body.id,
        ),
      );
      assert.equal(new Set(ids).size, 24);
      await Promise.all(ids.map((id) => sato.call('POST', `/v1/requests/${id}/transitions`, { action: 'submit' })));
      const approved = await Promise.all(ids.map((id) => approve(tanaka, id)));
      assert.ok(
        approved.every((r) => r.status === 200 && r.body.state === 'received'),
        JSON.stringify(approved.find((r) => r.status !== 200)?.body),
      );
      const v = await verifyStoreAudit(hub.ctx.store.db);
      assert.equal(v.ok, true, JSON.stringify(v.firstBad));
      const auditor = await hub.as('auditor');
      const viaApi = await auditor.call<AuditVerification>('GET', '/v1/audit/verify');
      assert.equal(viaApi.body.ok, true);
      assert.equal((await sato.call('GET', '/v1/audit/verify')).status, 403);
    });

    test('the policy check explains a refusal as the investigator types', async () => {
      const ispId = await orgId(hub, 'Nihon Network Communications K.K.');
      const r = await sato.call<PolicyCheck>('POST', '/v1/policy-check', {
        kind: 'inquiry',
        providerOrganisationId: ispId,
        categories: ['subscriber', 'access_log'],
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, false);
      assert.deepEqual(
        r.body.refusals.map((x) => x.category),
        ['access_log'],
      );
      assert.match(r.body.refusals[0]?.message.ja ?? '', /令状/);
      const ok = await sato.call<PolicyCheck>('POST', '/v1/policy-check', {
        kind: 'warrant',
        providerOrganisationId: ispId,
        categories: ['subscriber', 'access_log'],
      });
      assert.equal(ok.body.ok, true);
    });
  });
}
