import { z } from 'zod';
import { ownsRecords } from '../attribution/attribution-service.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import { MAX_FINDING_CANDIDATES } from '../domain/finding.ts';
import { type Target, TargetSchema } from '../domain/targets.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { BoardPostRow } from '../store/schema.ts';
import { postLogSpan } from './board.repository.ts';
import { isoAt } from './finding-text.ts';
import { matchPost, namesNoThread } from './post-match.ts';

// The sender's communications a board's post log recorded for the posts a provision order (提供命令,
// art. 15(1)) concerns: for each post, every distinct (time, source address, source port) its rows
// hold, each with the post and the log lines it came from. What a person reviews before carrying the
// order out — offered, never sent by itself. A post not in the log, a target that is not a post, or an
// installation without a post log of the caller's is said in words; nothing is guessed. A row naming
// no thread (a post ID without a URL) in the log of a board numbering per thread may be another thread's
// post: its communication is not offered (every offered one starts ticked), and the words say how many
// such rows there are, to be checked by hand (./post-match.ts).

const Words = z.object({ ja: z.string(), en: z.string() });
type Words = z.infer<typeof Words>;

export const RecordedCommunicationSchema = z.object({
  address: z.string(),
  /** The source port, when the log recorded one. */
  port: z.number().int().optional(),
  /** When it was posted, with the offset the log wrote. */
  at: z.string(),
  /** The post as the log names it (canonical URL and post ID). */
  post: z.object({ url: z.string().nullable(), postId: z.string().nullable() }),
  /** The log lines it rests on (the same post exported twice is one communication, two lines). */
  sources: z.array(z.object({ file: z.string(), line: z.number().int() })),
});
export type RecordedCommunication = z.infer<typeof RecordedCommunicationSchema>;

export const PostLogCommunicationsSchema = z.object({
  /** Whether this installation holds a post log of the caller's provider. */
  postLog: z.boolean(),
  /** Why nothing could be offered at all (no post log), in words. */
  why: Words.nullable(),
  posts: z.array(
    z.object({
      target: TargetSchema,
      communications: z.array(RecordedCommunicationSchema),
      /** Why this target offers no communication, or why its several ones need a person's look. */
      why: Words.nullable(),
    }),
  ),
});
export type PostLogCommunications = z.infer<typeof PostLogCommunicationsSchema>;

const NO_POST_LOG = {
  ja: 'この設置には貴社の投稿記録がありません。通信（発信元アドレス・ポート・日時）は自社の記録から入力してください',
  en:
    'this installation holds no post log of yours: enter the communications (source address, port, time) ' +
    'from your own records',
};
const NOT_A_POST = {
  ja: '投稿（URL）ではないため、投稿記録からは埋められません',
  en: 'not a post (URL): the post log cannot fill it',
};
const NOT_FOUND = {
  ja: 'この投稿は投稿記録にありません（記録の期間外か、別の URL・投稿IDで記録されています）',
  en: 'this post is not in the post log (outside its span, or logged under another URL or post ID)',
};
const SEVERAL = {
  ja: 'この投稿について複数の通信が記録されています（URL が複数の投稿を指すか、記録が食い違っています）。一つずつ確かめてください',
  en:
    'several communications are recorded for this post (the URL names several posts, ' +
    'or the records disagree): check each',
};

/** More rows matched the post than are read: the ones offered may leave other communications out. */
const CUT = {
  ja:
    `この投稿には記録が多く、最初の ${MAX_FINDING_CANDIDATES} 件（日時順）だけを出しています。` +
    'ほかの通信が漏れているかもしれません。投稿IDを指定するか、自社の記録で確かめてください',
  en:
    `this post has more records than are read: only the first ${MAX_FINDING_CANDIDATES} (by time) are offered, ` +
    'and other communications may be missing. Name the post ID, or check in your own records',
};

/** Rows of the post's ID naming no thread, not offered: they may be another thread's post. */
const withheld = (n: number) => ({
  ja:
    `投稿IDが同じで、スレッド（URL）を記載していない記録が ${n} 件あります。別のスレッドの投稿かもしれないため、` +
    'ここには出していません。掲示板の自社データで投稿のスレッドを手作業で確かめ、この投稿のものなら入力してください',
  en:
    `${n} log ${n === 1 ? 'row' : 'rows'} with this post ID ${n === 1 ? 'names' : 'name'} no thread (URL): ` +
    `${n === 1 ? 'it' : 'they'} may be another thread's post and ${n === 1 ? 'is' : 'are'} not offered here. ` +
    "Check the post's thread by hand in the board's own data, and enter the communication if it is this post's",
});

/** Words joined: each sentence of `a` then `b`. */
const both = (a: Words, b: Words): Words => ({
  ja: `${a.ja}。${b.ja}`,
  en: `${a.en}. ${b.en}`,
});

const communicationKey = (r: BoardPostRow) => `${r.posted_at}\u0000${r.source_address}\u0000${r.source_port}`;

/** One communication per distinct (time, address, port) of the rows, with every line it rests on. */
function communicationsOf(rows: BoardPostRow[]): RecordedCommunication[] {
  const byKey = new Map<string, RecordedCommunication>();
  for (const r of rows) {
    const key = `${r.posted_at}\u0000${r.source_address}\u0000${r.source_port}\u0000${r.post_url}\u0000${r.post_id}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.sources.push({ file: r.file_name, line: r.line });
      continue;
    }
    byKey.set(key, {
      address: r.source_address,
      ...(r.source_port === null ? {} : { port: r.source_port }),
      at: isoAt(Date.parse(r.posted_at), r.posted_offset),
      post: { url: r.post_url, postId: r.post_id },
      sources: [{ file: r.file_name, line: r.line }],
    });
  }
  return [...byKey.values()];
}

/**
 * The communications the post log holds for `targets`. A read of personal data: each post looked up is
 * an audit entry (`holders.posts_looked_up`, with `purpose`), never with the address. Needs
 * `attribution.lookup`; an installation whose records are another provider's (or nobody's) is answered
 * as holding no post log.
 */
export async function postLogCommunications(
  uow: UnitOfWork,
  caller: Caller,
  targets: Target[],
  purpose: { reference: string },
): Promise<PostLogCommunications> {
  requirePermission(caller, 'attribution.lookup');
  const holds = (await ownsRecords(uow, caller)) && (await postLogSpan(uow.tx)).from !== null;
  if (!holds) return { postLog: false, why: NO_POST_LOG, posts: [] };
  const posts: PostLogCommunications['posts'] = [];
  for (const target of targets) {
    if (target.type !== 'url') {
      posts.push({ target, communications: [], why: NOT_A_POST });
      continue;
    }
    const { url, postId, rows, threadsDiffer, cut } = await matchPost(uow.tx, target.url, target.postId);
    const offered = threadsDiffer ? rows.filter((r) => !namesNoThread(r)) : rows;
    const communications = communicationsOf(offered);
    // The rows held back that tell another communication than an offered one (the same post exported
    // again without its URL adds nothing to check).
    const told = new Set(offered.map(communicationKey));
    const held = threadsDiffer ? rows.filter((r) => namesNoThread(r) && !told.has(communicationKey(r))) : [];
    const heldCount = held.length;
    await uow.auditBy(caller, 'holders.posts_looked_up', ['post', url], {
      url,
      postId,
      purpose: 'provision_order',
      reference: purpose.reference,
      communications: communications.length,
    });
    const several = communications.length > 1 ? SEVERAL : null;
    const said = [
      ...(cut ? [CUT] : []),
      ...(several ? [several] : []),
      ...(heldCount > 0 ? [withheld(heldCount)] : []),
    ].reduce<Words | null>((a, b) => (a ? both(a, b) : b), null);
    const why = said ?? (communications.length === 0 ? NOT_FOUND : null);
    posts.push({ target, communications, why });
  }
  return { postLog: true, why: null, posts };
}
