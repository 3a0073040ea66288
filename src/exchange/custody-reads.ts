import { DEVICE_SEAL_ALG, type DeviceBox, DeviceBoxSchema } from '../crypto/device-seal.ts';
import { keyById, keysOfOrganisation, toPublicKey } from '../directory/key.repository.ts';
import { custodyOwnerOf, mayOpenAnswer, mayReadOwnAnswer, type Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import { purgedError } from '../domain/retention.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { deviceById, wrapFor } from './custody.repository.ts';
import { findAnswer } from './request.repository.ts';
import { accessFacts, loadVisible } from './requests.ts';
import { findRetentionRecord } from './retention.repository.ts';
import { archiveAad, refuseIfPurged } from './retention.ts';

// Reading an answer in device custody: the hub hands the sealed answer and the answer key wrapped for
// the reader's own device; the device opens both and verifies the provider's signature (src/client/
// custody.ts). The hub never sees the plaintext. Handing it out is the audited read (answer.read).

export interface SealedAnswerForDevice {
  requestId: string;
  reference: string;
  copy: 'unit' | 'provider';
  deviceId: string;
  /** The answer, sealed to the owner's custody key (aad: the request id). */
  sealed: DeviceBox;
  /** The custody key the answer is sealed to, wrapped to this device. */
  custodyKey: { id: string; publicKey: string; wrapped: DeviceBox };
  /** The provider's signing keys and its people's passkeys as the directory lists them, to verify the signature inside. */
  providerKeys: PublicKeyRecord[];
  providerOrganisationId: string;
  fetchedAt: string;
}

const notFound = (ja: string, en: string, details: Record<string, unknown>) =>
  new DomainError('NOT_FOUND', { ja, en }, details);

/** The caller's own enrolled device for the custody key they hold, or NOT_FOUND naming it. */
async function enrolledDeviceOf(uow: UnitOfWork, p: Principal, deviceId: string) {
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
    throw notFound(
      `端末 ${deviceId} はあなたの登録済みの端末ではありません`,
      `device ${deviceId} is not an enrolled device of yours`,
      { field: 'device', value: deviceId },
    );
  }
  return device;
}

/** The custody key a box is sealed to, wrapped for this device; NOT_FOUND when the device was not given it. */
async function keyForDevice(uow: UnitOfWork, sealed: DeviceBox, deviceId: string, id: string, what: Bilingual) {
  const wrap = await wrapFor(uow.tx, sealed.recipientKeyId, deviceId);
  const keyRow = wrap ? await keyById(uow.tx, wrap.key_id) : undefined;
  if (!wrap || !keyRow) {
    throw notFound(
      `この端末には、この${what.ja}を開く鍵が渡されていません（鍵の更新より前のものか、端末の登録より前の鍵です）`,
      `this device was not given the key this ${what.en} is sealed to (from before a rotation, or a key older than the enrolment)`,
      { id, device: deviceId, keyId: sealed.recipientKeyId },
    );
  }
  return {
    id: keyRow.id,
    publicKey: keyRow.public_key,
    wrapped: DeviceBoxSchema.parse(JSON.parse(wrap.wrapped)) as DeviceBox,
  };
}

export async function sealedAnswerForDevice(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  deviceId: string,
): Promise<SealedAnswerForDevice> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  const facts = accessFacts(row);
  const own = side === 'provider' && mayReadOwnAnswer(p, facts);
  if (!own && !mayOpenAnswer(p, facts)) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '回答を開封できるのは要請元所属の捜査員・所属長と、回答した事業者の法務・データ担当のみです',
        en: "only investigators and heads of the requesting unit, and the answering provider's legal and data staff, can open the answer",
      },
      { id },
    );
  }
  const device = await enrolledDeviceOf(uow, p, deviceId);
  // Retention may have purged it: say so clearly rather than hand out an empty box.
  await refuseIfPurged(uow.tx, id, 'answer');
  const stored = await findAnswer(uow.tx, id);
  const text = own ? stored?.sealed_for_provider : stored?.sealed;
  if (!stored || !text) {
    throw notFound('この要請にはまだ回答がありません', 'this request has no answer yet', { id });
  }
  const parsed = JSON.parse(text) as { alg?: unknown };
  if (parsed.alg !== DEVICE_SEAL_ALG) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: 'この回答は移行前の方式（ハブ保管の鍵）で封緘されています。所属長が端末保管への移行を行うと端末で開けます',
        en: "this answer is sealed the legacy way (to a key the hub holds); once the head moves the unit's key to the devices it opens there",
      },
      { id },
    );
  }
  const sealed = DeviceBoxSchema.parse(parsed) as DeviceBox;
  const custodyKey = await keyForDevice(uow, sealed, device.id, id, { ja: '回答', en: 'answer' });
  const providerOrganisationId = row.provider_organisation_id ?? '';
  const providerKeys = (await keysOfOrganisation(uow.tx, providerOrganisationId))
    // The provider's own signing credentials: its organisation key (the installation key; before it, the
    // key the hub held) and its people's passkeys (a legal officer signs in the browser).
    .filter(
      (k) =>
        k.purpose === 'signing' && (k.owner_type === 'organisation' || (k.owner_type === 'user' && !!k.credential_id)),
    )
    .map(toPublicKey);
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
  custodyKey: { id: string; publicKey: string; wrapped: DeviceBox };
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
  const { row } = await loadVisible(uow.tx, p, id, uow.now);
  if (!mayOpenAnswer(p, accessFacts(row))) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '保管データを開封できるのは要請元所属の捜査員・所属長のみです',
        en: 'only investigators and heads of the requesting unit can open the archive',
      },
      { id },
    );
  }
  const device = await enrolledDeviceOf(uow, p, deviceId);
  const record = await findRetentionRecord(uow.tx, id);
  if (!record) throw notFound('この要請は保管されていません', 'this request has no archive', { id });
  if (record.mode === 'purge' || !record.archive) {
    throw purgedError('archive', { mode: 'purge', at: record.at, retentionDays: record.retention_days }, id);
  }
  const parsed = JSON.parse(record.archive) as { alg?: unknown };
  if (parsed.alg !== DEVICE_SEAL_ALG) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: 'この保管データはハブ保管の鍵で封緘されています。ハブで開封してください',
        en: 'this archive is sealed to a key the hub holds: open it on the hub',
      },
      { id },
    );
  }
  const sealed = DeviceBoxSchema.parse(parsed) as DeviceBox;
  const custodyKey = await keyForDevice(uow, sealed, device.id, id, { ja: '保管データ', en: 'archive' });
  await uow.auditBy(p, 'retention.archive_read', ['request', id], { custody: 'device', device: device.fingerprint });
  return {
    requestId: row.id,
    reference: row.reference,
    archivedAt: record.at,
    deviceId: device.id,
    sealed,
    aad: archiveAad(id),
    custodyKey,
    fetchedAt: uow.now.toISOString(),
  };
}
