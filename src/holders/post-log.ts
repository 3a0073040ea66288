import { canonicalPost } from '../domain/post-target.ts';
import type { BoardPostRow } from '../store/schema.ts';
import { type OwnColumns, type ParsedRecords, parseRecordFile, type RecordFileInput } from './record-file.ts';

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

export type ParsedPostLog = ParsedRecords<OwnColumns<BoardPostRow>>;

export function parsePostLog(file: RecordFileInput): ParsedPostLog {
  const none = { ja: '投稿の記録が1件もありません', en: 'the file holds no post record' };
  return parseRecordFile(file, { columns: POST_LOG_COLUMNS, arrayKey: 'posts', none }, (f) => {
    const url = f.url('post_url', false);
    const postId = f.text('post_id', 200, false);
    const at = f.instant('posted_at', true);
    const address = f.address('source_address', true);
    const port = f.port('source_port');
    const account = f.text('account', 256, false);
    if (url === undefined && postId === undefined && f.clean) {
      f.problem('post_url', '', {
        ja: '投稿の URL か投稿ID のどちらかが必要です',
        en: 'a post needs its URL or its post ID',
      });
    }
    if (at === undefined || address === undefined) return undefined;
    const post = url === undefined ? null : canonicalPost(url, postId);
    return {
      post_url: post?.url ?? null,
      post_id: post ? post.postId : (postId ?? null),
      posted_at: at.utc,
      posted_offset: at.offsetMinutes,
      source_address: address,
      source_port: port ?? null,
      account: account ?? null,
    };
  });
}
