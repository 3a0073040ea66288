import { MAX_FINDING_CANDIDATES } from '../domain/finding.ts';
import { batches } from '../store/batches.ts';
import type { Db, Tx } from '../store/database.ts';
import type { BoardPostRow } from '../store/schema.ts';

// All SQL of a bulletin board's post log.

/** Whether rows of a file with this content were imported before. */
export async function postLogImported(tx: Tx, sha256: string): Promise<boolean> {
  const r = await tx.selectFrom('board_posts').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Stores rows of one import (all in the caller's transaction). */
export async function insertPosts(tx: Tx, rows: BoardPostRow[]): Promise<void> {
  for (const batch of batches(rows, 200)) await tx.insertInto('board_posts').values(batch).execute();
}

/**
 * The rows of a post: by its post ID (then only rows of that URL, or rows without one), or by its
 * URL alone.
 */
export async function findPosts(db: Db | Tx, url: string, postId: string | null): Promise<BoardPostRow[]> {
  let q = db.selectFrom('board_posts').selectAll();
  if (postId !== null) {
    q = q.where('post_id', '=', postId).where((eb) => eb.or([eb('post_url', '=', url), eb('post_url', 'is', null)]));
  } else q = q.where('post_url', '=', url);
  return q
    .orderBy('posted_at')
    .orderBy('line')
    .limit(MAX_FINDING_CANDIDATES + 1)
    .execute();
}

/** The oldest and newest post instants of the log (UTC), or nulls when it is empty. */
export async function postLogSpan(db: Db | Tx): Promise<{ from: string | null; to: string | null }> {
  const r = await db
    .selectFrom('board_posts')
    .select((eb) => [eb.fn.min('posted_at').as('from'), eb.fn.max('posted_at').as('to')])
    .executeTakeFirst();
  return { from: r?.from ?? null, to: r?.to ?? null };
}
