import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { revokeKey } from '../../src/directory/keys.ts';
import { importDirectory, verifyAgainstPinned } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { SignedEnvelope } from '../../src/domain/envelope.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { type DirectoryExport, signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';
import { issuedEnvelope } from '../support/envelopes.ts';
import {
  approve,
  type Client,
  confirmPasskey,
  orgId,
  registerPasskey,
  signInAll,
  startHub,
  type TestHub,
} from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';

// A directory anyone can pin: a second installation (its own store, its own master key) imports the
// hub's signed directory and verifies the hub's envelopes offline; a tampered directory, an unknown,
// revoked or too new key is refused with the reason.
for (const dialect of testDialects()) {
  describe(`the directory a second installation pins (${dialect})`, () => {
    let hub: TestHub;
    let sato: Client, tanaka: Client;
    let second: { ctx: AppContext; store: Store; drop: () => Promise<void> };
    let boardId: string;

    const issue = async (id: string): Promise<SignedEnvelope> => {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: boardId,
          caseReference: 'DIR-1',
          offence: '脅迫',
          facts: '事実',
          necessity: '必要',
          targets: [{ type: 'account', id }],
          categories: ['subscriber'],
        },
      });
      await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      assert.equal((await approve(tanaka, d.body.id)).status, 200);
      return issuedEnvelope(hub, d.body.id);
    };
    const exported = async (): Promise<DirectoryExport> => {
      const r = await sato.call<DirectoryExport>('GET', '/v1/directory/export');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const pin = (d: unknown) => run(second.ctx, importDirectory, SYSTEM_CALLER, d);
    const verify = (envelope: SignedEnvelope) => run(second.ctx, verifyAgainstPinned, SYSTEM_CALLER, { envelope });
    const refusedWith = async (p: Promise<unknown>, reason: string) => {
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.details?.reason, reason);
        assert.ok(e.messages.ja && e.messages.en);
        return true;
      });
    };

    before(async () => {
      hub = await startHub(dialect);
      [sato, tanaka] = await signInAll(hub, 'sato', 'tanaka');
      boardId = await orgId(hub, 'Sakura Board K.K.');
      const loc = await freshLocation(dialect, hub.dir);
      const store = await openStore(loc.location);
      second = { ctx: await createContext(store, kekFromSecret(generateKekSecret())), store, drop: loc.drop };
    });
    after(async () => {
      await second.store.close();
      await second.drop();
      await hub.close();
    });

    test('the second installation pins the directory and verifies a hub envelope offline', async () => {
      const env = await issue('dir-ok');
      const d = await exported();
      assert.ok(
        d.entries.some((e) => e.type === 'key' && e.credential !== null),
        'approver credentials are in it',
      );
      const pinned = await pin(d);
      assert.equal(pinned.fingerprint, hub.ctx.auditSigner.fingerprint);
      const v = await verify(env);
      assert.equal(v.ok, true, JSON.stringify(v));
      // Unknown key: refused with its reason.
      const unknown = {
        ...env,
        signatures: { ...env.signatures, unit: { ...env.signatures.unit, keyId: 'key_unknown' } },
      };
      const u = await verify(unknown as SignedEnvelope);
      assert.equal(u.ok, false);
      assert.equal(u.reason, 'key_unknown');
      assert.match(u.message.ja, /未知の鍵/);
      // Altered content: the unit's and the approver's signatures no longer match.
      const altered = await verify({ ...env, payload: { ...env.payload, reference: 'X' } } as SignedEnvelope);
      assert.equal(altered.ok, false);
    });

    test('a tampered directory, or one that rewrites the pinned log, is refused with the reason', async () => {
      const d = await exported();
      const tampered = structuredClone(d);
      const k = tampered.entries.find((e) => e.type === 'key');
      assert.ok(k && k.type === 'key');
      k.publicKey = `${k.publicKey.slice(0, -4)}AAAA`;
      await refusedWith(pin(tampered), 'tampered');
      // Another head signature (a forged head).
      await refusedWith(
        pin({ ...d, head: { ...d.head, signature: d.head.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } }),
        'head_signature',
      );
      // The hub operator removes an entry and signs the shorter log with the genuine key: not append-only.
      const entries = d.entries.filter((_, i) => i !== 1);
      const signer = hub.ctx.auditSigner;
      const rewritten = { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
      await refusedWith(pin(rewritten), 'rewritten');
      // The genuine later export appends: accepted.
      assert.equal((await pin(d)).replaced, true);
    });

    test('a key newer than the pinned head, and a revoked key, are refused', async () => {
      const d = await exported();
      await pin(d);
      // The unit head registers a new passkey after the pin: his new approvals are "newer than the pin".
      const { made, reg } = await registerPasskey(tanaka, tanaka.origin ?? 'http://localhost');
      assert.equal((await confirmPasskey(hub, reg, 'mpd.keys')).status, 200);
      tanaka.passkey = made.credential;
      const later = await issue('dir-newer');
      const newer = await verify(later);
      assert.equal(newer.reason, 'key_newer', JSON.stringify(newer));
      // Pinned again, it verifies; once the key is revoked as compromised and re-pinned, it does not.
      await pin(await exported());
      assert.equal((await verify(later)).ok, true);
      await run(hub.ctx, revokeKey, SYSTEM_CALLER, reg.id, { reason: 'compromised' });
      await pin(await exported());
      const revoked = await verify(later);
      assert.equal(revoked.reason, 'key_revoked');
      assert.match(revoked.message.en, /revoked/);
    });
  });
}
