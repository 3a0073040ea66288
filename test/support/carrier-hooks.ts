import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { AnswerSigner } from '../../src/client/answer-seal.ts';
import { hubAndCarrier, startAgent, type TestAgent } from './agent.ts';
import type { Dialect } from './dialects.ts';
import { DEMO_ORGS, standIn, startHub, type TestHub } from './exchange.ts';

type Beside = Awaited<ReturnType<typeof hubAndCarrier>>;

/**
 * `hubAndCarrier` for one describe block: made in its `before`, the installation and the hub closed in
 * its `after`. `hub`, `agent` and `legal` stand for them once made; `signer`, `code` and `caseId` are
 * read inside a test or a later hook.
 */
export function hubAndCarrierHooks(hubDialect: Dialect, carrierDialect: Dialect, caseReference: string) {
  let made: Beside | undefined;
  before(async () => {
    made = await hubAndCarrier(hubDialect, carrierDialect, caseReference);
  });
  after(async () => {
    await made?.agent.close();
    await made?.hub.close();
  });
  const current = () => made ?? assert.fail('the hub and the carrier start in before(): use them inside a test');
  return {
    hub: standIn(() => current().hub),
    agent: standIn(() => current().agent),
    legal: standIn(() => current().legal),
    get signer(): AnswerSigner {
      return current().signer;
    },
    /** The code the legal officer 法務 山口 signs in to the installation's pages with. */
    get code(): string {
      return current().code;
    },
    /** The case at the hub the test's warrants hang on. */
    get caseId(): string {
      return current().caseId;
    },
  };
}

/**
 * A hub on `dialect` and the ISP's own installation on the same, the hub's directory pinned there, for one
 * describe block: made in its `before` (ahead of the block's own hooks declared after this call), both
 * closed in its `after`. `hub` and `agent` stand for them once made.
 */
export function hubAndPinnedIspHooks(dialect: Dialect) {
  let made: { hub: TestHub; agent: TestAgent } | undefined;
  before(async () => {
    const hub = await startHub(dialect);
    const agent = await startAgent(hub, dialect, DEMO_ORGS.isp);
    await agent.pin();
    made = { hub, agent };
  });
  after(async () => {
    await made?.agent.close();
    await made?.hub.close();
  });
  const current = () => made ?? assert.fail('the hub and the installation start in before(): use them inside a test');
  return { hub: standIn(() => current().hub), agent: standIn(() => current().agent) };
}
