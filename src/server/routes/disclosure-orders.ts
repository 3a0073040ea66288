import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  hearingPreview,
  recordHearing,
  withdrawHearing,
  withdrawHearingPreview,
} from '../../court/disclosure-order-hearing.ts';
import {
  finalPreview,
  objectionOutcomePreview,
  objectionPreview,
  recordFinal,
  recordObjection,
  recordObjectionOutcome,
} from '../../court/disclosure-order-objection.ts';
import { declineOrderApplication, issueOrder, orderIssuePreview } from '../../court/disclosure-order-review.ts';
import {
  fileOrderApplication,
  getOrderApplication,
  listOrderApplications,
  OrderApplicationListQuery,
  openRequestFromOrder,
  withdrawOrderApplication,
} from '../../court/disclosure-orders.ts';
import { type AppEnv, call, IdParam, param } from '../env.ts';
import { routes } from '../route.ts';
import { DisclosureOrderApplication, DisclosureOrderApplicationSummary, SigningDigest } from '../schemas.ts';

// Disclosure-order applications (発信者情報開示命令の申立て): thin routes over src/court. The claimant's
// lawyer applies; the court's judges decline or issue with their own passkey; the lawyer drafts the
// civil request from the issued order.

export function registerDisclosureOrderRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'court');
  const base = '/v1/disclosure-order-applications';
  route.list(
    {
      method: 'get',
      path: base,
      summary: "The law office's applications for disclosure orders, or (for a judge) those filed with the court",
      query: OrderApplicationListQuery,
      item: DisclosureOrderApplicationSummary,
    },
    (c, { query }) => call(c, listOrderApplications, query),
  );
  route(
    {
      method: 'post',
      path: base,
      summary: "The claimant's lawyer applies to a court for a sender-information disclosure order",
      body: 'DisclosureOrderApplicationDraft',
      ok: DisclosureOrderApplication,
      status: 201,
    },
    (c, { body }) => call(c, fileOrderApplication, body),
  );
  route(
    {
      method: 'get',
      path: `${base}/{id}`,
      summary: 'One application (the applying office and the addressed court only; the read is audited)',
      params: IdParam,
      ok: DisclosureOrderApplication,
    },
    (c, { param }) => call(c, getOrderApplication, param.id),
  );
  route.act(
    {
      path: `${base}/{id}/withdraw`,
      summary: 'The applying office withdraws its application before the court decides',
      body: 'WithdrawDisclosureOrderApplication',
      ok: DisclosureOrderApplication,
    },
    withdrawOrderApplication,
  );
  route.act(
    {
      path: `${base}/{id}/decline`,
      summary: 'A judge of the addressed court declines the application, with the reason',
      body: 'DeclineDisclosureOrderApplication',
      ok: DisclosureOrderApplication,
    },
    declineOrderApplication,
  );
  route.act(
    {
      path: `${base}/{id}/hearings-preview`,
      summary: "Exactly the hearing the judge records (canonical JSON) and the digest the judge's passkey signs",
      body: 'RecordDisclosureOrderHearing',
      ok: SigningDigest,
    },
    hearingPreview,
  );
  route.act(
    {
      path: `${base}/{id}/hearings`,
      summary:
        'A judge of the addressed court records that a party was heard (陳述聴取): who, when, in writing or ' +
        'at a hearing date, and a note, signed with their own passkey; the order is issued only once the provider ' +
        'was heard by a signed record that verifies',
      body: 'RecordDisclosureOrderHearing',
      ok: DisclosureOrderApplication,
    },
    recordHearing,
  );
  route(
    {
      method: 'post',
      path: `${base}/{id}/hearings/{hearingId}/withdraw`,
      summary:
        'A judge of the addressed court withdraws a hearing recorded by mistake, saying why, before the court ' +
        'decides, signed with their own passkey: the record is kept, marked withdrawn, and no longer counts for ' +
        'issuing the order',
      params: IdParam.extend({ hearingId: param('hearingId') }),
      body: 'WithdrawDisclosureOrderHearing',
      ok: DisclosureOrderApplication,
    },
    (c, { param, body }) => call(c, withdrawHearing, param.id, param.hearingId, body),
  );
  route(
    {
      method: 'post',
      path: `${base}/{id}/hearings/{hearingId}/withdraw-preview`,
      summary: "Exactly the hearing's withdrawal the judge makes (canonical JSON) and the digest the passkey signs",
      params: IdParam.extend({ hearingId: param('hearingId') }),
      body: 'WithdrawDisclosureOrderHearing',
      ok: SigningDigest,
    },
    (c, { param, body }) => call(c, withdrawHearingPreview, param.id, param.hearingId, body),
  );
  route.act(
    {
      path: `${base}/{id}/issue-preview`,
      summary: "Exactly the order the judge issues (canonical JSON) and the digest the judge's passkey signs",
      body: 'IssueDisclosureOrder',
      ok: SigningDigest,
    },
    orderIssuePreview,
  );
  route.act(
    {
      path: `${base}/{id}/issue`,
      summary: 'A judge issues the disclosure order, signed with their own passkey',
      body: 'IssueDisclosureOrder',
      ok: DisclosureOrderApplication,
    },
    issueOrder,
  );
  route.act(
    {
      path: `${base}/{id}/request`,
      summary: 'Draft the civil request on the court-order route from the issued order, nothing copied by hand',
      body: 'OpenDisclosureOrderRequest',
      ok: DisclosureOrderApplication,
      status: 201,
    },
    openRequestFromOrder,
  );
  route.act(
    {
      path: `${base}/{id}/objection-preview`,
      summary:
        'Exactly the objection suit the judge records as filed (canonical JSON) and the digest his passkey signs',
      body: 'RecordDisclosureOrderObjection',
      ok: SigningDigest,
    },
    objectionPreview,
  );
  route.act(
    {
      path: `${base}/{id}/objection`,
      summary:
        'A judge of the court records that a party brought an objection suit (異議の訴え), signed with his own passkey; ' +
        'one filed after the last day of its month (counted in Japan from the notice) is refused',
      body: 'RecordDisclosureOrderObjection',
      ok: DisclosureOrderApplication,
    },
    recordObjection,
  );
  route.act(
    {
      path: `${base}/{id}/objection-outcome-preview`,
      summary:
        'Exactly the outcome of the objection suit the judge records (canonical JSON) and the digest his passkey signs',
      body: 'RecordDisclosureOrderObjectionOutcome',
      ok: SigningDigest,
    },
    objectionOutcomePreview,
  );
  route.act(
    {
      path: `${base}/{id}/objection-outcome`,
      summary:
        'A judge records how the objection suit ended (upheld, changed or set aside), signed with their own passkey',
      body: 'RecordDisclosureOrderObjectionOutcome',
      ok: DisclosureOrderApplication,
    },
    recordObjectionOutcome,
  );
  route.act(
    {
      path: `${base}/{id}/final-preview`,
      summary: "Exactly the order's finality the judge records (canonical JSON) and the digest his passkey signs",
      body: 'RecordDisclosureOrderFinal',
      ok: SigningDigest,
    },
    finalPreview,
  );
  route.act(
    {
      path: `${base}/{id}/final`,
      summary: 'A judge records that the order became final (確定) without an objection suit, signed with his passkey',
      body: 'RecordDisclosureOrderFinal',
      ok: DisclosureOrderApplication,
    },
    recordFinal,
  );
}
