import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { b64uToBytes, CUSTODY_KEY_ALGORITHM, DeviceBoxSchema } from '../crypto/device-seal.ts';
import { SealedBoxSchema } from '../crypto/seal.ts';
import { keyToSealTo } from '../directory/keys.ts';
import type { Principal } from '../domain/access.ts';
import {
  type AttachmentPurpose,
  CLIENT_ATTACHMENT_ID,
  checkDeclaredAttachment,
  GCM_TAG_BYTES,
  MAX_SEALED_HEADER_BYTES,
} from '../domain/attachments.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
import { findAttachment } from './attachments.repository.ts';
import { type AttachmentView, checkMayAttach, filesWithRoom, storeNewAttachment } from './attachments.ts';
import { loadVisible } from './requests.ts';
import { providerRecordKey, type RecipientKey, recipientOf, refuseUnlessSealedTo } from './sealing.ts';

// Files sealed on the sender's side (issue 11 item 3): answer files by the provider, request files by
// the drafter, clarification files by either side. The sender's browser or installation seals each
// file to the requesting unit's current key and to the provider's current record key (the addressee's
// and its own copy), bound to an id it chose, the request, and the SHA-256, type and size it declares
// (src/client/attachment-seal.ts). The body is binary: one header line (JSON), then the two
// ciphertexts raw. The hub checks blind what it can — the right to attach a file of that purpose now,
// the declared name, type and size, the count, the id unused, both boxes addressed to the CURRENT keys,
// each ciphertext exactly as long as the declared size makes it — and stores ciphertext only. It never
// sees the file; the signed answer (or, for a request file, the signed envelope) names its SHA-256,
// which the reader's device checks after opening it.

const PartHeader = z.object({
  v: z.literal(1),
  alg: z.string().max(100),
  recipientKeyId: z.string().min(1).max(256),
  epk: z.string().max(200),
  iv: z.string().max(100),
  tag: z.string().max(100).optional(),
  ctBytes: z.number().int().min(0),
});

const UploadHeader = z.strictObject({
  v: z.literal(1),
  attachmentId: z.string().regex(CLIENT_ATTACHMENT_ID, 'att_ and 22–64 characters of A–Z a–z 0–9 _ -'),
  fileName: z.string().max(1000),
  mediaType: z.string().max(200),
  byteSize: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file, 64 lowercase hex digits'),
  sealed: PartHeader,
  sealedForProvider: PartHeader,
});

/** The header line and the bytes after it; refused naming `header` when there is no readable line. */
function splitBody(body: Uint8Array): { header: z.infer<typeof UploadHeader>; rest: Uint8Array } {
  const nl = body.subarray(0, MAX_SEALED_HEADER_BYTES + 1).indexOf(0x0a);
  if (nl < 0) {
    throw invalidField(
      'header',
      null,
      `本文の先頭に1行の JSON ヘッダー（${MAX_SEALED_HEADER_BYTES} バイト以内）と改行が必要です`,
      `the body must begin with a one-line JSON header (at most ${MAX_SEALED_HEADER_BYTES} bytes) and a newline`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, nl)));
  } catch {
    throw invalidField('header', null, 'ヘッダーが JSON として読めません', 'the header line is not JSON');
  }
  const parsed = UploadHeader.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : 'header';
    throw invalidField(
      field,
      null,
      `ヘッダーの値が正しくありません（${issue?.message ?? ''}）`,
      issue?.message ?? 'not accepted',
    );
  }
  return { header: parsed.data, rest: body.subarray(nl + 1) };
}

/** A box addressed to the owner's current key, of the right algorithm, as long as the declared size makes it. */
function checkPart(
  field: 'sealed' | 'sealedForProvider',
  part: z.infer<typeof PartHeader>,
  key: KeyRow,
  byteSize: number,
  ct: Uint8Array,
): string {
  refuseUnlessSealedTo(field, part, key);
  const device = key.algorithm === CUSTODY_KEY_ALGORITHM;
  const expected = device ? byteSize + GCM_TAG_BYTES : byteSize;
  if (part.ctBytes !== expected || ct.length !== expected) {
    throw invalidField(
      `${field}.ctBytes`,
      part.ctBytes,
      `封緘されたファイルの長さ（${ct.length} バイト）が宣言された大きさ byteSize ${byteSize} に合いません（${expected} バイトのはずです）`,
      `the sealed file is ${ct.length} bytes; the declared byteSize ${byteSize} makes it ${expected}`,
    );
  }
  const { ctBytes: _n, ...box } = part;
  // The header is checked with an empty ciphertext (decoding megabytes back only to re-check them is waste).
  const shape = { ...box, ct: '' };
  const ok = device ? DeviceBoxSchema.strict().safeParse(shape) : SealedBoxSchema.strict().safeParse(shape);
  const epkBytes = device ? 65 : 32;
  if (!ok.success || !b64uToBytes(part.epk, epkBytes)) {
    throw invalidField(
      field,
      null,
      '封緘の形式が正しくありません（epk・iv・tag）',
      'the box is not well formed (its epk, iv or tag)',
    );
  }
  return canonicalJson({ ...ok.data, ct: Buffer.from(ct).toString('base64url') });
}

/** The request's provider; a file cannot be sealed to it before the draft names one. */
function providerOf(row: { provider_organisation_id: string | null }): string {
  if (row.provider_organisation_id) return row.provider_organisation_id;
  throw invalidField(
    'providerOrganisationId',
    null,
    '宛先の事業者を決めてからファイルを添付してください（ファイルはその事業者の鍵にも封緘されます）',
    'name the provider before attaching files: each file is sealed to its key too',
  );
}

/**
 * The keys a sender seals a file of this purpose to: the requesting unit's current key and the
 * provider's current record key. Only for whom may attach such a file now; nothing is stored but a
 * missing record key.
 */
export async function attachmentKeys(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  purpose: AttachmentPurpose,
): Promise<{ requestId: string; purpose: AttachmentPurpose; unitKey: RecipientKey; providerKey: RecipientKey }> {
  const { row, side } = await loadVisible(uow.tx, p, requestId, uow.now);
  checkMayAttach(p, row, side, purpose);
  const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
  const providerKey = await providerRecordKey(uow, p, providerOf(row));
  return { requestId, purpose, unitKey: recipientOf(unitKey), providerKey: recipientOf(providerKey) };
}

/**
 * Accepts a file sealed on the sender's side: the blind checks, then the two boxes stored (ciphertext
 * only) and the upload audited. The signed answer names an answer file like any other; a request file
 * is named in the draft, so the approver signs its SHA-256 in the envelope.
 */
export async function addSealedAttachment(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  body: Uint8Array,
  purpose: AttachmentPurpose = 'answer',
): Promise<AttachmentView> {
  const { row, side } = await loadVisible(uow.tx, p, requestId, uow.now);
  checkMayAttach(p, row, side, purpose);
  const providerId = providerOf(row);
  const { header: h, rest } = splitBody(body);
  const mediaType = checkDeclaredAttachment(h.fileName, h.mediaType, h.byteSize, {
    fileName: 'fileName',
    mediaType: 'mediaType',
    size: 'byteSize',
  });
  if (mediaType !== h.mediaType) {
    throw invalidField(
      'mediaType',
      h.mediaType,
      `種類は ${mediaType} と書いてください（封緘はその値に結び付きます）`,
      `declare the type as ${mediaType} (the boxes are bound to it)`,
    );
  }
  if (rest.length !== h.sealed.ctBytes + h.sealedForProvider.ctBytes) {
    throw invalidField(
      'body',
      rest.length,
      `ヘッダーの後の本文が ${rest.length} バイトです（ヘッダーでは ${h.sealed.ctBytes} + ${h.sealedForProvider.ctBytes} バイト）`,
      `after the header the body has ${rest.length} bytes; the header ` +
        `names ${h.sealed.ctBytes} + ${h.sealedForProvider.ctBytes}`,
    );
  }
  const existing = await filesWithRoom(uow, requestId);
  if (await findAttachment(uow.tx, requestId, h.attachmentId)) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `ファイル ID ${h.attachmentId} は既に使われています。新しい ID で封緘し直してください`,
        en: `the file id ${h.attachmentId} is already used: seal the file again under a new id`,
      },
      { field: 'attachmentId', value: h.attachmentId },
    );
  }
  const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
  const providerKey = await providerRecordKey(uow, p, providerId);
  const forUnit = checkPart('sealed', h.sealed, unitKey, h.byteSize, rest.subarray(0, h.sealed.ctBytes));
  const forProvider = checkPart(
    'sealedForProvider',
    h.sealedForProvider,
    providerKey,
    h.byteSize,
    rest.subarray(h.sealed.ctBytes),
  );
  const sealedBy = side === 'provider' ? 'provider' : 'agency';
  const file = {
    id: h.attachmentId,
    file_name: h.fileName.trim(),
    media_type: mediaType,
    byte_size: h.byteSize,
    sha256: h.sha256,
    sealed_for_agency: forUnit,
    sealed_for_provider: forProvider,
    sealed_by: sealedBy,
  };
  return storeNewAttachment(uow, p, row, side, purpose, existing, file, {
    sealedBy,
    sealedTo: unitKey.fingerprint,
    keptBy: providerKey.fingerprint,
    sealedDigest: sha256Hex(forUnit),
  });
}
