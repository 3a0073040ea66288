import { z } from 'zod';
import { logger } from '../kernel/logger.ts';
import type { Store } from './database.ts';

// What is erased stays erased on disk (docs/security.md §4). The hub erases secrets by UPDATE or DELETE: a
// hub-held private key when its owner takes custody or registers a key of its own, a request's personal data
// when retention purges it. On SQLite the connection runs with `secure_delete` on, so the cells a change frees
// are overwritten with zeros in the pages it writes; but the WAL still holds earlier images of those pages (the
// key as it was inserted) until a checkpoint writes them back and the log is reset. So once such a change has
// committed, its service calls `forgetErasedPages`: a checkpoint that truncates the WAL. A reader still in an
// older snapshot keeps the WAL from being truncated (logged; the next one does it). PostgreSQL has no
// equivalent from inside the application: dead tuples stay until VACUUM reuses the space, and WAL archives
// are the operator's — docs/security.md says what to run.

const CheckpointResult = z.array(z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() }));

/** After a committed change that erased secrets: on SQLite, the WAL written back and truncated. */
export function forgetErasedPages(store: Store): void {
  if (store.native.dialect !== 'sqlite') return;
  const [result] = CheckpointResult.parse(store.native.sqlite.pragma('wal_checkpoint(TRUNCATE)'));
  if (result && result.busy !== 0) {
    logger.warn('store.erased_pages_kept', { walFrames: result.log, checkpointed: result.checkpointed });
  }
}
