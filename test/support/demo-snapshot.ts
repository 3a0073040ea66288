// The demo, seeded once per test run for the SQLite hubs that ask for it, and copied for the others.
//
// Seeding the demo runs the real services (people, keys, passkeys, requests signed and answered) and
// costs some two seconds of CPU; most test files start a hub seeded the same way. When the test command
// names a folder for it (SHOKAI_TEST_SNAPSHOTS, set by scripts/run-tests.ts for one run and removed after
// it), the first hub of a kind seeds as before and leaves a copy of its store (SQLite's online backup)
// and what the seeding gave (the master key, the logins, the authenticators, the devices); the next
// hubs of that kind in other test files start from a copy — as the demo's own server does when it is
// restarted on its store. Only one hub per test file is made from a copy, so two hubs of one file
// never share people's secrets (a person's TOTP steps are counted per secret, see nextTotp). Without
// the folder (a file run on its own), every hub seeds.
//
// What differs from a fresh seeding: the seeded rows are up to one run old (the demo's times are days
// apart; a run takes minutes), and the ids and keys are the same in the hubs of different files.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { type DemoResult, seedDemo } from '../../src/demo/seed.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import type { StoreLocation } from '../../src/store/location.ts';

/** A seeded demo store: its context, its master key and what the seeding gave. */
export interface SeededDemo {
  store: Store;
  ctx: AppContext;
  masterKey: string;
  demo: DemoResult;
}

interface Kept {
  masterKey: string;
  demo: DemoResult;
}

/** The kinds of seeding this process has already started a hub from a copy of. */
const copiedHere = new Set<string>();

/**
 * A new store at `location` with the demo seeded (custody on or off; none with `demo: false`): a SQLite one
 * from the run's copy when there is one this file has not used yet, else seeded here (and kept for the run's
 * other files when it may be).
 */
export async function seededDemo(
  location: StoreLocation,
  options: { deviceCustody: boolean; clock?: () => Date; demo?: false },
): Promise<SeededDemo> {
  const folder = process.env.SHOKAI_TEST_SNAPSHOTS;
  const kind = `demo-${options.deviceCustody ? 'custody' : 'plain'}`;
  const kept = folder && location.kind === 'sqlite' && options.demo !== false ? join(folder, kind) : null;
  // A hub on a clock of its own seeds on that clock: its rows' times are the test's, never a copy's.
  const mayCopy = kept !== null && options.clock === undefined && !copiedHere.has(kind);
  if (mayCopy && location.kind === 'sqlite' && existsSync(kept)) {
    copiedHere.add(kind);
    const { masterKey, demo } = JSON.parse(readFileSync(join(kept, 'seeded.json'), 'utf8')) as Kept;
    copyFileSync(join(kept, 'store.sqlite'), location.path);
    const store = await openStore(location);
    const ctx = await createContext(store, kekFromSecret(masterKey), options.clock);
    return { store, ctx, masterKey, demo };
  }
  const masterKey = generateKekSecret();
  const store = await openStore(location);
  const ctx = await createContext(store, kekFromSecret(masterKey), options.clock);
  const demo =
    options.demo === false
      ? { logins: [], requests: [] }
      : await seedDemo(ctx, { deviceCustody: options.deviceCustody });
  if (mayCopy && store.native.dialect === 'sqlite') {
    copiedHere.add(kind);
    // Made in a folder of its own and renamed: another file sees the store and its secrets together or
    // not at all, and of two files seeding at once the second's rename fails and its copy is dropped.
    const tmp = mkdtempSync(`${kept}.`);
    await store.native.sqlite.backup(join(tmp, 'store.sqlite'));
    writeFileSync(join(tmp, 'seeded.json'), JSON.stringify({ masterKey, demo } satisfies Kept));
    try {
      renameSync(tmp, kept);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { store, ctx, masterKey, demo };
}
