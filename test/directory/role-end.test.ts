// A person's role ends while their account stays (a judge moved to another court, a provider's legal
// officer to another department): an administrator of the person's organisation ends it, the directory
// log enters the end at its instant, and every check of "did the signer hold the role when they signed"
// takes what was signed before and refuses what was signed after — on the hub, on the provider's
// installation against the log it pins. Nobody of another organisation ends it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { currentKey } from '../../src/directory/key.repository.ts';
import { grantRoleToUser } from '../../src/directory/role-regrants.ts';
import { noticeSignerRoles } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { hubNotJudgeMessage } from '../../src/domain/attestation.ts';
import { checkPinnable, DirectoryExportSchema } from '../../src/domain/pinned-directory.ts';
import type { RoleEntry } from '../../src/domain/pinned-roles.ts';
import { noticeSignerProblem } from '../../src/domain/provision-notice.ts';
import { AttestWarrantInput, attestationOf } from '../../src/exchange/warrants.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { checkedAtInstallation } from '../support/envelopes.ts';
import { approve, attestedWarrant, type Client, hubWithHooks, seizureWarrant } from '../support/exchange.ts';
import { draft, submitApprove, THREAT_POST, THREAT_POST_TARGET, transition, warranted } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';
import { softSignature } from '../support/soft-passkey-key.ts';

type User = Schemas['User'];
const tick = () => new Promise((r) => setTimeout(r, 5));
const STEP = { targets: [THREAT_POST_TARGET], categories: ['subscriber', 'access_log'] };

for (const dialect of testDialects()) {
  describe(`a role ends while its holder's account stays (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, judge, courtAdmin, boardAdmin, mpdAdmin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge', 'court.admin', 'board.admin', 'mpd.admin']);

    const userId = async (login: string) =>
      (await hub.ctx.store.db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
    const endRole = async (by: Client, login: string, role: string) =>
      by.call<User & ApiError>('POST', `/v1/users/${await userId(login)}/end-role`, { role });
    const signingKey = async (login: string) =>
      (await currentKey(hub.ctx.store.db, 'user', await userId(login), 'signing', hub.ctx.clock())) ??
      assert.fail(`${login} has a signing key`);

    /** The request to the board under `warrant`, drafted, submitted and approved: the approval's reply. */
    async function sendUnder(warrant: object, n: string) {
      const content = warranted(orgs.board, { caseReference: `ROLE-END-${n}`, ...THREAT_POST, ...STEP, warrant });
      const drafted = await draft(sato, content);
      await transition(sato, drafted.id, { action: 'submit' });
      return { id: drafted.id, reply: await approve<ApiError>(tanaka, drafted.id) };
    }

    /** A warrant the judge signs with his own passkey, on his device, without the hub (issued now). */
    async function signedOnDevice(n: string) {
      const w = seizureWarrant(hub.ctx.clock(), `ROLE-END-${n}`);
      const input = AttestWarrantInput.parse({
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.board,
        ...w,
        ...STEP,
      });
      const { digest } = attestationOf(input, orgs.court);
      const passkey = judge.passkey ?? assert.fail('the judge has a passkey');
      const signature = softSignature(passkey, judge.origin ?? '', digest);
      const attestation = { keyId: (await signingKey('judge')).id, signature };
      return { ...w, courtOrganisationId: orgs.court, attestation };
    }

    test("nobody but an administrator of the person's organisation ends a role", async () => {
      for (const other of [mpdAdmin, boardAdmin]) {
        const refused = await endRole(other, 'judge', 'judge');
        assert.equal(refused.status, 404, JSON.stringify(refused.body));
      }
      const notAdmin = await endRole(sato, 'tanaka', 'unit_head');
      assert.equal(notAdmin.status, 403, JSON.stringify(notAdmin.body));
      const notHeld = await endRole(courtAdmin, 'judge', 'admin');
      assert.equal(notHeld.status, 409, JSON.stringify(notHeld.body));
      assert.match(notHeld.body.error.message.ja, /役割を持っていません/);
      const ends = await hub.ctx.store.db.selectFrom('role_ends').selectAll().execute();
      assert.deepEqual(ends, [], 'nothing ended');
    });

    test("a provider's legal officer whose roles ended is refused as a notice's signer after, not before", async () => {
      const key = await signingKey('board.legal');
      const exportNow = async () =>
        DirectoryExportSchema.parse((await boardAdmin.call('GET', '/v1/directory/export')).body);
      // What an installation pinned before any role ended (a log from before this change has no such end).
      const pinnedBefore = await exportNow();
      const before = hub.ctx.clock().toISOString();
      await tick();
      for (const role of ['provider_legal', 'provider_operator']) {
        const ended = await endRole(boardAdmin, 'board.legal', role);
        assert.equal(ended.status, 200, JSON.stringify(ended.body));
        assert.ok(!ended.body.roles.includes(role as never), `${role} no longer held`);
        assert.equal(ended.body.disabled, false, 'the account stays');
      }
      await tick();
      const after = hub.ctx.clock().toISOString();
      const notice = (signedAt: string) => ({ contentProviderOrganisationId: orgs.board, signedAt });
      const owner = { ownerType: 'user' as const, ownerId: await userId('board.legal') };
      assert.equal(key.owner_id, owner.ownerId);

      // The hub's openers read its log as it holds it now.
      const atHub = await run(hub.ctx, (uow) => noticeSignerRoles(uow, orgs.board));
      assert.equal(noticeSignerProblem(owner, notice(before), atHub), null, 'signed before the end');
      assert.equal(noticeSignerProblem(owner, notice(after), atHub), 'signer_role', 'signed after the end');

      // An access provider's installation reads the log the hub publishes and it pins.
      const exported = await exportNow();
      const ends = exported.entries.filter((e) => e.type === 'role.ended' && e.reason === 'role_ended');
      assert.equal(ends.length, 2, JSON.stringify(ends));
      const entries = exported.entries.filter((e): e is RoleEntry => e.type === 'role' || e.type === 'role.ended');
      const pinned = { entries, at: exported.head.at };
      assert.equal(noticeSignerProblem(owner, notice(before), pinned), null);
      assert.equal(noticeSignerProblem(owner, notice(after), pinned), 'signer_role');

      const audits = await auditEntries(hub.ctx.store.db, 'role.ended');
      assert.equal(audits.length, 2, 'each end audited');

      // Granted again (back in the department): a new period; what was signed in between stays refused.
      await tick();
      const again = await boardAdmin.call<{ state: string }>('POST', `/v1/users/${owner.ownerId}/grant-role`, {
        role: 'provider_legal',
      });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.state, 'active', 'no second person for a role that needs none');
      await tick();
      const back = hub.ctx.clock().toISOString();
      // The log only grew: the pin taken before the end is extended by it, not rewritten.
      assert.equal(
        checkPinnable(await exportNow(), () => pinnedBefore),
        null,
        'an older pin extends',
      );
      const now = await run(hub.ctx, (uow) => noticeSignerRoles(uow, orgs.board));
      assert.equal(noticeSignerProblem(owner, notice(back), now), null, 'signed in the new period');
      assert.equal(noticeSignerProblem(owner, notice(after), now), 'signer_role', 'signed between the periods');
      assert.equal(noticeSignerProblem(owner, notice(before), now), null, 'signed in the first period');
    });

    test('a judge who moved: a warrant before the end is taken, one after refused, by hub and board', async () => {
      const genuine = await attestedWarrant(hub, judge, {
        warrantNumber: 'ROLE-END-1',
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.board,
        courtOrganisationId: orgs.court,
        step: STEP,
      });
      await tick();
      const ended = await endRole(courtAdmin, 'judge', 'judge');
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      assert.deepEqual(ended.body.roles, []);
      const grants = await courtAdmin.call<{ items: Schemas['RoleGrant'][] }>(
        'GET',
        `/v1/organisations/${orgs.court}/role-grants`,
      );
      const judgeGrant = grants.body.items.find((g) => g.userLogin === 'judge' && g.role === 'judge');
      assert.equal(judgeGrant?.state, 'ended', JSON.stringify(judgeGrant));
      await tick();

      // Signed before the end: the hub sends it, the board's installation takes it.
      const taken = await sendUnder(genuine, '1');
      assert.equal(taken.reply.status, 200, JSON.stringify(taken.reply.body));
      const verdict = await checkedByBoard(taken.id);
      assert.equal(verdict.ok, true, JSON.stringify(verdict));

      // Signed after the end with the same passkey, which stays valid: the hub refuses to send it.
      const late = await signedOnDevice('2');
      const spare = await signedOnDevice('4'); // signed after the end too, sent once he is a judge again
      const refused = await sendUnder(late, '2');
      assert.equal(refused.reply.status, 422, JSON.stringify(refused.reply.body));
      assert.equal(refused.reply.body.error.code, 'WARRANT_ATTESTATION_INVALID');
      assert.equal(
        refused.reply.body.error.message.ja,
        hubNotJudgeMessage({ ja: '令状 ROLE-END-2 ', en: 'warrant ROLE-END-2' }).ja,
      );

      // A hub that lies (its record of the end hidden while it sends) does not get it past the installation.
      const db = hub.ctx.store.db;
      const end = await db.selectFrom('role_ends').selectAll().where('role', '=', 'judge').executeTakeFirstOrThrow();
      await db.deleteFrom('role_ends').where('grant_id', '=', end.grant_id).execute();
      let sent: { id: string };
      try {
        sent = await submitApprove(sato, tanaka, (await draft(sato, lateContent(late))).id);
      } finally {
        await db.insertInto('role_ends').values(end).execute();
      }
      const atBoard = await checkedByBoard(sent.id);
      assert.equal(atBoard.ok, false, 'signed after the role ended');
      if (atBoard.ok) return;
      assert.equal(atBoard.reason, 'not_judge');
      assert.match(atBoard.message.ja, /署名した時点で、署名者はその裁判所の裁判官ではありませんでした/);
      assert.match(atBoard.message.en, /the signer was not a judge of the court at the time of signing/);

      // Back at this court: the role granted again (countersigned) opens a new period; the warrant signed
      // in between stays refused, one signed now is taken.
      await tick();
      const judgeId = await userId('judge');
      const grant = await run(hub.ctx, (uow) => grantRoleToUser(uow, SYSTEM_CALLER, judgeId, { role: 'judge' }));
      assert.equal(grant.state, 'pending', 'a judge waits for a second person');
      const countersigned = await courtAdmin.call('POST', `/v1/role-grants/${grant.id}/countersign`);
      assert.equal(countersigned.status, 200, JSON.stringify(countersigned.body));
      await tick();
      const between = await sendUnder(spare, '4');
      assert.equal(between.reply.status, 422, 'signed between the periods');
      assert.equal(
        between.reply.body.error.message.en,
        hubNotJudgeMessage({ ja: '令状 ROLE-END-4 ', en: 'warrant ROLE-END-4' }).en,
      );
      const fresh = await sendUnder(await signedOnDevice('3'), '3');
      assert.equal(fresh.reply.status, 200, JSON.stringify(fresh.reply.body));
      const ok = await checkedByBoard(fresh.id);
      assert.equal(ok.ok, true, JSON.stringify(ok));
    });

    /** What the board's own installation concludes of request `id`'s envelope, fetched by sato. */
    const checkedByBoard = (id: string) =>
      checkedAtInstallation(hub, { by: sato, provider: boardAdmin, providerOrgId: orgs.board }, id);

    /** The content of a second request under the late warrant (a warrant number once per request). */
    const lateContent = (warrant: object) =>
      warranted(orgs.board, { caseReference: 'ROLE-END-2b', ...THREAT_POST, ...STEP, warrant });
  });
}
