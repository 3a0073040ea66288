// The month for an objection suit (異議の訴え, one month, unextendable, from the notice of the order): a
// suit filed after its last day is refused by name with the last day; the last day itself is in time,
// counted in Japan time as civil procedure counts it (the day of the notice not counted, a month's end,
// a last day on a Saturday, Sunday or 29 Dec – 3 Jan moved to the next open day); finality without a
// suit is recorded from the day after the same last day, no earlier.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { DAY_MS } from '../../src/domain/time.ts';
import { testDialects } from '../support/dialects.ts';
import {
  anOrder,
  fileOrderApplication,
  finalOf,
  issueOrder,
  orderHubHooks,
  orderPath,
  recordSigned,
  standingChangedAtHub,
} from '../support/disclosure-order.ts';

type Application = Schemas['DisclosureOrderApplication'];
/** 31 January 2028 (a leap year), 10:00 in Japan: the orders are made then. */
const ORDERED = Date.parse('2028-01-31T10:00:00+09:00');

for (const dialect of testDialects()) {
  describe(`objection suit: its month from the notice (${dialect})`, () => {
    let now = ORDERED;
    const { hub, lawyer, judge, orgs, signInAgain, at } = orderHubHooks(dialect, () => new Date(now));
    let n = 0;
    const orders: Application[] = [];

    /** An order against the board made at `orderedAt` (ORDERED unless given). */
    async function anIssuedOrder(orderedAt = new Date(ORDERED).toISOString()): Promise<Application> {
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.board, `81${n++}`);
      return issueOrder(judge, filed.id, anOrder(orderedAt));
    }

    /** The clock moved to `iso` (sessions renewed). */
    async function clockAt(iso: string) {
      now = Date.parse(iso);
      await signInAgain();
    }

    const suit = (id: string, filedAt: string, more: Record<string, unknown> = {}) =>
      recordSigned(judge, id, 'objection', { filedAt, by: 'provider', caseNumber: '令和10年(ワ)第1号', ...more });

    test('the orders are made on 31 January; their standing shows the last day', async () => {
      for (let i = 0; i < 9; i++) orders.push(await anIssuedOrder());
      const shown = orders[0]?.standing;
      // Notified on 31 January: the month counted from 1 February is February, to the 29th (a Tuesday).
      assert.equal(shown?.periodLastDay, '2028-02-29');
      assert.equal(shown?.finalFrom, new Date('2028-03-01T00:00:00+09:00').toISOString());
    });

    test('the last day is in time to its end in Japan; the next day is late', async () => {
      await clockAt('2028-03-02T12:00:00+09:00');
      const [, a, b] = orders;
      const lastMoment = await suit(a?.id ?? '', '2028-02-29T23:59:59+09:00');
      assert.equal(lastMoment.status, 200, JSON.stringify(lastMoment.body));
      assert.equal(lastMoment.body.standing?.standing, 'contested');
      // The same instant written in UTC is still 29 February in Japan; 00:00 on 1 March is not.
      const next = await suit(b?.id ?? '', '2028-02-29T15:00:00Z');
      assert.equal(next.status, 400, JSON.stringify(next.body));
      assert.equal(next.body.error.details?.lastDay, '2028-02-29');
      assert.match(next.body.error.message.en, /2028/);
    });

    test('final without a suit from the day after the same last day, not before', async () => {
      await clockAt('2028-03-02T12:00:00+09:00');
      const f = orders[6]?.id ?? '';
      const early = await recordSigned(
        judge,
        f,
        'final',
        finalOf(orders[6] ?? assert.fail('order 6'), '2028-02-29T23:59:59+09:00'),
      );
      assert.equal(early.status, 400, JSON.stringify(early.body));
      assert.equal(early.body.error.details?.field, 'finalAt');
      const final = await recordSigned(
        judge,
        f,
        'final',
        finalOf(orders[6] ?? assert.fail('order 6'), '2028-03-01T00:00:00+09:00'),
      );
      assert.equal(final.status, 200, JSON.stringify(final.body));
    });
    test('a later notice, named by the court, moves the last day; a Saturday moves it on', async () => {
      const [, , , c, d] = orders;
      // Notified on 3 February: the month ends on 3 March, a Friday.
      await clockAt('2028-03-06T12:00:00+09:00');
      const later = await suit(c?.id ?? '', '2028-03-03T17:00:00+09:00', { noticedOn: '2028-02-03' });
      assert.equal(later.status, 200, JSON.stringify(later.body));
      assert.equal(later.body.standing?.objection?.noticedOn, '2028-02-03');
      assert.equal(later.body.standing?.objection?.lastDay, '2028-03-03');
      // Notified on 4 February: the month ends on Saturday 4 March, so Monday 6 March is the last day.
      const monday = await suit(d?.id ?? '', '2028-03-06T09:00:00+09:00', { noticedOn: '2028-02-04' });
      assert.equal(monday.status, 200, JSON.stringify(monday.body));
      assert.equal(monday.body.standing?.objection?.lastDay, '2028-03-06');
    });

    test('a notice before the order, or a filing in the future, is refused by name', async () => {
      await clockAt('2028-03-06T12:00:00+09:00');
      const e = orders[5]?.id ?? '';
      const early = await suit(e, '2028-02-10T10:00:00+09:00', { noticedOn: '2028-01-30' });
      assert.equal(early.status, 400, JSON.stringify(early.body));
      assert.equal(early.body.error.details?.field, 'noticedOn');
      const future = await suit(e, '2028-03-06T13:00:00+09:00');
      assert.equal(future.status, 400, JSON.stringify(future.body));
      assert.equal(future.body.error.details?.field, 'filedAt');
    });

    test('a suit 40 days after the notice is refused, naming the field and the last day', async () => {
      await clockAt('2028-03-11T10:00:00+09:00');
      const id = orders[0]?.id ?? assert.fail('an order');
      const late = await suit(id, new Date(ORDERED + 40 * DAY_MS).toISOString());
      assert.equal(late.status, 400, JSON.stringify(late.body));
      assert.equal(late.body.error.details?.field, 'filedAt');
      assert.equal(late.body.error.details?.lastDay, '2028-02-29');
      assert.match(late.body.error.message.ja, /令和10年（2028年）2月29日/);
      assert.equal(
        (await judge.call<Application>('GET', `/v1/disclosure-order-applications/${id}`)).body.standing?.standing,
        'not_final',
      );
    });

    test('a month ending on a Sunday: the suit in time on Monday, final only from Tuesday', async () => {
      // Made and notified on 31 March 2028: the month is April, to Sunday the 30th; Monday 1 May is the last day.
      await clockAt('2028-03-31T10:00:00+09:00');
      const [g, h] = [await anIssuedOrder(at()), await anIssuedOrder(at())];
      assert.equal(g.standing?.periodLastDay, '2028-05-01');
      await clockAt('2028-05-03T12:00:00+09:00');
      const monday = await suit(g.id, '2028-05-01T16:00:00+09:00');
      assert.equal(monday.status, 200, JSON.stringify(monday.body));
      const early = await recordSigned(judge, h.id, 'final', finalOf(h, '2028-05-01T12:00:00+09:00'));
      assert.equal(early.status, 400, JSON.stringify(early.body));
      assert.equal(early.body.error.details?.earliest, new Date('2028-05-02T00:00:00+09:00').toISOString());
      const final = await recordSigned(judge, h.id, 'final', finalOf(h, '2028-05-02T00:00:00+09:00'));
      assert.equal(final.status, 200, JSON.stringify(final.body));
    });
    test("final only when neither party can object: counted from each party's notice, signed", async () => {
      await clockAt('2028-05-03T12:00:00+09:00');
      const [e, g] = [orders[7] ?? assert.fail('order 7'), orders[8] ?? assert.fail('order 8')];
      const counted = { noticedOn: { claimant: '2028-02-03' } };
      // The claimant notified on 3 February: its month ends Friday 3 March; the respondent's, 29 February.
      const early = await recordSigned(judge, e.id, 'final', finalOf(e, '2028-03-01T00:00:00+09:00', counted));
      assert.equal(early.status, 400, JSON.stringify(early.body));
      assert.equal(early.body.error.details?.earliest, new Date('2028-03-04T00:00:00+09:00').toISOString());
      const before = finalOf(e, '2028-03-04T00:00:00+09:00', { noticedOn: { provider: '2028-01-30' } });
      const refused = await recordSigned(judge, e.id, 'final', before);
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.error.details?.field, 'noticedOn.provider');
      const body = finalOf(e, '2028-03-04T00:00:00+09:00', counted);
      const preview = await judge.call<{ canonical: string }>('POST', `${orderPath(e.id)}/final-preview`, body);
      assert.ok(preview.body.canonical.includes('"claimant":"2028-02-03"'), preview.body.canonical);
      const final = await recordSigned(judge, e.id, 'final', body);
      assert.equal(final.status, 200, JSON.stringify(final.body));
      assert.equal(final.body.standing?.finalSignature, 'verified');

      // The notice day of a suit is signed too: the hub changing it afterwards breaks the signature.
      const filed = await suit(g.id, '2028-03-03T17:00:00+09:00', { noticedOn: '2028-02-03' });
      assert.equal(filed.body.standing?.objection?.signature, 'verified');
      const period = JSON.stringify({ noticedOn: '2028-02-04', holidays: [] });
      await standingChangedAtHub(hub, g.id, { objection_period: period });
      const read = await judge.call<Application>('GET', orderPath(g.id));
      assert.equal(read.body.standing?.objection?.signature, 'failed');
    });
  });
}
