// The hub and the board's own installation as the tests of a disclosure order reaching that installation
// arrange them (a set-aside, a request withdrawn at the hub): the lawyer, the judge and the board's legal
// officer signed in, the board's installation ready (its directory pinned, its key registered), and an
// order issued against the board with the request the lawyer drafted from it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Schemas } from '#shokai/client';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { editDraft, viewForReview } from '../../src/agent/review.ts';
import { approve, prepareAll } from '../../src/agent/runner.ts';
import type { Principal } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { readyInstallation, runtime, type TestAgent } from './agent.ts';
import type { Dialect } from './dialects.ts';
import { fileOrderApplication, issueOrder, ORDER_CONTENT, requestFromOrder } from './disclosure-order.ts';
import { DEMO_ORGS, standIn } from './exchange.ts';
import { boardOrderHooks } from './provision.ts';

type Application = Schemas['DisclosureOrderApplication'];

/**
 * For the tests of one `describe` (see `hubWithHooks`): the hub with the lawyer, the judge and the board
 * signed in, and the board's installation (`agent`) with its runtime linked to the hub (`rt`), closed
 * after them. What it returns stands for each once the hooks have run.
 */
export function boardInstallationHooks(dialect: Dialect) {
  const { hub, lawyer, judge, board, orgs } = boardOrderHooks(dialect);
  let made: { agent: TestAgent; rt: ReturnType<typeof runtime> } | undefined;
  before(async () => {
    const ready = await readyInstallation(hub, dialect, DEMO_ORGS.board);
    made = { agent: ready.agent, rt: runtime(ready.agent, ready.key.signer, ready.agent.link()) };
  });
  after(async () => made?.agent.close());
  const current = () => made ?? assert.fail('the installation is made in before(): use it inside a test');
  return {
    hub,
    lawyer,
    judge,
    board,
    orgs,
    agent: standIn(() => current().agent),
    rt: standIn(() => current().rt),
    /** An order issued against the board about post `n`, and the request the lawyer drafted from it. */
    async orderAndRequest(n: string): Promise<{ app: Application; requestId: string }> {
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.board, n);
      const app = await issueOrder(judge, filed.id, {
        caseNumber: `令和8年(発チ)第${n}号`,
        orderedAt: new Date().toISOString(),
        content: ORDER_CONTENT,
      });
      return { app, requestId: await requestFromOrder(lawyer, filed.id) };
    },
    /**
     * Prepares what is held, and checks `requestId` was prepared with nothing in the pinned log against
     * it (no refusal, no record ignored); then `legal` answers it (no data) and it is approved.
     */
    async answeredFreely(legal: Principal, requestId: string): Promise<void> {
      const { agent, rt } = current();
      const stateOf = async () => (await findAgentRequest(agent.ctx.store.db, requestId))?.state;
      await prepareAll(rt);
      assert.equal(await stateOf(), 'prepared');
      const log = (await run(agent.ctx, viewForReview, legal, requestId, {})).orderLog;
      assert.ok(log, 'the order is shown as the pinned log says');
      assert.deepEqual([log.refusal, log.ignored], [null, []], 'nothing in the pinned log against answering');
      const answer = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
      const digest = await run(agent.ctx, editDraft, legal, requestId, { answer });
      await approve(rt, legal, requestId, digest);
      assert.equal(await stateOf(), 'approved');
    },
  };
}
