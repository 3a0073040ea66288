// A provision order (提供命令, art. 15(1)) as the provision tests arrange it: the lawyer's disclosure-order
// case against the content provider, the provision order applied for in it and issued by the judge
// (signed), and — where the test needs it — received by the content provider; and the reseller (an MVNO
// on the ISP's lines) a chain of provision orders reaches.
import assert from 'node:assert/strict';
import { before } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createApiClient } from '../../src/client/client.ts';
import { openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import type { DemoResult } from '../../src/demo/seed.ts';
import { createOrganisation } from '../../src/directory/organisations.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { Dialect } from './dialects.ts';
import { madeAndEnrolled } from './enrolment.ts';
import { type Client, demoDevice, hubWithHooks, previewAndSign, type TestHub } from './exchange.ts';
import { orderApplication } from './flow.ts';
import type { ApiError } from './replies.ts';
import { standIn } from './stand-in.ts';

type Order = Schemas['AncillaryOrder'];

export interface ProvisionParties {
  hub: Pick<TestHub, 'ctx'>;
  lawyer: Client;
  judge: Client;
  courtId: string;
  /** The content provider the order is against. */
  providerId: string;
}

export const PROVISION_CONTENT = '相手方は、申立人に対し、他の開示関係役務提供者の氏名等情報を提供せよ。';

/**
 * A provision order on a new case against the content provider about thread `thread` (its case number
 * `令和8年(発チ)第{thread}号`), issued by the judge: the order, its case's id and its API path.
 */
export async function issuedProvisionOrder(
  s: ProvisionParties,
  thread: string,
  content = PROVISION_CONTENT,
): Promise<{ order: Order; caseId: string; path: string }> {
  const c = await fileOrderCase(s.lawyer, s.courtId, s.providerId, thread, ['ip_and_port', 'timestamp']);
  const { order, path } = await provisionOrderOn(s, c.id, `令和8年(発チ)第${thread}号`, { content });
  return { order, caseId: c.id, path };
}

/**
 * For the tests of one `describe` (see `hubWithHooks`): the hub with the parties of a lawyer's orders
 * against the board signed in (the lawyer, the judge, the board's legal officer), and
 * `provisionOrder(thread)`, such an order to provide (issuedProvisionOrder).
 */
export function boardOrderHooks(dialect: Dialect) {
  const {
    hub,
    people: [lawyer, judge, board],
    orgs,
  } = hubWithHooks(dialect, ['lawyer', 'judge', 'board.legal']);
  const provisionOrder = (thread: string, content?: string) =>
    issuedProvisionOrder({ hub, lawyer, judge, courtId: orgs.court, providerId: orgs.board }, thread, content);
  return { hub, lawyer, judge, board, orgs, provisionOrder };
}

/** The lawyer's disclosure-order case (`orderApplication`) filed with the court `courtId`: its id and reference. */
export async function fileOrderCase(
  lawyer: Client,
  courtId: string,
  providerId: string,
  thread: string,
  senderInformation: string[],
): Promise<{ id: string; reference: string }> {
  const c = await lawyer.call<{ id: string; reference: string }>(
    'POST',
    '/v1/disclosure-order-applications',
    orderApplication(courtId, providerId, thread, senderInformation),
  );
  assert.equal(c.status, 201, JSON.stringify(c.body));
  return c.body;
}

/**
 * On the lawyer's disclosure-order case `caseId`, a provision order applied for (`reasons`) and issued by
 * the judge with their passkey as `caseNumber` (`content`, its operative part): the order and its API path.
 */
export async function provisionOrderOn(
  s: Pick<ProvisionParties, 'hub' | 'lawyer' | 'judge'>,
  caseId: string,
  caseNumber: string,
  { content = PROVISION_CONTENT, reasons = '経由プロバイダの接続記録は短期間で消去される。' } = {},
): Promise<{ order: Order; path: string }> {
  const applied = await s.lawyer.call<Order>('POST', `/v1/disclosure-order-applications/${caseId}/ancillary-orders`, {
    type: 'provision',
    reasons,
  });
  assert.equal(applied.status, 201, JSON.stringify(applied.body));
  const path = `/v1/ancillary-orders/${applied.body.id}`;
  const body = { caseNumber, orderedAt: s.hub.ctx.clock().toISOString(), content };
  const { reply } = await previewAndSign<Order>(s.judge, `${path}/issue-preview`, `${path}/issue`, body);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return { order: reply.body, path };
}

/** The order at `path` received by the content provider (`provider`, signed in): the judge's signature checked. */
export async function receiveProvisionOrder(provider: Client, path: string): Promise<Order> {
  const received = await provider.call<Order>('POST', `${path}/receive`);
  assert.equal(received.status, 200, JSON.stringify(received.body));
  return received.body;
}

/**
 * The lawyer files its disclosure-order case against the access provider `ispId` (about thread `thread`)
 * and notifies it of the carried-out order `orderId`; the access provider (`isp`, signed in as the demo's
 * isp.legal) opens the first notice on its demo device: what it reads.
 */
export async function notifiedAndOpened(
  s: { hub: TestHub; lawyer: Client; isp: Client; courtId: string; ispId: string },
  orderId: string,
  thread: string,
): Promise<Awaited<ReturnType<typeof openProvisionNoticeOnDevice>>> {
  const second = await fileOrderCase(s.lawyer, s.courtId, s.ispId, thread, ['name', 'address']);
  const notified = await s.lawyer.call('POST', `/v1/ancillary-orders/${orderId}/notify`, { applicationId: second.id });
  assert.equal(notified.status, 200, JSON.stringify(notified.body));
  const notices = await s.isp.call<{ items: Array<{ id: string }> }>('GET', '/v1/provision-notices');
  const device = demoDevice(s.hub, 'isp.legal') ?? assert.fail('the access provider has a demo device');
  return openProvisionNoticeOnDevice(
    createApiClient({ baseUrl: s.hub.url, token: s.isp.token }),
    await importDemoDevice(device),
    notices.body.items[0]?.id ?? '',
  );
}

/**
 * A reseller registered on the hub (みらいモバイル, an MVNO on the ISP's lines) with its legal officer, who
 * signs in as `login` like the demo's people: the organisation's id and that login.
 */
export async function addReseller(hub: { ctx: AppContext; demo: DemoResult }): Promise<{ id: string; login: string }> {
  const org = await run(hub.ctx, createOrganisation, SYSTEM_CALLER, {
    kind: 'provider',
    nameJa: 'みらいモバイル株式会社',
    nameEn: 'Mirai Mobile K.K.',
    isTelecomCarrier: true,
    providerCategory: 'mobile',
  });
  const password = 'reseller-legal-pass-2026';
  const login = 'mvno.legal';
  const user = await madeAndEnrolled(
    hub.ctx,
    SYSTEM_CALLER,
    { organisationId: org.id, unitId: null, login, displayName: 'みらいモバイル 法務', roles: ['provider_legal'] },
    password,
  );
  hub.demo.logins.push({
    login,
    password,
    totpSecret: user.totpSecret,
    displayName: 'みらいモバイル 法務',
    roles: ['provider_legal'],
    organisation: org.nameJa,
    organisationEn: org.nameEn,
  });
  return { id: org.id, login };
}

/**
 * A port number standing on its own, as a page, a JSON body or a stored row would show it, and not a run
 * of digits inside a hash, an id, a signature or a ciphertext (which a store's hex and base64 hold by
 * chance: a bare /51515/ over a hub's whole store matches about one run in ten).
 */
export function portAlone(port: number): RegExp {
  return new RegExp(`(?<![\\w+/=-])${port}(?![\\w+/=-])`);
}

/** The reseller of `addReseller` with its legal officer signed in: the organisation's id and that client. */
export async function resellerSignedIn(hub: TestHub): Promise<{ id: string; client: Client }> {
  const reseller = await addReseller(hub);
  return { id: reseller.id, client: await hub.as(reseller.login) };
}

/**
 * On the lawyer's case `caseId`, a provision order issued as `caseNumber` (provisionOrderOn) and received by
 * `bound`, the provider it is against: the order as received and its API path.
 */
export async function orderReceivedBy(
  s: Pick<ProvisionParties, 'hub' | 'lawyer' | 'judge'>,
  bound: Client,
  caseId: string,
  caseNumber: string,
  options: { content?: string; reasons?: string } = {},
): Promise<{ order: Order; path: string }> {
  const { path } = await provisionOrderOn(s, caseId, caseNumber, options);
  return { order: await receiveProvisionOrder(bound, path), path };
}

/**
 * For the tests of one `describe` (see `hubWithHooks`): the hub with the parties of a chain of provision
 * orders down to a reseller signed in (the lawyer, the judge, the board's and the ISP's legal officers), and
 * the reseller (`mvno`, its organisation `reseller`), made before the tests by `made` (`resellerSignedIn`, or
 * one whose key the hub holds); with the lawyer's steps bound to them.
 */
export function resellerChainHooks(
  dialect: Dialect,
  made: (hub: TestHub) => Promise<{ id: string; client: Client }> = resellerSignedIn,
) {
  const {
    hub,
    people: [lawyer, judge, board, isp],
    orgs,
  } = hubWithHooks(dialect, ['lawyer', 'judge', 'board.legal', 'isp.legal']);
  let madeReseller: { id: string; client: Client } | undefined;
  before(async () => {
    madeReseller = await made(hub);
  });
  const current = () => madeReseller ?? assert.fail('the reseller is made in before(): use it inside a test');
  const mvno = standIn(() => current().client);
  const parties = { hub, lawyer, judge };
  return {
    ...parties,
    board,
    isp,
    orgs,
    mvno,
    reseller: standIn(current),
    /** The lawyer's case against `providerId` about thread `thread` (fileOrderCase). */
    fileCase: (providerId: string, thread: string, senderInformation: string[]) =>
      fileOrderCase(lawyer, orgs.court, providerId, thread, senderInformation),
    /** A provision order on a new case against the board about thread `thread` (issuedProvisionOrder). */
    provisionOrder: (thread: string) =>
      issuedProvisionOrder({ ...parties, courtId: orgs.court, providerId: orgs.board }, thread),
    /** A provision order on case `caseId` issued as `caseNumber` and received by `bound` (orderReceivedBy). */
    orderReceivedBy: (bound: Client, caseId: string, caseNumber: string, options?: { reasons?: string }) =>
      orderReceivedBy(parties, bound, caseId, caseNumber, options),
    /**
     * The reseller's own provision order on its case `caseId` (as `caseNumber`), carried out from the notice
     * `noticeId` with `communication`: refused as a notice whose signature does not hold, nothing provided.
     */
    async refusedFromNotice(caseId: string, caseNumber: string, noticeId: string, communication: object) {
      const { path } = await orderReceivedBy(parties, mvno, caseId, caseNumber);
      const fromNotice = await mvno.call<ApiError>('POST', `${path}/provide`, {
        noticeId,
        communications: [communication],
      });
      assert.equal(fromNotice.status, 422, JSON.stringify(fromNotice.body));
      assert.equal(fromNotice.body.error.code, 'SIGNATURE_INVALID');
      assert.equal((await mvno.call<Order>('GET', path)).body.provision, null);
    },
  };
}
