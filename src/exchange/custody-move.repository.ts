// What the move of an owner to device custody seals again (custody-migration.ts): every item of the owner whose
// box may be sealed to a hub-held key — answers, the files of its requests, a unit's retention archives, the
// provision notices sealed to a provider — listed without their boxes (a file's box is megabytes), each box then
// read and written back one at a time.
import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { Db, Tx } from '../store/database.ts';
import {
  answersToRequestsOf,
  attachmentsOfRequestsOf,
  type RequestOwnerType,
  retentionRecordsOfUnit,
} from './custody.repository.ts';
import type { ResealKind } from './reseal.repository.ts';

/** One item of an owner whose box the move reads, with what names it to people. */
export interface OwnedItem {
  kind: ResealKind;
  /** The answer's and the archive's request id, the file's id, the notice's id. */
  itemId: string;
  requestId: string | null;
  /** The request's reference; for a notice, its provision order's. */
  reference: string;
  /** A file's name and what its context is bound to. */
  file?: { fileName: string; sha256: string; mediaType: string; byteSize: number; sealedBy: string | null };
}

/** The owner's items with a box for the owner's side, in a stable order, without their boxes. */
export async function itemsOfOwner(db: Db | Tx, ownerType: RequestOwnerType, ownerId: string): Promise<OwnedItem[]> {
  const unit = ownerType === 'unit';
  const answerBox = unit ? 'answers.sealed' : 'answers.sealed_for_provider';
  const answers = await answersToRequestsOf(db, ownerType, ownerId)
    .select(['answers.request_id', 'requests.reference'])
    .where(answerBox, 'is not', null)
    .orderBy('answers.request_id')
    .execute();
  const fileBox = unit ? 'attachments.sealed_for_agency' : 'attachments.sealed_for_provider';
  const files = await attachmentsOfRequestsOf(db, ownerType, ownerId)
    .select([
      'attachments.id',
      'attachments.request_id',
      'requests.reference',
      'attachments.file_name',
      'attachments.sha256',
      'attachments.media_type',
      'attachments.byte_size',
      'attachments.sealed_by',
    ])
    .where(fileBox, 'is not', null)
    .orderBy('attachments.id')
    .execute();
  const items: OwnedItem[] = [
    ...answers.map((a) => ({ kind: 'answer' as const, itemId: a.request_id, requestId: a.request_id, ...a })),
    ...files.map((f) => ({
      kind: 'attachment' as const,
      itemId: f.id,
      requestId: f.request_id,
      reference: f.reference,
      file: {
        fileName: f.file_name,
        sha256: f.sha256,
        mediaType: f.media_type,
        byteSize: f.byte_size,
        sealedBy: f.sealed_by,
      },
    })),
  ];
  if (unit) {
    const archives = await retentionRecordsOfUnit(db, ownerId)
      .select(['retention_records.request_id', 'requests.reference'])
      .where('retention_records.archive', 'is not', null)
      .orderBy('retention_records.request_id')
      .execute();
    for (const r of archives) items.push({ kind: 'archive', itemId: r.request_id, requestId: r.request_id, ...r });
  } else {
    const notices = await db
      .selectFrom('provision_notices')
      .innerJoin('ancillary_order_applications as o', 'o.id', 'provision_notices.order_id')
      .select(['provision_notices.id', 'o.reference'])
      .where('provision_notices.access_provider_organisation_id', '=', ownerId)
      .orderBy('provision_notices.id')
      .execute();
    for (const n of notices) items.push({ kind: 'notice', itemId: n.id, requestId: null, reference: n.reference });
  }
  return items;
}

/** Writes an item's box for the owner's side sealed again (and the key it is sealed to now). */
export async function replaceBox(
  tx: Tx,
  item: Pick<OwnedItem, 'kind' | 'itemId'>,
  ownerType: RequestOwnerType,
  box: string,
): Promise<void> {
  const key = storedBoxRecipient(box);
  const unit = ownerType === 'unit';
  if (item.kind === 'answer') {
    await tx
      .updateTable('answers')
      .set(unit ? { sealed: box, sealed_key_id: key } : { sealed_for_provider: box, sealed_for_provider_key_id: key })
      .where('request_id', '=', item.itemId)
      .execute();
  } else if (item.kind === 'attachment') {
    await tx
      .updateTable('attachments')
      .set(
        unit
          ? { sealed_for_agency: box, sealed_for_agency_key_id: key }
          : { sealed_for_provider: box, sealed_for_provider_key_id: key },
      )
      .where('id', '=', item.itemId)
      .execute();
  } else if (item.kind === 'archive') {
    await tx
      .updateTable('retention_records')
      .set({ archive: box, archive_key_id: key })
      .where('request_id', '=', item.itemId)
      .execute();
  } else {
    await tx
      .updateTable('provision_notices')
      .set({ sealed: box, sealed_key_id: key })
      .where('id', '=', item.itemId)
      .execute();
  }
}
