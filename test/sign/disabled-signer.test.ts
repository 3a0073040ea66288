import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { challengeOf, softAssert } from '../../src/demo/soft-authenticator.ts';
import { keysOfOwner } from '../../src/directory/key.repository.ts';
import { attestationDigest, packOwnerSignature } from '../../src/domain/attestation.ts';
import { WarrantContentSchema, type WarrantRequestContent } from '../../src/domain/request-content.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, confirmPasskey, hubWithHooks, registerPasskey } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

// A judge's passkey lives on his own device, so he can sign an attestation's digest without the hub: the
// police carry it in with the warrant they type. Disabling the judge (he left the court) must end his
// signing key, or he goes on issuing warrants the hub and every provider accept. What he attested before
// stays valid; what claims to be attested after his end does not verify.
for (const dialect of testDialects()) {
  describe(`a disabled judge's passkey attests nothing new (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge', 'court.admin']);
    const [sato, tanaka, judge, courtAdmin] = people;
    const target = { type: 'ip', address: '203.0.113.51', port: 40001, at: '2026-11-30T23:42:17+09:00' };

    /** The warrant request's content for `number`, attested by `keyId` with `signature`. */
    const content = (number: string, issuedAt: string, validUntil: string, keyId: string, signature: string) =>
      ({
        kind: 'warrant',
        providerOrganisationId: orgs.isp,
        caseReference: `DJ-${number}`,
        offence: '脅迫',
        facts: '事実',
        necessity: '必要',
        targets: [target],
        categories: ['subscriber'],
        warrant: {
          type: 'seizure',
          courtOrganisationId: orgs.court,
          warrantNumber: number,
          issuedAt,
          validUntil,
          attestation: { keyId, signature },
        },
      }) as WarrantRequestContent;

    /** The police draft, submit and have the unit head approve a warrant request. */
    async function issue<T>(c: WarrantRequestContent) {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: c });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      return approve<T>(tanaka, d.body.id);
    }

    test('an attestation signed on his device after he was disabled is refused; one from before stands', async () => {
      const passkey = judge.passkey ?? assert.fail('the demo judge holds a passkey');
      const origin = judge.origin ?? '';
      const now = hub.ctx.clock();
      const issuedAt = now.toISOString();
      const validUntil = new Date(now.getTime() + 7 * 86400_000).toISOString();
      // Before: the judge attests on the hub's screen, as he may.
      const body = {
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.isp,
        warrantNumber: 'DJ-1',
        type: 'seizure',
        issuedAt,
        validUntil,
        targets: [target],
        categories: ['subscriber'],
      };
      const preview = await judge.call<{ digest: string }>('POST', '/v1/warrants/attestation-preview', body);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const att = await judge.call<{ keyId: string; signature: string }>('POST', '/v1/warrants/attest', {
        ...body,
        assertion: softAssert(passkey, challengeOf(preview.body.digest), origin),
      });
      assert.equal(att.status, 200, JSON.stringify(att.body));

      // A new passkey of his awaits a second person when he leaves.
      const { reg } = await registerPasskey(judge, origin);
      assert.equal(reg.confirmation.state, 'pending', JSON.stringify(reg));

      // He leaves the court: his administrator disables him.
      const me = await judge.call<{ user: { id: string } }>('GET', '/v1/me');
      const disabled = await courtAdmin.call('POST', `/v1/users/${me.body.user.id}/disable`);
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));

      // After: on his own device, with no hub, he signs a new warrant's digest dated now.
      const laterIssue = hub.ctx.clock().toISOString();
      // The digest of the content as the hub reads it (the target's instant in UTC), as his screen would show it.
      const unsigned = WarrantContentSchema.parse(content('DJ-2', laterIssue, validUntil, att.body.keyId, 'x'));
      const own = softAssert(passkey, challengeOf(attestationDigest(unsigned, orgs.mpd)), origin);
      const forged = content('DJ-2', laterIssue, validUntil, att.body.keyId, packOwnerSignature(own.response));
      const refused = await issue<ApiError>(forged);
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'WARRANT_ATTESTATION_INVALID');

      // Nor does the passkey he left pending become his key: it can only be refused.
      const late = await confirmPasskey(hub, reg, 'court.admin');
      assert.equal(late.status, 409, JSON.stringify(late.body));
      const keys = await keysOfOwner(hub.ctx.store.db, 'user', me.body.user.id, 'signing');
      assert.ok(keys.length > 0 && keys.every((k) => k.valid_to !== null), JSON.stringify(keys));

      // The warrant he attested while a judge is still good.
      const before = await issue<RequestDetail>(
        content('DJ-1', issuedAt, validUntil, att.body.keyId, att.body.signature),
      );
      assert.equal(before.status, 200, JSON.stringify(before.body));
    });
  });
}
