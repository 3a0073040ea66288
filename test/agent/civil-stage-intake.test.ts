// The civil stage rule at the provider's own door: a lawyer's disclosure request to an access provider (an
// ISP) names the connection the content provider disclosed, for from a post's URL alone it cannot look up its
// subscriber. The hub refuses one that names none (checkCivilTargetsFor); the installation does not take its
// word for it: by its own category (agent.json's `providerCategory`), it refuses such a request at intake, in
// the rule's words, and stores nothing of it — even when the lawyer's signature verifies.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { listAgentRequests } from '../../src/agent/agent.repository.ts';
import { AgentConfigSchema } from '../../src/agent/config.ts';
import { receiveEnvelope } from '../../src/agent/intake.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import type { ProviderCategory } from '../../src/domain/vocabulary.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { hubAndPinnedIspHooks } from '../support/carrier-hooks.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { civilDisclosure, civilToAccessProvider, issue } from '../support/flow.ts';

const CONNECTION = { type: 'ip', address: '203.0.113.9', port: 50123, at: '2026-11-20T10:00:00+09:00' } as const;

for (const dialect of testDialects()) {
  describe(`the installation applies the civil stage rule by its own category (${dialect})`, () => {
    const { hub, agent } = hubAndPinnedIspHooks(dialect);
    let genuine: EnvelopePayload;
    let genuineEnvelope: unknown;
    before(async () => {
      const lawyer = await hub.as('lawyer');
      const n = '9101';
      const post = civilDisclosure(agent.organisationId, n).targets[0];
      const content = civilToAccessProvider(agent.organisationId, n, [post, CONNECTION]);
      const signed = await issuedEnvelope(hub, (await issue(lawyer, lawyer, content)).id);
      genuine = signed.payload;
      genuineEnvelope = JSON.parse(JSON.stringify(signed));
    });

    /** The genuine request under new ids naming the post alone, signed again as the lawyer signs. */
    const postOnly = (tag: string) => {
      const c = genuine.content as { targets: unknown[] };
      return signedByUnit(
        hub,
        {
          ...genuine,
          requestId: `req_${tag}`,
          envelopeId: `env_${tag}`,
          content: { ...c, targets: [c.targets[0]] } as EnvelopePayload['content'],
        },
        'lawyer',
      );
    };
    const take = (envelope: unknown, providerCategory?: ProviderCategory) =>
      inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(
          uow,
          SYSTEM_CALLER,
          { organisationId: agent.organisationId, providerCategory },
          { envelope, source: 'file' },
        ),
      );
    const held = async (requestId: string) =>
      (await listAgentRequests(agent.ctx.store.db, undefined, 200)).some((r) => r.request_id === requestId);

    test("an ISP's installation refuses a lawyer's request naming only the post, in the rule's words", async () => {
      const out = await take(await postOnly('post_only'), 'isp');
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, 'content_rule');
      assert.equal(out.verdict.field, 'targets');
      assert.match(out.verdict.detail?.ja ?? '', /経由プロバイダ（日本ネットワーク通信株式会社）/);
      assert.match(out.verdict.detail?.ja ?? '', /IPアドレス・接続元ポート番号・送信日時/);
      assert.match(out.verdict.detail?.en ?? '', /access provider \(Nihon Network Communications K\.K\.\)/);
      assert.match(out.verdict.detail?.en ?? '', /from the post's URL alone it cannot look up its subscriber/);
      assert.equal(await held('req_post_only'), false, 'nothing of it is stored');
    });

    test('the request naming the connection is taken in', async () => {
      const out = await take(genuineEnvelope, 'isp');
      assert.equal(out.outcome, 'stored', JSON.stringify(out));
    });

    test("a content provider's category asks for the post: the same request is taken in by it", async () => {
      // (By its category a board would be asked about the post, which this request names.)
      const out = await take(await postOnly('post_board'), 'board');
      assert.equal(out.outcome, 'stored', JSON.stringify(out));
    });

    test('an installation not told its category leaves the rule to the hub', async () => {
      const out = await take(await postOnly('post_unsaid'));
      assert.equal(out.outcome, 'stored', JSON.stringify(out));
    });

    test('the category in agent.json is one of the closed list', () => {
      const base = {
        organisationId: 'org_x',
        hub: { url: 'https://hub.example.jp' },
        machineKeyFile: 'm',
        installationKeyFile: 'i',
        store: 's',
      };
      assert.equal(AgentConfigSchema.parse({ ...base, providerCategory: 'isp' }).providerCategory, 'isp');
      assert.equal(AgentConfigSchema.safeParse({ ...base, providerCategory: 'telco' }).success, false);
    });
  });
}
