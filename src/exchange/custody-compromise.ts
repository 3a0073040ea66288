import { z } from 'zod';
import { CUSTODY_KEY_ALGORITHM, DeviceBoxSchema, DevicePublicKeySchema } from '../crypto/device-seal.ts';
import { keyById, markKeyRevoked } from '../directory/key.repository.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { devicesOf, markRemoved } from './custody.repository.ts';
import { type CustodyState, custodyKeyOf, custodyState, ownerOrRefuse, requireManage } from './custody.ts';
import { newCustodyKey, requireActive, requireRemaining } from './custody-keys.ts';
import { leftToReseal } from './custody-reseal.ts';

// Marking a custody key compromised (docs/decisions.md, "Re-sealing after a compromised custody key"):
// the head (a provider's legal staff) revokes the key with the reason `compromised`; when it is the
// current key, a new one generated on their device replaces it in the same act (wrapped to exactly the
// enrolled devices that remain, as a rotation), so nothing more is sealed to the compromised one.

export const MarkCompromisedInput = z.strictObject({
  /** The custody key found compromised (the current one, or an earlier one). */
  keyId: z.string().min(1).max(100),
  /** For the current key: the new key's public part, generated on the caller's device. */
  publicKey: DevicePublicKeySchema.optional(),
  /** For the current key: the new key wrapped to every enrolled device that remains. */
  wraps: z
    .array(z.strictObject({ deviceId: z.string().min(1).max(100), wrapped: DeviceBoxSchema }))
    .min(1)
    .max(200)
    .optional(),
  /** Devices removed in the same act (the one the key leaked from). */
  removeDeviceIds: z.array(z.string().min(1).max(100)).max(100).optional(),
});

/** A refusal in words; the field it is about goes in the details, for programs. */
const invalid = (field: string, ja: string, en: string, details: Record<string, unknown> = {}) =>
  new DomainError('VALIDATION_FAILED', { ja, en }, { field, ...details });

export async function markCompromised(
  uow: UnitOfWork,
  p: Principal,
  raw: unknown,
): Promise<CustodyState & { leftToReseal: number }> {
  const owner = ownerOrRefuse(p);
  requireManage(p);
  const input = parseOrThrow(MarkCompromisedInput, raw);
  const key = await keyById(uow.tx, input.keyId);
  if (
    !key ||
    key.owner_type !== owner.ownerType ||
    key.owner_id !== owner.ownerId ||
    key.purpose !== 'encryption' ||
    key.algorithm !== CUSTODY_KEY_ALGORITHM
  ) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: '指定の鍵は、この所属の端末で保管する回答鍵ではありません',
        en: 'the key named is not an answer key of this unit held on devices',
      },
      { field: 'keyId', value: input.keyId },
    );
  }
  if (key.revoked_at) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `この鍵（${shownFingerprint(key.fingerprint)}）は既に失効しています`,
        en: `this key (${shownFingerprint(key.fingerprint)}) is already revoked`,
      },
      { field: 'keyId', value: key.id, reason: key.revocation_reason },
    );
  }
  const current = await custodyKeyOf(uow, owner);
  const at = uow.now.toISOString();
  const removeIds = new Set(input.removeDeviceIds ?? []);
  let rotatedTo: string | null = null;
  const removed: string[] = [];
  if (current?.id === key.id) {
    if (!input.publicKey || !input.wraps) {
      throw invalid(
        input.publicKey ? 'wraps' : 'publicKey',
        '現在の回答鍵を漏えいとする場合は、新しい鍵をあなたの端末で作り、残る登録端末すべてに渡します',
        'marking the current answer key compromised replaces it: a new key ' +
          'generated on your device, wrapped to every enrolled device that remains',
      );
    }
    const active = (await devicesOf(uow.tx, owner.ownerType, owner.ownerId)).filter((d) => !d.removed_at);
    requireActive(active, removeIds);
    requireRemaining(active, removeIds, input.wraps);
    await markRemoved(uow.tx, [...removeIds], p.id, at);
    for (const d of active.filter((x) => removeIds.has(x.id))) {
      removed.push(d.fingerprint);
      await uow.auditBy(p, 'device.removed', ['device', d.id], {
        ...owner,
        fingerprint: d.fingerprint,
        holder: d.user_id,
      });
    }
    await markKeyRevoked(uow.tx, key.id, at, 'compromised');
    const next = await newCustodyKey(uow, p, owner, { publicKey: input.publicKey, wraps: input.wraps });
    rotatedTo = next.key.fingerprint;
  } else {
    if (input.publicKey || input.wraps || removeIds.size > 0) {
      throw invalid(
        input.publicKey ? 'publicKey' : input.wraps ? 'wraps' : 'removeDeviceIds',
        '以前の鍵を漏えいとする場合、鍵の更新や端末の除外は伴いません（端末の除外は鍵の更新で行います）',
        'marking an earlier key compromised neither replaces the ' +
          'current key nor removes devices (remove devices by rotating)',
      );
    }
    await markKeyRevoked(uow.tx, key.id, at, 'compromised');
  }
  const left = await leftToReseal(uow, owner);
  await uow.auditBy(p, 'custody.compromised', [owner.ownerType, owner.ownerId], {
    key: key.fingerprint,
    rotatedTo,
    removed,
    leftToReseal: left,
  });
  return { ...(await custodyState(uow, p)), leftToReseal: left };
}
