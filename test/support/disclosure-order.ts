// A disclosure order (発信者情報開示命令) as the objection tests arrange it: the lawyer's application filed with
// the court, the order issued and later its objection suit's outcome recorded by the judge (both signed with
// his passkey over the previewed digest), the request drafted from it, and the same order copied into a new
// request to the provider, as someone presenting it again would.
import assert from 'node:assert/strict';
import type { Schemas } from '#shokai/client';
import { findOrderApplication } from '../../src/court/disclosure-order.repository.ts';
import { type JudgeRecord, judgeRecordToSign, withJudgeSignature } from '../../src/court/judge-record-signature.ts';
import { findStanding, saveStanding } from '../../src/court/order-standing.repository.ts';
import { dayInJapan } from '../../src/domain/objection-period.ts';
import type { DisclosureOrderStandingRow } from '../../src/store/schema.ts';
import type { Dialect } from './dialects.ts';
import { approve, type Client, hubWithHooks, previewAndSign, type TestHub } from './exchange.ts';
import { civilDisclosure, civilOrderApplication, issue, transition } from './flow.ts';
import type { ApiError, RequestDetail } from './replies.ts';
import { softSignature } from './soft-passkey-key.ts';

type Application = Schemas['DisclosureOrderApplication'];
/** An issued order's standing (objection suit, outcome, finality) as the API shows it. */
export type OrderStanding = NonNullable<Application['standing']>;

/** The API path of the disclosure-order application `id`. */
export const orderPath = (id: string) => `/v1/disclosure-order-applications/${id}`;

/** The operative part the tests' orders carry. */
export const ORDER_CONTENT = '相手方は申立人に対し別紙発信者情報目録記載の各情報を開示せよ。';

/** The provider's answer to a request drafted from an order: the poster found, by an e-mail address. */
export const FOUND = {
  outcome: 'full',
  items: [{ targetIndex: 0, result: 'found', subscriber: { email: 'poster@mail.example' } }],
};

/**
 * The hub of the tests of an order after it was issued, on the `clock` they move on by hand, for one
 * `describe` (see `hubWithHooks`): the lawyer, the judge and the board's legal officer signed in,
 * `signInAgain` when the clock has moved past their sessions, `at(offsetMs)`, the clock's instant (moved
 * by `offsetMs`) as the API writes it, and `issued(n)`, an order of the court against the board about
 * post `n` issued at the clock's now.
 */
export function orderHubHooks(dialect: Dialect, clock: () => Date) {
  const {
    hub,
    people: [lawyer, judge, board],
    orgs,
    signInAgain,
  } = hubWithHooks(dialect, ['lawyer', 'judge', 'board.legal'], { clock });
  const at = (offsetMs = 0) => new Date(clock().getTime() + offsetMs).toISOString();
  const issued = (n: string): Promise<Application> =>
    issuedOrder(lawyer, judge, { courtId: orgs.court, providerId: orgs.board, n, orderedAt: at() });
  return { hub, lawyer, judge, board, orgs, signInAgain, at, issued };
}

/** The lawyer's application (`civilOrderApplication`) against `providerId` about post `n`, filed with `courtId`. */
export async function fileOrderApplication(
  lawyer: Client,
  courtId: string,
  providerId: string,
  n: string,
): Promise<Application> {
  const filed = await lawyer.call<Application>(
    'POST',
    '/v1/disclosure-order-applications',
    civilOrderApplication(courtId, providerId, n),
  );
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  return filed.body;
}

/** An order as the judge issues it on `orderedAt`: a case number of its own and the tests' operative part. */
export const anOrder = (orderedAt: string) => ({
  caseNumber: `令和8年(発チ)第${Math.floor(Math.random() * 1e6)}号`,
  orderedAt,
  content: ORDER_CONTENT,
});

/** The lawyer's application about post `n` (see `fileOrderApplication`) issued by the judge on `orderedAt`. */
export async function issuedOrder(
  lawyer: Client,
  judge: Client,
  s: { courtId: string; providerId: string; n: string; orderedAt: string },
): Promise<Application> {
  const filed = await fileOrderApplication(lawyer, s.courtId, s.providerId, s.n);
  return issueOrder(judge, filed.id, anOrder(s.orderedAt));
}

/** The body recording that `party` was heard at `heardAt`, in writing unless `over` says otherwise. */
export const hearingBody = (party: 'provider' | 'claimant', heardAt: string, over: Record<string, unknown> = {}) => ({
  party,
  heardAt,
  manner: 'in_writing',
  note: '相手方から答弁書（意見書）の提出を受けた。',
  ...over,
});

/**
 * The judge records that `party` was heard on application `id` (陳述聴取) at `heardAt`, in writing unless
 * `over` says otherwise, signed with his passkey over the previewed digest: the reply.
 */
export const recordHeard = async (
  judge: Client,
  id: string,
  party: 'provider' | 'claimant',
  heardAt: string,
  over: Record<string, unknown> = {},
) =>
  (
    await previewAndSign<Application & ApiError>(
      judge,
      `${orderPath(id)}/hearings-preview`,
      `${orderPath(id)}/hearings`,
      hearingBody(party, heardAt, over),
    )
  ).reply;

/** `who` withdraws hearing `hearingId` of application `id` with `body`, signed over the previewed digest. */
export const withdrawHeard = async (who: Client, id: string, hearingId: string, body: Record<string, unknown>) =>
  (
    await previewAndSign<Application & ApiError>(
      who,
      `${orderPath(id)}/hearings/${hearingId}/withdraw-preview`,
      `${orderPath(id)}/hearings/${hearingId}/withdraw`,
      body,
    )
  ).reply;

/** The judge records that the provider was heard on application `id` at `heardAt`: accepted. */
export async function providerHeard(judge: Client, id: string, heardAt: string): Promise<Application> {
  const heard = await recordHeard(judge, id, 'provider', heardAt);
  assert.equal(heard.status, 200, JSON.stringify(heard.body));
  return heard.body;
}

/**
 * The application `id` issued by the judge as `order` (its case number, when and operative part), the
 * provider heard first (at the order's time): the court grants no order before it heard the respondent.
 */
export async function issueOrder(
  judge: Client,
  id: string,
  order: { caseNumber: string; orderedAt: string; content: string },
): Promise<Application> {
  await providerHeard(judge, id, order.orderedAt);
  const reply = await tryIssue(judge, id, order);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

/** The judge previews, signs and issues `order` on application `id` as it stands (no hearing recorded first). */
export const tryIssue = async (judge: Client, id: string, order: ReturnType<typeof anOrder>) =>
  (
    await previewAndSign<Application & ApiError>(
      judge,
      `${orderPath(id)}/issue-preview`,
      `${orderPath(id)}/issue`,
      order,
    )
  ).reply;

/** The lawyer drafts the request from the issued order `id`, signs it, and the provider receives it: its id. */
export async function requestFromOrder(lawyer: Client, id: string): Promise<string> {
  const opened = await lawyer.call<Application>('POST', `${orderPath(id)}/request`, {});
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const requestId = opened.body.requestId ?? assert.fail('a request');
  await transition(lawyer, requestId, { action: 'submit' });
  assert.equal((await approve(lawyer, requestId)).status, 200);
  return requestId;
}

/**
 * The judge records on order `id`, signed with his passkey over the previewed digest: `objection` (the
 * suit filed), `objection-outcome` (how it ended) or `final` (final without a suit). The reply.
 */
export async function recordSigned(
  judge: Client,
  id: string,
  record: 'objection' | 'objection-outcome' | 'final',
  body: Record<string, unknown>,
) {
  const path = `${orderPath(id)}/${record}`;
  return (await previewAndSign<Application & ApiError>(judge, `${path}-preview`, path, body)).reply;
}

/**
 * The body of a finality record on order `app`: `finalAt`, each party notified on the day in Japan the order
 * was made unless `noticedOn` names another day, and `holidays` when given.
 */
export function finalOf(
  app: Pick<Application, 'order'>,
  finalAt: string,
  more: { noticedOn?: { provider?: string; claimant?: string }; holidays?: string[] } = {},
) {
  const day = dayInJapan(new Date(app.order?.orderedAt ?? assert.fail('an issued order')));
  const noticedOn = { provider: day, claimant: day, ...more.noticedOn };
  return { finalAt, noticedOn, ...(more.holidays ? { holidays: more.holidays } : {}) };
}

/** The judge records, signed, that the objection suit `suit` against order `id` was filed: accepted, the reply. */
export async function suitFiled(judge: Client, id: string, suit: { filedAt: string; by: string; caseNumber: string }) {
  const filed = await recordSigned(judge, id, 'objection', suit);
  assert.equal(filed.status, 200, JSON.stringify(filed.body));
  return filed;
}

/** The judge records the objection suit's outcome on order `id`, signed with his passkey: the reply. */
export const recordOutcome = (judge: Client, id: string, body: Record<string, unknown>) =>
  recordSigned(judge, id, 'objection-outcome', body);

/** Order `id`'s standing as the court (`judge`) and the law office (`lawyer`) read it, asserted the same. */
export async function standingAsRead(judge: Client, lawyer: Client, id: string): Promise<OrderStanding> {
  const court = await judge.call<Application>('GET', orderPath(id));
  const office = await lawyer.call<Application>('GET', orderPath(id));
  assert.deepEqual(office.body.standing, court.body.standing);
  return court.body.standing ?? assert.fail('a standing');
}

/**
 * The hub's stored standing of order `id` changed in place by `change`, behind the judge's back: as
 * whoever holds the hub's store could, or as a hub before a migration left it.
 */
export async function standingChangedAtHub(
  hub: Pick<TestHub, 'ctx'>,
  id: string,
  change: Partial<DisclosureOrderStandingRow>,
): Promise<void> {
  await hub.ctx.store.db
    .updateTable('disclosure_order_standings')
    .set(change)
    .where('application_id', '=', id)
    .execute();
}

/**
 * The hub changes record `record` of order `id`'s standing by `change` and has the judge sign what it then
 * shows him (his own passkey over the record's new digest, as when he trusts the hub's preview): a record
 * whose signature verifies over what the hub chose.
 */
export async function resignedAtHub(
  hub: Pick<TestHub, 'ctx'>,
  judge: Client,
  id: string,
  record: JudgeRecord,
  change: Partial<DisclosureOrderStandingRow>,
): Promise<void> {
  const db = hub.ctx.store.db;
  const order = (await findOrderApplication(db, id)) ?? assert.fail('an order');
  const kept = (await findStanding(db, id)) ?? assert.fail('a standing');
  const next = { ...kept, ...change };
  const { digest } = judgeRecordToSign(order, next, record);
  const credential = judge.passkey ?? assert.fail('the judge has a passkey');
  const signature = softSignature(credential, judge.origin ?? assert.fail('an origin'), digest);
  const at = (record === 'objection' ? kept.objection_signed_at : kept.final_signed_at) ?? assert.fail('signed');
  const keyId = (record === 'objection' ? kept.objection_key_id : kept.final_key_id) ?? assert.fail('a key');
  const signed = withJudgeSignature(next, record, { keyId, signature, signedAt: at });
  await db.transaction().execute((tx) => saveStanding(tx, signed));
}

/**
 * The order `app` copied (with its signature) into a new request about post `n` to `providerId`, issued
 * by the lawyer: the provider's (`provider`) view of that request and its court-order check.
 */
export async function orderPresentedAgain(
  lawyer: Client,
  provider: Client,
  s: { app: Application; courtId: string; providerId: string; n: string },
) {
  const o = s.app.order ?? assert.fail('an order');
  const copy = await issue(
    lawyer,
    lawyer,
    civilDisclosure(s.providerId, s.n, {
      route: 'court_order',
      courtOrder: { type: 'disclosure_order', courtOrganisationId: s.courtId, ...o },
    }),
  );
  const seen = await provider.call<RequestDetail>('GET', `/v1/requests/${copy.id}`);
  return { request: seen.body, check: seen.body.verification?.checks.find((c) => c.name === 'court_order') };
}
