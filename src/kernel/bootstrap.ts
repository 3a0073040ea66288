import { type AuditKeyPin, readAuditKeyPin, writeAuditKeyPin } from '../audit/key-pin.ts';
import { type KeyEncryptionKey, loadOrCreateKek } from '../crypto/key-wrap.ts';
import { openStore, type Store } from '../store/database.ts';
import type { Config } from './config.ts';
import { type AppContext, createContext } from './context.ts';

/** How the audit key came to be trusted at this start (printed by `serve`). */
export type AuditPinSource = AuditKeyPin['source'] | 'created';

/**
 * Opens the store (migrating it), loads the master key and builds the application context. The audit
 * key is pinned outside the database: SHOKAI_AUDIT_PUBLIC_KEY, or the pin file next to the master key,
 * which is written at the first start (trust on first use) and read at every later one.
 */
export async function bootstrap(
  config: Config,
  options: { databaseUrl?: string; clock?: () => Date } = {},
): Promise<AppContext & { auditPinSource: AuditPinSource; auditPinFile: string }> {
  const kek: KeyEncryptionKey = loadOrCreateKek({
    ...(config.masterKey ? { envValue: config.masterKey } : {}),
    filePath: config.masterKeyFile,
  });
  const pin = readAuditKeyPin(config.auditPublicKey, config.auditKeyFile);
  const store: Store = await openStore(options.databaseUrl ?? config.databaseUrl);
  try {
    const ctx = await createContext(store, kek, options.clock, { pinnedAuditKeys: pin.keys });
    if (pin.source !== 'none') return { ...ctx, auditPinSource: pin.source, auditPinFile: pin.file };
    writeAuditKeyPin(pin.file, ctx.auditSigner.publicKey);
    // Another process may have pinned first: from now on the file decides.
    const written = readAuditKeyPin(undefined, pin.file);
    if (!written.keys.includes(ctx.auditSigner.publicKey)) {
      throw new Error(`the audit key pinned in ${pin.file} is not the key of this store`);
    }
    return {
      ...ctx,
      auditTrust: { keys: written.keys, pinned: true },
      auditPinSource: 'created',
      auditPinFile: pin.file,
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
