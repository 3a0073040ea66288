import type { Db, Tx } from '../store/database.ts';
import type { CustodyKeyWrapRow, DeviceRow, KeyRow } from '../store/schema.ts';

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
