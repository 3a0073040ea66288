import { DEVICE_SEAL_ALG, type DeviceBox, DeviceBoxSchema } from '../crypto/device-seal.ts';
import { keyById, keysOfOrganisation, toPublicKey } from '../directory/key.repository.ts';
import type { Principal } from '../domain/access.ts';
import type { AttachmentType } from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { sealedAnswerOf } from './answers.ts';
import { readableAttachment, storedFileName } from './attachments.ts';
import { deviceById, wrapFor } from './custody.repository.ts';
import { enrolledDeviceOf, fileReaderDeviceOf } from './custody.ts';
import { type ResealKind, resealedOf } from './reseal.repository.ts';
import { archiveAad, sealedArchiveOf } from './retention.ts';

// Reading an answer in device custody: the hub hands the sealed answer and the answer key wrapped for
// the reader's own device; the device opens both and verifies the provider's signature (src/client/
// custody.ts). The hub never sees the plaintext. Handing it out is the audited read (answer.read).
// A retention archive and a request's or answer's file in device custody are handed out the same way.

/** The custody key a box is sealed to, wrapped to the reader's device. */
export interface WrappedCustodyKey {
  id: string;
  publicKey: string;
  wrapped: DeviceBox;
}

/**
 * What the re-sealing device declared of a copy (null: the box is the original): the SHA-256 of what it
 * opened and its MAC over that declaration, keyed by the key the copy is sealed to (the hub cannot make
 * one). The reader's device checks both before it uses what it opened (src/client/resealed-copy.ts).
 */
export type ResealedCopy = { contentSha256: string; declarationTag: string | null } | null;

/** A box for one device: the box, its key wrapped to the device, and whether it is a copy sealed again. */
export interface BoxForDevice {
  sealed: DeviceBox;
  custodyKey: WrappedCustodyKey;
  resealed: ResealedCopy;
}

export interface SealedAnswerForDevice {
  requestId: string;
  reference: string;
  copy: 'unit' | 'provider';
  deviceId: string;
  /** The answer, sealed to the owner's custody key (aad: the request id). */
  sealed: DeviceBox;
  /** The custody key the answer is sealed to, wrapped to this device. */
  custodyKey: WrappedCustodyKey;
  resealed: ResealedCopy;
  /**
   * The provider's signing keys and its people's passkeys as the directory lists them, to verify the
   * signature inside.
   */
  providerKeys: PublicKeyRecord[];
  providerOrganisationId: string;
  fetchedAt: string;
}

/** What a device fetches: how the refusals name it, and where one sealed the legacy way opens instead. */
const BOXES = {
  answer: {
    what: { ja: '回答', en: 'answer' },
    legacy: {
      ja: 'この回答は移行前の方式（ハブ保管の鍵）で封緘されています。所属長が端末保管への移行を行うと端末で開けます',
      en:
        'this answer is sealed the legacy way (to a key the hub holds); ' +
        "once the head moves the unit's key to the devices it opens there",
    },
  },
  archive: {
    what: { ja: '保管データ', en: 'archive' },
    legacy: {
      ja: 'この保管データはハブ保管の鍵で封緘されています。ハブで開封してください',
      en: 'this archive is sealed to a key the hub holds: open it on the hub',
    },
  },
  notice: {
    what: { ja: '提供の通知', en: 'provision notice' },
    legacy: {
      ja: 'この提供の通知はハブ保管の鍵で封緘されています。ハブで開封してください',
      en: 'this provision notice is sealed to a key the hub holds: open it on the hub',
    },
  },
} satisfies Record<string, { what: Bilingual; legacy: Bilingual }>;

/**
 * A box sealed to a custody key held on devices, and that key wrapped for this device: NOT_FOUND when
 * the device was not given it; CONFLICT for a box sealed the legacy way (to a key the hub holds).
 */
export async function boxForDevice(
  uow: UnitOfWork,
  kind: keyof typeof BOXES,
  sealedText: string,
  deviceId: string,
  id: string,
): Promise<BoxForDevice> {
  const { what, legacy } = BOXES[kind];
  const parsed = JSON.parse(sealedText) as { alg?: unknown };
  if (parsed.alg !== DEVICE_SEAL_ALG) throw new DomainError('CONFLICT', legacy, { id });
  const found = await openableBox(uow, kind, id, DeviceBoxSchema.parse(parsed) as DeviceBox, deviceId);
  if (!found) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `この端末には、この${what.ja}を開く鍵が渡されていません（鍵の更新より前のものか、端末の登録より前の鍵です）`,
        en:
          `this device was not given the key this ${what.en} is sealed ` +
          `to (from before a rotation, or a key older than the enrolment)`,
      },
      { id, device: deviceId, keyId: (parsed as { recipientKeyId?: unknown }).recipientKeyId },
    );
  }
  return found;
}

/**
 * The box of an item this device can open: the original when the device holds the key it is sealed to,
 * else a copy sealed again to a key it holds (after the original's key was found compromised).
 */
export async function openableBox(
  uow: UnitOfWork,
  kind: ResealKind,
  itemId: string,
  original: DeviceBox,
  deviceId: string,
): Promise<BoxForDevice | undefined> {
  const device = await deviceById(uow.tx, deviceId);
  const copies = device ? await resealedOf(uow.tx, kind, itemId, device.owner_type, device.owner_id) : [];
  const boxes: Array<{ sealed: DeviceBox; resealed: ResealedCopy }> = [
    { sealed: original, resealed: null },
    ...copies.map((c) => ({
      sealed: DeviceBoxSchema.parse(JSON.parse(c.box)) as DeviceBox,
      resealed: { contentSha256: c.content_sha256, declarationTag: c.declaration_tag },
    })),
  ];
  for (const { sealed, resealed } of boxes) {
    const wrap = await wrapFor(uow.tx, sealed.recipientKeyId, deviceId);
    const keyRow = wrap ? await keyById(uow.tx, wrap.key_id) : undefined;
    if (!wrap || !keyRow) continue;
    const wrapped = DeviceBoxSchema.parse(JSON.parse(wrap.wrapped)) as DeviceBox;
    return { sealed, custodyKey: { id: keyRow.id, publicKey: keyRow.public_key, wrapped }, resealed };
  }
  return undefined;
}

/**
 * A provider's own signing credentials as the directory lists them (every one, past ones too: a
 * signature is checked against the key valid when it was made): its organisation key (the installation
 * key; before it, the key the hub held) and its people's passkeys (a legal officer signs in the browser).
 */
export async function providerSigningKeys(uow: UnitOfWork, organisationId: string): Promise<PublicKeyRecord[]> {
  return (await keysOfOrganisation(uow.tx, organisationId))
    .filter(
      (k) =>
        k.purpose === 'signing' && (k.owner_type === 'organisation' || (k.owner_type === 'user' && !!k.credential_id)),
    )
    .map(toPublicKey);
}

export async function sealedAnswerForDevice(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  deviceId: string,
): Promise<SealedAnswerForDevice> {
  const { row, own, sealedText } = await sealedAnswerOf(uow, p, id);
  const device = await enrolledDeviceOf(uow, p, deviceId);
  const { sealed, custodyKey, resealed } = await boxForDevice(uow, 'answer', sealedText, device.id, id);
  const providerOrganisationId = row.provider_organisation_id ?? '';
  const providerKeys = await providerSigningKeys(uow, providerOrganisationId);
  await uow.auditBy(p, 'answer.read', ['request', id], {
    custody: 'device',
    device: device.fingerprint,
    copy: own ? 'provider' : 'unit',
  });
  return {
    requestId: row.id,
    reference: row.reference,
    copy: own ? 'provider' : 'unit',
    deviceId: device.id,
    sealed,
    custodyKey,
    resealed,
    providerKeys,
    providerOrganisationId,
    fetchedAt: uow.now.toISOString(),
  };
}

export interface SealedArchiveForDevice {
  requestId: string;
  reference: string;
  archivedAt: string;
  deviceId: string;
  /** What was in clear when retention archived the request, sealed to the unit's custody key. */
  sealed: DeviceBox;
  /** The additional data the box was sealed with (the archive's, not the answer's). */
  aad: string;
  custodyKey: WrappedCustodyKey;
  resealed: ResealedCopy;
  fetchedAt: string;
}

/**
 * A retention archive in device custody, for the requesting unit's member's own device: the box and
 * the key it is sealed to, wrapped for that device. The hub never opens it; handing it out is the
 * audited read of the archive (retention.archive_read). A purged request has no archive (410).
 */
export async function sealedArchiveForDevice(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  deviceId: string,
): Promise<SealedArchiveForDevice> {
  const { row, record, sealedText } = await sealedArchiveOf(uow, p, id);
  const device = await enrolledDeviceOf(uow, p, deviceId);
  const { sealed, custodyKey, resealed } = await boxForDevice(uow, 'archive', sealedText, device.id, id);
  await uow.auditBy(p, 'retention.archive_read', ['request', id], { custody: 'device', device: device.fingerprint });
  return {
    requestId: row.id,
    reference: row.reference,
    archivedAt: record.at,
    deviceId: device.id,
    sealed,
    aad: archiveAad(id),
    custodyKey,
    resealed,
    fetchedAt: uow.now.toISOString(),
  };
}

export interface SealedAttachmentForDevice {
  requestId: string;
  attachmentId: string;
  fileName: string;
  mediaType: AttachmentType;
  byteSize: number;
  sha256: string;
  /**
   * Who sealed it: the hub at upload (aad: shokai/attachment/ID), or the sending side — the provider's
   * or the agency's (aad bound to the request, the id and the declared SHA-256, type and size:
   * sealedAttachmentAad).
   */
  sealedBy: 'hub' | 'provider' | 'agency';
  /** The file, sealed to the owner's custody key. */
  sealed: DeviceBox;
  /** The custody key the file is sealed to, wrapped to this device. */
  custodyKey: WrappedCustodyKey;
  resealed: ResealedCopy;
}

/**
 * A file in device custody, for one of the reader's enrolled devices to open (as answers are): the
 * sealed bytes and the custody key wrapped to that device. Handing it out is the audited read.
 */
export async function sealedAttachmentForDevice(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  attachmentId: string,
  deviceId: string,
): Promise<SealedAttachmentForDevice> {
  const { side, a } = await readableAttachment(uow, p, requestId, attachmentId);
  const device = await fileReaderDeviceOf(uow, p, deviceId);
  const text = side === 'provider' ? a.sealed_for_provider : a.sealed_for_agency;
  const parsed = text ? DeviceBoxSchema.safeParse(JSON.parse(text)) : undefined;
  const found = parsed?.success
    ? await openableBox(uow, 'attachment', a.id, parsed.data as DeviceBox, deviceId)
    : undefined;
  if (!found) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: 'この端末ではこの添付ファイルを開けません（端末保管前の鍵か、この端末に渡されていない鍵で封緘されています）',
        en:
          'this device cannot open this attachment (it is sealed to a ' +
          'key from before device custody, or one this device was not given)',
      },
      { field: 'device', value: deviceId },
    );
  }
  await uow.auditBy(p, 'attachment.read', ['request', requestId], {
    attachmentId: a.id,
    sha256: a.sha256,
    custody: 'device',
    device: device.fingerprint,
    // Handed out by a person for the provider's installation to open (carried there: file mode).
    ...(device.user_id !== p.id ? { forInstallation: true } : {}),
  });
  return {
    requestId,
    attachmentId: a.id,
    fileName: storedFileName(a),
    mediaType: storedValue(STORED.attachmentType, a.media_type, a.id),
    byteSize: a.byte_size,
    sha256: a.sha256,
    sealedBy: a.sealed_by === 'provider' || a.sealed_by === 'agency' ? a.sealed_by : 'hub',
    sealed: found.sealed,
    custodyKey: found.custodyKey,
    resealed: found.resealed,
  };
}
