import { sql } from 'kysely';
import type { Db, Tx } from '../store/database.ts';
import type { ResealedBoxRow } from '../store/schema.ts';

// All SQL of re-sealing after a custody key is found compromised: every box an owner's key was given
// (answers, files, retention archives, provision notices), and the copies sealed again on a device.

export type ResealKind = 'answer' | 'attachment' | 'archive' | 'notice';

/**
 * How much of a stored box the listing reads: enough for its header (alg, recipientKeyId) however the
 * fields are ordered before the ciphertext; a file's box is megabytes, and only a batch's are read whole.
 */
export const BOX_HEAD_CHARS = 512;
const head = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(BOX_HEAD_CHARS)})`;

/** One box of an owner as stored: what it is, the start of its sealed text, and what its context (aad) is made of. */
export interface OwnedBox {
  kind: ResealKind;
  itemId: string;
  requestId: string | null;
  /** The first BOX_HEAD_CHARS characters of the stored box (all of it when shorter). */
  sealedHead: string;
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
    .select(['answers.request_id', head(answerColumn).as('sealed')])
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
      head(fileColumn).as('sealed'),
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
    if (a.sealed) out.push({ kind: 'answer', itemId: a.request_id, requestId: a.request_id, sealedHead: a.sealed });
  }
  for (const f of files) {
    if (!f.sealed) continue;
    out.push({
      kind: 'attachment',
      itemId: f.id,
      requestId: f.request_id,
      sealedHead: f.sealed,
      file: { sha256: f.sha256, mediaType: f.media_type, byteSize: f.byte_size, sealedBy: f.sealed_by },
    });
  }
  if (ownerType === 'unit') {
    const archives = await db
      .selectFrom('retention_records')
      .innerJoin('requests', 'requests.id', 'retention_records.request_id')
      .select(['retention_records.request_id', head('retention_records.archive').as('archive')])
      .where('requests.unit_id', '=', ownerId)
      .where('retention_records.archive', 'is not', null)
      .orderBy('retention_records.request_id')
      .execute();
    for (const r of archives) {
      if (r.archive) {
        out.push({ kind: 'archive', itemId: r.request_id, requestId: r.request_id, sealedHead: r.archive });
      }
    }
  } else {
    const notices = await db
      .selectFrom('provision_notices')
      .select(['id', head('sealed').as('sealed')])
      .where('access_provider_organisation_id', '=', ownerId)
      .orderBy('id')
      .execute();
    for (const n of notices) out.push({ kind: 'notice', itemId: n.id, requestId: null, sealedHead: n.sealed });
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
      'device_id',
      'resealed_by',
      'resealed_at',
    ])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .execute();
}

/** Which kept copy: one item, for one owner, sealed to one key. */
type CopyKey = Pick<ResealedBoxRow, 'kind' | 'item_id' | 'owner_type' | 'owner_id' | 'to_key_id'>;

/** The one kept copy `r` names. */
function oneCopy(db: Db | Tx, r: CopyKey) {
  return db
    .selectFrom('resealed_boxes')
    .where('kind', '=', r.kind)
    .where('item_id', '=', r.item_id)
    .where('owner_type', '=', r.owner_type)
    .where('owner_id', '=', r.owner_id)
    .where('to_key_id', '=', r.to_key_id);
}

/** One copy's box. */
export async function resealedBox(db: Db | Tx, r: CopyKey): Promise<string | null> {
  const row = await oneCopy(db, r).select('box').executeTakeFirst();
  return row?.box ?? null;
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
