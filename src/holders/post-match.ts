import { MAX_FINDING_CANDIDATES } from '../domain/finding.ts';
import { canonicalPost } from '../domain/post-target.ts';
import type { Tx } from '../store/database.ts';
import type { BoardPostRow } from '../store/schema.ts';
import { findPosts } from './board.repository.ts';

// Which rows of the post log a post matches, and whether those naming no thread can be trusted to be it.
// A row with a post ID and no URL matches any URL asked with that ID. Nothing in the log says whether the
// board numbers its posts per thread (every thread has a post 5) or across the board: a board of global
// post IDs and a per-thread board exporting no URL look alike, and a log's other rows prove nothing
// either way. Such a row may therefore be another thread's post, always: a lookup resting on it is
// ambiguous (./post-findings.ts) and a provision order is not offered its communication
// (./post-communications.ts); the board checks the thread in its own data (docs/decisions.md,
// 2026-12-05, sixth and seventh sessions).

export interface PostMatch {
  /** The post asked for, in the canonical form the import stored (`canonicalPost`). */
  url: string;
  postId: string | null;
  /** At most MAX_FINDING_CANDIDATES rows, by time. */
  rows: BoardPostRow[];
  /** More rows matched than were read: those read may leave out other posters. */
  cut: boolean;
  /** Some rows name no thread: they may be another thread's post. */
  threadsDiffer: boolean;
}

/** Whether a row names no thread: matched by its post ID alone. */
export const namesNoThread = (r: BoardPostRow): boolean => r.post_url === null;

/**
 * The rows of a post as asked (URL, optional post ID), in the same canonical form as at import: `…/t/100#5`
 * and `…/t/100/5` are `…/t/100` + post `5`; and whether its ID-only rows may be another thread's.
 */
export async function matchPost(tx: Tx, askedUrl: string, askedPostId: string | undefined): Promise<PostMatch> {
  const post = canonicalPost(askedUrl, askedPostId);
  const url = post?.url ?? askedUrl;
  const postId = post ? post.postId : (askedPostId ?? null);
  const read = await findPosts(tx, url, postId);
  const rows = read.slice(0, MAX_FINDING_CANDIDATES);
  const threadsDiffer = rows.some(namesNoThread);
  return { url, postId, rows, threadsDiffer, cut: read.length > rows.length };
}
