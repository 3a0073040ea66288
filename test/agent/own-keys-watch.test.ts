// A hub operator with database access slips a key row in for a person of the provider; at the hub's next
// signing it is in the log. The provider's own installation watches its pin for keys in its own name: the
// keys there when the watch began are the baseline (trust on first use), its own installation key is known
// by its public key, and a key slipped in later is listed as not yet confirmed — audited once, on the status page
// in words (ja/en) — until a person of the provider confirms it (then no longer listed) or disowns it (then
// told what to do); both audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decideOwnKey, monitorOwnKeys, ownKeysWatch } from '../../src/agent/keys-monitor.ts';
import { type AgentRuntime, cycle } from '../../src/agent/runner.ts';
import type { Principal } from '../../src/domain/access.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { auditDetails, auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { orgId, startHub, type TestHub } from '../support/exchange.ts';
import { slipPersonKey } from '../support/slipped-key.ts';

for (const dialect of testDialects()) {
  describe(`the installation watches the keys in its own name in the pin (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let rt: AgentRuntime;
    let installationKeyId: string;
    let installationPublicKey: string | undefined;
    let boardId: string;
    let legal: { code: string; legal: Principal };

    before(async () => {
      hub = await startHub(dialect);
      // The pin is taken before the installation key is registered: that key enters the log later.
      const ready = await readyInstallation(hub, dialect, 'Sakura Board K.K.');
      agent = ready.agent;
      installationKeyId = ready.key.keyId;
      installationPublicKey = ready.key.signer.publicKey;
      rt = runtime(agent, ready.key.signer, agent.link());
      boardId = await orgId(hub, 'Sakura Board K.K.');
      legal = await addLegalOfficer(agent, '法務 高橋');
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /** What an operator could do behind the API: a passkey key row for a person of the provider. */
    const slipIn = async (n: number): Promise<{ id: string; fingerprint: string }> => {
      const person = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('organisation_id', '=', boardId)
        .executeTakeFirstOrThrow();
      return slipPersonKey(hub.ctx, { id: `key_slipped_${n}`, organisationId: boardId, ownerId: person.id });
    };
    const watch = () => run(agent.ctx, (uow) => ownKeysWatch(uow));
    const audits = (action: string, id?: string) => auditDetails(agent.ctx.store.db, action, id);

    test('the baseline is the pin when the watch began; the installation key is known as its own', async () => {
      // The watch begins on the pin as it was before the installation key was registered (as it would
      // before a rotation of that key): the key is not in the baseline.
      assert.equal(
        (await monitorOwnKeys(agent.ctx, agent.organisationId, { publicKey: installationPublicKey }))?.own,
        0,
      );
      const w = (await watch()) ?? assert.fail('the watch began');
      assert.ok(w.baseline.count > 0, 'the provider had keys in the pin already');
      // The installation key entered the log after the baseline: known by its public key once the pin
      // reaches it.
      await agent.pin();
      assert.equal((await cycle(rt)).unconfirmedKeys, 0);
      const again = (await watch()) ?? assert.fail();
      assert.equal(again.own, 1);
      assert.deepEqual(again.unconfirmed, []);
      assert.equal(again.baseline.count, w.baseline.count);
      assert.ok(!(await audits('agent.key_unconfirmed')).some((d) => JSON.stringify(d).includes(installationKeyId)));
    });

    const slippedKeyListedTitle =
      'a key slipped in later is listed, audited once, shown in words; confirmed, it is no longer listed';
    test(slippedKeyListedTitle, async () => {
      const slipped = await slipIn(1);
      // Not in the pin yet: nothing to see.
      assert.equal((await cycle(rt)).unconfirmedKeys, 0);
      await agent.pin();
      assert.equal((await cycle(rt)).unconfirmedKeys, 1);
      const audited = await audits('agent.key_unconfirmed', slipped.id);
      assert.equal(audited.length, 1);
      assert.equal(audited[0]?.fingerprint, slipped.fingerprint);
      assert.equal(audited[0]?.passkey, true);
      // Seen again: still listed, audited once.
      assert.equal((await cycle(rt)).unconfirmedKeys, 1);
      assert.equal((await audits('agent.key_unconfirmed', slipped.id)).length, 1);

      for (const [lang, words, kind, at] of [
        [
          'ja',
          '自社の者がまだ確認していないもの',
          'パスキー（署名用）',
          'ログへの記録 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+09:00',
        ],
        [
          'en',
          'none of your people has confirmed yet',
          'passkey \\(signing\\)',
          'entered the log at \\d{4}-\\d\\d-\\d\\d [\\d:]+ \\+09:00',
        ],
      ] as const) {
        const html = await (await agentPage(rt, legal.code, `/status?lang=${lang}`)).text();
        assert.ok(html.includes('id="keys-unconfirmed"'), html);
        const alert = html.slice(
          html.indexOf('id="keys-unconfirmed"'),
          html.indexOf('</div>', html.indexOf('id="keys-unconfirmed"')),
        );
        assert.match(alert, new RegExp(words));
        assert.match(alert, new RegExp(kind));
        assert.match(alert, new RegExp(at));
        assert.ok(alert.includes(slipped.fingerprint), alert);
        assert.ok(alert.includes(`/own-keys/${slipped.id}/confirm`), alert);
        // The baseline is said, with its count.
        assert.match(html, lang === 'ja' ? /初回の信頼/ : /trust on first use/);
      }

      // Not signed in: sent to sign in, nothing recorded.
      const anonymous = await agentPage(rt, 'not a code', `/own-keys/${slipped.id}/confirm`, new URLSearchParams());
      assert.equal(anonymous.status, 303);
      assert.equal(anonymous.headers.get('location'), '/login');
      assert.equal((await audits('agent.key_confirmed')).length, 0);

      const confirmed = await agentPage(rt, legal.code, `/own-keys/${slipped.id}/confirm`, new URLSearchParams());
      assert.equal(confirmed.status, 303, await confirmed.text());
      assert.equal(confirmed.headers.get('location'), '/status');
      const said = await auditEntries(agent.ctx.store.db, 'agent.key_confirmed', slipped.id);
      assert.equal(said.length, 1);
      assert.equal(said[0]?.actorId, legal.legal.id);
      assert.equal((await cycle(rt)).unconfirmedKeys, 0);
      const w = (await watch()) ?? assert.fail();
      assert.equal(w.confirmed, 1);
      const html = await (await agentPage(rt, legal.code, '/status?lang=en')).text();
      assert.ok(!html.includes('id="keys-unconfirmed"'), html);
      assert.ok(!html.includes(slipped.fingerprint), html);
    });

    test('a key disowned is shown with what to do, audited; only a person with the permission decides', async () => {
      const slipped = await slipIn(2);
      await agent.pin();
      assert.equal((await cycle(rt)).unconfirmedKeys, 1);
      // A reviewer without the permission (an intake clerk) is refused; an unknown key is refused by name.
      const clerk: Principal = { ...legal.legal, roles: ['provider_intake'] };
      await assert.rejects(
        run(agent.ctx, decideOwnKey, clerk, slipped.id, 'not_ours'),
        (e) => isDomainError(e) && e.code === 'FORBIDDEN',
      );
      await assert.rejects(
        run(agent.ctx, decideOwnKey, legal.legal, 'key_nowhere', 'not_ours'),
        (e) => isDomainError(e) && e.code === 'NOT_FOUND' && e.messages.en.includes('key_nowhere'),
      );
      // By fingerprint, as `shokai agent own-keys disown` may name it.
      const k = await run(agent.ctx, decideOwnKey, legal.legal, slipped.fingerprint, 'not_ours');
      assert.equal(k.id, slipped.id);
      assert.equal((await audits('agent.key_disowned', slipped.id)).length, 1);
      // The same word again changes nothing and is not audited again.
      await run(agent.ctx, decideOwnKey, legal.legal, slipped.id, 'not_ours');
      assert.equal((await audits('agent.key_disowned', slipped.id)).length, 1);
      const w = (await watch()) ?? assert.fail();
      assert.deepEqual(
        w.disowned.map((d) => d.id),
        [slipped.id],
      );
      assert.deepEqual(w.unconfirmed, []);
      for (const [lang, steps] of [
        ['ja', '漏えい（compromised）として失効'],
        ['en', 'Revoke it at the hub as compromised'],
      ] as const) {
        const html = await (await agentPage(rt, legal.code, `/status?lang=${lang}`)).text();
        const alert = html.slice(html.indexOf('id="keys-disowned"'));
        assert.ok(html.includes('id="keys-disowned"'), html);
        assert.ok(alert.includes(steps), alert);
        assert.ok(alert.includes(slipped.fingerprint), alert);
        assert.ok(alert.includes('法務 高橋'), alert);
      }
    });
  });
}
