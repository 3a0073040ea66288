// The office's withdrawal, signed with the withdrawing person's passkey, reaches the provider's
// installation and is checked there against that person's key in the pinned directory log, not taken on
// the hub's word: verified, fails (other words, another request's signature, another organisation's person,
// an instant moved or before the request was issued), unsigned, or signed by a key the pinned log does not
// hold. The page and `shokai agent review` say which in words (ja/en); a failing one is audited once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { checkOffline, type EndedAtHub, endedAtHub, recordEndedAtHub } from '../../src/agent/hub-ended.ts';
import { hubEndedCheckText, hubEndedWords } from '../../src/agent/hub-ended-texts.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { envelopeOf } from '../../src/agent/request-row.ts';
import { editDraft, listForReview, viewForReview } from '../../src/agent/review.ts';
import { approve, prepareAll } from '../../src/agent/runner.ts';
import { packOwnerSignature } from '../../src/domain/attestation.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import {
  WITHDRAWAL_VERDICT_TEXTS,
  withdrawalDigest,
  withdrawalPayload,
} from '../../src/domain/withdrawal-signature.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage, printedReview } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, passkeyAssertion } from '../support/exchange.ts';
import { transition } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

const WHY = '当事者間で和解が成立したため、本件の開示請求を取り下げます。';
const esc = (s: string) => s.replace(/'/g, '&#39;');

for (const dialect of testDialects()) {
  describe(`a signed withdrawal checked on the provider's installation (${dialect})`, () => {
    const { lawyer, judge, board, agent, rt, orderAndRequest } = boardInstallationHooks(dialect);
    const row = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id)) ?? assert.fail(id);
    const audited = (id: string) => auditDetails(agent.ctx.store.db, 'agent.ended_at_hub', id);
    const pull = () => pullOnce(agent.ctx, agent.link(), agent.organisationId);
    /** The hub's view of `id` as the board's installation reads it, parsed as the pull parses it. */
    const hubSays = async (id: string): Promise<EndedAtHub> => {
      const view = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      return endedAtHub(view.body) ?? assert.fail(JSON.stringify(view.body));
    };
    /** `c`'s passkey signature over the withdrawal of `id` for `reason` at `at`, made directly. */
    const signedBy = (c: Client, id: string, reason: string, at: string, keyId: string) => ({
      keyId,
      signature: packOwnerSignature(passkeyAssertion(c, withdrawalDigest(withdrawalPayload(id, reason, at))).response),
    });
    const checked = (id: string, ended: EndedAtHub) =>
      inTransaction(agent.ctx, async (uow) =>
        checkOffline(uow, (await findAgentRequest(uow.tx, id)) ?? assert.fail(id), ended),
      );

    test('signed: verified against the pinned log, said on the page and the command line', async () => {
      const signed = await orderAndRequest('9801');
      const unsigned = await orderAndRequest('9802');
      await pull();
      await prepareAll(rt);
      const { code, legal } = await addLegalOfficer(agent, '法務 山本');
      const noData = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
      const digest = await run(agent.ctx, editDraft, legal, signed.requestId, { answer: noData });

      await signedWithdrawal(lawyer, signed.requestId, WHY);
      await transition(lawyer, unsigned.requestId, { action: 'withdraw', reason: WHY });
      const pulled = await pull();
      assert.deepEqual([...pulled.endedAtHub].sort(), [signed.requestId, unsigned.requestId].sort());
      // The lawyer's key was registered before the pin; the pull extends the pin before it checks anyway.
      assert.equal(pulled.directoryRefreshed, true);

      const a = await row(signed.requestId);
      assert.equal(a.hub_check, 'verified');
      assert.equal(a.hub_note, WHY);
      assert.equal(a.state, 'prepared', 'kept: nothing deleted');
      assert.equal((await audited(signed.requestId))[0]?.check, 'verified');
      const b = await row(unsigned.requestId);
      assert.equal(b.hub_check, 'unsigned');

      const verified = hubEndedWords('withdrawn', 'office', 'verified');
      const said = hubEndedWords('withdrawn', 'office', 'unsigned');
      assert.notDeepEqual(verified, said);
      const listed = await run(agent.ctx, listForReview, legal, {});
      assert.deepEqual(listed.find((r) => r.requestId === signed.requestId)?.hubEnded?.words, verified);
      assert.deepEqual(listed.find((r) => r.requestId === unsigned.requestId)?.hubEnded?.words, said);
      const view = await run(agent.ctx, viewForReview, legal, signed.requestId, {});
      const other = await run(agent.ctx, viewForReview, legal, unsigned.requestId, {});
      for (const lang of ['ja', 'en'] as const) {
        const page = await (await agentPage(rt, code, `/requests/${signed.requestId}?lang=${lang}`)).text();
        assert.ok(page.includes(esc(WITHDRAWAL_VERDICT_TEXTS.verified[lang])), page);
        assert.ok(page.includes(esc(verified[lang])), page);
        assert.ok(!page.includes('id="approve"'), 'still no action');
        const unsignedPage = await (await agentPage(rt, code, `/requests/${unsigned.requestId}?lang=${lang}`)).text();
        assert.ok(unsignedPage.includes(esc(WITHDRAWAL_VERDICT_TEXTS.unsigned[lang])), unsignedPage);
        const printed = printedReview(view, lang);
        assert.ok(printed.includes(WITHDRAWAL_VERDICT_TEXTS.verified[lang]) && printed.includes(verified[lang]));
        assert.ok(printedReview(other, lang).includes(WITHDRAWAL_VERDICT_TEXTS.unsigned[lang]));
        assert.ok(!printed.includes('verified\n') && !printed.includes('key_not_in_log'), 'no raw code');
      }
      // Ended with confidence, still kept: answering is refused in words, the row stays.
      const refused = await approve(rt, legal, signed.requestId, digest).then(
        () => assert.fail('not refused'),
        (e: unknown) => e,
      );
      assert.ok(isDomainError(refused) && refused.messages.en.includes(verified.en), String(refused));
    });

    test('a lying hub: other words, a moved signature, another person, a moved instant fail', async () => {
      const held = await orderAndRequest('9803');
      const elsewhere = await orderAndRequest('9804');
      await pull();
      await signedWithdrawal(lawyer, held.requestId, WHY);
      await signedWithdrawal(lawyer, elsewhere.requestId, '別件');
      const genuine = await hubSays(held.requestId);
      const w = genuine.withdrawal ?? assert.fail('the hub gives the withdrawal');
      const sig = w.signature ?? assert.fail('signed');
      const moved = (await hubSays(elsewhere.requestId)).withdrawal?.signature ?? assert.fail('signed');
      const log = await board.call<{ entries: { type: string; id: string; credential?: { id: string } | null }[] }>(
        'GET',
        '/v1/directory/export',
      );
      const judgeCredential = judge.passkey?.credentialId ?? assert.fail('the judge holds a passkey');
      const judgeKey = log.body.entries.find((e) => e.type === 'key' && e.credential?.id === judgeCredential)?.id;
      // Just before the request was issued (the lawyer's key was valid then already).
      const issuedAt = envelopeOf(await row(held.requestId)).payload.issuedAt;
      const before = new Date(Date.parse(issuedAt) - 1).toISOString();
      const lied = (change: Partial<NonNullable<EndedAtHub['withdrawal']>>): EndedAtHub => ({
        ...genuine,
        withdrawal: { ...w, ...change },
      });
      assert.equal(await checked(held.requestId, genuine), 'verified');
      const cases: [string, EndedAtHub, string][] = [
        ['other words', lied({ reason: `${WHY}（ハブが書き換え）` }), 'failed'],
        ['another request’s signature', lied({ signature: moved }), 'failed'],
        ['another instant', lied({ at: new Date(Date.parse(w.at) + 1).toISOString() }), 'failed'],
        // The judge (of the court, not the office) signs exactly this withdrawal with his own passkey.
        [
          'another organisation’s person',
          lied({ signature: signedBy(judge, held.requestId, WHY, w.at, judgeKey ?? assert.fail('the judge’s key')) }),
          'failed',
        ],
        // The lawyer's own signature, dated before the request was issued (a stale one replayed).
        [
          'before the request',
          lied({ at: before, signature: signedBy(lawyer, held.requestId, WHY, before, sig.keyId) }),
          'failed',
        ],
        [
          'a key not in the pinned log',
          lied({ signature: { ...sig, keyId: 'key_unknown_to_the_pin' } }),
          'key_not_in_log',
        ],
        ['unsigned', lied({ signature: null }), 'unsigned'],
      ];
      for (const [what, ended, check] of cases) assert.equal(await checked(held.requestId, ended), check, what);

      // A failing one is recorded once, audited with the check, and said on the page as failing.
      const forged = cases[0]?.[1] ?? assert.fail();
      assert.equal(await inTransaction(agent.ctx, (uow) => recordEndedAtHub(uow, held.requestId, forged)), true);
      assert.equal(await inTransaction(agent.ctx, (uow) => recordEndedAtHub(uow, held.requestId, forged)), false);
      const entries = await audited(held.requestId);
      assert.equal(entries.length, 1);
      assert.equal(entries[0]?.check, 'failed');
      assert.equal((await row(held.requestId)).hub_check, 'failed');
      const { code } = await addLegalOfficer(agent, '法務 小林');
      for (const lang of ['ja', 'en'] as const) {
        const page = await (await agentPage(rt, code, `/requests/${held.requestId}?lang=${lang}`)).text();
        assert.ok(page.includes(esc(hubEndedCheckText('office', 'failed')[lang])), page);
        assert.ok(!page.includes(esc(hubEndedWords('withdrawn', 'office', 'verified')[lang])));
      }
    });
  });
}
