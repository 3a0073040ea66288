import { canonicalPost } from '../domain/post-target.ts';
import type { BoardPostRow } from '../store/schema.ts';
import { FieldReader, type RecordFileInput, type RecordProblem, readRecords, sha256Of } from './record-file.ts';

// A board's post log export: one record per post — its URL and/or post ID, the time it was posted
// WITH its offset, the source address and port, and the account. CSV (header line) or JSON. The URL and
// post ID are stored in their canonical form (`canonicalPost`): the same function turns a lookup's
// target into the same form, so `…/t/100#5` finds the row `…/t/100` + `5`.

export const POST_LOG_COLUMNS = [
  'post_url',
  'post_id',
  'posted_at',
  'source_address',
  'source_port',
  'account',
] as const;

export interface ParsedPostLog {
  sha256: string;
  rows: Omit<BoardPostRow, 'imported_at'>[];
  problems: RecordProblem[];
}

export function parsePostLog(file: RecordFileInput): ParsedPostLog {
  const sha256 = sha256Of(file.content);
  const { records, problems } = readRecords(file, POST_LOG_COLUMNS, 'posts');
  const rows: ParsedPostLog['rows'] = [];
  for (const r of records) {
    const f = new FieldReader(r, problems);
    const before = problems.length;
    const url = f.url('post_url', false);
    const postId = f.text('post_id', 200, false);
    const at = f.instant('posted_at', true);
    const address = f.address('source_address', true);
    const port = f.port('source_port');
    const account = f.text('account', 256, false);
    if (url === undefined && postId === undefined && problems.length === before) {
      f.problem('post_url', '', {
        ja: '投稿の URL か投稿ID のどちらかが必要です',
        en: 'a post needs its URL or its post ID',
      });
    }
    if (problems.length > before || at === undefined || address === undefined) continue;
    const post = url === undefined ? null : canonicalPost(url, postId);
    rows.push({
      id: `${sha256.slice(0, 24)}:${r.line}`,
      post_url: post?.url ?? null,
      post_id: post ? post.postId : (postId ?? null),
      posted_at: at.utc,
      posted_offset: at.offsetMinutes,
      source_address: address,
      source_port: port ?? null,
      account: account ?? null,
      file_name: file.name,
      sha256,
      line: r.line,
    });
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push({
      line: 0,
      field: '-',
      value: file.name,
      message: { ja: '投稿の記録が1件もありません', en: 'the file holds no post record' },
    });
  }
  return { sha256, rows, problems };
}
