import { z } from 'zod';
import {
  CUSTODY_KEY_ALGORITHM,
  custodyKeyId,
  type DeviceBox,
  DeviceBoxSchema,
  DevicePublicKeySchema,
  deviceKeyFingerprint,
} from '../crypto/device-seal.ts';
import { keyById } from '../directory/key.repository.ts';
import { createKey } from '../directory/keys.ts';
import { type CustodyOwner, holdsOnlyOwnDevice, type Principal } from '../domain/access.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DeviceRow, KeyRow } from '../store/schema.ts';
import {
  deviceById,
  devicesOf,
  encryptionKeysOf,
  insertWraps,
  markEnrolled,
  markRemoved,
  wrapsOfDevice,
} from './custody.repository.ts';
import {
  type CustodyState,
  custodyKeyOf,
  custodyState,
  type DeviceView,
  forbidden,
  notOnDevices,
  ownerOrRefuse,
  passedOn,
  requireManage,
  toDeviceView,
} from './custody.ts';
import { deviceInWords, devicesInWords, keysInWords, wrapInWords } from './custody-words.ts';

// The key ceremonies of device custody: moving an owner's answer key from the hub to the devices
// (migration), enrolling a further device, removing a member by rotating the key. The new keys are
// generated and wrapped on a member's device; the hub checks, stores the public part and the wraps,
// and audits.

const WrapSchema = z.strictObject({ deviceId: z.string().min(1).max(100), wrapped: DeviceBoxSchema });
export const NewCustodyKeyInput = z.strictObject({
  /** The new key's public part; its private part was generated on the caller's device. */
  publicKey: DevicePublicKeySchema,
  /** The new key wrapped to every device that is to hold it (the caller's own among them). */
  wraps: z.array(WrapSchema).min(1).max(200),
});

/**
 * Keeps the custody keys a member wrapped on their device, each to a device of the owner, and marks
 * the devices that now hold a key as enrolled (those enrolled before keep their enrolment).
 */
async function keepWraps(
  uow: UnitOfWork,
  p: Principal,
  wraps: Array<{ keyId: string; deviceId: string; wrapped: DeviceBox }>,
): Promise<void> {
  const at = uow.now.toISOString();
  await insertWraps(
    uow.tx,
    wraps.map((w) => ({
      key_id: w.keyId,
      device_id: w.deviceId,
      wrapped: JSON.stringify(w.wrapped),
      wrapped_by: p.id,
      created_at: at,
    })),
  );
  await markEnrolled(uow.tx, [...new Set(wraps.map((w) => w.deviceId))], p.id, at);
}

/** Checks the wraps of a new key: distinct active devices of the owner, the caller's own among them. */
async function checkWraps(
  uow: UnitOfWork,
  p: Principal,
  owner: CustodyOwner,
  wraps: Array<{ deviceId: string; wrapped: DeviceBox }>,
  keyId: string,
): Promise<DeviceRow[]> {
  const all = new Map((await devicesOf(uow.tx, owner.ownerType, owner.ownerId)).map((d) => [d.id, d]));
  const seen = new Set<string>();
  const devices: DeviceRow[] = [];
  for (const [i, w] of wraps.entries()) {
    const d = all.get(w.deviceId);
    const wrap = wrapInWords(i);
    const field = `wraps[${i}].deviceId`;
    if (!d) {
      throw invalidField(
        field,
        w.deviceId,
        `${wrap.ja}の渡し先は、この所属の端末ではありません`,
        `${wrap.en} is for a device this unit does not have`,
      );
    }
    const named = deviceInWords(d.label);
    if (d.removed_at || seen.has(w.deviceId)) {
      throw invalidField(
        field,
        w.deviceId,
        d.removed_at
          ? `${wrap.ja}の渡し先の端末${named.ja}は抹消されています`
          : `${wrap.ja}の渡し先の端末${named.ja}には、既に鍵を包んでいます（重複）`,
        d.removed_at
          ? `${wrap.en} is for the device ${named.en}, which is removed`
          : `${wrap.en} is for the device ${named.en}, already given the key (repeated)`,
      );
    }
    if (w.wrapped.recipientKeyId !== d.id) {
      throw invalidField(
        `wraps[${i}].wrapped.recipientKeyId`,
        w.wrapped.recipientKeyId,
        `${wrap.ja}は、渡し先の端末${named.ja}宛てに包まれていません`,
        `${wrap.en} is not wrapped to the device it is for, ${named.en}`,
        { keyId },
      );
    }
    seen.add(d.id);
    devices.push(d);
  }
  if (!devices.some((d) => d.user_id === p.id && d.kind !== 'recovery')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '新しい鍵は、まずあなた自身の端末に渡してください（渡し先にあなたの端末がありません）',
        en: 'the new key must be wrapped to a device of your own (none of the devices it is given to is yours)',
      },
      { field: 'wraps' },
    );
  }
  return devices;
}

export async function newCustodyKey(
  uow: UnitOfWork,
  p: Principal,
  owner: CustodyOwner,
  input: z.infer<typeof NewCustodyKeyInput>,
): Promise<{ key: KeyRow; devices: DeviceRow[] }> {
  const id = await createKey(uow, p, {
    organisationId: p.organisationId,
    ...owner,
    purpose: 'encryption',
    publicKey: input.publicKey,
    algorithm: {
      name: CUSTODY_KEY_ALGORITHM,
      fingerprint: await deviceKeyFingerprint(input.publicKey),
      id: await custodyKeyId(input.publicKey),
    },
  });
  const key = (await keyById(uow.tx, id.id)) as KeyRow;
  const devices = await checkWraps(uow, p, owner, input.wraps, key.id);
  await keepWraps(
    uow,
    p,
    input.wraps.map((w) => ({ keyId: key.id, deviceId: w.deviceId, wrapped: w.wrapped })),
  );
  return { key, devices };
}

export const EnrolDeviceInput = z.strictObject({
  /** Every custody key of the owner the caller holds, wrapped to the new device (the current one required). */
  wraps: z
    .array(z.strictObject({ keyId: z.string().min(1).max(100), wrapped: DeviceBoxSchema }))
    .min(1)
    .max(100),
});

/**
 * A member who holds the key enrols a registered device (their own new one, or a colleague's after
 * comparing its fingerprint): they wrap the owner's keys to it on their device and post the wraps.
 */
export async function enrolDevice(uow: UnitOfWork, p: Principal, deviceId: string, raw: unknown): Promise<DeviceView> {
  const owner = ownerOrRefuse(p);
  if (holdsOnlyOwnDevice(p)) {
    throw forbidden(
      '回答鍵を他の端末に渡せるのは人のみです（事業者の設置は渡せません）',
      "only people pass the answer key on to a device (a provider's installation does not)",
    );
  }
  const input = parseOrThrow(EnrolDeviceInput, raw);
  const current = await custodyKeyOf(uow, owner);
  if (!current) throw notOnDevices(owner);
  const mine = (await devicesOf(uow.tx, owner.ownerType, owner.ownerId)).filter(
    (d) => d.user_id === p.id && d.enrolled_at && !d.removed_at,
  );
  // The caller's devices that hold the current key, and the keys each holds.
  const holders = (await Promise.all(mine.map(async (d) => wrapsOfDevice(uow.tx, d.id)))).filter((ws) =>
    ws.some((w) => w.key_id === current.id),
  );
  if (holders.length === 0) {
    throw forbidden(
      '端末を登録できるのは、回答鍵を保管する端末を持つ構成員です',
      'only a member whose own device holds the answer key can enrol a device',
    );
  }
  const d = await deviceById(uow.tx, deviceId);
  if (!d || d.owner_type !== owner.ownerType || d.owner_id !== owner.ownerId) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: '指定の端末はこの所属にありません', en: 'the device named is not a device of this unit' },
      { field: 'deviceId', value: deviceId },
    );
  }
  const named = deviceInWords(d.label);
  if (d.removed_at || d.enrolled_at) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `端末${named.ja}は${d.removed_at ? '抹消されています' : '既に登録済みです'}`,
        en: `the device ${named.en} is ${d.removed_at ? 'removed' : 'already enrolled'}`,
      },
      { deviceId },
    );
  }
  const keys = new Map((await encryptionKeysOf(uow.tx, owner.ownerType, owner.ownerId)).map((k) => [k.id, k]));
  const seen = new Set<string>();
  for (const [i, w] of input.wraps.entries()) {
    const k = keys.get(w.keyId);
    if (!k || k.algorithm !== CUSTODY_KEY_ALGORITHM || seen.has(w.keyId) || w.wrapped.recipientKeyId !== d.id) {
      const wrap = wrapInWords(i);
      throw invalidField(
        `wraps[${i}].keyId`,
        w.keyId,
        `${wrap.ja}は、この所属の回答鍵ではないか、重複しているか、端末${named.ja}宛てではありません`,
        `${wrap.en} is not an answer key of this unit, is repeated, or is not wrapped to the device ${named.en}`,
      );
    }
    seen.add(w.keyId);
  }
  // Every earlier key the enrolling member holds goes to the new device too (not one revoked as
  // compromised): whichever of their devices wraps, it holds at least the keys all of them hold.
  const heldBy = holders.map((ws) => new Set(ws.filter((w) => passedOn(w.key)).map((w) => w.key_id)));
  const required = new Set([...(heldBy[0] ?? [])].filter((id) => heldBy.every((h) => h.has(id))));
  required.add(current.id);
  const missing = [...required].filter((id) => !seen.has(id));
  const quarantined = input.wraps.filter((w) => {
    const k = keys.get(w.keyId);
    return k !== undefined && !passedOn(k);
  });
  const fingerprintsOf = (ids: readonly string[]) => keysInWords(ids.flatMap((id) => keys.get(id)?.fingerprint ?? []));
  if (quarantined.length > 0) {
    const revoked = fingerprintsOf(quarantined.map((w) => w.keyId));
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `漏えいにより失効した鍵は、新しい端末には渡しません（${revoked.ja}）`,
        en: `a key revoked as compromised is not passed on to a new device (${revoked.en})`,
      },
      { field: 'wraps', keyIds: quarantined.map((w) => w.keyId) },
    );
  }
  if (missing.length > 0 && !(missing.length === 1 && missing[0] === current.id)) {
    const lacking = fingerprintsOf(missing);
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `新しい端末には、あなたの端末が保管する以前の回答鍵もすべて渡します（渡されていない鍵: ${lacking.ja}）`,
        en:
          'the new device must also be given every earlier answer ' +
          `key your device holds (not given: ${lacking.en})`,
      },
      { field: 'wraps', missing },
    );
  }
  if (!seen.has(current.id)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '渡す鍵に現在の回答鍵が含まれていません', en: 'the current answer key is not among the keys given' },
      { field: 'wraps', keyId: current.id },
    );
  }
  await keepWraps(
    uow,
    p,
    input.wraps.map((w) => ({ keyId: w.keyId, deviceId: d.id, wrapped: w.wrapped })),
  );
  await uow.auditBy(p, 'device.enrolled', ['device', d.id], {
    ...owner,
    fingerprint: d.fingerprint,
    holder: d.user_id,
    keys: [...seen],
  });
  return toDeviceView({ ...d, enrolled_at: uow.now.toISOString(), enrolled_by: p.id });
}

/** The devices to remove are active devices of the owner (`active`); else refused, the id in the details. */
export function requireActive(active: readonly DeviceRow[], removeIds: ReadonlySet<string>): void {
  const unknown = [...removeIds].find((id) => !active.some((d) => d.id === id));
  if (unknown === undefined) return;
  throw new DomainError(
    'NOT_FOUND',
    {
      ja: '除外する端末に、この所属の有効な端末でないものが指定されています',
      en: 'a device to remove is not an active device of this unit',
    },
    { field: 'removeDeviceIds', value: unknown },
  );
}

/**
 * A replacing key goes to exactly the enrolled devices that remain (`active` but those in `removeIds`): a
 * remaining device `wraps` leaves out, or a device it names that is not among them, is refused naming the
 * devices by their labels (one the unit does not have, by count); their ids stay in the details.
 */
export function requireRemaining(
  active: readonly DeviceRow[],
  removeIds: ReadonlySet<string>,
  wraps: ReadonlyArray<{ deviceId: string }>,
): void {
  const remaining = active.filter((d) => d.enrolled_at && !removeIds.has(d.id)).map((d) => d.id);
  const wrapped = new Set(wraps.map((w) => w.deviceId));
  const missing = remaining.filter((id) => !wrapped.has(id));
  const extra = [...wrapped].filter((id) => !remaining.includes(id));
  if (missing.length === 0 && extra.length === 0) return;
  const labelOf = (id: string) => active.find((d) => d.id === id)?.label;
  const [lacking, beyond] = [devicesInWords(missing.map(labelOf)), devicesInWords(extra.map(labelOf))];
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja:
        '新しい鍵は、残るすべての登録端末に、それらの端末にだけ渡します' +
        `（渡されていない端末: ${lacking.ja}／残る登録端末でない渡し先: ${beyond.ja}）`,
      en:
        'the new key goes to every enrolled device that remains and to no other ' +
        `(not given to: ${lacking.en}; given to devices not among them: ${beyond.en})`,
    },
    { field: 'wraps', missing, extra },
  );
}

export const RotateCustodyInput = NewCustodyKeyInput.extend({
  /** A member leaving: every device of theirs is removed. */
  removeUserId: z.string().min(1).max(200).optional(),
  /** Single devices (lost, replaced). */
  removeDeviceIds: z.array(z.string().min(1).max(100)).max(100).optional(),
});

/**
 * Removes a member (or devices) and rotates the key: the head generates a new key on their device and
 * wraps it to exactly the devices that remain; answers from now on are sealed to it, so a removed
 * device cannot open them. The hub deletes every wrap it kept for the removed devices.
 */
export async function rotateCustody(uow: UnitOfWork, p: Principal, raw: unknown): Promise<CustodyState> {
  const owner = ownerOrRefuse(p);
  requireManage(p);
  const input = parseOrThrow(RotateCustodyInput, raw);
  const old = await custodyKeyOf(uow, owner);
  if (!old) throw notOnDevices(owner);
  const active = (await devicesOf(uow.tx, owner.ownerType, owner.ownerId)).filter((d) => !d.removed_at);
  const removeIds = new Set(input.removeDeviceIds ?? []);
  for (const d of active) if (input.removeUserId !== undefined && d.user_id === input.removeUserId) removeIds.add(d.id);
  requireActive(active, removeIds);
  if (removeIds.size === 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '除外する端末がありません', en: 'there is no device to remove' },
      { field: input.removeUserId !== undefined ? 'removeUserId' : 'removeDeviceIds' },
    );
  }
  requireRemaining(active, removeIds, input.wraps);
  const at = uow.now.toISOString();
  const removed = active.filter((d) => removeIds.has(d.id));
  await markRemoved(uow.tx, [...removeIds], p.id, at);
  const { key } = await newCustodyKey(uow, p, owner, input);
  for (const d of removed) {
    await uow.auditBy(p, 'device.removed', ['device', d.id], {
      ...owner,
      fingerprint: d.fingerprint,
      holder: d.user_id,
    });
  }
  await uow.auditBy(p, 'custody.rotated', [owner.ownerType, owner.ownerId], {
    from: old.fingerprint,
    to: key.fingerprint,
    removed: removed.map((d) => d.fingerprint),
  });
  return custodyState(uow, p);
}
