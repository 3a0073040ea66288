import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { challengeOf, softAssert } from '../../src/demo/soft-authenticator.ts';
import { personMadeBy } from '../support/api-users.ts';
import { auditAbout } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks, madePerson, registerPasskey } from '../support/exchange.ts';
import type { ApiError, SigningPreview } from '../support/replies.ts';

type CredentialRequest = { id: string; state: string; keyId: string; user: { login: string } };

// The two-person rule for signing credentials (DESIGN §5, issue 11): a unit head's or judge's new
// passkey becomes their signing key only when a second person of the organisation — an administrator
// or the key officer, never the owner — confirms it. Until then the previous credential stays.
for (const dialect of testDialects()) {
  describe(`a new signing passkey needs a second person (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, [
      'sato',
      'tanaka',
      'mpd.keys',
      'mpd.admin',
      'osaka.admin',
      'judge',
      'court.admin',
    ]);
    const [sato, tanaka, keys, mpdAdmin, osakaAdmin, judge, courtAdmin] = people;
    let origin: string;
    before(() => {
      origin = hub.url.replace('127.0.0.1', 'localhost');
    });

    const register = (c: Client) => registerPasskey(c, origin);

    /** A draft of sato's submitted for tanaka's approval, and its signing preview. */
    async function awaitingTanaka(ref: string) {
      const boardId = orgs.board;
      const d = await sato.call<{ id: string }>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: boardId,
          caseReference: ref,
          offence: '脅迫',
          facts: '事実',
          necessity: '必要',
          targets: [{ type: 'account', id: `acct-${ref}` }],
          categories: ['subscriber'],
        },
      });
      await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${d.body.id}/signing-preview`);
      return { id: d.body.id, preview: preview.body };
    }

    test('pending until confirmed: the old passkey signs meanwhile, the new one does not', async () => {
      const old = tanaka.passkey ?? assert.fail('tanaka has a passkey from the demo');
      const first = await register(tanaka);
      assert.equal(first.reg.confirmation.state, 'pending');
      // A second registration supersedes the first pending one.
      const { made, reg } = await register(tanaka);
      const listed = await keys.call<{ items: CredentialRequest[] }>('GET', '/v1/credential-requests');
      assert.equal(listed.status, 200);
      const states = Object.fromEntries(listed.body.items.map((r) => [r.id, r.state]));
      assert.equal(states[first.reg.confirmation.requestId ?? ''], 'superseded');
      assert.equal(states[reg.confirmation.requestId ?? ''], 'pending');

      const a = await awaitingTanaka('2P-1');
      assert.equal(a.preview.passkey?.credentialId, old.credentialId, 'the directory still names the old passkey');
      const withNew = await tanaka.call<ApiError>('POST', `/v1/requests/${a.id}/transitions`, {
        action: 'approve',
        digest: a.preview.digest,
        assertion: softAssert(made.credential, challengeOf(a.preview.digest), origin),
      });
      assert.equal(withNew.status >= 400, true);
      assert.equal(withNew.body.error.details?.field, 'assertion.id');

      // Nobody confirms their own, nobody outside the organisation, no one without the countersign role.
      const requestId = reg.confirmation.requestId ?? assert.fail('a request');
      assert.equal((await tanaka.call('POST', `/v1/credential-requests/${requestId}/confirm`)).status, 403);
      assert.equal((await sato.call('POST', `/v1/credential-requests/${requestId}/confirm`)).status, 403);
      assert.equal((await osakaAdmin.call('POST', `/v1/credential-requests/${requestId}/confirm`)).status, 404);
      const noReason = await keys.call<ApiError>('POST', `/v1/credential-requests/${requestId}/refuse`, { reason: '' });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.error.details?.field, 'reason');

      const ok = await mpdAdmin.call<CredentialRequest>('POST', `/v1/credential-requests/${requestId}/confirm`);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.state, 'confirmed');
      const again = await keys.call<ApiError>('POST', `/v1/credential-requests/${requestId}/confirm`);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.details?.field, 'state');

      const b = await awaitingTanaka('2P-2');
      assert.equal(b.preview.passkey?.credentialId, made.credential.credentialId, 'now the new passkey signs');
      const signed = await tanaka.call('POST', `/v1/requests/${b.id}/transitions`, {
        action: 'approve',
        digest: b.preview.digest,
        assertion: softAssert(made.credential, challengeOf(b.preview.digest), origin),
      });
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      tanaka.passkey = made.credential;

      const audit = await auditAbout(hub.ctx.store.db, reg.id);
      const actions = audit.map((x) => x.action);
      assert.deepEqual(actions.sort(), ['credential.confirmed', 'credential.registered', 'credential.requested']);
      assert.match(
        JSON.stringify(audit.find((x) => x.action === 'credential.registered')?.details ?? {}),
        /confirmedBy/,
      );
    });

    test("a refused passkey never signs; the judge's old one stays", async () => {
      const { made, reg } = await register(judge);
      assert.equal(reg.confirmation.state, 'pending');
      const refused = await courtAdmin.call<CredentialRequest>(
        'POST',
        `/v1/credential-requests/${reg.confirmation.requestId}/refuse`,
        { reason: '本人に確認したところ、登録した覚えがないとのこと' },
      );
      assert.equal(refused.status, 200, JSON.stringify(refused.body));
      assert.equal(refused.body.state, 'refused');
      const key = await hub.ctx.store.db.selectFrom('keys').select('id').where('id', '=', reg.id).executeTakeFirst();
      assert.equal(key, undefined, 'a refused credential never enters the directory');
      const judgeKeys = await hub.ctx.store.db
        .selectFrom('keys')
        .select('credential_id')
        .where('credential_id', '=', made.credential.credentialId)
        .execute();
      assert.deepEqual(judgeKeys, []);
    });

    test("the administrator who issued a person's enrolment code is not that person's second person", async () => {
      // A provider with two administrators: the board's, and a second one it countersigned.
      const boardId = orgs.board;
      const boardAdmin = await hub.as('board.admin');
      const second = await madePerson(hub, {
        organisation: 'Sakura Board K.K.',
        login: `board.second.${dialect}`,
        roles: ['admin'],
        countersigner: 'board.admin',
      });
      // The board's administrator makes a legal officer (no grant: not a privileged role) and held the code.
      const legal = await personMadeBy(hub, boardAdmin, {
        organisationId: boardId,
        unitId: null,
        login: `board.legal2.${dialect}`,
        displayName: '法務 二郎',
        roles: ['provider_legal'],
        password: 'a legal officer passphrase',
      });
      const { reg } = await register(legal.client);
      assert.equal(reg.confirmation.state, 'pending');
      const path = `/v1/credential-requests/${reg.confirmation.requestId}/confirm`;
      const issuer = await boardAdmin.call<ApiError>('POST', path);
      assert.equal(issuer.status, 403, JSON.stringify(issuer.body));
      assert.equal(issuer.body.error.code, 'SELF_APPROVAL');
      assert.match(issuer.body.error.message.en, /you issued this person's enrolment code/);
      const other = await second.call<CredentialRequest>('POST', path);
      assert.equal(other.status, 200, JSON.stringify(other.body));
      assert.equal(other.body.state, 'confirmed');
    });
  });
}
