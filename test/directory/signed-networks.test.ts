// A provider that registered an installation key declares its networks signed with it: the hub checks
// the signature against that key, keeps it with the declaration and carries it in the directory log's
// `networks` entry; it refuses a forged, other-key, stale or replayed one naming the field, and an
// unsigned one from its admin page. A provider without an installation key keeps the unsigned path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { type AnswerSigner, installationKeySigner } from '../../src/client/answer-seal.ts';
import { demoInstallationSigner } from '../../src/demo/installation.ts';
import { declareNetworks } from '../../src/directory/networks.ts';
import { createOrganisation, organisationDetail } from '../../src/directory/organisations.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { type Principal, SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { networksSigningInput } from '../../src/domain/pinned-networks.ts';
import { routableDeclarations } from '../../src/domain/pinned-networks-routing.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { installationKey } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, orgId, startHub, type TestHub } from '../support/exchange.ts';

const SET = { cidrs: ['203.0.113.0/24'], asns: [64501], domains: ['sakura-board.example'] };

for (const dialect of testDialects()) {
  describe(`networks declared signed from the provider's installation (${dialect})`, () => {
    let hub: TestHub;
    let boardId: string, ispId: string;
    let admin: Principal;
    let signer: AnswerSigner;
    before(async () => {
      hub = await startHub(dialect);
      boardId = await orgId(hub, DEMO_ORGS.board);
      ispId = await orgId(hub, DEMO_ORGS.isp);
      admin = await principalOfLogin(hub.ctx.store.db, 'board.admin');
      ({ signer } = await installationKey(hub, { organisationId: boardId }));
    });
    after(async () => hub.close());

    /** The set signed as `shokai provider networks declare` signs it (the hub's clock unless `at`). */
    async function signed(set: typeof SET, o: { at?: string; by?: AnswerSigner; org?: string } = {}) {
      const signedAt = o.at ?? hub.ctx.clock().toISOString();
      const by = o.by ?? signer;
      const { signature } = await by.sign(
        networksSigningInput({ organisationId: o.org ?? boardId, ...set }, signedAt),
        '',
      );
      return { ...set, signature: { keyId: by.keyId, signedAt, value: signature } };
    }
    const refusal = async (body: unknown): Promise<DomainError> => {
      try {
        await run(hub.ctx, declareNetworks, admin, boardId, body);
      } catch (e) {
        if (e instanceof DomainError) return e;
        throw e;
      }
      return assert.fail('the declaration was accepted');
    };

    test('a signed declaration is kept with its signature and carried in the log, routable offline', async () => {
      const body = await signed(SET);
      await run(hub.ctx, declareNetworks, admin, boardId, body);
      const row = await hub.ctx.store.db
        .selectFrom('provider_network_declarations')
        .selectAll()
        .where('organisation_id', '=', boardId)
        .orderBy('declared_at', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(row.signed_key_id, signer.keyId);
      assert.equal(row.signature, body.signature.value);
      const log = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const last = log.entries.at(-1);
      assert.ok(last?.type === 'networks' && last.organisationId === boardId, JSON.stringify(last));
      assert.deepEqual(last.signature, body.signature);
      const { inForce, ignored } = routableDeclarations(log.entries);
      assert.deepEqual(inForce.get(boardId)?.cidrs, SET.cidrs);
      assert.deepEqual(
        ignored.filter((g) => g.organisationId === boardId),
        [],
      );
      const detail = await run(hub.ctx, (uow) => organisationDetail(uow, boardId));
      assert.equal(detail.networksFromInstallation, true);
    });

    test('forged, other key, stale and replayed declarations are refused naming the field', async () => {
      const good = await signed({ ...SET, cidrs: ['198.51.100.0/24'] });
      const forged = await refusal({ ...good, cidrs: ['0.0.0.0/0'] });
      assert.equal(forged.details?.field, 'signature.value');
      // Another provider's installation key (the ISP's) is not this provider's.
      const isp = hub.demo.installationKeys?.find((k) => k.organisationId === ispId) ?? assert.fail('ISP key');
      const ispSigner = installationKeySigner(isp.keyId, await demoInstallationSigner(isp));
      const other = await refusal(await signed(SET, { by: ispSigner }));
      assert.equal(other.details?.field, 'signature.keyId');
      assert.match(other.messages.ja, /設置鍵ではありません/);
      const stale = new Date(hub.ctx.clock().getTime() - 10 * 60_000).toISOString();
      const old = await refusal(await signed(SET, { at: stale }));
      assert.equal(old.details?.field, 'signature.signedAt');
      await run(hub.ctx, declareNetworks, admin, boardId, good);
      const replayed = await refusal(good);
      assert.equal(replayed.details?.field, 'signature.signedAt');
      assert.equal(replayed.code, 'CONFLICT');
      const log = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      assert.deepEqual(routableDeclarations(log.entries).inForce.get(boardId)?.cidrs, ['198.51.100.0/24']);
    });

    const unsignedDeclarationTitle =
      'an unsigned declaration from the admin page is refused, in both languages; old path without a key';
    test(unsignedDeclarationTitle, async () => {
      const board = await hub.as('board.admin');
      const r = await board.call<{ error: { code: string; message: { ja: string; en: string }; details: unknown } }>(
        'PUT',
        `/v1/providers/${boardId}/networks`,
        SET,
      );
      assert.equal(r.status, 403);
      assert.match(r.body.error.message.ja, /shokai provider networks declare/);
      assert.match(r.body.error.message.en, /declared signed from its own installation/);
      assert.deepEqual(r.body.error.details, { field: 'signature', reason: 'from_installation' });
      const unsigned = await refusal(SET);
      assert.equal(unsigned.details?.field, 'signature');
      // A provider without an installation key declares at the hub, unsigned, as before.
      const quiet = await run(hub.ctx, createOrganisation, SYSTEM_CALLER, {
        kind: 'provider',
        nameJa: '静かな事業者',
        nameEn: 'Quiet Provider',
      });
      await run(hub.ctx, declareNetworks, SYSTEM_CALLER, quiet.id, { cidrs: ['192.0.2.0/24'], asns: [], domains: [] });
      const log = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const declared = routableDeclarations(log.entries).inForce.get(quiet.id);
      assert.deepEqual(declared?.cidrs, ['192.0.2.0/24']);
      assert.equal(declared?.signature, undefined);
      assert.equal((await run(hub.ctx, (uow) => organisationDetail(uow, quiet.id))).networksFromInstallation, false);
    });
  });
}
