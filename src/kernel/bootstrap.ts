import { type KeyEncryptionKey, loadOrCreateKek } from '../crypto/key-wrap.ts';
import { openStore, type Store } from '../store/database.ts';
import type { Config } from './config.ts';
import { type AppContext, createContext } from './context.ts';

/** Opens the store (migrating it), loads the master key and builds the application context. */
export async function bootstrap(
  config: Config,
  options: { databaseUrl?: string; clock?: () => Date } = {},
): Promise<AppContext> {
  const kek: KeyEncryptionKey = loadOrCreateKek({
    ...(config.masterKey ? { envValue: config.masterKey } : {}),
    filePath: config.masterKeyFile,
  });
  const store: Store = await openStore(options.databaseUrl ?? config.databaseUrl);
  try {
    return await createContext(store, kek, options.clock);
  } catch (err) {
    await store.close();
    throw err;
  }
}
