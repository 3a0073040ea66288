import { z } from 'zod';
import { noticeSignerShown, type ShownNoticeSigner } from '../client/provision-notice-seal.ts';
import { findUsers } from '../directory/directory.repository.ts';
import { noticeSignerRoles } from '../directory/transparency.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import type { NoticeSignerRoles } from '../domain/provision-notice.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { Target } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { enrolledDeviceOf } from '../exchange/custody.ts';
import { type BoxForDevice, boxForDevice, providerSigningKeys } from '../exchange/custody-reads.ts';
import { type PostLogCommunications, postLogCommunications } from '../holders/post-communications.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AncillaryOrderApplicationRow, ProvisionNoticeRow } from '../store/schema.ts';
import { type AncillaryOrder, signatureVerifies, toAncillaryView } from './ancillary-order-models.ts';
import { ANCILLARY_ORDERS, ancillaryOn } from './ancillary-orders.ts';
import { moveApplication, organisationRef, wrongApplicationState } from './application-kind.ts';
import { findOrderApplication } from './disclosure-order.repository.ts';
import {
  findProvisionNotice,
  insertProvisionNotice,
  noticesOfOrder,
  noticesSentTo,
  sendProvisionNotice,
} from './provision.repository.ts';
import { noticeAad, openNoticeOnHub } from './provision-chain.ts';

// A provision order (提供命令, art. 15) as the content provider carries it out. (1) It tells the lawyer
// only the names of the access providers its records point to — determined from the posts' source
// addresses through the shared whom-to-ask service — or that it cannot identify one. (2) Once the
// lawyer says it applied for a disclosure order against such an access provider, the content provider's
// record of the sender's communications (address, port, time) goes to that access provider only: sealed
// to the access provider's own key when the content provider gives it, released by the lawyer's notice.
// The lawyer never receives the communications.

export const NotifyInput = z.strictObject({
  /** The lawyer's disclosure-order application against the named access provider. */
  applicationId: z.string().min(1).max(100),
});

export function provisionOnly(row: AncillaryOrderApplicationRow): void {
  if (row.type !== 'provision') {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: 'これは提供命令ではありません', en: 'this is not a provision order' },
      { field: 'type', value: row.type },
    );
  }
}

/**
 * The provision order the content provider is to carry out, with its input parsed by `schema`: one it
 * received (the judge's signature checked) and has not carried out yet.
 */
export async function orderToCarryOut<S extends z.ZodType>(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  schema: S,
  raw: unknown,
) {
  const { row, main } = await ancillaryOn(uow, p, id, 'provider');
  provisionOnly(row);
  const input = parseOrThrow(schema, raw);
  if (row.state !== 'issued' || !row.received_at || row.provided_at) {
    throw wrongApplicationState(ANCILLARY_ORDERS, row, ['issued']);
  }
  return { row, main, input };
}

/** A notice sealed to an access provider, held until the lawyer's notice releases it. */
export function preparedNotice(
  row: AncillaryOrderApplicationRow,
  contentProvider: string,
  n: { id: string; holder: string; sealed: object; count: number },
  now: Date,
): ProvisionNoticeRow {
  return {
    id: n.id,
    order_id: row.id,
    content_provider_organisation_id: contentProvider,
    access_provider_organisation_id: n.holder,
    sealed: JSON.stringify(n.sealed),
    communications: n.count,
    state: 'prepared',
    application_id: null,
    sent_at: null,
    created_at: now.toISOString(),
  };
}

/**
 * Stores the notices and records the order carried out: the access providers' names to the lawyer (or
 * that none could be identified), audited with `details` besides.
 */
export async function recordProvision(
  uow: UnitOfWork,
  p: Principal,
  row: AncillaryOrderApplicationRow,
  notices: ProvisionNoticeRow[],
  details: Record<string, unknown>,
): Promise<AncillaryOrderApplicationRow> {
  for (const n of notices) await insertProvisionNotice(uow.tx, n);
  const outcome = notices.length > 0 ? 'identified' : 'not_identified';
  return moveApplication(
    uow,
    p,
    ANCILLARY_ORDERS,
    row,
    ['issued'],
    { provided_at: uow.now.toISOString(), provision_outcome: outcome },
    'ancillary_order.provided',
    { outcome, accessProviders: notices.map((n) => n.access_provider_organisation_id), ...details },
  );
}

/**
 * What the content provider's own post log recorded for the posts the order concerns, offered for a
 * person to review before carrying it out (`provideUnderOrder`): only while the order is received and
 * not yet carried out. Each post looked up is audited as a read of the post log.
 */
export async function communicationsFromPostLog(
  uow: UnitOfWork,
  p: Principal,
  id: string,
): Promise<PostLogCommunications> {
  const { row, main } = await ancillaryOn(uow, p, id, 'provider');
  provisionOnly(row);
  if (row.state !== 'issued' || !row.received_at || row.provided_at) {
    throw wrongApplicationState(ANCILLARY_ORDERS, row, ['issued']);
  }
  return postLogCommunications(uow, p, JSON.parse(main.targets) as Target[], { reference: row.reference });
}

/**
 * The lawyer tells the content provider it applied for a disclosure order against a named access
 * provider (art. 15(1)(2)): that access provider's notice is released to it.
 */
export async function notifyUnderOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main } = await ancillaryOn(uow, p, id, 'office');
  provisionOnly(row);
  const input = parseOrThrow(NotifyInput, raw);
  const against = await findOrderApplication(uow.tx, input.applicationId);
  const notice = (await noticesOfOrder(uow.tx, row.id)).find(
    (n) => n.access_provider_organisation_id === against?.provider_organisation_id && n.state === 'prepared',
  );
  const sameMatter = against?.claimant === main.claimant;
  if (
    !against ||
    against.law_office_organisation_id !== p.organisationId ||
    against.state !== 'filed' ||
    !notice ||
    !sameMatter
  ) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '提供命令で示された経由プロバイダを相手方とする、同じ申立人の審理中の開示命令の申立てを選んでください',
        en:
          'pick your pending disclosure-order application, for the ' +
          'same claimant, against an access provider this order named',
      },
      { field: 'applicationId', value: input.applicationId },
    );
  }
  if (!(await sendProvisionNotice(uow.tx, notice.id, { application_id: against.id, sent_at: uow.now.toISOString() }))) {
    throw new DomainError('CONFLICT', { ja: '通知済みです', en: 'already notified' }, { field: 'applicationId' });
  }
  await uow.auditBy(p, 'ancillary_order.notified', ['ancillary_order', row.id], {
    reference: row.reference,
    applicationId: against.id,
    accessProviderOrganisationId: against.provider_organisation_id,
  });
  return toAncillaryView(uow, p, row, main, 'office');
}

export interface ProvisionNotice {
  id: string;
  order: {
    reference: string;
    caseNumber: string | null;
    court: { id: string; nameJa: string; nameEn: string } | null;
    orderedAt: string | null;
    signatureVerified: boolean;
  };
  contentProvider: { id: string; nameJa: string; nameEn: string };
  applicationReference: string | null;
  lawOffice: { id: string; nameJa: string; nameEn: string } | null;
  sentAt: string | null;
  communications: Array<{ address: string; port?: number | undefined; at: string }> | null;
  signedBy: ShownNoticeSigner;
}

/** The notices released to the access provider (without the communications; open one to read them). */
export async function listProvisionNotices(uow: UnitOfWork, p: Principal): Promise<ProvisionNotice[]> {
  requirePermission(p, 'request.answer');
  const out: ProvisionNotice[] = [];
  for (const n of await noticesSentTo(uow.tx, p.organisationId, 200)) out.push(await noticeView(uow, n, null));
  return out;
}

/** A notice released to the caller's organisation; NOT_FOUND for anyone else. */
async function noticeFor(uow: UnitOfWork, p: Principal, id: string): Promise<ProvisionNoticeRow> {
  requirePermission(p, 'request.answer');
  const n = await findProvisionNotice(uow.tx, id);
  if (n?.state !== 'sent' || n.access_provider_organisation_id !== p.organisationId) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: `提供の通知 ${shownInput(id)} は存在しません`, en: `provision notice ${shownInput(id)} does not exist` },
      { field: 'id', value: id },
    );
  }
  return n;
}

/**
 * One notice opened on the hub, for an access provider whose key the hub holds (OPEN_ON_DEVICE when
 * its key is on its devices: `sealedNoticeForDevice`); the read is audited.
 */
export async function openProvisionNotice(uow: UnitOfWork, p: Principal, id: string): Promise<ProvisionNotice> {
  const n = await noticeFor(uow, p, id);
  const opened = await openNoticeOnHub(uow, n);
  await uow.auditBy(p, 'ancillary_order.notice_opened', ['provision_notice', n.id], {
    orderId: n.order_id,
    signedBy: opened.signedBy?.key.fingerprint ?? null,
  });
  const keys = await providerSigningKeys(uow, n.content_provider_organisation_id);
  const shown = noticeSignerShown(opened.signedBy, await passkeyHolders(uow, keys));
  return noticeView(uow, n, opened.communications, shown);
}

async function noticeView(
  uow: UnitOfWork,
  n: ProvisionNoticeRow,
  communications: ProvisionNotice['communications'],
  signedBy: ProvisionNotice['signedBy'] = null,
): Promise<ProvisionNotice> {
  const row = await ANCILLARY_ORDERS.find(uow.tx, n.order_id);
  const main = row ? await findOrderApplication(uow.tx, row.application_id) : undefined;
  const against = n.application_id ? await findOrderApplication(uow.tx, n.application_id) : undefined;
  return {
    id: n.id,
    order: {
      reference: row?.reference ?? '',
      caseNumber: row?.case_number ?? null,
      court: row ? await organisationRef(uow, row.court_organisation_id) : null,
      orderedAt: row?.ordered_at ?? null,
      // The access provider checks the order the notice rests on as the provider bound does.
      signatureVerified: row && main ? await signatureVerifies(uow, row, main) : false,
    },
    contentProvider: await organisationRef(uow, n.content_provider_organisation_id),
    applicationReference: against?.reference ?? null,
    lawOffice: against ? await organisationRef(uow, against.law_office_organisation_id) : null,
    sentAt: n.sent_at,
    communications,
    signedBy,
  };
}

/** A notice sealed to an access provider's key held on its devices, with that key wrapped to one (audited). */
export async function sealedNoticeForDevice(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  deviceId: string,
): Promise<
  ProvisionNotice & {
    deviceId: string;
    aad: string;
    accessProvider: { id: string; nameJa: string; nameEn: string };
    contentProviderKeys: PublicKeyRecord[];
    contentProviderSigners: Array<{ keyId: string; name: string }>;
    contentProviderRoles: NoticeSignerRoles;
  } & BoxForDevice
> {
  const n = await noticeFor(uow, p, id);
  const device = await enrolledDeviceOf(uow, p, deviceId);
  const { sealed, custodyKey, resealed } = await boxForDevice(uow, 'notice', n.sealed, device.id, n.id);
  const keys = await providerSigningKeys(uow, n.content_provider_organisation_id);
  await uow.auditBy(p, 'ancillary_order.notice_opened', ['provision_notice', n.id], {
    orderId: n.order_id,
    custody: 'device',
    device: device.fingerprint,
  });
  return {
    ...(await noticeView(uow, n, null)),
    // The access provider it is listed for (the caller's own): the device checks the signed body names it.
    accessProvider: await organisationRef(uow, n.access_provider_organisation_id),
    contentProviderKeys: keys,
    contentProviderSigners: await passkeyHolders(uow, keys),
    contentProviderRoles: await noticeSignerRoles(uow, n.content_provider_organisation_id),
    deviceId: device.id,
    sealed,
    aad: noticeAad(n.id),
    custodyKey,
    resealed,
  };
}

/** The people whose passkeys are among `keys`, by key id: who signed a notice, as the page names them. */
async function passkeyHolders(
  uow: UnitOfWork,
  keys: PublicKeyRecord[],
): Promise<Array<{ keyId: string; name: string }>> {
  const people = keys.filter((k) => k.ownerType === 'user');
  const users = await findUsers(uow.tx, [...new Set(people.map((k) => k.ownerId))]);
  return people.flatMap((k) => {
    const u = users.find((x) => x.id === k.ownerId);
    return u ? [{ keyId: k.id, name: u.display_name }] : [];
  });
}
