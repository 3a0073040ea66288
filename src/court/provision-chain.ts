import { z } from 'zod';
import { type OpenedNotice, verifiedNotice } from '../client/provision-notice-seal.ts';
import { DEVICE_SEAL_ALG } from '../crypto/device-seal.ts';
import { requireProvider } from '../directory/lookups.ts';
import { noticeSignerRoles } from '../directory/transparency.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { IpAddressSchema } from '../domain/targets.ts';
import { providerSigningKeys } from '../exchange/custody-reads.ts';
import { provisionNoticeAad } from '../exchange/custody-reseal.ts';
import { openOnHub } from '../exchange/sealing.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AncillaryOrderApplicationRow, ProvisionNoticeRow } from '../store/schema.ts';
import { findAncillaryOrder } from './ancillary-order.repository.ts';
import { organisationRef } from './application-kind.ts';
import { findProvisionNotice, noticeReleasedFor } from './provision.repository.ts';

// A chain of provision orders (提供命令, art. 15) down to a reseller: the access provider named by a
// content provider's order (a wholesaler: an MNO, a VNE, a regional carrier) finds in its own records
// that the address belongs to a line it resells through another provider (an MVNO, a virtual ISP).
// The lawyer applies, in the case against the wholesaler, for a provision order against it; the
// wholesaler carries it out from the communications of the notice it received, naming the reseller
// from its own records — the whom-to-ask service would only point back at the wholesaler itself.

/** One communication as given under the order; the next provider only when the giver names it. */
export const Communication = z.strictObject({
  address: IpAddressSchema,
  port: z.number().int().min(0).max(65535).optional(),
  at: InstantSchema,
});
export type Communication = z.infer<typeof Communication>;

export const ProvidedCommunication = Communication.extend({
  /**
   * The access provider the giver's own records show holds the line (a reseller on a wholesale line);
   * without it the shared whom-to-ask service decides.
   */
  accessProviderOrganisationId: z.string().min(1).max(100).optional(),
});

/** The context a provision notice is sealed with (one definition: re-sealing seals copies with it too). */
export const noticeAad = provisionNoticeAad;

/**
 * A notice opened on the hub (for an access provider whose key the hub holds): its communications, used
 * only if the content provider's signature inside counts (`verifiedNotice`: of this notice, its order,
 * its giver and addressee, by a key of the giver trusted when it signed); else refused in words.
 */
export async function openNoticeOnHub(
  uow: UnitOfWork,
  n: ProvisionNoticeRow,
): Promise<{ communications: Communication[]; signedBy: OpenedNotice['signedBy'] }> {
  const plain = await openOnHub(uow, n.sealed, noticeAad(n.id), n.id, { ja: '提供の通知', en: 'provision notice' });
  const opened = await verifiedNotice(
    JSON.parse(plain.toString('utf8')),
    {
      noticeId: n.id,
      contentProviderOrganisationId: n.content_provider_organisation_id,
      accessProviderOrganisationId: n.access_provider_organisation_id,
      order: { id: n.order_id },
    },
    await providerSigningKeys(uow, n.content_provider_organisation_id),
    await noticeSignerRoles(uow, n.content_provider_organisation_id),
    uow.now,
  );
  return { communications: z.array(Communication).parse(opened.communications), signedBy: opened.signedBy };
}

/** The provider the giver named for communication `index`: a provider of the directory, not the giver. */
export async function namedAccessProvider(uow: UnitOfWork, p: Principal, id: string, index: number): Promise<string> {
  const field = `communications[${index}].accessProviderOrganisationId`;
  const org = await requireProvider(uow.tx, id, field);
  if (org.id === p.organisationId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '自社を経由プロバイダとして示すことはできません（回線を卸している事業者を選んでください）',
        en: 'you cannot name yourself (name the provider you resell the line through)',
      },
      { field, value: id },
    );
  }
  return org.id;
}

const sameCommunication = (a: Communication, b: Communication) =>
  a.address === b.address && a.port === b.port && parseInstant(a.at).utc === parseInstant(b.at).utc;

/**
 * An access provider carries out its own provision order from the notice it received: the notice must
 * be the one released to it for this order's case (the lawyer's application against it). When the hub
 * holds its key, every communication given must be one of the notice's; a notice sealed to keys on its
 * devices is opened there, so the hub cannot compare (the giver answers for what it gives, as a content
 * provider does for its own records).
 */
export async function checkFromNotice(
  uow: UnitOfWork,
  p: Principal,
  row: AncillaryOrderApplicationRow,
  noticeId: string,
  given: readonly Communication[],
): Promise<void> {
  const n = await findProvisionNotice(uow.tx, noticeId);
  if (
    n?.state !== 'sent' ||
    n.access_provider_organisation_id !== p.organisationId ||
    n.application_id !== row.application_id
  ) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'この命令の本案（当社を相手方とする申立て）について当社に提供された通知を選んでください',
        en: 'pick the notice released to you for this order’s case (the application against you)',
      },
      { field: 'noticeId', value: noticeId },
    );
  }
  if ((JSON.parse(n.sealed) as { alg?: unknown }).alg === DEVICE_SEAL_ALG) return;
  const inNotice = (await openNoticeOnHub(uow, n)).communications;
  for (const [i, c] of given.entries()) {
    if (!inNotice.some((x) => sameCommunication(x, c))) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `${i + 1}件目の接続元は、選んだ通知にありません`,
          en: `communication ${i + 1} is not in the notice you picked`,
        },
        { field: `communications[${i}]`, value: c.address },
      );
    }
  }
}

/**
 * The link up the chain: the provision order whose notice was released to this order's provider for
 * this order's case — for the office the order itself, for the provider the notice it received.
 */
export async function namedUnder(
  uow: UnitOfWork,
  r: AncillaryOrderApplicationRow,
  side: 'office' | 'court' | 'provider',
): Promise<{
  orderId: string | null;
  applicationId: string | null;
  noticeId: string | null;
  reference: string;
  provider: { id: string; nameJa: string; nameEn: string };
} | null> {
  if (side === 'court') return null;
  const n = await noticeReleasedFor(uow.tx, r.application_id, r.provider_organisation_id);
  const above = n ? await findAncillaryOrder(uow.tx, n.order_id) : undefined;
  if (!n || !above) return null;
  const office = side === 'office' && above.law_office_organisation_id === r.law_office_organisation_id;
  return {
    orderId: office ? above.id : null,
    applicationId: office ? above.application_id : null,
    noticeId: side === 'provider' ? n.id : null,
    reference: above.reference,
    provider: await organisationRef(uow, n.content_provider_organisation_id),
  };
}
