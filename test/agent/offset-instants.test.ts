// A hostile hub writing the log's instants with a UTC offset. The pin accepts any ISO instant with its offset
// (src/domain/pinned-times.ts) and orders entries as instants, so `2026-12-07T09:00:00-10:00` (19:00 UTC) may
// follow `2026-12-07T12:00:00Z`; as text it sorts before it. A key's validity, its revocation and the provider's
// watch of networks declared in its name must read instants, not text: a key the hub minted six hours after an
// approval must not sign that approval, however its entry's `at` is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Arrival, receiveEnvelope } from '../../src/agent/intake.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { signCanonical } from '../../src/crypto/signatures.ts';
import { createKey } from '../../src/directory/keys.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import { keyRevokedBy, keyValidAt } from '../../src/domain/key-trust.ts';
import { type DirectoryExport, signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { NETWORKS_DECLARATION_PURPOSE, networksDeclarationPayload } from '../../src/domain/pinned-networks.ts';
import {
  foreignOwnDeclarations,
  ignoredSinceInForce,
  routableDeclarations,
} from '../../src/domain/pinned-networks-routing.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { startAgent, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { forgedWithApproverKey, issuedEnvelope } from '../support/envelopes.ts';
import { startHub, type TestHub } from '../support/exchange.ts';
import { issue, threatPostInquiry } from '../support/flow.ts';

const BOARD = 'Sakura Board K.K.';
const HOUR = 3600_000;

/** `iso`'s instant written in the offset `hours` (e.g. -10 → `…-10:00`): the same instant, other text. */
function inOffset(iso: string, hours: number): string {
  const local = new Date(Date.parse(iso) + hours * HOUR).toISOString().replace(/Z$/, '');
  const sign = hours < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}

describe('key instants are compared as instants, whatever offset the log writes', () => {
  test('the written form', () => {
    const at = '2026-12-07T19:00:00.000Z';
    assert.equal(inOffset(at, -10), '2026-12-07T09:00:00.000-10:00');
    assert.equal(Date.parse(inOffset(at, -10)), Date.parse(at));
  });

  test('a key entered at 19:00 UTC, written -10:00, was not valid at 12:00 UTC', () => {
    const k = { validFrom: '2026-12-07T09:00:00.000-10:00', validTo: null, revokedAt: null, revocationReason: null };
    assert.equal(keyValidAt(k, '2026-12-07T12:00:00.000Z'), false);
    assert.equal(keyValidAt(k, '2026-12-07T19:00:00.000Z'), true);
  });

  test('a key revoked at 09:00 UTC, written +09:00, is revoked at 12:00 UTC; an unreadable revocation counts', () => {
    const k = { validFrom: '2026-01-01T00:00:00.000Z', validTo: null, revocationReason: 'compromised' };
    assert.equal(keyRevokedBy({ ...k, revokedAt: '2026-12-07T18:00:00.000+09:00' }, '2026-12-07T12:00:00.000Z'), true);
    assert.equal(keyRevokedBy({ ...k, revokedAt: 'yesterday' }, '2026-12-07T12:00:00.000Z'), true);
  });

  test("an unsigned networks entry in the provider's name, dated with an offset, is still flagged", () => {
    const org = 'org_offset_provider';
    const entries = [
      {
        type: 'key' as const,
        at: '2026-12-07T12:00:00.000Z',
        id: 'key_installation',
        organisationId: org,
        ownerType: 'organisation',
        ownerId: org,
        purpose: 'signing',
        algorithm: 'ed25519',
        publicKey: 'unused',
        fingerprint: 'unused',
        credential: null,
      },
      // 19:00 UTC, seven hours after the installation key: not signed by it, so the provider must be told.
      {
        type: 'networks' as const,
        at: '2026-12-07T09:00:00.000-10:00',
        id: 'net_forged',
        organisationId: org,
        cidrs: ['203.0.113.0/24'],
        asns: [],
        domains: [],
      },
    ];
    const found = foreignOwnDeclarations(entries, org, 'key_installation');
    assert.deepEqual(
      found.map((f) => [f.id, f.problem]),
      [['net_forged', 'unsigned']],
    );
  });
});

describe("the plan's notice of declarations it did not route by reads instants", () => {
  test('an ignored entry written -10:00, seven hours after the signed one in force, is still said', () => {
    // Review finding L1: src/agent/provision.ts kept the ignored declarations newer than the one routed by with
    // `at > routedAt` as text, so one written `…T09:00-10:00` (19:00 UTC) read as older than `…T12:00Z`: dropped.
    const org = 'org_offset_isp';
    const pair = generateSigningKeyPair();
    const set = { organisationId: org, cidrs: ['203.0.113.0/24'], asns: [], domains: [] };
    const signedAt = '2026-12-07T12:00:00.000Z';
    const value = signCanonical(
      pair.privateKey,
      NETWORKS_DECLARATION_PURPOSE,
      networksDeclarationPayload(set, signedAt),
    );
    const { inForce, ignored } = routableDeclarations([
      {
        type: 'key',
        at: '2026-12-01T00:00:00.000Z',
        id: 'key_isp',
        organisationId: org,
        ownerType: 'organisation',
        ownerId: org,
        purpose: 'signing',
        algorithm: 'Ed25519',
        publicKey: pair.publicKey,
        fingerprint: 'key_isp',
        credential: null,
      },
      { type: 'networks', at: signedAt, id: 'net_signed', ...set, signature: { keyId: 'key_isp', signedAt, value } },
      { type: 'networks', at: '2026-12-07T09:00:00.000-10:00', id: 'net_hub', ...set, cidrs: ['198.18.0.0/15'] },
    ]);
    assert.equal(inForce.get(org)?.id, 'net_signed');
    assert.deepEqual(
      ignoredSinceInForce(inForce, ignored).map((g) => [g.id, g.problem]),
      [['net_hub', 'unsigned']],
    );
  });
});

for (const dialect of testDialects()) {
  describe(`an approval dated before its key entered the log, written with an offset (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    before(async () => {
      hub = await startHub(dialect, { clock: now });
      agent = await startAgent(hub, dialect, BOARD, now);
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    test('refused as key_not_valid, as when the hub writes the key entry in UTC', async () => {
      const sato = await hub.as('sato');
      const tanaka = await hub.as('tanaka');
      const genuine = await issuedEnvelope(
        hub,
        (await issue(sato, tanaka, threatPostInquiry(agent.organisationId, 'OFFSET-1'))).id,
      );
      const issuedAt = now().toISOString();
      // Six hours later the lying hub mints a signing key of its own for the unit head and signs an approval
      // dated six hours back, when the head approved nothing (a warrant then still valid, a head then in office).
      offset += 6 * HOUR;
      const db = hub.ctx.store.db;
      const tanakaId = (await db.selectFrom('users').select('id').where('login', '=', 'tanaka').executeTakeFirst())?.id;
      const minted = await run(hub.ctx, createKey, SYSTEM_CALLER, {
        organisationId: genuine.payload.agencyOrganisationId,
        ownerType: 'user',
        ownerId: tanakaId ?? assert.fail('tanaka'),
        purpose: 'signing',
      });
      const payload: EnvelopePayload = {
        ...genuine.payload,
        requestId: 'req_offset_backdated',
        envelopeId: 'env_offset_backdated',
        issuedAt,
      };
      const forged = await forgedWithApproverKey(hub, payload, minted.id, now());
      offset += 1000;
      const log = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const i = log.entries.findIndex((e) => e.type === 'key' && e.id === minted.id);
      assert.ok(i >= 0, 'the minted key is in the log');
      const at = log.entries[i]?.at ?? '';
      assert.ok(Date.parse(at) > Date.parse(issuedAt) + 5 * HOUR, 'the key entered the log after the approval');
      // The same log, the minted key's entry written at the same instant in -10:00, signed again by the hub.
      const entries = log.entries.map((e, j) => (j === i ? { ...e, at: inOffset(at, -10) } : e));
      const signer = hub.ctx.auditSigner;
      const rewritten: DirectoryExport = {
        ...log,
        entries,
        head: signDirectoryHead(signer.privateKey, signer.keyId, entries, log.head.at),
      };
      await run(agent.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(rewritten)));
      const take = (envelope: unknown, source: Arrival['source'] = 'file') =>
        inTransaction(agent.ctx, (uow) =>
          receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source }),
        );
      const out = await take(forged);
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome === 'refused') assert.equal(out.verdict.reason, 'key_not_valid');
    });
  });
}
