import { z } from 'zod';
import {
  CUSTODY_KEY_ALGORITHM,
  type DeviceBox,
  DeviceBoxSchema,
  DevicePublicKeySchema,
  deviceKeyFingerprint,
} from '../crypto/device-seal.ts';
import { findUsers } from '../directory/directory.repository.ts';
import { currentKey } from '../directory/key.repository.ts';
import {
  type CustodyOwner,
  can,
  custodyOwnerOf,
  holdsOnlyOwnDevice,
  installationCarrierOf,
  type Principal,
} from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { DEVICE_KINDS, type DeviceKind } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { DeviceRow, KeyRow } from '../store/schema.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { deviceById, deviceByPublicKey, devicesOf, insertDevice, wrapsOfDevice } from './custody.repository.ts';
import { deviceInWords } from './custody-words.ts';

// Answers in device custody (issue 11 item 3): the ceremonies that move a unit's (or a provider's)
// answer key from the hub to the members' devices, enrol a further device, and remove a member by
// rotating the key. Every private part is generated and wrapped on a member's device; the hub checks
// who may do what, stores public keys and wrapped keys, and audits each step.

export interface DeviceView {
  id: string;
  ownerType: 'unit' | 'organisation';
  ownerId: string;
  userId: string;
  /** The holder's display name (null where the caller is not shown it). */
  holderName: string | null;
  kind: DeviceKind;
  label: string;
  publicKey: string;
  fingerprint: string;
  state: 'pending' | 'enrolled' | 'removed';
  registeredAt: string;
  enrolledAt: string | null;
  removedAt: string | null;
}

export function toDeviceView(r: DeviceRow, holderName: string | null = null): DeviceView {
  return {
    holderName,
    id: r.id,
    ownerType: storedValue(STORED.deviceOwnerType, r.owner_type, r.id),
    ownerId: r.owner_id,
    userId: r.user_id,
    kind: storedValue(STORED.deviceKind, r.kind, r.id),
    label: r.label,
    publicKey: r.public_key,
    fingerprint: r.fingerprint,
    state: r.removed_at ? 'removed' : r.enrolled_at ? 'enrolled' : 'pending',
    registeredAt: r.registered_at,
    enrolledAt: r.enrolled_at,
    removedAt: r.removed_at,
  };
}

export const forbidden = (ja: string, en: string, details?: Record<string, unknown>) =>
  new DomainError('FORBIDDEN', { ja, en }, details);

export function ownerOrRefuse(p: Principal): CustodyOwner {
  const owner = custodyOwnerOf(p);
  if (!owner) {
    throw forbidden(
      '回答鍵を端末に保管できるのは、回答を開封する所属の構成員と、回答した事業者の法務・データ担当のみです',
      "only members of a unit who open answers, and a provider's legal and data staff, hold an answer key on a device",
    );
  }
  return owner;
}

export function requireManage(p: Principal): void {
  if (!can(p, 'custody.manage') || holdsOnlyOwnDevice(p)) {
    throw forbidden(
      '回答鍵の管理（回復鍵・構成員の除外・移行）は所属長（事業者では法務担当）が行います',
      "the answer key is managed (recovery key, removal, migration) by the unit's head (a provider's legal staff)",
    );
  }
}

/**
 * The refusal of a step that needs the owner's answer key on devices while it is still in the hub's custody,
 * naming the owner (a unit, a provider) and who moves it.
 */
export function notOnDevices(owner: CustodyOwner): DomainError {
  const unit = owner.ownerType === 'unit';
  return new DomainError('CONFLICT', {
    ja: `${unit ? 'この所属' : 'この事業者'}の回答鍵はまだ端末で保管されていません（移行は${unit ? '所属長' : '法務担当'}が行います）`,
    en:
      `${unit ? "this unit's" : "this provider's"} answer key is not yet held on devices ` +
      `(${unit ? 'its head' : 'its legal staff'} moves it there)`,
  });
}

/** The owner's key held on devices, if its answers are in device custody. */
export async function custodyKeyOf(uow: UnitOfWork, owner: CustodyOwner): Promise<KeyRow | undefined> {
  const k = await currentKey(uow.tx, owner.ownerType, owner.ownerId, 'encryption', uow.now);
  return k?.algorithm === CUSTODY_KEY_ALGORITHM ? k : undefined;
}

export const RegisterDeviceInput = z.strictObject({
  label: z.string().trim().min(1).max(100),
  kind: z.enum(DEVICE_KINDS),
  publicKey: DevicePublicKeySchema,
});

/** A member registers a device's public key (the private part stays on it); it holds nothing until enrolled. */
export async function registerDevice(uow: UnitOfWork, p: Principal, raw: unknown): Promise<DeviceView> {
  const owner = ownerOrRefuse(p);
  const input = parseOrThrow(RegisterDeviceInput, raw);
  if (input.kind === 'recovery') requireManage(p);
  if (holdsOnlyOwnDevice(p) && input.kind !== 'machine') {
    throw forbidden(
      '事業者の設置（連携システム）が登録できる端末は、その設置自身の端末（コマンド・システム連携）のみです',
      "a provider's installation (a machine client) registers " +
        'only a device of its own, of the command-line or system kind',
      { field: 'kind', value: input.kind },
    );
  }
  if (await deviceByPublicKey(uow.tx, input.publicKey)) {
    throw new DomainError(
      'CONFLICT',
      { ja: 'この公開鍵の端末は既に登録されています', en: 'a device with this public key is already registered' },
      { field: 'publicKey' },
    );
  }
  const row: DeviceRow = {
    id: newId('dev'),
    organisation_id: p.organisationId,
    owner_type: owner.ownerType,
    owner_id: owner.ownerId,
    user_id: p.id,
    kind: input.kind,
    label: input.label,
    public_key: input.publicKey,
    fingerprint: await deviceKeyFingerprint(input.publicKey),
    registered_at: uow.now.toISOString(),
    enrolled_at: null,
    enrolled_by: null,
    removed_at: null,
    removed_by: null,
  };
  await insertDevice(uow.tx, row);
  await uow.auditBy(p, 'device.registered', ['device', row.id], {
    ...owner,
    kind: row.kind,
    fingerprint: row.fingerprint,
  });
  return toDeviceView(row);
}

export interface CustodyState {
  ownerType: 'unit' | 'organisation';
  ownerId: string;
  /** The current key held on devices; null while the hub still holds the owner's key (legacy). */
  custodyKey: { id: string; publicKey: string; fingerprint: string; validFrom: string } | null;
  devices: DeviceView[];
}

/** The owner's custody key and its devices (every member who holds it may see whom it is wrapped to). */
export async function custodyState(uow: UnitOfWork, p: Principal): Promise<CustodyState> {
  const owner = ownerOrRefuse(p);
  const key = await custodyKeyOf(uow, owner);
  return {
    ...owner,
    custodyKey: key
      ? { id: key.id, publicKey: key.public_key, fingerprint: key.fingerprint, validFrom: key.valid_from }
      : null,
    devices: await withHolders(uow, await devicesOf(uow.tx, owner.ownerType, owner.ownerId)),
  };
}

async function withHolders(uow: UnitOfWork, rows: DeviceRow[]): Promise<DeviceView[]> {
  const names = new Map(
    (await findUsers(uow.tx, [...new Set(rows.map((r) => r.user_id))])).map((u) => [u.id, u.display_name]),
  );
  return rows.map((r) => toDeviceView(r, names.get(r.user_id) ?? null));
}

/** One's own device, active, of the owner. */
async function ownDevice(uow: UnitOfWork, p: Principal, owner: CustodyOwner, deviceId: string): Promise<DeviceRow> {
  const d = await deviceById(uow.tx, deviceId);
  if (!d || d.user_id !== p.id || d.owner_type !== owner.ownerType || d.owner_id !== owner.ownerId) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `端末 ${shownInput(deviceId)} はあなたの登録端末ではありません`,
        en: `device ${shownInput(deviceId)} is not one of your devices`,
      },
      { field: 'deviceId', value: deviceId },
    );
  }
  if (d.removed_at) {
    const named = deviceInWords(d.label);
    throw forbidden(`端末${named.ja}は登録が抹消されています`, `device ${named.en} has been removed`, { deviceId });
  }
  return d;
}

/** The caller's own enrolled device for the custody key they hold (to hand it a sealed box), or NOT_FOUND naming it. */
export async function enrolledDeviceOf(uow: UnitOfWork, p: Principal, deviceId: string): Promise<DeviceRow> {
  const owner = custodyOwnerOf(p);
  const device = await deviceById(uow.tx, deviceId);
  if (
    !owner ||
    !device ||
    device.user_id !== p.id ||
    device.owner_type !== owner.ownerType ||
    device.owner_id !== owner.ownerId ||
    device.removed_at ||
    !device.enrolled_at
  ) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `端末 ${shownInput(deviceId)} はあなたの登録済みの端末ではありません`,
        en: `device ${shownInput(deviceId)} is not an enrolled device of yours`,
      },
      { field: 'device', value: deviceId },
    );
  }
  return device;
}

/**
 * The enrolled machine devices of the provider's own installation among `rows`: of the provider's custody,
 * registered by its machine client (a holder who is no person), enrolled and not removed.
 */
async function installationDevicesAmong(uow: UnitOfWork, owner: CustodyOwner, rows: DeviceRow[]): Promise<DeviceRow[]> {
  const people = new Set((await findUsers(uow.tx, [...new Set(rows.map((r) => r.user_id))])).map((u) => u.id));
  return rows.filter(
    (d) =>
      d.owner_type === owner.ownerType &&
      d.owner_id === owner.ownerId &&
      d.kind === 'machine' &&
      d.enrolled_at &&
      !d.removed_at &&
      !people.has(d.user_id),
  );
}

/**
 * The device a request file is handed out for: one of the caller's own enrolled devices, or, for a person
 * of a provider, the enrolled machine device of the provider's own installation (registered by its
 * machine client): a person carries the file to an installation with no line to the hub (file mode).
 * Wrapping the key to that device gives nobody anything new: only the installation opens it, and it
 * already holds the key.
 */
export async function fileReaderDeviceOf(uow: UnitOfWork, p: Principal, deviceId: string): Promise<DeviceRow> {
  const device = await deviceById(uow.tx, deviceId);
  const owner = installationCarrierOf(p);
  if (device && owner && (await installationDevicesAmong(uow, owner, [device])).length === 1) return device;
  return enrolledDeviceOf(uow, p, deviceId);
}

/**
 * The devices a person of a provider may carry request files to (file mode): the enrolled machine devices
 * of the provider's own installation, oldest first. `shokai request-file export` takes the one there is.
 */
export async function installationDevices(uow: UnitOfWork, p: Principal): Promise<DeviceView[]> {
  const owner = installationCarrierOf(p);
  if (!owner) {
    throw forbidden(
      '事業者の設置の端末を確認できるのは、回答鍵を持つその事業者の担当者（法務・データ担当）のみです',
      "only a provider's people who hold its answer key (legal and data staff) see its installation's devices",
    );
  }
  const rows = await devicesOf(uow.tx, owner.ownerType, owner.ownerId);
  return (await installationDevicesAmong(uow, owner, rows)).map((d) => toDeviceView(d));
}

export interface WrappedKeyView {
  keyId: string;
  publicKey: string;
  fingerprint: string;
  current: boolean;
  /**
   * Whether a member passes this key on when enrolling a device: every earlier key is, so a new device
   * opens the unit's history; a key revoked as compromised is not (docs/decisions.md, issue 11).
   */
  passOn: boolean;
  wrapped: DeviceBox;
}

/** An earlier custody key is passed on to new devices unless it was revoked as compromised. */
export const passedOn = (k: KeyRow): boolean => k.revocation_reason !== 'compromised';

/** The custody keys wrapped to one's own device (to open answers, or to wrap them to another device). */
export async function deviceKeys(uow: UnitOfWork, p: Principal, deviceId: string): Promise<WrappedKeyView[]> {
  const owner = ownerOrRefuse(p);
  await ownDevice(uow, p, owner, deviceId);
  const current = await custodyKeyOf(uow, owner);
  return (await wrapsOfDevice(uow.tx, deviceId)).map((w) => ({
    keyId: w.key_id,
    publicKey: w.key.public_key,
    fingerprint: w.key.fingerprint,
    current: w.key_id === current?.id,
    passOn: passedOn(w.key),
    wrapped: DeviceBoxSchema.parse(JSON.parse(w.wrapped)) as DeviceBox,
  }));
}
