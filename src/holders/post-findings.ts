import type { Finding, FindingCandidate } from '../domain/finding.ts';
import type { BoardPostRow } from '../store/schema.ts';
import { hint, isoAt, note, reason } from './finding-text.ts';
import { namesNoThread } from './post-match.ts';

// A post target's finding from the board's post log: unique when every matching row tells the same
// (time, address, port, account), ambiguous when they differ, none when nothing matches. A candidate
// resting only on rows naming no thread (a post ID without a URL) is noted as such and makes the
// finding ambiguous: the row may be another thread's post of that number (./post-match.ts).

export interface PostQuery {
  /** The URL and post ID as the question wrote them. */
  url: string;
  postId: string | null;
  /** The post ID the lookup used (canonical: possibly taken from the URL); by default `postId`. */
  matchedPostId?: string | null;
}

const key = (r: BoardPostRow) => `${r.posted_at}\u0000${r.source_address}\u0000${r.source_port}\u0000${r.account}`;

export function postFinding(
  q: PostQuery,
  rows: BoardPostRow[],
  span: { from: string | null; to: string | null; offsetMinutes: number },
  /** Rows name no thread: such a row may be another thread's post (./post-match.ts). */
  threadsDiffer: boolean,
  /** More rows matched than were read: those read name no one for certain (the rest may be other posters). */
  cut: boolean,
): Finding {
  const groups = new Map<string, BoardPostRow[]>();
  for (const r of rows) {
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  let threadless = false;
  const candidates = [...groups.values()].map((same): FindingCandidate => {
    const r = same[0] as BoardPostRow;
    const noThread = same.every(namesNoThread);
    threadless ||= noThread;
    const at = isoAt(Date.parse(r.posted_at), r.posted_offset);
    return {
      ...(r.account === null ? {} : { account: r.account }),
      from: at,
      to: at,
      posts: [
        {
          ...(r.post_url === null ? {} : { url: r.post_url }),
          ...(r.post_id === null ? {} : { postId: r.post_id }),
          at,
          address: r.source_address,
          ...(r.source_port === null ? {} : { port: r.source_port }),
          ...(r.account === null ? {} : { account: r.account }),
        },
      ],
      sources: same.map((s) => ({ kind: 'post' as const, file: s.file_name, line: s.line })),
      notes: noThread ? [note('no_thread')] : [],
    };
  });
  const elsewhere = threadless && threadsDiffer;
  const several = candidates.length > 1;
  const verdict = candidates.length === 0 ? 'none' : several || elsewhere || cut ? 'ambiguous' : 'unique';
  const askedId = q.matchedPostId !== undefined ? q.matchedPostId : q.postId;
  const asReceived = q.postId === null ? q.url : `${q.url} (post ${q.postId})`;
  return {
    verdict,
    records: 'post_log',
    query: {
      asReceived,
      ...(span.from === null || span.to === null
        ? {}
        : {
            window: {
              from: isoAt(Date.parse(span.from), span.offsetMinutes),
              to: isoAt(Date.parse(span.to), span.offsetMinutes),
            },
          }),
    },
    candidates,
    reasons:
      verdict === 'ambiguous'
        ? [
            ...(cut ? [reason('too_many_posts')] : []),
            ...(several ? [reason('several_posts')] : []),
            ...(elsewhere ? [reason('post_no_thread')] : []),
          ]
        : [reason(verdict === 'none' ? 'no_post' : 'post_found')],
    resolveBy:
      verdict === 'ambiguous'
        ? [
            ...(several || cut ? [hint(askedId === null ? 'post_id' : 'other_records')] : []),
            ...(elsewhere ? [hint('check_thread')] : []),
          ]
        : [],
  };
}
