import { z } from 'zod';
import { requireRecordsOwner } from '../attribution/attribution-service.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import type { Finding } from '../domain/finding.ts';
import { UrlTargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { insertPosts, postLogImported, postLogSpan } from './board.repository.ts';
import { postFinding } from './post-findings.ts';
import { parsePostLog } from './post-log.ts';
import { matchPost } from './post-match.ts';
import { importOnce } from './record-file.ts';

// A bulletin board's own installation: its post log, imported from the board's export, answers post
// targets (URL or post ID → time with offset, address, source port, account) with a verdict.

const FileInput = z.strictObject({
  name: z.string().min(1).max(1000),
  content: z.string().max(500_000_000),
  format: z.enum(['csv', 'json']).optional(),
});
export const ImportPostLogInput = z.strictObject({ file: FileInput });

export interface PostLogImportSummary {
  file: string;
  sha256: string;
  posts: number;
  /** The same content was imported before: nothing was added. */
  alreadyImported: boolean;
}

/**
 * Imports a post log export. Every record is checked first: one bad record refuses the file, naming
 * each bad line, field and value, and nothing is stored. The rows and the audit entry commit together.
 * Needs `attribution.import` (the provider's operator) and to be of the provider the records belong to.
 */
export async function importPostLog(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<PostLogImportSummary> {
  requirePermission(caller, 'attribution.import');
  const { file } = parseOrThrow(ImportPostLogInput, raw);
  await requireRecordsOwner(uow, caller, true);
  const { sha256, records, alreadyImported } = await importOnce(uow, file, parsePostLog(file), {
    imported: postLogImported,
    insert: insertPosts,
  });
  const summary = { file: file.name, sha256, posts: records, alreadyImported };
  await uow.auditBy(caller, 'holders.posts_imported', ['holders_file', sha256], { ...summary });
  return summary;
}

/** Whether this installation holds a post log at all (a board's installation). */
export async function holdsPostLog(uow: UnitOfWork): Promise<boolean> {
  return (await postLogSpan(uow.tx)).from !== null;
}

export const LookupPostInput = UrlTargetSchema.omit({ type: true });

/**
 * What the post log says about a post (a URL, and its post ID when given). Audited: the question and
 * the verdict with the number of candidates, never the address or the account.
 */
export async function lookupPost(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<Finding> {
  requirePermission(caller, 'attribution.lookup');
  const input = parseOrThrow(LookupPostInput, raw);
  await requireRecordsOwner(uow, caller, false);
  // A row naming no thread, in a log of a board numbering per thread, may be another thread's post.
  const { url, postId, rows, threadsDiffer, cut } = await matchPost(uow.tx, input.url, input.postId);
  const span = await postLogSpan(uow.tx);
  const finding = postFinding(
    { url: input.url, postId: input.postId ?? null, matchedPostId: postId },
    rows,
    { ...span, offsetMinutes: rows[0]?.posted_offset ?? 0 },
    threadsDiffer,
    cut,
  );
  await uow.auditBy(caller, 'holders.posts_looked_up', ['post', url], {
    url,
    postId,
    verdict: finding.verdict,
    candidates: finding.candidates.length,
  });
  return finding;
}
