import { MAX_FINDING_CANDIDATES } from '../domain/finding.ts';
import type { Tx } from '../store/database.ts';
import type { BoardPostRow } from '../store/schema.ts';
import { findPosts, postLogNamesThreads } from './board.repository.ts';

// Which rows of the post log a post matches, and whether those naming no thread can be trusted to be it.
// A row with a post ID and no URL matches any URL asked with that ID. In a log that also holds rows
// with URLs the board numbers its posts per thread (every thread has a post 5), so such a row may be
// another thread's post: a lookup resting on it is ambiguous (./post-findings.ts) and a provision
// order is not offered its communication (./post-communications.ts). A log of ID-only rows alone is a
// board whose post IDs name a post across the board: the row is taken, with a note that it names no
// thread (docs/decisions.md, 2026-12-05, sixth session).

export interface PostMatch {
  /** At most MAX_FINDING_CANDIDATES rows, by time. */
  rows: BoardPostRow[];
  /** More rows matched than were read: those read may leave out other posters. */
  cut: boolean;
  /** The ID-only rows among `rows` may be another thread's post (the log names threads elsewhere). */
  threadsDiffer: boolean;
}

/** Whether a row names no thread: matched by its post ID alone. */
export const namesNoThread = (r: BoardPostRow): boolean => r.post_url === null;

/** The rows of a post (canonical URL and post ID) and whether its ID-only rows may be another thread's. */
export async function matchPost(tx: Tx, url: string, postId: string | null): Promise<PostMatch> {
  const read = await findPosts(tx, url, postId);
  const rows = read.slice(0, MAX_FINDING_CANDIDATES);
  const threadsDiffer = rows.some(namesNoThread) && (await postLogNamesThreads(tx));
  return { rows, threadsDiffer, cut: read.length > rows.length };
}
