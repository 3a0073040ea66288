import type { AuditSigner } from '../audit/events.ts';
import { type KeyEncryptionKey, unwrapKey, wrapKey } from '../crypto/key-wrap.ts';
import { generateSigningKeyPair, keyFingerprint } from '../crypto/keys.ts';
import { insertKey, latestAuditKey } from '../directory/key.repository.ts';
import type { Store } from '../store/database.ts';
import { EventBus } from './events.ts';
import { newId } from './ids.ts';

/** Everything a service needs: the store, the clock (injectable for tests), the key-encryption key. */
export interface AppContext {
  store: Store;
  clock: () => Date;
  kek: KeyEncryptionKey;
  auditSigner: AuditSigner;
  /** Told after commit of what changed (open screens update themselves). */
  events: EventBus;
}

/** The additional data that binds a wrapped private key to its row. */
export function keyWrapAad(keyId: string): string {
  return `shokai/key/${keyId}`;
}

/**
 * Builds the context; on a store's first start, creates the server's audit-checkpoint key (wrapped by
 * the KEK). Fails clearly when the KEK is not the one the store's keys were wrapped with.
 */
export async function createContext(
  store: Store,
  kek: KeyEncryptionKey,
  clock: () => Date = () => new Date(),
): Promise<AppContext> {
  let row = await latestAuditKey(store.db);
  if (!row) {
    const pair = generateSigningKeyPair();
    const id = newId('key');
    const now = clock().toISOString();
    row = {
      id,
      organisation_id: null,
      owner_type: 'system',
      owner_id: 'audit',
      purpose: 'signing',
      algorithm: 'Ed25519',
      public_key: pair.publicKey,
      private_key_wrapped: wrapKey(kek, pair.privateKey, keyWrapAad(id)),
      fingerprint: keyFingerprint(pair.publicKey),
      valid_from: now,
      valid_to: null,
      revoked_at: null,
      revocation_reason: null,
      created_at: now,
    };
    await insertKey(store.db, row);
  }
  if (!row.private_key_wrapped) throw new Error('the audit key has no private part');
  let privateKey: string;
  try {
    privateKey = unwrapKey(kek, row.private_key_wrapped, keyWrapAad(row.id));
  } catch (err) {
    throw new Error(
      "the master key (SHOKAI_MASTER_KEY or data/master.key) does not open this store's keys: wrong key for this database?",
      { cause: err },
    );
  }
  return { store, clock, kek, auditSigner: { keyId: row.id, privateKey }, events: new EventBus() };
}
