import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { type IngestOptions, ingestFiles } from '../../src/attribution/ingest.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { type AttributionQuery, type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import type { AttributionRepository } from '../../src/attribution/store/repositories.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';
import { type Dialect, freshLocation } from '../support/dialects.ts';
import { openAttribution } from './setup.ts';

/** A fresh attribution store with its temp directory: files written there and ingested, questions asked. */
export interface Opened {
  repo: AttributionRepository;
  dir: string;
  /** Writes `text` as the file `name` in the store's directory and ingests it. */
  ingest(
    name: string,
    text: string,
    format: LogFormat,
    opts?: Omit<IngestOptions, 'format'>,
  ): ReturnType<typeof ingestFiles>;
  resolve(q: AttributionQuery): Promise<Resolution>;
  /** Closes and drops the store now, not after the suite (a test of many stores keeps few connections open). */
  close(): Promise<void>;
}

/** Fresh stores of one dialect, each with its temp directory; all closed and dropped after the suite. */
export function stores(dialect: Dialect, prefix: string): () => Promise<Opened> {
  const closers: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of closers) await c();
  });
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const loc = await freshLocation(dialect, dir);
    const opened = await openAttribution(loc.location);
    let open = true;
    const close = async (): Promise<void> => {
      if (!open) return;
      open = false;
      await opened.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    };
    closers.push(close);
    return {
      repo: opened.repo,
      dir,
      ingest: (name, text, format, opts = {}) => {
        const file = join(dir, name);
        writeFileSync(file, text);
        return ingestFiles(opened.repo, [file], { ...opts, format });
      },
      resolve: (q) => new Resolver(opened.repo).resolve(q),
      close,
    };
  };
}

/**
 * Fresh stores of one dialect one at a time (a test of many stores keeps one open): each call closes the store
 * the last call opened and opens a fresh one, which first reads `inside` (a generic CSV of holdings) if given.
 */
export function oneStoreAtATime(dialect: Dialect, prefix: string, inside?: string): () => Promise<Opened> {
  const fresh = stores(dialect, prefix);
  let last: Opened | undefined;
  return async () => {
    await last?.close();
    last = await fresh();
    if (inside !== undefined) assert.deepEqual((await last.ingest('inside.csv', inside, 'generic-csv')).errors, []);
    return last;
  };
}

/** The store, its `failAt`-th commit throwing as a crash would (nothing of that batch committed). */
export function crashingAt(store: AttributionStore, failAt: number): AttributionStore {
  let n = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'commitBatch') {
        return async (...args: Parameters<AttributionStore['commitBatch']>) => {
          if (++n === failAt) throw new Error('simulated crash');
          return target.commitBatch(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
