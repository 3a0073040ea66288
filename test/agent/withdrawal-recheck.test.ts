// The check of an office's signed withdrawal on the provider's installation depends on how far the pin
// reaches: a cycle whose pin could not be extended (the hub's log refused) reads the key as not in the
// pinned log. That check is made again on later cycles, once the pin has grown, until it is final: the
// next cycle that extends the pin to the key reads it verified, audited as a change once (the first check
// stays in the audit). A failed check stays failed; a key that never enters the log stays not in it. A
// court's set-aside the pin did not reach is checked again the same way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { type EndedAtHub, endedAtHub, recordEndedAtHub } from '../../src/agent/hub-ended.ts';
import { hubEndedCheckText, hubEndedOf, hubEndedWords } from '../../src/agent/hub-ended-texts.ts';
import { pinAndCheckAgain } from '../../src/agent/pin-offline.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import type { SoftCredential } from '../../src/demo/soft-authenticator.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { auditDetails } from '../support/audit.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { testDialects } from '../support/dialects.ts';
import { recordOutcome, suitFiled } from '../support/disclosure-order.ts';
import { type Client, registerPasskey } from '../support/exchange.ts';
import { boardPost, inquiry, issue } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

const WHY = '被疑者を特定できたため、本照会を取り下げます。';

for (const dialect of testDialects()) {
  describe(`a withdrawal's check waiting on the pinned log is made again (${dialect})`, () => {
    const { hub, board, judge, orgs, agent, orderAndRequest } = boardInstallationHooks(dialect);
    /** While set, the hub's directory export is no directory at all: the pin cannot be extended. */
    let refusing = false;
    const watching =
      (f: Fetch): Fetch =>
      async (input, init) => {
        const req = input instanceof Request ? input : new Request(input, init);
        if (refusing && new URL(req.url).pathname === '/v1/directory/export') {
          return Response.json({ format: 'shokai-directory/v1', entries: 'none' });
        }
        return f(req);
      };
    const pull = () => pullOnce(agent.ctx, agent.link({}, watching), agent.organisationId);
    const row = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id)) ?? assert.fail(id);
    const audited = (action: string, id: string) => auditDetails(agent.ctx.store.db, action, id);
    let n = 0;
    const issued = async (): Promise<string> => {
      n += 1;
      const content = inquiry(orgs.board, { caseReference: `RECHECK-${n}`, targets: [boardPost(`t/recheck-${n}`)] });
      return (await issue(await hub.as('sato'), await hub.as('tanaka'), content)).id;
    };
    const hubSays = async (id: string): Promise<EndedAtHub> => {
      const view = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      return endedAtHub(view.body) ?? assert.fail(JSON.stringify(view.body));
    };
    /** The investigator sato with a passkey registered now (it counts at once): a client signing with it. */
    async function satoWithPasskey(): Promise<Client> {
      const sato = await hub.as('sato');
      const origin = hub.url.replace('127.0.0.1', 'localhost');
      const { made, reg } = await registerPasskey(sato, origin);
      assert.equal(reg.confirmation.state, 'confirmed');
      return { token: sato.token, call: sato.call, passkey: made.credential as SoftCredential, origin };
    }

    test('not in the pinned log while the pin cannot reach the key; verified once it does', async () => {
      const id = await issued();
      await pull();
      assert.equal((await row(id)).state, 'received');
      // The key is registered after the pin last grew; the withdrawal is signed with it.
      const signer = await satoWithPasskey();
      await signedWithdrawal(signer, id, WHY);

      refusing = true;
      const refused = await pull();
      refusing = false;
      assert.equal(refused.pinRefused, 'malformed');
      assert.deepEqual(refused.endedAtHub, [id]);
      assert.deepEqual(refused.references, { [id]: (await row(id)).reference }, 'named by its reference');
      assert.equal((await row(id)).hub_check, 'key_not_in_log');
      assert.deepEqual(
        (await audited('agent.ended_at_hub', id)).map((d) => d.check),
        ['key_not_in_log'],
      );

      const extended = await pull();
      assert.equal(extended.directoryRefreshed, true);
      assert.deepEqual(extended.checkedAgain, [id]);
      assert.match(extended.references[id] ?? '', /^SHK-\d{4}-\d{6}$/);
      const now = await row(id);
      assert.equal(now.hub_check, 'verified');
      assert.deepEqual(hubEndedOf(now)?.words, hubEndedWords('withdrawn', 'office', 'verified'));
      assert.deepEqual(hubEndedOf(now)?.checkText, hubEndedCheckText('office', 'verified'));
      assert.equal(now.hub_note, WHY, 'what the hub said stays as recorded');
      // The first check stays in the audit; the change is audited once.
      assert.deepEqual(
        (await audited('agent.ended_at_hub', id)).map((d) => d.check),
        ['key_not_in_log'],
      );
      const changes = await audited('agent.hub_check_changed', id);
      assert.deepEqual(
        changes.map((d) => [d.previous, d.check]),
        [['key_not_in_log', 'verified']],
      );
      assert.deepEqual(changes[0]?.words, hubEndedWords('withdrawn', 'office', 'verified'));

      const again = await pull();
      assert.deepEqual(again.checkedAgain, []);
      assert.equal((await audited('agent.hub_check_changed', id)).length, 1, 'final: not checked again');
    });

    test('a failed check stays failed; a key that never enters the log stays not in it', async () => {
      // The passkey is registered before the requests are taken in: the pin grows to its key then.
      const signer = await satoWithPasskey();
      const failing = await issued();
      const unknown = await issued();
      assert.equal((await pull()).directoryRefreshed, true);
      await signedWithdrawal(signer, failing, WHY);
      await signedWithdrawal(signer, unknown, WHY);
      // A lying hub: other words than were signed, and a key id no log holds. Recorded before any pull learns them.
      const genuine = await hubSays(failing);
      const w = genuine.withdrawal ?? assert.fail('signed');
      const otherWords = `${WHY}（ハブが書き換え）`;
      const lied = { ...genuine, note: otherWords, withdrawal: { ...w, reason: otherWords } };
      const theOther = await hubSays(unknown);
      const sig = theOther.withdrawal?.signature ?? assert.fail('signed');
      const noKey = {
        ...theOther,
        withdrawal: { ...(theOther.withdrawal ?? assert.fail()), signature: { ...sig, keyId: 'key_in_no_log' } },
      };
      assert.equal(await inTransaction(agent.ctx, (uow) => recordEndedAtHub(uow, failing, lied)), true);
      assert.equal(await inTransaction(agent.ctx, (uow) => recordEndedAtHub(uow, unknown, noKey)), true);
      assert.equal((await row(failing)).hub_check, 'failed');
      assert.equal((await row(unknown)).hub_check, 'key_not_in_log');

      // Later cycles extend the pin (the check waiting on it asks for that): neither check changes.
      for (let i = 0; i < 2; i++) {
        const s = await pull();
        assert.deepEqual(s.checkedAgain, []);
      }
      assert.equal((await row(failing)).hub_check, 'failed');
      assert.equal((await row(unknown)).hub_check, 'key_not_in_log');
      assert.deepEqual(await audited('agent.hub_check_changed', failing), []);
      assert.deepEqual(await audited('agent.hub_check_changed', unknown), []);
    });

    test('a set-aside the pin could not reach reads verified once the pin grows to it', async () => {
      const onOrder = await orderAndRequest('9811');
      assert.ok((await pull()).stored.includes(onOrder.requestId));
      await suitFiled(judge, onOrder.app.id, { filedAt: new Date().toISOString(), by: 'provider', caseNumber: 'ワ9' });
      const gone = await recordOutcome(judge, onOrder.app.id, {
        outcome: 'set_aside',
        decidedAt: new Date().toISOString(),
        reason: '権利侵害の明白性が認められない。',
        ground: 'infringement_not_evident',
      });
      assert.equal(gone.status, 200, JSON.stringify(gone.body));

      refusing = true;
      const refused = await pull();
      refusing = false;
      assert.equal(refused.pinRefused, 'malformed');
      assert.ok(refused.endedAtHub.includes(onOrder.requestId));
      assert.equal((await row(onOrder.requestId)).hub_check, 'not_in_log');

      const extended = await pull();
      assert.ok(extended.checkedAgain.includes(onOrder.requestId), JSON.stringify(extended));
      assert.equal((await row(onOrder.requestId)).hub_check, 'verified');
      assert.deepEqual(
        (await audited('agent.hub_check_changed', onOrder.requestId)).map((d) => [d.previous, d.check]),
        [['not_in_log', 'verified']],
      );
    });

    test('offline: a directory pinned by hand (agent pin) checks again what waited on the log', async () => {
      const id = await issued();
      await pull();
      // The key is registered after the pin last grew; the end comes on a medium, as file mode records it.
      const signer = await satoWithPasskey();
      await signedWithdrawal(signer, id, WHY);
      const ended = await hubSays(id);
      assert.equal(await inTransaction(agent.ctx, (uow) => recordEndedAtHub(uow, id, ended)), true);
      assert.equal((await row(id)).hub_check, 'key_not_in_log');

      // The operator carries the hub's directory over and pins it, with no line to the hub.
      const directory = JSON.parse(JSON.stringify(await run(hub.ctx, exportDirectory, SYSTEM_CALLER)));
      const pinned = await pinAndCheckAgain(agent.ctx, directory);
      assert.ok(pinned.pinned.size > 0);
      assert.deepEqual(
        pinned.checkedAgain.map((c) => [c.requestId, c.view.check]),
        [[id, 'verified']],
      );
      assert.deepEqual(pinned.checkedAgain[0]?.view.words, hubEndedWords('withdrawn', 'office', 'verified'));
      assert.equal((await row(id)).hub_check, 'verified');
      assert.deepEqual(
        (await audited('agent.hub_check_changed', id)).map((d) => [d.previous, d.check]),
        [['key_not_in_log', 'verified']],
      );
      // Pinned again: nothing waits any more.
      assert.deepEqual((await pinAndCheckAgain(agent.ctx, directory)).checkedAgain, []);
    });
  });
}
