import { z } from 'zod';
import { keyToSealTo } from '../directory/keys.ts';
import { requireProvider } from '../directory/lookups.ts';
import type { Principal } from '../domain/access.ts';
import { AnswerBoxSchema } from '../domain/answer-signing.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { sealAlgorithmFor } from '../exchange/sealing.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { ProvisionNoticeRow } from '../store/schema.ts';
import { type AncillaryOrder, toAncillaryView } from './ancillary-order-models.ts';
import { findProvisionNotice } from './provision.repository.ts';
import { orderToCarryOut, preparedNotice, recordProvision } from './provision.ts';

// A provision order (提供命令, art. 15(1)) carried out by the content provider's own installation (the
// agent): it read the communications from its own records, found the access provider of each from the
// providers' declared networks, and sealed each access provider's notice to that access provider's key
// itself (`shokai/provision-notice/{id}`, the id it chose). The hub stores the boxes as they came — it
// never holds the addresses — checks that each is addressed to the named access provider's current
// key, and records the order carried out as `provideUnderOrder` does. No notice: none identified.

export const ProvideSealedInput = z.strictObject({
  notices: z
    .array(
      z.strictObject({
        /** The notice's id, chosen by the sealing side: the box's additional data names it. */
        id: z.string().regex(/^prov_[0-9a-f-]{36}$/),
        accessProviderOrganisationId: z.string().min(1).max(100),
        /** How many communications the box holds (the hub cannot count them). */
        communications: z.number().int().min(1).max(50),
        sealed: AnswerBoxSchema,
      }),
    )
    .max(50),
});

export async function provideSealedUnderOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main, input } = await orderToCarryOut(uow, p, id, ProvideSealedInput, raw);
  const notices: ProvisionNoticeRow[] = [];
  for (const [i, n] of input.notices.entries()) {
    const holder = n.accessProviderOrganisationId;
    const field = `notices.${i}.accessProviderOrganisationId`;
    if (holder === p.organisationId || notices.some((x) => x.access_provider_organisation_id === holder)) {
      throw invalidField(
        field,
        holder,
        '経由プロバイダごとに1通、自社以外に宛ててください',
        'one notice per access provider, and none to yourself',
      );
    }
    await requireProvider(uow.tx, holder, field);
    const key = await keyToSealTo(uow, 'organisation', holder);
    if (n.sealed.recipientKeyId !== key.id || n.sealed.alg !== sealAlgorithmFor(key)) {
      throw invalidField(
        `notices.${i}.sealed.recipientKeyId`,
        n.sealed.recipientKeyId,
        `経由プロバイダの現在の鍵 ${key.id} に封緘されていません（鍵が更新されています。ディレクトリを取り込み直して封緘してください）`,
        `not sealed to the access provider's current key ${key.id} ` +
          `(the key was rotated: pin the directory again and seal anew)`,
      );
    }
    if (notices.some((x) => x.id === n.id) || (await findProvisionNotice(uow.tx, n.id))) {
      throw new DomainError(
        'CONFLICT',
        { ja: `通知 ${n.id} は既にあります`, en: `notice ${n.id} already exists` },
        { field: `notices.${i}.id`, value: n.id },
      );
    }
    notices.push(preparedNotice(row, p.organisationId, { ...n, holder, count: n.communications }, uow.now));
  }
  const moved = await recordProvision(uow, p, row, notices, {
    communications: input.notices.reduce((sum, n) => sum + n.communications, 0),
    sealedBy: 'content_provider',
  });
  return toAncillaryView(uow, p, moved, main, 'provider');
}
