// The provider's own installation takes in requests: it pulls them from the hub with its machine key,
// verifies each envelope ITSELF against the directory it pinned, stores it once, and refuses what does
// not verify (unpinned hub, forged content, another provider's request) before anything else sees it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgentRequests, listRefusals } from '../../src/agent/agent.repository.ts';
import { fetchEnvelope } from '../../src/agent/hub.ts';
import { receiveEnvelope } from '../../src/agent/intake.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { cycle, prepareAll } from '../../src/agent/runner.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { EnvelopePayload } from '../../src/domain/envelope.ts';
import type { Target } from '../../src/domain/targets.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import {
  installationKey,
  loadCarrierLogs,
  newCase,
  runtime,
  startAgent,
  type TestAgent,
  warrantToCarrier,
} from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';

async function attributionAudits(agent: TestAgent): Promise<number> {
  const rows = await agent.ctx.store.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', 'in', ['attribution.looked_up', 'holders.posts_looked_up', 'holders.cafe_looked_up'])
    .execute();
  return rows.length;
}

for (const dialect of testDialects()) {
  describe(`the agent takes in requests (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    before(async () => {
      hub = await startHub(dialect);
      agent = await startAgent(hub, dialect, DEMO_ORGS.isp);
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    test('without a pinned directory every envelope is refused, and nothing is stored', async () => {
      const link = agent.link();
      const s = await pullOnce(agent.ctx, link, agent.organisationId);
      assert.ok(s.listed > 0, 'the hub lists open requests addressed to the carrier');
      assert.equal(s.stored.length, 0);
      assert.equal(s.refused.length, s.listed);
      assert.ok(s.refused.every((r) => r.reason === 'not_pinned'));
      assert.equal((await listAgentRequests(agent.ctx.store.db, undefined, 100)).length, 0);
      // The same pull again records no second refusal of the same envelope under the same (absent) pin.
      const again = await pullOnce(agent.ctx, link, agent.organisationId);
      assert.equal(again.refused.length, 0);
      assert.equal((await listRefusals(agent.ctx.store.db, 100)).length, s.listed);
    });

    test('pinned: every open request is verified and stored once; a second pull stores nothing', async () => {
      await agent.pin();
      const link = agent.link();
      const s = await pullOnce(agent.ctx, link, agent.organisationId);
      assert.equal(s.refused.length, 0, JSON.stringify(s.refused));
      assert.equal(s.stored.length, s.listed);
      const rows = await listAgentRequests(agent.ctx.store.db, undefined, 100);
      assert.deepEqual(rows.map((r) => r.request_id).sort(), [...s.stored].sort());
      assert.ok(rows.every((r) => r.state === 'received' && r.source === 'pull'));
      const again = await pullOnce(agent.ctx, link, agent.organisationId);
      assert.equal(again.stored.length, 0);
      assert.equal(again.already, again.listed);
    });

    test('a forged, a replayed and a misaddressed envelope are refused before the attribution engine', async () => {
      const link = agent.link();
      const [first] = await listAgentRequests(agent.ctx.store.db, undefined, 1);
      assert.ok(first);
      const genuine = (await fetchEnvelope(link, first.request_id)) as {
        payload: {
          content: { targets: Array<Record<string, unknown>> };
          providerOrganisationId: string;
          requestId: string;
          envelopeId: string;
        };
      };
      const before = await attributionAudits(agent);
      const take = (envelope: unknown) =>
        inTransaction(agent.ctx, (uow) =>
          receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source: 'file' }),
        );

      // Forged: one target changed after signing, under a new request id so it is not a replay.
      const forged = structuredClone(genuine);
      forged.payload.requestId = 'req_forged';
      forged.payload.envelopeId = 'env_forged';
      const r1 = await take(forged);
      assert.equal(r1.outcome, 'refused');
      assert.equal(r1.outcome === 'refused' && r1.verdict.reason, 'signature_unit');

      // The same genuine envelope again: idempotent.
      assert.equal((await take(genuine)).outcome, 'already');

      // Not for this provider: the same signed envelope checked by another installation's organisation.
      const other = await inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, 'org_someone_else', { envelope: genuine, source: 'file' }),
      );
      assert.equal(other.outcome === 'refused' && other.verdict.reason, 'addressee');

      // Garbage.
      const junk = await take({ hello: 'world' });
      assert.equal(junk.outcome === 'refused' && junk.verdict.reason, 'malformed_envelope');

      const rows = await listAgentRequests(agent.ctx.store.db, undefined, 100);
      assert.ok(!rows.some((r) => r.request_id === 'req_forged'));
      assert.equal(await attributionAudits(agent), before, 'no lookup was made for a refused envelope');
      const refusals = await listRefusals(agent.ctx.store.db, 100);
      assert.ok(refusals.some((r) => r.request_id === 'req_forged' && r.reason === 'signature_unit'));
      // A refusal keeps the digest of what arrived, never its content.
      assert.ok(refusals.every((r) => /^[0-9a-f]{64}$/.test(r.envelope_digest)));
    });

    /** A request the ISP holds, signed again by its unit with `target` as its only target — as a hub that skipped
     * its own check at approval would sign it — and taken in from a file. */
    const takeWithTarget = async (tag: string, target: Target) => {
      const taken = await listAgentRequests(agent.ctx.store.db, undefined, 100);
      const first = taken.find((r) => /^req_[0-9a-f-]{36}$/.test(r.request_id));
      const genuine = await issuedEnvelope(hub, first?.request_id ?? assert.fail('a request was taken in'));
      const envelope = await signedByUnit(hub, {
        ...genuine.payload,
        requestId: `req_${tag}`,
        envelopeId: `env_${tag}`,
        kind: 'inquiry',
        content: {
          kind: 'inquiry',
          providerOrganisationId: genuine.payload.providerOrganisationId,
          caseReference: '令和8年 第1号',
          offence: '脅迫',
          facts: '掲示板への脅迫の書き込み',
          necessity: '発信者の特定のため',
          targets: [target],
          categories: ['subscriber'],
        },
      } as EnvelopePayload);
      return inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source: 'file' }),
      );
    };

    test('a signed envelope whose target holds a text-direction character is refused at intake', async () => {
      // `U+202E orat_adamay` reads as `yamada_taro`.
      const take = (tag: string, id: string) => takeWithTarget(tag, { type: 'account', id, service: 'example' });
      const out = await take('hidden_char', '\u202eorat_adamay');
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, 'content');
      assert.equal(out.verdict.field, 'targets.0.id');
      assert.match(out.verdict.detail?.en ?? '', /text-direction character \(U\+202E\)/);
      assert.match(out.verdict.detail?.ja ?? '', /文字の向きを変える文字（U\+202E）/);
      // The control: the same envelope with the identifier as it reads is taken in.
      const plain = await take('plain_account', 'yamada_taro');
      assert.equal(plain.outcome, 'stored', JSON.stringify(plain));
      const rows = await listAgentRequests(agent.ctx.store.db, undefined, 100);
      assert.ok(!rows.some((r) => r.request_id === 'req_hidden_char'), 'nothing of it is stored');
    });

    test('a signed envelope whose domain reads as another is refused at intake', async () => {
      // `pаypal.example` (a Cyrillic `а`): the reviewer would read `paypal.example`. The same name as its A-label
      // reads as nothing else and is taken in.
      const take = (tag: string, name: string) => takeWithTarget(tag, { type: 'domain', name });
      const out = await take('lookalike_domain', 'p\u0430ypal.example');
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, 'content');
      assert.equal(out.verdict.field, 'targets.0.name');
      assert.match(out.verdict.detail?.en ?? '', /xn--pypal-4ve\.example/);
      const plain = await take('alabel_domain', 'xn--pypal-4ve.example');
      assert.equal(plain.outcome, 'stored', JSON.stringify(plain));
      const rows = await listAgentRequests(agent.ctx.store.db, undefined, 100);
      assert.ok(!rows.some((r) => r.request_id === 'req_lookalike_domain'), 'nothing of it is stored');
    });

    test('a signed envelope whose host reads as a domain the pinned directory declares is refused', async () => {
      // `ꮪakura-board.example` (a Cherokee `ꮪ`) has the confusable skeleton of `sakura-board.example`, which the
      // demo's board declares: the hub is not trusted to have compared them.
      const take = (tag: string, name: string) => takeWithTarget(tag, { type: 'domain', name });
      const out = await take('known_lookalike', '\uabaaakura-board.example');
      assert.equal(out.outcome, 'refused', JSON.stringify(out));
      if (out.outcome !== 'refused') return;
      assert.equal(out.verdict.reason, 'content');
      assert.equal(out.verdict.field, 'targets.0.name');
      assert.match(out.verdict.detail?.en ?? '', /reads as "sakura-board\.example"/);
      assert.match(out.verdict.detail?.ja ?? '', /xn--akura-board-ss2c\.example/);
      const plain = await take('known_alabel', 'xn--akura-board-ss2c.example');
      assert.equal(plain.outcome, 'stored', JSON.stringify(plain));
    });

    test('the door reads through an ideographic full stop, a trailing dot and an invisible character', async () => {
      // Review of the twenty-first session: `ꮪakura-board。example` and `https://ꮪakura-board.example./post/1`
      // passed the skeleton rule, and U+034F hid `ꮪ͏akura-board.example` from it.
      const targets: Array<[string, Target, string, RegExp]> = [
        ['door_stop', { type: 'domain', name: '\uabaaakura-board\u3002example' }, 'name', /sakura-board\.example/],
        ['door_mail', { type: 'email', address: 'a@\uabaaakura-board\u3002example' }, 'address', /sakura-board/],
        ['door_dot', { type: 'url', url: 'https://\uabaaakura-board.example./post/1' }, 'url', /sakura-board/],
        ['door_cgj', { type: 'domain', name: '\uabaa\u034fakura-board.example' }, 'name', /U\+034F/],
        ['door_kana', { type: 'domain', name: 'sakura\u30fcboard.example' }, 'name', /xn--/],
      ];
      for (const [tag, target, key, words] of targets) {
        const out = await takeWithTarget(tag, target);
        assert.equal(out.outcome, 'refused', `${tag}: ${JSON.stringify(out)}`);
        if (out.outcome !== 'refused') continue;
        assert.equal(out.verdict.reason, 'content');
        assert.equal(out.verdict.field, `targets.0.${key}`);
        assert.match(out.verdict.detail?.en ?? '', words, tag);
        assert.ok(out.verdict.detail?.ja, tag);
      }
      const plain = await takeWithTarget('door_isparta', { type: 'url', url: 'https://\u0131sparta.com.tr./x' });
      assert.equal(plain.outcome, 'stored', JSON.stringify(plain));
    });
  });
}

describe('a forged or unpinned envelope never reaches the attribution engine', () => {
  let hub: TestHub;
  let agent: TestAgent;
  before(async () => {
    hub = await startHub('sqlite');
    agent = await startAgent(hub, 'sqlite', DEMO_ORGS.isp);
    // The carrier's logs are there: any request that got through WOULD be looked up.
    await loadCarrierLogs(agent.ctx, agent.dir);
  });
  after(async () => {
    await agent.close();
    await hub.close();
  });

  test('unpinned and forged: no lookup; the genuine one, once pinned: looked up (the control)', async () => {
    const key = await installationKey(hub, agent);
    const rt = runtime(agent, key.signer, agent.link());
    const caseId = await newCase(hub, 'FORGED-1');
    const id = await warrantToCarrier(hub, agent, caseId, 'F1', { port: 51234 });
    const isp = await hub.as('isp.legal');
    const genuine = (
      await isp.call<{ envelope: { payload: { content: { targets: Array<{ port?: number }> } } } }>(
        'GET',
        `/v1/requests/${id}/envelope`,
      )
    ).body.envelope;
    const take = (envelope: unknown) =>
      inTransaction(agent.ctx, (uow) =>
        receiveEnvelope(uow, SYSTEM_CALLER, agent.organisationId, { envelope, source: 'file' }),
      );

    // Nothing pinned: refused, and a full cycle of the agent looks nothing up.
    assert.equal((await take(genuine)).outcome, 'refused');
    await cycle(rt);
    assert.equal(await attributionAudits(agent), 0);

    // Pinned, but the target changed after signing (another port): refused, nothing looked up.
    await agent.pin();
    const forged = structuredClone(genuine);
    const t0 = forged.payload.content.targets[0];
    if (t0) t0.port = 51500;
    const r = await take(forged);
    assert.equal(r.outcome === 'refused' && r.verdict.reason, 'signature_unit');
    await prepareAll(rt);
    assert.equal(await attributionAudits(agent), 0, 'the forged envelope reached no lookup');

    // The control: the genuine envelope, now that the hub is pinned, is looked up once.
    assert.equal((await take(genuine)).outcome, 'stored');
    await prepareAll(rt);
    assert.equal(await attributionAudits(agent), 1);
  });
});
