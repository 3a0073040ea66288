import { storedBoxRecipient } from '../crypto/device-seal.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AnswerRow, CustodyKeyWrapRow, DeviceRow, KeyRow } from '../store/schema.ts';

// All SQL of answers in device custody: the members' devices, the custody keys wrapped to them, and
// the re-sealing of an owner's answers when its key moves from the hub to the devices.

export async function insertDevice(tx: Tx, row: DeviceRow): Promise<void> {
  await tx.insertInto('devices').values(row).execute();
}

export async function deviceById(db: Db | Tx, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deviceByPublicKey(db: Db | Tx, publicKey: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
}

/** Every device of an owner (pending, enrolled and removed), oldest first. */
export async function devicesOf(db: Db | Tx, ownerType: string, ownerId: string): Promise<DeviceRow[]> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('registered_at')
    .orderBy('id')
    .execute();
}

export async function markEnrolled(tx: Tx, ids: string[], by: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('devices')
    .set({ enrolled_at: at, enrolled_by: by })
    .where('id', 'in', ids)
    .where('enrolled_at', 'is', null)
    .execute();
}

/** Removes devices and deletes every custody key wrapped to them: the hub keeps nothing for them. */
export async function markRemoved(tx: Tx, ids: string[], by: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('devices').set({ removed_at: at, removed_by: by }).where('id', 'in', ids).execute();
  await tx.deleteFrom('custody_key_wraps').where('device_id', 'in', ids).execute();
}

export async function insertWraps(tx: Tx, rows: CustodyKeyWrapRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('custody_key_wraps').values(rows).execute();
}

export async function wrapFor(db: Db | Tx, keyId: string, deviceId: string): Promise<CustodyKeyWrapRow | undefined> {
  return db
    .selectFrom('custody_key_wraps')
    .selectAll()
    .where('key_id', '=', keyId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
}

/** The custody keys wrapped to a device, with the key rows (public parts), newest key first. */
export async function wrapsOfDevice(
  db: Db | Tx,
  deviceId: string,
): Promise<Array<CustodyKeyWrapRow & { key: KeyRow }>> {
  const wraps = await db.selectFrom('custody_key_wraps').selectAll().where('device_id', '=', deviceId).execute();
  if (wraps.length === 0) return [];
  const keys = await db
    .selectFrom('keys')
    .selectAll()
    .where(
      'id',
      'in',
      wraps.map((w) => w.key_id),
    )
    .execute();
  const byId = new Map(keys.map((k) => [k.id, k]));
  return wraps
    .flatMap((w) => {
      const key = byId.get(w.key_id);
      return key ? [{ ...w, key }] : [];
    })
    .sort((a, b) => (a.key.valid_from < b.key.valid_from ? 1 : -1));
}

/** Every encryption key an owner ever had (custody or server-held), oldest first. */
export async function encryptionKeysOf(db: Db | Tx, ownerType: string, ownerId: string): Promise<KeyRow[]> {
  return db
    .selectFrom('keys')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('purpose', '=', 'encryption')
    .orderBy('valid_from')
    .execute();
}

/** Forgets the server-held private parts of keys (once everything sealed to them is sealed again). */
export async function eraseWrappedPrivateKeys(tx: Tx, keyIds: string[]): Promise<void> {
  if (keyIds.length === 0) return;
  await tx.updateTable('keys').set({ private_key_wrapped: null }).where('id', 'in', keyIds).execute();
}

/** Whose requests: a unit's own, or those addressed to a provider. */
export type RequestOwnerType = 'unit' | 'organisation';

function ownerColumn(ownerType: RequestOwnerType) {
  return ownerType === 'unit' ? 'requests.unit_id' : 'requests.provider_organisation_id';
}

/** The answers to an owner's requests, joined with their request. */
export function answersToRequestsOf(db: Db | Tx, ownerType: RequestOwnerType, ownerId: string) {
  return db
    .selectFrom('answers')
    .innerJoin('requests', 'requests.id', 'answers.request_id')
    .where(ownerColumn(ownerType), '=', ownerId);
}

/** The attachments of an owner's requests, joined with their request. */
export function attachmentsOfRequestsOf(db: Db | Tx, ownerType: RequestOwnerType, ownerId: string) {
  return db
    .selectFrom('attachments')
    .innerJoin('requests', 'requests.id', 'attachments.request_id')
    .where(ownerColumn(ownerType), '=', ownerId);
}

/** The retention records of a unit's requests, joined with their request. */
export function retentionRecordsOfUnit(db: Db | Tx, unitId: string) {
  return db
    .selectFrom('retention_records')
    .innerJoin('requests', 'requests.id', 'retention_records.request_id')
    .where('requests.unit_id', '=', unitId);
}

/** The answers to a unit's requests (its copy) or of a provider's (its kept copy). */
export async function answersOfOwner(
  db: Db | Tx,
  ownerType: RequestOwnerType,
  ownerId: string,
): Promise<Array<Pick<AnswerRow, 'id' | 'request_id' | 'sealed' | 'sealed_for_provider'> & { reference: string }>> {
  return answersToRequestsOf(db, ownerType, ownerId)
    .select(['answers.id', 'answers.request_id', 'answers.sealed', 'answers.sealed_for_provider', 'requests.reference'])
    .orderBy('answers.id')
    .execute();
}

export async function updateSealed(
  tx: Tx,
  answerId: string,
  column: 'sealed' | 'sealed_for_provider',
  box: string,
): Promise<void> {
  await tx
    .updateTable('answers')
    .set(
      column === 'sealed'
        ? { sealed: box, sealed_key_id: storedBoxRecipient(box) }
        : { sealed_for_provider: box, sealed_for_provider_key_id: storedBoxRecipient(box) },
    )
    .where('id', '=', answerId)
    .execute();
}

/** A unit's retention archives (what retention removed of its closed requests, sealed to the unit). */
export async function archivesOfUnit(
  db: Db | Tx,
  unitId: string,
): Promise<Array<{ request_id: string; reference: string; archive: string }>> {
  const rows = await retentionRecordsOfUnit(db, unitId)
    .select(['retention_records.request_id', 'requests.reference', 'retention_records.archive'])
    .where('retention_records.archive', 'is not', null)
    .orderBy('retention_records.request_id')
    .execute();
  return rows.flatMap((r) =>
    r.archive ? [{ request_id: r.request_id, reference: r.reference, archive: r.archive }] : [],
  );
}

export async function updateArchive(tx: Tx, requestId: string, box: string): Promise<void> {
  await tx
    .updateTable('retention_records')
    .set({ archive: box, archive_key_id: storedBoxRecipient(box) })
    .where('request_id', '=', requestId)
    .execute();
}

/** A file of one of the owner's requests with the box sealed for the owner's side. */
export interface OwnerFileBox {
  id: string;
  request_id: string;
  file_name: string;
  reference: string;
  sha256: string;
  media_type: string;
  byte_size: number;
  sealed_by: string | null;
  sealed: string;
}

/** Attachments sealed for a side of the owner's requests (their boxes must follow a key that moves). */
export async function attachmentsOfOwner(
  db: Db | Tx,
  ownerType: RequestOwnerType,
  ownerId: string,
): Promise<OwnerFileBox[]> {
  const column = ownerType === 'unit' ? 'attachments.sealed_for_agency' : 'attachments.sealed_for_provider';
  const rows = await attachmentsOfRequestsOf(db, ownerType, ownerId)
    .select([
      'attachments.id',
      'attachments.request_id',
      'attachments.file_name',
      'requests.reference',
      'attachments.sha256',
      'attachments.media_type',
      'attachments.byte_size',
      'attachments.sealed_by',
      `${column} as sealed`,
    ])
    .where(column, 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.sealed === null ? [] : [{ ...r, sealed: r.sealed }]));
}

/** Stores a file's box for one side sealed again to another key (and the key it is sealed to now). */
export async function updateFileSealed(
  tx: Tx,
  attachmentId: string,
  ownerType: RequestOwnerType,
  box: string,
): Promise<void> {
  const recipient = storedBoxRecipient(box);
  await tx
    .updateTable('attachments')
    .set(
      ownerType === 'unit'
        ? { sealed_for_agency: box, sealed_for_agency_key_id: recipient }
        : { sealed_for_provider: box, sealed_for_provider_key_id: recipient },
    )
    .where('id', '=', attachmentId)
    .execute();
}
