// A hub operator with database access slips encryption keys into the log to read answers: one in the provider's
// own name (its copy of every answer), one for the requesting unit. The installation seals to neither: not to a
// key of its own name that entered its pin after its watch began until a person of the provider confirms it (nor
// ever to one they said is not theirs), and not to a key the hub holds (X25519) for a unit whose answer key the
// log shows on its members' devices. Nothing is signed or sent; the words say what to do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { decideOwnKey } from '../../src/agent/keys-monitor.ts';
import { envelopeOf } from '../../src/agent/request-row.ts';
import { editDraft } from '../../src/agent/review.ts';
import { approve, cycle } from '../../src/agent/runner.ts';
import {
  CUSTODY_KEY_ALGORITHM,
  deviceKeyFingerprint,
  exportDevicePublicKey,
  generateDeviceKeyPair,
} from '../../src/crypto/device-seal.ts';
import { generateEncryptionKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { insertKey, newKeyRow } from '../../src/directory/key.repository.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { boardDeskHooks } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { boardPost, issue, suicideNotice } from '../support/flow.ts';

const FOUND = {
  outcome: 'full',
  items: [{ targetIndex: 0, result: 'found', subscriber: { account: 'u-104', name: '山田 花子' } }],
};

for (const dialect of testDialects()) {
  describe(`keys the hub slips into the log are not sealed to (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const [sato, tanaka] = people;
    const desk = boardDeskHooks(hub, dialect);
    /** A key row the hub operator writes into its own store, the private half his. */
    const slip =
      (row: { id: string; org: string; ownerType: 'organisation' | 'unit'; ownerId: string }) =>
      async (algorithm: string, publicKey: string, fingerprint: string) =>
        run(hub.ctx, (uow) =>
          insertKey(
            uow.tx,
            newKeyRow(uow.now.toISOString(), {
              id: row.id,
              organisation_id: row.org,
              owner_type: row.ownerType,
              owner_id: row.ownerId,
              purpose: 'encryption',
              algorithm,
              public_key: publicKey,
              private_key_wrapped: null,
              fingerprint,
              credential_id: null,
              rp_id: null,
            }),
          ),
        );
    const refusedFor = (field: string, words: RegExp) => (e: unknown) =>
      e instanceof DomainError && e.code === 'KEY_UNKNOWN' && e.details?.field === field && words.test(e.messages.ja);

    test("a key in the provider's own name: not until confirmed, never once disowned", async () => {
      const { agent, rt, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/31#1')]));
      await cycle(rt); // the watch takes its baseline
      // the operator's key, of the device-custody kind (no downgrade to tell it by), in the board's name
      const pair = await generateDeviceKeyPair(true);
      const publicKey = await exportDevicePublicKey(pair.publicKey);
      const own = { id: 'key_slipped_own', org: orgs.board, ownerType: 'organisation' as const, ownerId: orgs.board };
      await slip(own)(CUSTODY_KEY_ALGORITHM, publicKey, await deviceKeyFingerprint(publicKey));
      await agent.pin();
      await cycle(rt);
      const digest = await run(agent.ctx, editDraft, legal, issued.id, { answer: FOUND });
      await assert.rejects(
        approve(rt, legal, issued.id, digest),
        refusedFor('ownKey', /まだ自社の人が確認していません/),
      );
      assert.equal((await findAgentRequest(agent.ctx.store.db, issued.id))?.state, 'prepared', 'nothing signed');
      await run(agent.ctx, decideOwnKey, legal, own.id, 'not_ours');
      await assert.rejects(approve(rt, legal, issued.id, digest), refusedFor('ownKey', /自社のものではない/));
      const row = await findAgentRequest(agent.ctx.store.db, issued.id);
      assert.equal(row?.state, 'prepared');
      assert.equal(row?.submission ?? null, null, 'nothing sealed');
    });

    test("a key the hub holds for a unit whose answer key is on its members' devices", async () => {
      const { agent, rt, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/31#2')]));
      await cycle(rt);
      const row = (await findAgentRequest(agent.ctx.store.db, issued.id)) ?? assert.fail('received');
      const { unitId, agencyOrganisationId } = envelopeOf(row).payload;
      const legacy = generateEncryptionKeyPair();
      const unit = { id: 'key_slipped_unit', org: agencyOrganisationId, ownerType: 'unit' as const, ownerId: unitId };
      await slip(unit)('X25519', legacy.publicKey, keyFingerprint(legacy.publicKey));
      await agent.pin();
      await cycle(rt);
      const digest = await run(agent.ctx, editDraft, legal, issued.id, { answer: FOUND });
      await assert.rejects(approve(rt, legal, issued.id, digest), refusedFor('unitKey', /key_slipped_unit/));
      assert.equal((await findAgentRequest(agent.ctx.store.db, issued.id))?.state, 'prepared');
    });
  });
}
