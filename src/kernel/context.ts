import { signTreeHeadNow, storedLogHead, storeHasBegun } from '../audit/audit.repository.ts';
import type { AuditSigner } from '../audit/events.ts';
import { type KeyEncryptionKey, MasterKeyError, unwrapKey, wrapKey } from '../crypto/key-wrap.ts';
import { generateSigningKeyPair, importPrivateKey, keyFingerprint } from '../crypto/keys.ts';
import { insertKey, systemSigningKeys } from '../directory/key.repository.ts';
import { DomainError } from '../domain/errors.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import type { Store } from '../store/database.ts';
import type { KeyRow } from '../store/schema.ts';
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
  /**
   * The audit keys trusted for tree heads: the pinned ones (configuration or the pin file, outside the
   * database), or — when nothing is pinned, as in tests — only the key this context signs with.
   */
  auditTrust: { keys: string[]; pinned: boolean };
}

/** The additional data that binds a wrapped private key to its row. */
export function keyWrapAad(keyId: string): string {
  return `shokai/key/${keyId}`;
}

/** The audit key to sign with: the newest unrevoked one the pin names, or (nothing pinned) the newest. */
function chooseAuditKey(rows: KeyRow[], pinned: string[]): KeyRow | undefined {
  const usable = rows
    .filter((r) => r.owner_id === 'audit' && r.revoked_at === null && r.private_key_wrapped)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  return pinned.length === 0 ? usable[0] : usable.find((r) => pinned.includes(r.public_key));
}

/**
 * Builds the context; on a store's first start, creates the server's audit key (wrapped by the KEK).
 * With `pinnedAuditKeys` it signs only with a key the pin names, and refuses a store that has audit
 * keys but none pinned: a key row added to the database is never used. `newStoreMayExtendPin` lets a
 * store without any audit key create one (the caller adds it to the pin file). Fails clearly when the KEK is not
 * the one the store's keys were wrapped with. Entries left unsigned (a migrated store, a crash) get a tree head.
 */
export async function createContext(
  store: Store,
  kek: KeyEncryptionKey,
  clock: () => Date = () => new Date(),
  options: {
    pinnedAuditKeys?: string[];
    newStoreMayExtendPin?: boolean;
    /** The key the pin file recorded for this very store: a store without a key now was wiped, not new. */
    pinnedForThisStore?: { fingerprint: string; file: string; store: string };
  } = {},
): Promise<AppContext> {
  const pinned = options.pinnedAuditKeys ?? [];
  const rows = await systemSigningKeys(store.db);
  let row = chooseAuditKey(rows, pinned);
  // A store that has audit keys, none of them pinned, is refused: a key row added to the database is
  // never used. Only a store in which nothing has begun (its first start) may get one, when the caller
  // pins it: a store with entries, heads or people but no audit key has lost it to a rewrite, and a new
  // key would sign the rewritten log as whole.
  const firstStart = !rows.some((r) => r.owner_id === 'audit');
  if (firstStart && (await storeHasBegun(store.db))) {
    throw new DomainError('KEY_UNKNOWN', {
      ja:
        'このストアには監査ログや組織・利用者がありますが、監査鍵がありません。鍵の行が削除されたか、' +
        'ストアが書き換えられています。新しい監査鍵は作りません。ストアを鍵の行ごとバックアップから戻してください',
      en:
        'this store has audit entries, organisations or people but no audit key: the key row was removed ' +
        'or the store was rewritten. No new audit key is made; restore the store, with its key row, from a backup',
    });
  }
  const before = options.pinnedForThisStore;
  if (firstStart && before) {
    throw new DomainError('KEY_UNKNOWN', {
      ja:
        `${before.file} によれば、このストア（${before.store}）には監査鍵 ${before.fingerprint} がありました。` +
        '今は何も始まっていない空のストアです: 消されたか、作り直されています。新しい監査鍵は作りません。' +
        `意図して作り直したのなら、${before.file} からこのストアの行（# store …、# fingerprint …、鍵）を消してから起動してください`,
      en:
        `${before.file} says this store (${before.store}) had the audit key ${before.fingerprint}; it is empty now: ` +
        'wiped or made again. No new audit key is made. If you made it again on purpose, remove its lines ' +
        `(# store …, # fingerprint …, the key) from ${before.file} and start again`,
    });
  }
  if (!row && pinned.length > 0 && !(firstStart && options.newStoreMayExtendPin)) {
    const fps = pinned.map((k) => shownFingerprint(keyFingerprint(k))).join(', ');
    throw new DomainError('KEY_UNKNOWN', {
      ja:
        `このストアには固定された監査鍵（${fps}）がありません。ストアまたは固定鍵` +
        '（SHOKAI_AUDIT_PUBLIC_KEY / data/audit-key.pub）が別の設置先のものです',
      en:
        `no audit key pinned for this store (${fps}) is in it: wrong store, ` +
        'or the pin (SHOKAI_AUDIT_PUBLIC_KEY or data/audit-key.pub) belongs to another installation',
    });
  }
  if (!row) {
    if (rows.some((r) => r.owner_id === 'audit')) {
      throw new DomainError('KEY_UNKNOWN', {
        ja: 'このストアの監査鍵はどれも使えません（失効しているか、秘密鍵の部分がありません）',
        en: "none of this store's audit keys can be used (each is revoked or has no private part)",
      });
    }
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
  let privateKey: string;
  try {
    privateKey = unwrapKey(kek, row.private_key_wrapped ?? '', keyWrapAad(row.id));
  } catch (err) {
    throw new MasterKeyError(
      'KEY_UNWRAP_FAILED',
      {
        ja:
          'マスター鍵（SHOKAI_MASTER_KEY または data/master.key）ではこのストアの鍵を開けません。' +
          'このデータベースとは別の設置先の鍵ではありませんか',
        en:
          "the master key (SHOKAI_MASTER_KEY or data/master.key) does not open this store's keys: " +
          'wrong key for this database?',
      },
      { cause: err },
    );
  }
  const auditSigner: AuditSigner = {
    keyId: row.id,
    privateKey: importPrivateKey('ed25519', privateKey),
    publicKey: row.public_key,
    fingerprint: keyFingerprint(row.public_key),
  };
  const head = await storedLogHead(store.db);
  if (head && head.seq > head.signedSize) {
    await store.transaction((tx) => signTreeHeadNow(tx, store.dialect, auditSigner, clock()));
  }
  return {
    store,
    clock,
    kek,
    auditSigner,
    auditTrust:
      pinned.length > 0
        ? { keys: pinned.includes(row.public_key) ? pinned : [...pinned, row.public_key], pinned: true }
        : { keys: [row.public_key], pinned: false },
    events: new EventBus(),
  };
}
