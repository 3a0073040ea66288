// Answers in device custody, on the member's side (browser-safe: WebCrypto only). The device opens an
// answer with the unit's answer key wrapped to it, and verifies the provider's signature inside; the
// key ceremonies (moving a unit's key to the devices, enrolling a device, removing a member) generate
// and wrap keys here, on the device, and send the hub only public keys and wrapped keys.
import { checkDevicePublicKey, unwrapCustodyKeyBytes, type WebKey, wrapCustodyKey } from '../crypto/device-seal.ts';
import { type AnswerContent, AnswerContentSchema } from '../domain/answer-content.ts';
import { ANSWER_SIGNATURE_PROBLEMS, type InnerAnswer } from '../domain/answer-signing.ts';
import { type AttachmentRef, hubAttachmentAad, sealedAttachmentAad } from '../domain/attachments.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import type { NoticeCommunication } from '../domain/provision-notice.ts';
import type { RequestContent } from '../domain/request-content.ts';
import type { ArchivedConsultation, ArchivedFile } from '../domain/retention.ts';
import { verifyInnerAnswer } from './answer-seal.ts';
import {
  anotherFile,
  answerUnverified,
  archiveOfAnother,
  fileBytesDiffer,
  fileNotAsSigned,
  fileNotNamed,
  inWords,
  notAmongRemaining,
  targetKeyRefused,
} from './device-errors.ts';
import { type KeyMaker, withNewAnswerKey } from './made-keys.ts';
import { noticeSignerShown, type ShownNoticeSigner, verifiedNotice } from './provision-notice-seal.ts';
import { openCustodyBox } from './resealed-copy.ts';

// For a key file read back on the page (a recovery key): its bytes, its public key, the key itself.
export {
  b64uToBytes,
  bytesToB64u,
  deviceKeyFingerprint,
  importDevicePrivateKey,
  publicKeyOfPrivate,
} from '../crypto/device-seal.ts';
export { removedByRetention } from './device-errors.ts';
export { type MadeKey, madeHere } from './made-keys.ts';
export { deviceRefusal } from './resealed-copy.ts';

import { type ApiClient, type Schemas, unwrap } from './client.ts';

/**
 * A device as its holder has it: the id the hub gave it, its public key, its (non-extractable) private key,
 * and the record of the custody keys it generated (`madeKeys`, kept by its holder: see made-keys.ts).
 */
export interface DeviceHandle extends KeyMaker {
  id: string;
  publicKey: string;
  privateKey: WebKey;
}

export interface OpenedOnDevice {
  answer: AnswerContent;
  answeredAt: string;
  /** The provider's signature inside the box, verified against the directory's keys. */
  signatureValid: boolean;
  /** Why the signature does not count (both languages), or null when it does. */
  signatureProblem: { ja: string; en: string } | null;
  signedBy: {
    organisationId: string;
    keyFingerprint: string;
    /** The provider's organisation key (its installation key) or a legal officer's passkey. */
    credential: 'organisation' | 'passkey' | null;
  };
  /** When the hub handed out the sealed answer (the audited read). */
  readAt: string;
  copy: 'unit' | 'provider';
  /** What the box held (the signed answer and the provider's signature): a 回答書 is rendered from it here. */
  inner: InnerAnswer;
  /** The directory's key of that signature (null when it is unknown). */
  signerKey: PublicKeyRecord | null;
}

/**
 * Opens a sealed answer on this device and verifies the provider's signature inside it against the
 * directory's keys: the provider's installation key (Ed25519) or its legal officer's passkey (WebAuthn).
 */
export async function openSealedAnswer(
  sealed: Schemas['SealedAnswer'],
  device: DeviceHandle,
  now: Date = new Date(),
): Promise<OpenedOnDevice> {
  const item = { kind: 'answer', itemId: sealed.requestId } as const;
  const plain = await inWords(openCustodyBox(device, sealed, sealed.requestId, item));
  const inner = JSON.parse(new TextDecoder().decode(plain)) as InnerAnswer;
  const verdict = await verifyInnerAnswer(
    inner,
    { requestId: sealed.requestId, providerOrganisationId: sealed.providerOrganisationId },
    sealed.providerKeys,
    now,
  );
  return {
    answer: AnswerContentSchema.parse(inner.signed.answer),
    answeredAt: inner.signed.answeredAt,
    signatureValid: verdict.valid,
    signatureProblem: verdict.problem ? ANSWER_SIGNATURE_PROBLEMS[verdict.problem] : null,
    signedBy: {
      organisationId: sealed.providerOrganisationId,
      keyFingerprint: verdict.key?.fingerprint ?? '',
      credential: verdict.signer,
    },
    readAt: sealed.fetchedAt,
    copy: sealed.copy,
    inner,
    signerKey: verdict.key ?? null,
  };
}

/** Fetches an answer sealed for this device and opens it here. */
export async function openAnswerOnDevice(api: ApiClient, device: DeviceHandle, requestId: string) {
  const sealed = await unwrap(
    api.GET('/v1/requests/{id}/sealed-answer', { params: { path: { id: requestId }, query: { device: device.id } } }),
  );
  return openSealedAnswer(sealed, device);
}

/** A retention archive opened on this device: what was in clear when the request was archived. */
export interface OpenedArchive {
  requestId: string;
  reference: string;
  archivedAt: string;
  targets: unknown[];
  envelope: string | null;
  messages: Array<{ purpose: string; body: string; createdAt: string }>;
  /** The case links that named the request's identifiers (each a target as JSON text). */
  links: string[];
  /** The consultation the request was opened from, as it stood when archived (absent in older boxes). */
  consultation?: ArchivedConsultation | null;
  /** The request's content as it stood, its text included (absent in older boxes). */
  content?: RequestContent | null;
  /** The provider's note when it declined (absent in older boxes). */
  declineNote?: string | null;
  /** The files' names, by id (absent in older boxes). */
  files?: ArchivedFile[];
  /** The provider's note of its call-back on an emergency (absent in older boxes). */
  secondCheckNote?: string | null;
}

/** Fetches a retention archive sealed to the unit's devices and opens it here (the hub never can). */
export async function openArchiveOnDevice(api: ApiClient, device: DeviceHandle, requestId: string) {
  const sealed = await unwrap(
    api.GET('/v1/requests/{id}/sealed-archive', { params: { path: { id: requestId }, query: { device: device.id } } }),
  );
  const plain = await inWords(openCustodyBox(device, sealed, sealed.aad, { kind: 'archive', itemId: requestId }));
  const a = JSON.parse(new TextDecoder().decode(plain)) as Omit<OpenedArchive, 'reference' | 'archivedAt'>;
  if (a.requestId !== requestId) throw archiveOfAnother(requestId);
  return { ...a, requestId, reference: sealed.reference, archivedAt: sealed.archivedAt } satisfies OpenedArchive;
}

/**
 * An access provider opens, on its own device, a provision notice sealed to it: the sender's
 * communications a content provider gave it under a provision order (提供命令).
 */
export async function openProvisionNoticeOnDevice(api: ApiClient, device: DeviceHandle, noticeId: string) {
  const sealed = await unwrap(
    api.GET('/v1/provision-notices/{id}/sealed', { params: { path: { id: noticeId }, query: { device: device.id } } }),
  );
  return openSealedNotice(sealed, device, { noticeId });
}

/**
 * Opens a notice handed out for this device, used only if the content provider's signature counts (the
 * hub's listed keys at `now`; a person's only if the listed log shows them in a provision role then), of
 * this notice, its order (by reference), its giver and the access provider it is listed for. Else refused.
 */
export async function openSealedNotice(
  sealed: Schemas['SealedProvisionNotice'],
  device: DeviceHandle,
  { noticeId = sealed.id, now = new Date() }: { noticeId?: string; now?: Date } = {},
): Promise<Schemas['SealedProvisionNotice'] & { communications: NoticeCommunication[]; signedBy: ShownNoticeSigner }> {
  const plain = await inWords(openCustodyBox(device, sealed, sealed.aad, { kind: 'notice', itemId: noticeId }));
  const { communications, signedBy } = await verifiedNotice(
    JSON.parse(new TextDecoder().decode(plain)),
    {
      // The notice asked for (the box's additional data names it too): the hub cannot hand out another.
      noticeId,
      contentProviderOrganisationId: sealed.contentProvider.id,
      accessProviderOrganisationId: sealed.accessProvider.id,
      order: { reference: sealed.order.reference },
    },
    sealed.contentProviderKeys,
    sealed.contentProviderRoles,
    now,
  );
  return { ...sealed, communications, signedBy: noticeSignerShown(signedBy, sealed.contentProviderSigners) };
}

/** Registers a device's public key (its private key never leaves it); the device is pending until enrolled. */
export async function registerDevice(
  api: ApiClient,
  input: { label: string; kind: 'browser' | 'machine' | 'recovery'; publicKey: string },
): Promise<Schemas['Device']> {
  return unwrap(api.POST('/v1/custody/devices', { body: input }));
}

/**
 * The head moves the unit's answer key to the devices: a key generated on this device, wrapped to this
 * device and to the devices named (the recovery key, colleagues' registered devices).
 */
export async function startCustody(
  api: ApiClient,
  device: DeviceHandle,
  others: Array<{ id: string; publicKey: string }>,
): Promise<Schemas['Custody'] & { resealed: number }> {
  return withNewAnswerKey(device, [device, ...others], (key) => unwrap(api.POST('/v1/custody/start', { body: key })));
}

/**
 * A member holding the key enrols a registered device: every key this device holds — the current one
 * and every earlier one (before a rotation), except one revoked as compromised — wrapped to it, so
 * answers and archives sealed before a rotation open on the new device too. The hub refuses an
 * enrolment that leaves one out.
 */
export async function enrolDevice(
  api: ApiClient,
  device: DeviceHandle,
  target: { id: string; publicKey: string },
): Promise<Schemas['Device']> {
  // The key given for the target first: a typo is said as such, before anything is unwrapped or sent.
  await checkDevicePublicKey(target.publicKey).catch((e: unknown) => {
    throw targetKeyRefused(e);
  });
  const { items } = await unwrap(api.GET('/v1/custody/devices/{id}/keys', { params: { path: { id: device.id } } }));
  const wraps = [];
  for (const k of items) {
    if (!k.passOn) continue;
    const bytes = await inWords(unwrapCustodyKeyBytes(device, k.keyId, k.wrapped));
    try {
      wraps.push({ keyId: k.keyId, wrapped: await inWords(wrapCustodyKey(bytes, k.keyId, target)) });
    } finally {
      bytes.fill(0);
    }
  }
  return unwrap(api.POST('/v1/custody/devices/{id}/enrol', { params: { path: { id: target.id } }, body: { wraps } }));
}

/**
 * The head removes a member (every device of theirs) or single devices, and rotates the key: a new key
 * generated here, wrapped to exactly the enrolled devices that remain.
 */
export async function removeAndRotate(
  api: ApiClient,
  device: DeviceHandle,
  remove: { userId?: string; deviceIds?: string[] },
): Promise<Schemas['Custody']> {
  const state = await unwrap(api.GET('/v1/custody'));
  const gone = new Set(remove.deviceIds ?? []);
  const remaining = state.devices.filter(
    (d) => d.state === 'enrolled' && !gone.has(d.id) && (remove.userId === undefined || d.userId !== remove.userId),
  );
  if (!remaining.some((d) => d.id === device.id)) throw notAmongRemaining(device.id, 'rotate');
  return withNewAnswerKey(device, remaining, (key) =>
    unwrap(
      api.POST('/v1/custody/rotate', {
        body: {
          ...key,
          ...(remove.userId !== undefined ? { removeUserId: remove.userId } : {}),
          ...(remove.deviceIds ? { removeDeviceIds: remove.deviceIds } : {}),
        },
      }),
    ),
  );
}

// ---- attachments in device custody (issue 14 item 2): opened like answers, on the device ----

/**
 * Fetches a file sealed for this device, opens it here and checks it against its SHA-256. A file the
 * provider's side sealed opens only with the context it was bound to (this request, its id, and the
 * SHA-256, type and size declared). With `expected` (the file as the SIGNED answer, or the signed
 * request, names it) the file must also be exactly that one: anyone can seal to a public key, only the
 * provider signs the answer and only the approver the request.
 */
export async function openAttachmentOnDevice(api: ApiClient, ...file: AttachmentToOpen): Promise<OpenedFile> {
  const [device, requestId, attachmentId] = file;
  const s = await unwrap(
    api.GET('/v1/requests/{id}/attachments/{attachmentId}/sealed', {
      params: { path: { id: requestId, attachmentId }, query: { device: device.id } },
    }),
  );
  return openSealedAttachment(s, ...file);
}

/**
 * The file to open and where: the device, the request and the file's id; with `expected`, the file as the
 * signed answer (`signedIn`, by default) or the signed request names it.
 */
type AttachmentToOpen = [
  device: DeviceHandle,
  requestId: string,
  attachmentId: string,
  expected?: AttachmentRef,
  signedIn?: 'answer' | 'request',
];

/** A file opened on this device and checked against its SHA-256 (and the signed reference, when given). */
export interface OpenedFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * Opens a file as the hub handed it out for this device (a box and its key wrapped to the device) and
 * checks it: the file the hub names must be the one asked for and, with `expected`, the one the signed
 * answer or request names; its bytes must hash to that SHA-256. Throws saying which, when it is not.
 */
export async function openSealedAttachment(
  s: Schemas['SealedAttachment'],
  ...[device, requestId, attachmentId, expected, signedIn = 'answer']: AttachmentToOpen
): Promise<OpenedFile> {
  if (s.requestId !== requestId || s.attachmentId !== attachmentId) throw anotherFile(attachmentId, s.attachmentId);
  if (
    expected &&
    (expected.id !== s.attachmentId ||
      expected.sha256 !== s.sha256 ||
      expected.mediaType !== s.mediaType ||
      expected.byteSize !== s.byteSize)
  ) {
    throw fileNotAsSigned(attachmentId, expected.fileName, signedIn);
  }
  const aad =
    s.sealedBy !== 'hub'
      ? sealedAttachmentAad(requestId, {
          id: s.attachmentId,
          sha256: s.sha256,
          mediaType: s.mediaType,
          byteSize: s.byteSize,
        })
      : hubAttachmentAad(s.attachmentId);
  const item = { kind: 'attachment', itemId: s.attachmentId } as const;
  const bytes = new Uint8Array(await inWords(openCustodyBox(device, s, aad, item)));
  const hex = await checkFileBytes(bytes, { ...s, id: s.attachmentId });
  // A name retention removed ('') gives way to the one the hub saves the file under.
  return { fileName: expected?.fileName || s.fileName, mediaType: s.mediaType, bytes, sha256: hex };
}

/** The bytes' SHA-256 (hex) if they are the file named (its SHA-256 and size); throws saying so if not. */
export async function checkFileBytes(
  bytes: Uint8Array,
  named: { id: string; sha256: string; byteSize: number },
): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (hex !== named.sha256 || bytes.length !== named.byteSize) throw fileBytesDiffer(named.id);
  return hex;
}

/**
 * An answer file opened on this device and checked against the answer as the provider SIGNED it: the
 * answer is opened here (its signature verified), the file must be one it names, and its bytes must
 * match the SHA-256, type and size named there. Throws, saying why, when any of that fails.
 */
export async function openAnswerFileOnDevice(
  api: ApiClient,
  device: DeviceHandle,
  requestId: string,
  attachmentId: string,
  opened?: OpenedOnDevice,
): Promise<OpenedFile> {
  const a = opened ?? (await openAnswerOnDevice(api, device, requestId));
  if (!a.signatureValid) throw answerUnverified(a.signatureProblem);
  const ref = a.answer.attachments?.find((x) => x.id === attachmentId);
  if (!ref) throw fileNotNamed(attachmentId, 'answer');
  return openAttachmentOnDevice(api, device, requestId, attachmentId, ref);
}
