// A lawyer's disclosure request taken in before the installation was told its category (`agent init --category`,
// agent.json's providerCategory) was never judged by the civil stage rule intake applies by that category. Once
// the installation opens with its category (recorded in its store, the change audited), a held request the rule
// would have refused at intake is marked on the list, said on its page in the rule's words with the category that
// judged it, and cannot be prepared or approved (the refusal audited) until a person declines it; a request naming
// what the rule asks is not held, nor is one judged by a category whose stage it meets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { receiveEnvelope } from '../../src/agent/intake.ts';
import { recordOwnCategory } from '../../src/agent/own-category.ts';
import { declineRequest, listForReview, prepareRequest, viewForReview } from '../../src/agent/review.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import type { ProviderCategory } from '../../src/domain/vocabulary.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, startAgent, type TestAgent } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';
import { civilDisclosure, issue } from '../support/flow.ts';

/** How deep the parentheses of `text` go. */
const depth = (text: string) => {
  let [d, most] = [0, 0];
  for (const ch of text) {
    d += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    most = Math.max(most, d);
  }
  return most;
};
const ISP = { providerCategory: 'isp' } as const;
const CONNECTION = { type: 'ip', address: '203.0.113.9', port: 50123, at: '2026-11-20T10:00:00+09:00' } as const;

for (const dialect of testDialects()) {
  describe(`requests held from before the category was set meet the civil stage rule (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let genuine: EnvelopePayload;
    let genuineEnvelope: unknown;
    before(async () => {
      hub = await startHub(dialect);
      agent = await startAgent(hub, dialect, DEMO_ORGS.isp);
      await agent.pin();
      const lawyer = await hub.as('lawyer');
      const content = {
        ...civilDisclosure(agent.organisationId, '9201', { senderInformation: ['name', 'address'] }),
        categories: ['subscriber'],
        targets: [civilDisclosure(agent.organisationId, '9201').targets[0], CONNECTION],
      };
      const signed = await issuedEnvelope(hub, (await issue(lawyer, lawyer, content)).id);
      genuine = signed.payload;
      genuineEnvelope = JSON.parse(JSON.stringify(signed));
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /** The genuine request under new ids naming the post alone, signed again as the lawyer signs. */
    const postOnly = (tag: string) => {
      const c = genuine.content as { targets: unknown[] };
      const content = { ...c, targets: [c.targets[0]] } as EnvelopePayload['content'];
      return signedByUnit(hub, { ...genuine, requestId: `req_${tag}`, envelopeId: `env_${tag}`, content }, 'lawyer');
    };
    /** Taken in as an installation not told its category does (the rule left to the hub). */
    const take = async (envelope: unknown) => {
      const out = await inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source: 'file' }),
      );
      assert.equal(out.outcome, 'stored', JSON.stringify(out));
    };
    /** What opening the installation with `category` in agent.json records. */
    const opensWith = (category: ProviderCategory | undefined) =>
      inTransaction(agent.ctx, (uow) => recordOwnCategory(uow, SYSTEM_CALLER, agent.organisationId, category));
    /** Marked on the list of a process configured with `category` (the one it judges by). */
    const marked = async (id: string, category?: ProviderCategory) =>
      (await run(agent.ctx, listForReview, SYSTEM_CALLER, { providerCategory: category })).find(
        (r) => r.requestId === id,
      )?.breaksContentRule;

    test("an ISP's category set later holds a post-only request taken in before, until declined", async () => {
      await take(await postOnly('before_category'));
      await take(genuineEnvelope);
      const id = 'req_before_category';
      assert.equal(await marked(id), false, 'no category: the rule is the hub’s');

      await opensWith('isp');
      await opensWith('isp');
      const set = await auditDetails(agent.ctx.store.db, 'agent.category_set', agent.organisationId);
      assert.deepEqual(set, [{ from: null, to: 'isp' }], 'the change audited once');
      assert.equal(await marked(id, 'isp'), true, 'marked on the list');
      assert.equal(await marked(genuine.requestId, 'isp'), false, 'a request naming the connection is not held');

      // Its page (and `shokai agent review`) says why, in the rule's words and the category that judged it.
      const { legal } = await addLegalOfficer(agent, '法務 段階');
      const rule = (await run(agent.ctx, viewForReview, legal, id, ISP)).contentRule ?? assert.fail('held, in words');
      assert.equal(rule.reason, 'content_rule');
      assert.match(rule.detail.ja, /経由プロバイダ（日本ネットワーク通信株式会社）/);
      assert.match(rule.detail.ja, /この設置の事業者の種別「インターネット接続事業者（ISP）」/);
      assert.match(rule.detail.en, /from the post's URL alone it cannot look up its subscriber/);
      assert.match(rule.detail.ja, /agent\.json の「事業者の種別」/);
      assert.match(
        rule.detail.en,
        /the stage rule for Internet service provider, the provider category in agent\.json/,
      );
      assert.doesNotMatch(rule.detail.ja + rule.detail.en, /content_rule|\bisp\b|providerCategory/, 'no code shown');
      // What to do says why intake did not refuse it: the installation was not told its category then.
      assert.match(rule.todo.ja, /この設置に事業者の種別が伝えられる前に受け付けた要請/);
      assert.match(rule.todo.en, /taken in before this installation was told its category/);
      // What this installation adds to intake's words opens no parentheses within the refusal's.
      const added = rule.detail.en.slice(rule.detail.en.indexOf('; this is the stage rule'));
      assert.match(
        added,
        /^; this is the stage rule for Internet service provider, the provider category in agent\.json,/,
      );
      assert.equal(depth(added), 0, added);

      // Not prepared, by the installation nor by a person: refused in words, audited.
      await assert.rejects(
        run(agent.ctx, prepareRequest, SYSTEM_CALLER, id, { autoNone: false }, ISP),
        (e: Error & { code?: string; messages?: { ja: string } }) =>
          e.code === 'ILLEGAL_TRANSITION' && /この要請には回答できません/.test(e.messages?.ja ?? ''),
      );
      const refused = await auditDetails(agent.ctx.store.db, 'agent.content_rule_refused', id);
      assert.deepEqual(refused, [{ step: 'prepare', reason: 'content_rule', field: 'targets' }]);
      // A person acts: declined as an invalid request, it no longer needs one.
      await run(agent.ctx, declineRequest, legal, id, { reason: 'invalid_request' });
      assert.equal(await marked(id, 'isp'), false);
    });

    test("a board's category asks for the post: a post-only request is not held by it", async () => {
      await take(await postOnly('board_after'));
      await opensWith('board');
      assert.equal(await marked('req_board_after', 'board'), false);
      await opensWith(undefined);
      const set = await auditDetails(agent.ctx.store.db, 'agent.category_set', agent.organisationId);
      assert.deepEqual(set.slice(-1), [{ from: 'isp', to: 'board' }], 'an opening saying none changes nothing');
      assert.equal(await marked('req_board_after'), false, 'judged by the board category recorded');
    });
  });
}
