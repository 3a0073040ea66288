// A person reads their own passkeys (GET /v1/credentials): every credential they registered with where it
// stands — their current signing key, ended, revoked; awaiting a second person — and only their own; a
// person whose roles sign nothing reads that the hub takes no passkey from them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CreationOptions, softRegister } from '../../src/demo/soft-authenticator.ts';
import { ownPasskeys } from '../../src/directory/own-passkeys.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Passkey = {
  id: string;
  state: string;
  fingerprint: string;
  credentialId: string;
  rpId: string;
  createdAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
};
type OwnPasskeys = { mayRegister: boolean; passkeys: Passkey[] };
type Registration = { id: string; fingerprint: string; confirmation: { state: string; requestId: string | null } };

for (const dialect of testDialects()) {
  describe(`one's own passkeys (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, admin, auditor],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'mpd.admin', 'auditor']);

    const own = async (c: Client): Promise<OwnPasskeys> => {
      const r = await c.call<OwnPasskeys>('GET', '/v1/credentials');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    async function register(c: Client): Promise<{ credentialId: string; reg: Registration }> {
      const opts = await c.call<CreationOptions>('POST', '/v1/credentials/registration-options');
      assert.equal(opts.status, 200, JSON.stringify(opts.body));
      const made = softRegister(opts.body, hub.url.replace('127.0.0.1', 'localhost'));
      const reg = await c.call<Registration>('POST', '/v1/credentials', { response: made.response });
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      return { credentialId: made.response.id, reg: reg.body };
    }

    test('an investigator without one registers one, reads it as current, then revoked', async () => {
      const before = await own(sato);
      assert.deepEqual(before, { mayRegister: true, passkeys: [] });
      const { credentialId, reg } = await register(sato);
      assert.equal(reg.confirmation.state, 'confirmed');
      const [mine, ...rest] = (await own(sato)).passkeys;
      assert.deepEqual(rest, []);
      assert.equal(mine?.id, reg.id);
      assert.equal(mine?.state, 'current');
      assert.equal(mine?.fingerprint, reg.fingerprint);
      assert.equal(mine?.credentialId, credentialId);
      assert.equal(mine?.rpId, 'localhost');
      assert.match(mine?.createdAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Nobody else reads it: the unit head's own list is his alone.
      assert.ok((await own(tanaka)).passkeys.every((p) => p.credentialId !== credentialId));

      const revoked = await admin.call('POST', `/v1/keys/${reg.id}/revoke`, { reason: 'compromised' });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      const after = (await own(sato)).passkeys.find((p) => p.id === reg.id);
      assert.equal(after?.state, 'revoked');
      assert.equal(after?.revocationReason, 'compromised');
      assert.ok(after?.revokedAt);
    });

    test("a unit head's new passkey reads as awaiting confirmation; his current one stays", async () => {
      const demo = tanaka.passkey?.credentialId ?? assert.fail('tanaka has a passkey from the demo');
      const { credentialId, reg } = await register(tanaka);
      assert.equal(reg.confirmation.state, 'pending');
      const { mayRegister, passkeys } = await own(tanaka);
      assert.equal(mayRegister, true);
      const state = Object.fromEntries(passkeys.map((p) => [p.credentialId, p.state]));
      assert.equal(state[credentialId], 'pending');
      assert.equal(state[demo], 'current');
      assert.equal(passkeys[0]?.credentialId, credentialId, 'newest first');
    });

    test('a person whose roles sign nothing reads none, and may not register one', async () => {
      for (const c of [auditor, admin]) {
        assert.deepEqual(await own(c), { mayRegister: false, passkeys: [] });
        const opts = await c.call<ApiError>('POST', '/v1/credentials/registration-options');
        assert.equal(opts.status, 403);
      }
    });

    test("a provider's machine client holds no passkeys: refused, though its role may read its own", async () => {
      const client = {
        kind: 'client' as const,
        id: 'cli_x',
        organisationId: orgs.board,
        organisationKind: 'provider' as const,
        unitId: null,
        roles: ['provider_legal' as const],
        displayName: 'board-bot',
      };
      await assert.rejects(
        run(hub.ctx, ownPasskeys, client),
        (e: unknown) => e instanceof DomainError && e.code === 'FORBIDDEN' && e.details?.field === 'principal',
      );
    });
  });
}
