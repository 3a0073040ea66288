// A disclosure order that became final without an objection suit reaches the provider's own installation
// through the pinned directory log: before the judge records it, the installation shows the order as not
// final with no record of it in the log; once the pin carries the signed finality, it shows it final, as the
// hub does, and the answer goes and is taken, as at the hub. A finality whose judge's signature does not
// verify counts for nothing: the order reads not final there. `shokai agent review` prints what the
// request's page shows, in Japanese and English, with every instant in the review zone with its offset.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { when } from '../../src/agent/render.ts';
import { editDraft, viewForReview } from '../../src/agent/review.ts';
import { approve, prepareAll, sendAll } from '../../src/agent/runner.ts';
import { addDays, dayInJapan } from '../../src/domain/objection-period.ts';
import { JUDGE_REFUSALS } from '../../src/domain/pinned-judges.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { DISCLOSURE_ORDER_STANDING_LABELS } from '../../src/domain/vocabulary.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import {
  addLegalOfficer,
  agentPage,
  installationKey,
  printedReview,
  runtime,
  startAgent,
  type TestAgent,
} from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  anOrder,
  fileOrderApplication,
  finalOf,
  issueOrder,
  orderHubHooks,
  recordSigned,
  requestFromOrder,
  resignedAtHub,
  standingChangedAtHub,
} from '../support/disclosure-order.ts';
import { DEMO_ORGS, standIn } from '../support/exchange.ts';
import { forgedFiling, slippedInKey } from '../support/forged-record.ts';
import type { RequestDetail } from '../support/replies.ts';

const HEADING = { ja: '固定済みディレクトリの裁判所の記録', en: "The court's records in the pinned directory" };
const VERIFIES = {
  ja: '裁判官の署名を固定済みディレクトリの鍵で検証できました',
  en: "the judge's signature verifies under the pinned directory's key",
};
/** An instant as the CLI and the pages print it: in Japan time, with its offset. */
const TOKYO = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})? \+09:00/;

for (const dialect of testDialects()) {
  describe(`an order final without a suit reaches the provider's installation (${dialect})`, () => {
    // Real time, moved on by hand: the log's entries keep their order as they are appended.
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);
    const { hub, lawyer, judge, board, orgs, signInAgain, at } = orderHubHooks(dialect, clock);
    let made: { agent: TestAgent; rt: ReturnType<typeof runtime> } | undefined;
    before(async () => {
      // The board's installation on the hub's clock: its machine signatures are dated as the hub reads them.
      const agent = await startAgent(hub, dialect, DEMO_ORGS.board, clock);
      await agent.pin();
      const key = await installationKey(hub, agent);
      made = { agent, rt: runtime(agent, key.signer, agent.link()) };
    });
    after(async () => made?.agent.close());
    const agent = standIn(() => made?.agent ?? assert.fail('made in before()'));
    const rt = standIn(() => made?.rt ?? assert.fail('made in before()'));

    const stateOf = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id))?.state;
    /** The standing of the request's order as the hub shows it to the board. */
    const atHub = async (id: string) => (await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;

    const orderDay = (app: { order?: { orderedAt: string } | null }) =>
      dayInJapan(new Date(app.order?.orderedAt ?? assert.fail('issued')));

    /** An order against the board issued now, its request taken in and prepared, its month passed. */
    async function orderTakenIn(n: string) {
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.board, n);
      const app = await issueOrder(judge, filed.id, anOrder(at()));
      const caseNumber = app.order?.caseNumber ?? assert.fail('an order');
      const requestId = await requestFromOrder(lawyer, app.id);
      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.ok(pulled.stored.includes(requestId), JSON.stringify(pulled));
      await prepareAll(rt);
      assert.equal(await stateOf(requestId), 'prepared', 'an order not yet final may be answered');
      offset += 40 * DAY_MS; // past the month and any closed days the system knows that move its end
      await signInAgain();
      return { app, caseNumber, requestId };
    }

    test('final: the installation reads it final from the pin, as the hub does, and answers', async () => {
      const { app, caseNumber, requestId } = await orderTakenIn('8831');
      const { legal, code } = await addLegalOfficer(agent, '法務 松本');

      // Nothing recorded yet: not final at the hub; on the installation not final, and the log says nothing of it.
      assert.equal((await atHub(requestId)).courtOrderStanding?.standing, 'not_final');
      const first = await run(agent.ctx, viewForReview, legal, requestId, {});
      assert.equal(first.orderLog?.standing, 'not_final');
      assert.deepEqual([first.orderLog?.refusal, first.orderLog?.ignored], [null, []]);
      const notFinal = DISCLOSURE_ORDER_STANDING_LABELS.not_final;
      const expected = {
        ja: [
          `${HEADING.ja}:`,
          `  固定済みディレクトリのログによる開示命令（${caseNumber}）の状況: ${notFinal.ja}`,
          '    固定済みディレクトリのログには、この命令の異議の訴え・その結果・確定・取消しの記録はありません',
        ],
        en: [
          `${HEADING.en}:`,
          `  The disclosure order (${caseNumber}) as the pinned directory log shows it: ${notFinal.en}`,
          '    The pinned directory log holds no objection suit, outcome, finality or set-aside of this order',
        ],
      };
      for (const lang of ['ja', 'en'] as const) {
        const printed = printedReview(first, lang);
        assert.ok(printed.includes(`${expected[lang].join('\n')}\n`), printed);
      }

      // The judge records the order final, signed; the pin carries it.
      const finalAt = at(-60_000);
      const final = await recordSigned(judge, app.id, 'final', finalOf(app, finalAt));
      assert.equal(final.status, 200, JSON.stringify(final.body));
      assert.equal((await atHub(requestId)).courtOrderStanding?.standing, 'final');
      await agent.pin();
      const v = await run(agent.ctx, viewForReview, legal, requestId, {});
      assert.equal(v.orderLog?.standing, 'final', 'final on the installation, as at the hub');
      assert.deepEqual([v.orderLog?.refusal, v.orderLog?.ignored], [null, []]);
      const line = {
        ja: `命令の確定（${when(finalAt)}）: ${VERIFIES.ja}`,
        en: `The order's finality (${when(finalAt)}): ${VERIFIES.en}`,
      };
      const standing = {
        ja: `固定済みディレクトリのログによる開示命令（${caseNumber}）の状況: ${DISCLOSURE_ORDER_STANDING_LABELS.final.ja}`,
        en: `The disclosure order (${caseNumber}) as the pinned directory log shows it: Final`,
      };
      for (const lang of ['ja', 'en'] as const) {
        const printed = printedReview(v, lang);
        assert.ok(printed.includes(`${HEADING[lang]}:\n  ${standing[lang]}\n    ${line[lang]}\n`), printed);
        assert.match(printed, TOKYO);
        // The request's page says the same in the same words.
        const page = await (await agentPage(rt, code, `/requests/${requestId}?lang=${lang}`)).text();
        assert.match(page, /id="order-standing" data-standing="final"/);
        for (const words of [standing[lang], line[lang]]) assert.ok(page.includes(esc(words)), page);
      }

      // Allowed here as at the hub: approved, sent, and the hub takes the answer.
      const answer = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
      const digest = await run(agent.ctx, editDraft, legal, requestId, { answer });
      await approve(rt, legal, requestId, digest);
      assert.equal((await sendAll(rt, rt.hub ?? assert.fail('online'))).failed, 0);
      assert.equal(await stateOf(requestId), 'sent');
      assert.equal((await atHub(requestId)).state, 'answered', 'the hub took the answer');
    });

    test("a finality whose judge's signature does not verify counts for nothing", async () => {
      const { app, caseNumber, requestId } = await orderTakenIn('8832');
      const final = await recordSigned(judge, app.id, 'final', finalOf(app, at(-60_000)));
      assert.equal(final.status, 200, JSON.stringify(final.body));
      // The hub says otherwise than the judge signed: the instant of finality changed after he signed.
      await standingChangedAtHub(hub, app.id, { final_at: at(-120_000) });
      await agent.pin();
      const { legal } = await addLegalOfficer(agent, '法務 井上');
      const v = await run(agent.ctx, viewForReview, legal, requestId, {});
      assert.equal(v.orderLog?.standing, 'not_final', 'the forged finality does not make the order final');
      assert.equal(v.orderLog?.refusal, null, 'nor does it hold the answer back');
      const ignored = {
        ja: `固定済みディレクトリの開示命令（${caseNumber}）の「命令の確定」の記録は、裁判官の署名を検証できないため、考慮していません。裁判所に確認してください`,
        en:
          `the pinned directory's record of the order's finality of the disclosure order (${caseNumber}) ` +
          `was ignored: the judge's signature does not verify: check with the court`,
      };
      assert.deepEqual(v.orderLog?.ignored, [ignored]);
      const standing = {
        ja: `固定済みディレクトリのログによる開示命令（${caseNumber}）の状況: ${DISCLOSURE_ORDER_STANDING_LABELS.not_final.ja}`,
        en:
          `The disclosure order (${caseNumber}) as the pinned directory log shows it: ` +
          `Not yet final (objection period)`,
      };
      for (const lang of ['ja', 'en'] as const) {
        const printed = printedReview(v, lang);
        assert.ok(printed.includes(`${HEADING[lang]}:\n  ${standing[lang]}\n  - ${ignored[lang]}\n`), printed);
      }
      // Audited when the installation prepares or approves, once.
      await prepareAll(rt);
      const answer = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
      const digest = await run(agent.ctx, editDraft, legal, requestId, { answer });
      await approve(rt, legal, requestId, digest);
      const audit = await auditDetails(agent.ctx.store.db, 'agent.order_record_ignored', requestId);
      assert.deepEqual(
        audit.map((d) => [d.type, d.check]),
        [['order.final', 'failed']],
      );
    });
    test("finality the judge signed before a party's month ended is ignored on the installation", async () => {
      const { app, caseNumber, requestId } = await orderTakenIn('8833');
      const final = await recordSigned(judge, app.id, 'final', finalOf(app, at(-60_000)));
      assert.equal(final.status, 200, JSON.stringify(final.body));
      // The judge signs what the hub shows him: the claimant notified 20 days after the order, month still open.
      const day = orderDay(app);
      const period = { noticedOn: { provider: day, claimant: addDays(day, 20) }, holidays: [] };
      await resignedAtHub(hub, judge, app.id, 'final', { final_period: JSON.stringify(period) });
      await agent.pin();
      const { legal } = await addLegalOfficer(agent, '法務 森');
      const v = await run(agent.ctx, viewForReview, legal, requestId, {});
      assert.equal(v.orderLog?.standing, 'not_final', 'the signed notices do not allow it final yet');
      const record = `固定済みディレクトリの開示命令（${caseNumber}）の「命令の確定」の記録`;
      assert.deepEqual(v.orderLog?.ignored, [
        {
          ja:
            `${record}は、裁判官が署名した各当事者の告知を受けた日から数えた異議の訴えの期間が満了する前の確定` +
            'であるため、考慮していません。裁判所に確認してください',
          en:
            `the pinned directory's record of the order's finality of the disclosure order (${caseNumber}) was ` +
            "ignored: it is final before the month counted from each party's notice day the judge signed has " +
            'passed: check with the court',
        },
      ]);
    });

    test('a suit outside its signed month still holds answers back, flagged; an older record says so', async () => {
      const suit = async (n: string, change: { objection_period: string | null }) => {
        const { app, requestId } = await orderTakenIn(n);
        const noticedOn = addDays(orderDay(app), 20);
        const body = { filedAt: at(-60_000), noticedOn, by: 'provider', caseNumber: '令和8年(ワ)第3001号' };
        const filed = await recordSigned(judge, app.id, 'objection', body);
        assert.equal(filed.status, 200, JSON.stringify(filed.body));
        await resignedAtHub(hub, judge, app.id, 'objection', change);
        await agent.pin();
        const { legal } = await addLegalOfficer(agent, `法務 ${n}`);
        const v = await run(agent.ctx, viewForReview, legal, requestId, {});
        assert.equal(v.orderLog?.standing, 'contested', 'held back, the safe side');
        assert.deepEqual(v.orderLog?.ignored, []);
        return v.orderLog?.records[0] ?? assert.fail('the suit counted');
      };
      // Signed as counted from the order's own day: 40 days after it, the suit is late by what he signed.
      const late = await suit('8834', { objection_period: JSON.stringify({ noticedOn: null, holidays: [] }) });
      assert.ok(late.ja.includes('末日より後に提起されているため、安全側として係属中と扱います'), late.ja);
      assert.ok(late.en.includes('filed after the last day of the month counted from the notice day'), late.en);
      // Signed before the notice day was (071): it verifies as it did, and says the period was not checked.
      const older = await suit('8835', { objection_period: null });
      assert.ok(older.ja.includes('告知を受けた日は裁判官の署名に含まれていません'), older.ja);
      assert.ok(older.en.includes("the day of the notice is not under the judge's signature"), older.en);
    });
    test("a suit's filing signed with a court's key of no judge is ignored on the installation", async () => {
      const { app, caseNumber, requestId } = await orderTakenIn('8836');
      // A key the hub's log shows, of the court, whose owner holds no judge's role there.
      const db = hub.ctx.store.db;
      const origin = judge.origin ?? assert.fail('an origin');
      const key = await slippedInKey(db, { courtId: orgs.court, login: 'judge', origin, validFrom: at(-1000) });
      await forgedFiling(db, app.id, key, origin, at());
      await agent.pin();
      const { legal } = await addLegalOfficer(agent, '法務 藤田');
      const v = await run(agent.ctx, viewForReview, legal, requestId, {});
      assert.equal(v.orderLog?.standing, 'not_final', 'no judge signed it: it holds nothing back');
      const record = `固定済みディレクトリの開示命令（${caseNumber}）の「異議の訴えの提起」の記録`;
      assert.deepEqual(v.orderLog?.ignored, [
        {
          ja: `${record}は、考慮していません（${JUDGE_REFUSALS.not_judge.ja}）。裁判所に確認してください`,
          en:
            `the pinned directory's record of the objection suit's filing of the disclosure order ` +
            `(${caseNumber}) was ignored: ${JUDGE_REFUSALS.not_judge.en}: check with the court`,
        },
      ]);
    });
  });
}

/** Text as the pages escape it. */
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
