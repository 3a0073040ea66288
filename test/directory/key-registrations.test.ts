// Two people register what acts in a provider's name without a person's passkey, on SQLite and PostgreSQL:
// its installation key (which signs every answer) and its machine clients (which read and answer its
// requests). One administrator's registration waits; until a second person of the provider (another
// administrator or the key officer, never the one who registered it) confirms it, the provider's current
// key keeps signing and the client's key opens nothing. A security review reproduced the hole this closes:
// one provider administrator alone registered a key and a client and sent an answer the unit's device
// showed as the provider's, validly signed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateInstallationKey, importInstallationKey, installationKeyProof } from '../../src/client/answer-seal.ts';
import { ApiError, unwrap } from '../../src/client/client.ts';
import { createMachineClient } from '../../src/client/machine.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { keysOfOwner } from '../../src/directory/key.repository.ts';
import { decideOrConflict } from '../../src/directory/second-person.ts';
import { disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks, madePerson } from '../support/exchange.ts';

interface Registration {
  id: string;
  kind: string;
  state: string;
  keyId: string;
  fingerprint: string;
  client: { id: string; name: string; roles: string[] } | null;
  requestedBy: { id: string; login: string } | null;
  decidedBy: string | null;
  refusalReason: string | null;
}
interface Refusal {
  error: { code: string; message: { ja: string; en: string }; details?: Record<string, unknown> };
}
interface RegisteredClient {
  clientId: string;
  keyId: string;
  registration: Registration;
}

for (const dialect of testDialects()) {
  describe(`two people register a provider's installation key and machine clients (${dialect})`, () => {
    const {
      hub,
      people: [boardAdmin, legal, mpdAdmin],
      orgs,
    } = hubWithHooks(dialect, ['board.admin', 'board.legal', 'mpd.admin']);
    let officer: Client | undefined;
    /** The board's key officer, made by the operator and countersigned by its administrator. */
    const keyOfficer = async (): Promise<Client> => {
      officer ??= await madePerson(hub, {
        organisation: 'Sakura Board K.K.',
        login: `board.keys.${dialect}`,
        roles: ['key_officer'],
        countersigner: 'board.admin',
      });
      return officer;
    };
    const newInstallationKey = async () => {
      const made = await generateInstallationKey();
      const proof = await installationKeyProof(await importInstallationKey(made.pkcs8), orgs.board, made.publicKey);
      return { publicKey: made.publicKey, proof };
    };
    const register = (who: Client, body: { publicKey: string; proof: string }) =>
      who.call<Registration & Refusal>('POST', `/v1/organisations/${orgs.board}/installation-keys`, body);
    const decide = (who: Client, id: string, act: 'confirm' | 'refuse', reason?: string) =>
      who.call<Registration & Refusal>('POST', `/v1/key-registrations/${id}/${act}`, reason ? { reason } : undefined);
    const boardSigningKeys = () => keysOfOwner(hub.ctx.store.db, 'organisation', orgs.board, 'signing');
    const audited = (action: string, keyId: string) => auditEntries(hub.ctx.store.db, action, keyId);

    test('an installation key one administrator registers counts only once a second person confirms it', async () => {
      const current = (await boardSigningKeys()).filter((k) => k.valid_to === null);
      assert.equal(current.length, 1, 'the board signs with one key');
      const made = await newInstallationKey();
      const reg = await register(boardAdmin, made);
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      assert.equal(reg.body.state, 'pending');
      assert.equal(reg.body.requestedBy?.login, 'board.admin');
      // Nothing changed in the directory: the earlier key still signs, the new one is not there.
      const meanwhile = await boardSigningKeys();
      assert.ok(!meanwhile.some((k) => k.id === reg.body.keyId));
      assert.deepEqual(
        meanwhile.filter((k) => k.valid_to === null).map((k) => k.id),
        current.map((k) => k.id),
      );

      // Not the one who registered it, not a legal officer, not another organisation's administrator.
      const own = await decide(boardAdmin, reg.body.id, 'confirm');
      assert.equal(own.status, 403, JSON.stringify(own.body));
      assert.equal(own.body.error.code, 'SELF_APPROVAL');
      assert.equal((await decide(legal, reg.body.id, 'confirm')).status, 403);
      const foreign = await decide(mpdAdmin, reg.body.id, 'confirm');
      assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
      const unknown = await decide(mpdAdmin, 'kreg_00000000-0000-0000-0000-000000000000', 'confirm');
      assert.deepEqual(
        { ...foreign.body.error, message: undefined, details: undefined },
        { ...unknown.body.error, message: undefined, details: undefined },
        'a foreign registration is answered as a missing one',
      );
      assert.equal((await mpdAdmin.call('GET', `/v1/organisations/${orgs.board}/key-registrations`)).status, 403);

      const keys = await keyOfficer();
      const listed = await keys.call<{ items: Registration[] }>(
        'GET',
        `/v1/organisations/${orgs.board}/key-registrations?state=pending`,
      );
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.ok(listed.body.items.some((r) => r.id === reg.body.id && r.kind === 'installation_key'));
      const done = await decide(keys, reg.body.id, 'confirm');
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.state, 'confirmed');

      const after = await boardSigningKeys();
      assert.deepEqual(
        after.filter((k) => k.valid_to === null).map((k) => k.id),
        [reg.body.keyId],
        'the new key signs from now; the earlier one ended',
      );
      const twice = await register(boardAdmin, made);
      assert.equal(twice.status, 409, JSON.stringify(twice.body));
      assert.match(JSON.stringify(twice.body), /this installation key is already registered/);
      const again = await decide(keys, reg.body.id, 'confirm');
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.doesNotMatch(`${again.body.error.message.ja} ${again.body.error.message.en}`, /\bconfirmed\b\)/);
      // Two people deciding at the same moment: the one whose update finds the row decided is told so, and
      // nothing of theirs is written (driven here past the earlier read that would refuse it first).
      const late = { state: 'refused', decided_by: null, decided_at: new Date().toISOString(), refusal_reason: 'x' };
      await assert.rejects(
        run(hub.ctx, (uow) => decideOrConflict(uow.tx, 'key_registrations', reg.body.id, late)),
        (e: unknown) =>
          e instanceof DomainError &&
          e.code === 'CONFLICT' &&
          /someone else decided this key registration/.test(e.messages.en),
      );
      const kept = await keys.call<{ items: Registration[] }>(
        'GET',
        `/v1/organisations/${orgs.board}/key-registrations?state=confirmed`,
      );
      assert.ok(kept.body.items.some((r) => r.id === reg.body.id && r.refusalReason === null));

      const [asked] = await audited('key_registration.requested', reg.body.keyId);
      const [installed] = await audited('installation_key.registered', reg.body.keyId);
      assert.equal(asked?.actorId, reg.body.requestedBy?.id);
      assert.ok(installed && installed.actorId !== asked?.actorId, 'the second person installs it');
      assert.equal(installed.details.requestedBy, reg.body.requestedBy?.id);
    });

    test('a machine client waits too: until confirmed its key opens nothing, and a refused one never', async () => {
      const keys = await keyOfficer();
      const pair = generateSigningKeyPair();
      const reg = await boardAdmin.call<RegisteredClient>('POST', '/v1/clients', {
        name: `bot-${dialect}`,
        publicKey: pair.publicKey,
        roles: ['provider_intake', 'provider_legal'],
      });
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      assert.equal(reg.body.registration.state, 'pending');
      assert.equal(reg.body.registration.client?.id, reg.body.clientId);
      const bot = createMachineClient(hub.url, { keyId: reg.body.keyId, privateKey: pair.privateKey });
      await assert.rejects(
        unwrap(bot.GET('/v1/requests', {})),
        (e: unknown) => e instanceof ApiError && e.status === 401 && /二人目/.test(e.bilingual.ja),
      );
      // Someone else signing with that key id is told nothing about the registration.
      const stranger = createMachineClient(hub.url, {
        keyId: reg.body.keyId,
        privateKey: generateSigningKeyPair().privateKey,
      });
      await assert.rejects(
        unwrap(stranger.GET('/v1/requests', {})),
        (e: unknown) => e instanceof ApiError && e.status === 401 && !/二人目/.test(e.bilingual.ja),
      );

      const refused = await decide(keys, reg.body.registration.id, 'refuse', 'nobody here knows this system');
      assert.equal(refused.status, 200, JSON.stringify(refused.body));
      assert.equal(refused.body.state, 'refused');
      assert.equal(refused.body.refusalReason, 'nobody here knows this system');
      await assert.rejects(
        unwrap(bot.GET('/v1/requests', {})),
        (e: unknown) => e instanceof ApiError && e.status === 401 && !/二人目/.test(e.bilingual.ja),
      );

      const second = generateSigningKeyPair();
      const reg2 = await boardAdmin.call<RegisteredClient>('POST', '/v1/clients', {
        name: `bot2-${dialect}`,
        publicKey: second.publicKey,
        roles: ['provider_intake'],
      });
      assert.equal((await decide(keys, reg2.body.registration.id, 'confirm')).status, 200);
      const bot2 = createMachineClient(hub.url, { keyId: reg2.body.keyId, privateKey: second.privateKey });
      const list = await unwrap(bot2.GET('/v1/requests', { params: { query: { limit: 5 } } }));
      assert.ok(Array.isArray(list.items));
    });

    const supersededTitle =
      "a newer installation key supersedes one still waiting; a disabled registrant's is not confirmed";
    test(supersededTitle, async () => {
      const keys = await keyOfficer();
      const first = await register(boardAdmin, await newInstallationKey());
      const second = await register(boardAdmin, await newInstallationKey());
      assert.equal(second.body.state, 'pending');
      const superseded = await decide(keys, first.body.id, 'confirm');
      assert.equal(superseded.status, 409, JSON.stringify(superseded.body));

      // A second administrator registers one and is disabled before anyone confirms it.
      const admin2 = await madePerson(hub, {
        organisation: 'Sakura Board K.K.',
        login: `board.admin2.${dialect}`,
        roles: ['admin'],
        countersigner: `board.keys.${dialect}`,
      });
      const third = await register(admin2, await newInstallationKey());
      assert.equal(third.status, 201, JSON.stringify(third.body));
      assert.equal(
        (
          await hub.ctx.store.db
            .selectFrom('key_registrations')
            .select('state')
            .where('id', '=', second.body.id)
            .executeTakeFirstOrThrow()
        ).state,
        'superseded',
        'one installation key waits at a time',
      );
      await run(hub.ctx, disableUser, SYSTEM_CALLER, third.body.requestedBy?.id ?? '');
      const late = await decide(boardAdmin, third.body.id, 'confirm');
      assert.equal(late.status, 409, JSON.stringify(late.body));
      assert.match(late.body.error.message.en, /has been disabled since/);
    });
  });
}
