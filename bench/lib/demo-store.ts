// The store most in-process benchmarks run over: a fresh SQLite file in a temporary folder, seeded with
// the demo through the real services; the folder is removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { type DemoResult, seedDemo } from '../../src/demo/seed.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { openStore, type Store } from '../../src/store/database.ts';

export interface DemoStore {
  /** The temporary folder (the store's file is in it); removed when the run ends. */
  dir: string;
  store: Store;
  ctx: AppContext;
  demo: DemoResult;
}

/** Runs fn over a fresh demo store in a temporary folder `shokai-bench-NAME-…`, removed afterwards. */
export async function withDemoStore<T>(name: string, fn: (d: DemoStore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `shokai-bench-${name}-`));
  try {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'store.sqlite') });
    const ctx = await createContext(store, kekFromSecret(generateKekSecret()));
    try {
      return await fn({ dir, store, ctx, demo: await seedDemo(ctx) });
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
