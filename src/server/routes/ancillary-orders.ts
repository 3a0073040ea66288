import { type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ancillaryIssuePreview,
  declineAncillaryOrder,
  issueAncillaryOrder,
  liftAncillaryOrder,
} from '../../court/ancillary-order-review.ts';
import {
  fileAncillaryOrder,
  getAncillaryOrder,
  listAncillaryOrders,
  receiveAncillaryOrder,
  withdrawAncillaryOrder,
} from '../../court/ancillary-orders.ts';
import {
  communicationsFromPostLog,
  listProvisionNotices,
  notifyUnderOrder,
  openProvisionNotice,
  sealedNoticeForDevice,
} from '../../court/provision.ts';
import { provideUnderOrder, provisionPreview } from '../../court/provision-pages.ts';
import { provideSealedUnderOrder } from '../../court/provision-sealed.ts';
import { RoleEndedEntrySchema, RoleEntrySchema } from '../../domain/pinned-roles.ts';
import { type AppEnv, call, DeviceQuery, IdParam } from '../env.ts';
import { routes } from '../route.ts';
import {
  AncillaryOrder,
  Key,
  PostLogCommunications,
  ProvisionNotice,
  ProvisionToSign,
  SigningDigest,
} from '../schemas.ts';
import { Box, ResealedCopy, WrappedCustodyKey } from './custody.ts';

const SealedProvisionNotice = ProvisionNotice.extend({
  /** The content provider's signing keys (every one, past ones too): the device checks its signature inside. */
  contentProviderKeys: z.array(Key),
  /** Whose passkeys those are (by key id): the page names the person who signed. */
  contentProviderSigners: z.array(z.object({ keyId: z.string(), name: z.string() })),
  /**
   * The directory log's grants (and their ends) of the roles that carry out a provision order, at the content
   * provider, and when the log was read: a notice signed by a person's passkey counts only if they held one.
   */
  contentProviderRoles: z.object({
    entries: z.array(z.union([RoleEntrySchema, RoleEndedEntrySchema])),
    at: z.string(),
  }),
  /** The access provider the notice is listed for (the caller's own): its signed body must name it. */
  accessProvider: z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() }),
  deviceId: z.string(),
  sealed: Box,
  aad: z.string(),
  custodyKey: WrappedCustodyKey,
  resealed: ResealedCopy,
}).meta({ id: 'SealedProvisionNotice' });

// Ancillary orders of a disclosure-order case (提供命令・消去禁止命令): thin routes over src/court. The
// lawyer applies within the pending case; a judge declines or issues with his own passkey, and records
// that an order ceased; the provider bound receives it after checking the judge's signature.

export function registerAncillaryOrderRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'court');
  const base = '/v1/ancillary-orders';
  route.act(
    {
      path: '/v1/disclosure-order-applications/{id}/ancillary-orders',
      summary: 'The lawyer applies, within the pending case, for a provision or erasure-prohibition order',
      body: 'AncillaryOrderDraft',
      ok: AncillaryOrder,
      status: 201,
    },
    fileAncillaryOrder,
  );
  route.list(
    {
      method: 'get',
      path: base,
      summary: "The office's ancillary orders, those before the court, or (a provider) the orders issued to it",
      item: AncillaryOrder,
    },
    (c) => call(c, listAncillaryOrders),
  );
  route(
    {
      method: 'get',
      path: `${base}/{id}`,
      summary: 'One ancillary order (the provider sees the issued order and its signature check; audited)',
      params: IdParam,
      ok: AncillaryOrder,
    },
    (c, { param }) => call(c, getAncillaryOrder, param.id),
  );
  const acts = [
    [
      'withdraw',
      'The applying office withdraws its application before the court decides',
      withdrawAncillaryOrder,
      'AncillaryOrderReason',
    ],
    [
      'decline',
      'A judge declines the application, with the reason',
      declineAncillaryOrder,
      'DeclineDisclosureOrderApplication',
    ],
    ['lift', 'A judge records that the order ceased: its case ended', liftAncillaryOrder, 'AncillaryOrderReason'],
  ] as const;
  for (const [act, summary, service, body] of acts) {
    route.act({ path: `${base}/{id}/${act}`, summary, body, ok: AncillaryOrder }, service);
  }
  route.act(
    {
      path: `${base}/{id}/issue-preview`,
      summary: "Exactly the order the judge issues (canonical JSON) and the digest the judge's passkey signs",
      body: 'IssueDisclosureOrder',
      ok: SigningDigest,
    },
    ancillaryIssuePreview,
  );
  route.act(
    {
      path: `${base}/{id}/issue`,
      summary:
        "A judge issues the order, signed with their own passkey (an erasure-prohibition holds the provider's data)",
      body: 'IssueDisclosureOrder',
      ok: AncillaryOrder,
    },
    issueAncillaryOrder,
  );
  route.act(
    {
      path: `${base}/{id}/provide`,
      summary:
        "The content provider carries out a provision order: the access providers' names to the lawyer, the " +
        'communications sealed to each',
      body: 'ProvideUnderOrder',
      ok: AncillaryOrder,
    },
    provideUnderOrder,
  );
  route.act(
    {
      path: `${base}/{id}/provide-preview`,
      summary:
        'The notices, one per access provider, exactly as the content provider signs them in the page before ' +
        'carrying out the order (nothing stored)',
      body: 'ProvideUnderOrder',
      ok: ProvisionToSign,
    },
    provisionPreview,
  );
  route(
    {
      method: 'get',
      path: `${base}/{id}/post-log`,
      summary:
        "The content provider's own post log: the communications recorded for the order's posts, with the lines " +
        'they came from, to review before carrying it out (audited)',
      params: IdParam,
      ok: PostLogCommunications,
    },
    (c, { param }) => call(c, communicationsFromPostLog, param.id),
  );
  route.act(
    {
      path: `${base}/{id}/provide-sealed`,
      summary:
        "The content provider's own installation carries out a provision order: each access provider's notice " +
        'sealed to it there (the hub never sees the communications)',
      body: 'ProvideSealedUnderOrder',
      ok: AncillaryOrder,
    },
    provideSealedUnderOrder,
  );
  route.act(
    {
      path: `${base}/{id}/notify`,
      summary:
        'The lawyer notifies its application against a named access provider; the communications are released to it',
      body: 'NotifyUnderOrder',
      ok: AncillaryOrder,
    },
    notifyUnderOrder,
  );
  route.list(
    {
      method: 'get',
      path: '/v1/provision-notices',
      summary: 'The access provider: the provision notices released to it (open one to read the communications)',
      item: ProvisionNotice,
    },
    (c) => call(c, listProvisionNotices),
  );
  route(
    {
      method: 'get',
      path: '/v1/provision-notices/{id}',
      summary: "The access provider opens a provision notice: the sender's communications (audited)",
      params: IdParam,
      ok: ProvisionNotice,
    },
    (c, { param }) => call(c, openProvisionNotice, param.id),
  );
  route(
    {
      method: 'get',
      path: '/v1/provision-notices/{id}/sealed',
      summary:
        "A provision notice sealed to the access provider's key on its devices, that key wrapped to the given " +
        'device (audited)',
      params: IdParam,
      query: DeviceQuery,
      ok: SealedProvisionNotice,
    },
    (c, { param, query }) => call(c, sealedNoticeForDevice, param.id, query.device),
  );
  route.act(
    {
      path: `${base}/{id}/receive`,
      summary: "The provider bound receives the issued order; refused when the judge's signature does not verify",
      ok: AncillaryOrder,
    },
    receiveAncillaryOrder,
  );
}
