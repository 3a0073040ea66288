import type { Db, Tx } from '../store/database.ts';
import type { ResealedBoxRow } from '../store/schema.ts';

// All SQL of re-sealing after a custody key is found compromised: every box an owner's key was given
// (answers, files, retention archives, provision notices), and the copies sealed again on a device.

export type ResealKind = 'answer' | 'attachment' | 'archive' | 'notice';

/** One box of an owner as stored: what it is, its sealed text, and what its context (aad) is made of. */
export interface OwnedBox {
  kind: ResealKind;
  itemId: string;
  requestId: string | null;
  sealed: string;
  /** For files: as the signed request or answer names them (their SHA-256 the re-sealed copy must match). */
  file?: { sha256: string; mediaType: string; byteSize: number; sealedBy: string | null };
}

/** Every box sealed for an owner (a unit's side or a provider's), in a stable order. */
export async function boxesOfOwner(
  db: Db | Tx,
  ownerType: 'unit' | 'organisation',
  ownerId: string,
): Promise<OwnedBox[]> {
  const side = ownerType === 'unit' ? 'requests.unit_id' : 'requests.provider_organisation_id';
  const answerColumn = ownerType === 'unit' ? 'answers.sealed' : 'answers.sealed_for_provider';
  const answers = await db
    .selectFrom('answers')
    .innerJoin('requests', 'requests.id', 'answers.request_id')
    .select(['answers.request_id', `${answerColumn} as sealed`])
    .where(side, '=', ownerId)
    .orderBy('answers.request_id')
    .execute();
  const fileColumn = ownerType === 'unit' ? 'attachments.sealed_for_agency' : 'attachments.sealed_for_provider';
  const files = await db
    .selectFrom('attachments')
    .innerJoin('requests', 'requests.id', 'attachments.request_id')
    .select([
      'attachments.id',
      'attachments.request_id',
      `${fileColumn} as sealed`,
      'attachments.sha256',
      'attachments.media_type',
      'attachments.byte_size',
      'attachments.sealed_by',
    ])
    .where(side, '=', ownerId)
    .where(fileColumn, 'is not', null)
    .where('attachments.purged_at', 'is', null)
    .orderBy('attachments.id')
    .execute();
  const out: OwnedBox[] = [];
  for (const a of answers) {
    if (a.sealed) out.push({ kind: 'answer', itemId: a.request_id, requestId: a.request_id, sealed: a.sealed });
  }
  for (const f of files) {
    if (!f.sealed) continue;
    out.push({
      kind: 'attachment',
      itemId: f.id,
      requestId: f.request_id,
      sealed: f.sealed,
      file: { sha256: f.sha256, mediaType: f.media_type, byteSize: f.byte_size, sealedBy: f.sealed_by },
    });
  }
  if (ownerType === 'unit') {
    const archives = await db
      .selectFrom('retention_records')
      .innerJoin('requests', 'requests.id', 'retention_records.request_id')
      .select(['retention_records.request_id', 'retention_records.archive'])
      .where('requests.unit_id', '=', ownerId)
      .where('retention_records.archive', 'is not', null)
      .orderBy('retention_records.request_id')
      .execute();
    for (const r of archives) {
      if (r.archive) out.push({ kind: 'archive', itemId: r.request_id, requestId: r.request_id, sealed: r.archive });
    }
  } else {
    const notices = await db
      .selectFrom('provision_notices')
      .select(['id', 'sealed'])
      .where('access_provider_organisation_id', '=', ownerId)
      .orderBy('id')
      .execute();
    for (const n of notices) out.push({ kind: 'notice', itemId: n.id, requestId: null, sealed: n.sealed });
  }
  return out;
}

/** The copies sealed again for an owner. */
export async function resealedOfOwner(db: Db | Tx, ownerType: string, ownerId: string): Promise<ResealedBoxRow[]> {
  return db
    .selectFrom('resealed_boxes')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .execute();
}

/** The copies sealed again of one item for an owner, newest first. */
export async function resealedOf(
  db: Db | Tx,
  kind: ResealKind,
  itemId: string,
  ownerType: string,
  ownerId: string,
): Promise<ResealedBoxRow[]> {
  return db
    .selectFrom('resealed_boxes')
    .selectAll()
    .where('kind', '=', kind)
    .where('item_id', '=', itemId)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('resealed_at', 'desc')
    .execute();
}

export async function insertResealed(tx: Tx, row: ResealedBoxRow): Promise<void> {
  await tx.insertInto('resealed_boxes').values(row).execute();
}
