import { existsSync } from 'node:fs';
import {
  type AuditKeyPin,
  appendAuditKeyPin,
  pinnedKeyOfStore,
  readAuditKeyPin,
  writeAuditKeyPin,
} from '../audit/key-pin.ts';
import { type KeyEncryptionKey, loadOrCreateKek, MasterKeyError } from '../crypto/key-wrap.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { systemSigningKeys } from '../directory/key.repository.ts';
import { DomainError } from '../domain/errors.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { openStore, type Store } from '../store/database.ts';
import { storeIdentity } from '../store/location.ts';
import { storeName } from '../store/store-name.ts';
import type { Config } from './config.ts';
import { type AppContext, createContext } from './context.ts';
import { logger } from './logger.ts';

/**
 * Where this start's audit key is pinned: `created` a new pin file for a new store, `added` a new store's
 * key added to a pin file that already named other stores' keys (said loudly at start: a store that is
 * not new would not get here).
 */
export type AuditPinSource = AuditKeyPin['source'] | 'created' | 'added';

/**
 * The master key: SHOKAI_MASTER_KEY, else the key file. A key file is made only for a store that holds no
 * key yet: a store whose keys were wrapped by a master key that is not here (another SHOKAI_DATA_DIR, a
 * restore without its key file) is refused, rather than given a new key that opens none of them and sits
 * where the real one should be put back.
 */
async function masterKeyFor(store: Store, config: Config): Promise<KeyEncryptionKey> {
  const envValue = config.masterKey;
  if (!envValue && !existsSync(config.masterKeyFile) && (await systemSigningKeys(store.db)).length > 0) {
    throw new MasterKeyError('KEK_UNAVAILABLE', {
      ja:
        `マスター鍵がありません（${config.masterKeyFile}、SHOKAI_MASTER_KEY も未設定）。このストアの鍵はマスター鍵で` +
        '保護されています。元の鍵ファイルを戻すか SHOKAI_MASTER_KEY を設定してください（新しい鍵では開けません）',
      en:
        `no master key at ${config.masterKeyFile} and SHOKAI_MASTER_KEY is not set, yet this store's keys were ` +
        'wrapped by one: put the key file back or set SHOKAI_MASTER_KEY (a new key would open none of them)',
    });
  }
  return loadOrCreateKek({ ...(envValue ? { envValue } : {}), filePath: config.masterKeyFile });
}

/**
 * Opens the store (migrating it), loads the master key and builds the application context. The audit
 * key is pinned outside the database: SHOKAI_AUDIT_PUBLIC_KEY, or the pin file next to the master key,
 * to which a store's first start adds its key (trust on first use) and which every later start reads.
 */
export async function bootstrap(
  config: Config,
  options: {
    databaseUrl?: string;
    clock?: () => Date;
    /**
     * Whether the pin file names this store (so that a wipe of it is refused): the installation's own
     * store, yes; a store a command names for the moment (`--store /tmp/x.sqlite`), no.
     */
    nameStore?: boolean;
  } = {},
): Promise<AppContext & { auditPinSource: AuditPinSource; auditPinFile: string }> {
  const pin = readAuditKeyPin(config.auditPublicKey, config.auditKeyFile);
  const store: Store = await openStore(options.databaseUrl ?? config.databaseUrl);
  try {
    const kek = await masterKeyFor(store, config);
    // The pin file lists the audit key of every store started over this data directory; a store's
    // first start adds its own. A pin given in the environment is the operator's alone to change.
    // A PostgreSQL store is named by its server (one database under two host names is one store); a pin
    // file that named it by its address before still knows it by that.
    const identity = await storeName(store);
    const addressed = storeIdentity(store.location);
    const named = options.nameStore === false ? undefined : identity;
    const byName = pin.source === 'file' && identity ? pinnedKeyOfStore(pin.file, identity) : undefined;
    const earlier =
      byName ??
      (pin.source === 'file' && addressed && addressed !== identity
        ? pinnedKeyOfStore(pin.file, addressed)
        : undefined);
    const ctx = await createContext(store, kek, options.clock, {
      pinnedAuditKeys: pin.keys,
      newStoreMayExtendPin: pin.source === 'file',
      ...(earlier && identity
        ? {
            pinnedForThisStore: {
              fingerprint: shownFingerprint(keyFingerprint(earlier)),
              file: pin.file,
              store: identity,
            },
          }
        : {}),
    });
    const key = ctx.auditSigner.publicKey;
    if (pin.source !== 'none' && pin.keys.includes(key)) {
      // A pin file written before stores were named in it (or that named it by its address) learns this
      // store's name now, so that a wipe of it is recognised from here on (the key line again is harmless).
      // Best effort: a pin file the operator made read-only stays as it is, said in the log.
      if (pin.source === 'file' && named && byName === undefined) {
        try {
          appendAuditKeyPin(pin.file, key, named);
        } catch (err) {
          logger.warn('audit.pin_store_not_named', { file: pin.file, error: String(err) });
        }
      }
      return { ...ctx, auditPinSource: pin.source, auditPinFile: pin.file };
    }
    if (pin.source === 'file') appendAuditKeyPin(pin.file, key, named);
    else writeAuditKeyPin(pin.file, key, named);
    // Another process may have pinned first: from now on the file decides.
    const written = readAuditKeyPin(undefined, pin.file);
    if (!written.keys.includes(key)) {
      throw new DomainError('KEY_UNKNOWN', {
        ja: `${pin.file} に固定された監査鍵は、このストアの鍵ではありません`,
        en: `the audit key pinned in ${pin.file} is not the key of this store`,
      });
    }
    return {
      ...ctx,
      auditTrust: { keys: written.keys, pinned: true },
      auditPinSource: pin.source === 'file' ? 'added' : 'created',
      auditPinFile: pin.file,
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
