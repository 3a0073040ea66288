import type { Db, Tx } from '../store/database.ts';
import type { ResealedBoxRow } from '../store/schema.ts';
import {
  answersToRequestsOf,
  attachmentsOfRequestsOf,
  type RequestOwnerType,
  retentionRecordsOfUnit,
} from './custody.repository.ts';

// All SQL of re-sealing after a custody key is found compromised: every box an owner's key was given
// (answers, files, retention archives, provision notices), and the copies sealed again on a device.

export type ResealKind = 'answer' | 'attachment' | 'archive' | 'notice';

/** One box of an owner as stored: what it is, the key it is sealed to, and what its context (aad) is made of. */
export interface OwnedBox {
  kind: ResealKind;
  itemId: string;
  requestId: string | null;
  /** The custody key the stored box is sealed to (its `*_key_id` column). */
  keyId: string;
  /** For files: as the signed request or answer names them (their SHA-256 the re-sealed copy must match). */
  file?: { sha256: string; mediaType: string; byteSize: number; sealedBy: string | null };
}

/**
 * The boxes sealed for an owner (a unit's side or a provider's) to one of `keyIds`, in a stable order:
 * one query per kind over the indexed key columns, no box read.
 */
export async function boxesOfOwnerSealedTo(
  db: Db | Tx,
  ownerType: RequestOwnerType,
  ownerId: string,
  keyIds: string[],
): Promise<OwnedBox[]> {
  if (keyIds.length === 0) return [];
  const unit = ownerType === 'unit';
  const answerKey = unit ? 'answers.sealed_key_id' : 'answers.sealed_for_provider_key_id';
  const answers = await answersToRequestsOf(db, ownerType, ownerId)
    .select(['answers.request_id', `${answerKey} as key_id`])
    .where(answerKey, 'in', keyIds)
    .orderBy('answers.request_id')
    .execute();
  const fileKey = unit ? 'attachments.sealed_for_agency_key_id' : 'attachments.sealed_for_provider_key_id';
  const files = await attachmentsOfRequestsOf(db, ownerType, ownerId)
    .select([
      'attachments.id',
      'attachments.request_id',
      `${fileKey} as key_id`,
      'attachments.sha256',
      'attachments.media_type',
      'attachments.byte_size',
      'attachments.sealed_by',
    ])
    .where(fileKey, 'in', keyIds)
    .where('attachments.purged_at', 'is', null)
    .orderBy('attachments.id')
    .execute();
  const out: OwnedBox[] = [];
  for (const a of answers) {
    if (a.key_id) out.push({ kind: 'answer', itemId: a.request_id, requestId: a.request_id, keyId: a.key_id });
  }
  for (const f of files) {
    if (!f.key_id) continue;
    out.push({
      kind: 'attachment',
      itemId: f.id,
      requestId: f.request_id,
      keyId: f.key_id,
      file: { sha256: f.sha256, mediaType: f.media_type, byteSize: f.byte_size, sealedBy: f.sealed_by },
    });
  }
  if (unit) {
    const archives = await retentionRecordsOfUnit(db, ownerId)
      .select(['retention_records.request_id', 'retention_records.archive_key_id as key_id'])
      .where('retention_records.archive_key_id', 'in', keyIds)
      .orderBy('retention_records.request_id')
      .execute();
    for (const r of archives) {
      if (r.key_id) out.push({ kind: 'archive', itemId: r.request_id, requestId: r.request_id, keyId: r.key_id });
    }
  } else {
    const notices = await db
      .selectFrom('provision_notices')
      .select(['id', 'sealed_key_id as key_id'])
      .where('sealed_key_id', 'in', keyIds)
      .where('access_provider_organisation_id', '=', ownerId)
      .orderBy('id')
      .execute();
    for (const n of notices) {
      if (n.key_id) out.push({ kind: 'notice', itemId: n.id, requestId: null, keyId: n.key_id });
    }
  }
  return out;
}

/** The whole stored box of an owner's item (the original, as its sender sealed it). */
export async function sealedTextOf(
  db: Db | Tx,
  kind: ResealKind,
  itemId: string,
  ownerType: 'unit' | 'organisation',
): Promise<string | null> {
  if (kind === 'answer') {
    const r = await db
      .selectFrom('answers')
      .select(['sealed', 'sealed_for_provider'])
      .where('request_id', '=', itemId)
      .executeTakeFirst();
    return (ownerType === 'unit' ? r?.sealed : r?.sealed_for_provider) ?? null;
  }
  if (kind === 'attachment') {
    const r = await db
      .selectFrom('attachments')
      .select(['sealed_for_agency', 'sealed_for_provider'])
      .where('id', '=', itemId)
      .executeTakeFirst();
    return (ownerType === 'unit' ? r?.sealed_for_agency : r?.sealed_for_provider) ?? null;
  }
  if (kind === 'archive') {
    const r = await db
      .selectFrom('retention_records')
      .select('archive')
      .where('request_id', '=', itemId)
      .executeTakeFirst();
    return r?.archive ?? null;
  }
  const r = await db.selectFrom('provision_notices').select('sealed').where('id', '=', itemId).executeTakeFirst();
  return r?.sealed ?? null;
}

/** The copies sealed again for an owner, without their boxes (the listing). */
export async function resealedOfOwner(
  db: Db | Tx,
  ownerType: string,
  ownerId: string,
): Promise<Array<Omit<ResealedBoxRow, 'box'>>> {
  return db
    .selectFrom('resealed_boxes')
    .select([
      'kind',
      'item_id',
      'owner_type',
      'owner_id',
      'from_key_id',
      'to_key_id',
      'content_sha256',
      'declaration_tag',
      'device_id',
      'resealed_by',
      'resealed_at',
    ])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .execute();
}

/** Whose copies: one item, for one owner. */
type ItemKey = Pick<ResealedBoxRow, 'kind' | 'item_id' | 'owner_type' | 'owner_id'>;

/** Which kept copy: one item, for one owner, sealed to one key. */
type CopyKey = ItemKey & Pick<ResealedBoxRow, 'to_key_id'>;

/** The kept copies of one item for one owner. */
function copiesOf(db: Db | Tx, r: ItemKey) {
  return db
    .selectFrom('resealed_boxes')
    .where('kind', '=', r.kind)
    .where('item_id', '=', r.item_id)
    .where('owner_type', '=', r.owner_type)
    .where('owner_id', '=', r.owner_id);
}

/** The one kept copy `r` names. */
function oneCopy(db: Db | Tx, r: CopyKey) {
  return copiesOf(db, r).where('to_key_id', '=', r.to_key_id);
}

/** One copy's box, with what its re-sealer declared. */
export async function resealedBox(
  db: Db | Tx,
  r: CopyKey,
): Promise<Pick<ResealedBoxRow, 'box' | 'content_sha256' | 'declaration_tag'> | undefined> {
  return oneCopy(db, r).select(['box', 'content_sha256', 'declaration_tag']).executeTakeFirst();
}

/** The copies sealed again of one item for an owner, newest first. */
export async function resealedOf(
  db: Db | Tx,
  kind: ResealKind,
  itemId: string,
  ownerType: string,
  ownerId: string,
): Promise<ResealedBoxRow[]> {
  return copiesOf(db, { kind, item_id: itemId, owner_type: ownerType, owner_id: ownerId })
    .selectAll()
    .orderBy('resealed_at', 'desc')
    .execute();
}

/** Keeps a copy; false when one for the same item, owner and key is there already (another device's, just now). */
export async function insertResealed(tx: Tx, row: ResealedBoxRow): Promise<boolean> {
  const r = await tx
    .insertInto('resealed_boxes')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'item_id', 'owner_type', 'owner_id', 'to_key_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The SHA-256 a kept copy was declared with. */
export async function resealedSha256(db: Db | Tx, r: CopyKey): Promise<string | null> {
  const row = await oneCopy(db, r).select('content_sha256').executeTakeFirst();
  return row?.content_sha256 ?? null;
}
