/** Every problem the audit verifier can name, and how it names it to people (Japanese and English). */
export type AuditProblem =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'sequence_gap'
  | 'sequence_reordered'
  | 'checkpoint_mismatch'
  | 'checkpoint_signature_invalid'
  | 'checkpoint_beyond_end'
  | 'unknown_checkpoint_key'
  | 'tree_node_mismatch'
  | 'tree_head_mismatch'
  | 'tree_head_signature_invalid'
  | 'untrusted_tree_head_key'
  | 'tree_head_beyond_end'
  | 'tree_head_missing'
  | 'head_mismatch'
  | 'unsigned_tail';

export type AuditProblemReport = {
  seq: number;
  problem: AuditProblem;
  expected?: string;
  found?: string;
  message: { ja: string; en: string };
};

export function auditProblem(
  seq: number,
  problem: AuditProblem,
  expected?: string,
  found?: string,
): AuditProblemReport {
  const out: AuditProblemReport = { seq, problem, message: messageFor(problem, seq, expected, found) };
  if (expected !== undefined) out.expected = expected;
  if (found !== undefined) out.found = found;
  return out;
}

function messageFor(problem: AuditProblem, seq: number, expected?: string, found?: string): { ja: string; en: string } {
  switch (problem) {
    case 'hash_mismatch':
      return {
        ja: `監査ログ項目 ${seq} の内容が改変されています（ハッシュ不一致）。`,
        en: `Audit entry ${seq} has been altered (its hash does not match its content).`,
      };
    case 'prev_hash_mismatch':
      return {
        ja: `監査ログ項目 ${seq} が直前の項目とつながっていません（直前の項目が改変・削除・差替えされた可能性）。`,
        en:
          `Audit entry ${seq} does not link to the entry before ` +
          `it (the previous entry was altered, removed or replaced).`,
      };
    case 'sequence_gap':
      return {
        ja: `監査ログ項目 ${expected ?? seq} が欠落しています（次に見つかったのは ${found ?? '?'}）。`,
        en: `Audit entry ${expected ?? seq} is missing (the next entry found is ${found ?? '?'}).`,
      };
    case 'sequence_reordered':
      return {
        ja: `監査ログの順序が入れ替わっています（${expected ?? seq} の位置に ${found ?? '?'}）。`,
        en: `Audit entries are out of order (found ${found ?? '?'} where ${expected ?? seq} was expected).`,
      };
    case 'checkpoint_mismatch':
      return {
        ja: `署名済みチェックポイント ${seq} と監査ログの内容が一致しません（ログが改変または再計算されています）。`,
        en: `Signed checkpoint ${seq} does not match the log (the log was altered or recomputed).`,
      };
    case 'checkpoint_signature_invalid':
      return {
        ja: `チェックポイント ${seq} の署名が無効です（偽造または改変）。`,
        en: `The signature on checkpoint ${seq} is invalid (forged or altered).`,
      };
    case 'checkpoint_beyond_end':
      return {
        ja: `チェックポイント ${seq} がログの末尾（${found ?? '?'}）より先にあります（ログ末尾が削除されています）。`,
        en: `Checkpoint ${seq} lies beyond the end of the log (last entry ${found ?? '?'}): the tail was truncated.`,
      };
    case 'unknown_checkpoint_key':
      return {
        ja: `チェックポイント ${seq} の署名鍵 ${found ?? '?'} は信頼する監査鍵ではありません（鍵ディレクトリにない、または固定した鍵と異なる）。`,
        en:
          `Checkpoint ${seq} is signed with key ${found ?? '?'}, which is not ` +
          `a trusted audit key (not in the directory, or not the pinned key).`,
      };
    case 'tree_node_mismatch':
      return {
        ja: `ログの大きさ ${seq} で保存されたマークル木の節点が、項目から再計算したものと一致しません（節点表が改変されています）。`,
        en:
          `The Merkle tree node stored at log size ${seq} does not match ` +
          `the one recomputed from the entries (the node table was altered).`,
      };
    case 'tree_head_mismatch':
      return {
        ja: `大きさ ${seq} の署名済みツリーヘッドと監査ログが一致しません（それ以前の項目が改変または再計算されています）。`,
        en:
          `The signed tree head of size ${seq} does not match ` +
          `the log (entries before it were altered or recomputed).`,
      };
    case 'tree_head_signature_invalid':
      return {
        ja: `大きさ ${seq} のツリーヘッドの署名が無効です（偽造または改変）。`,
        en: `The signature on the tree head of size ${seq} is invalid (forged or altered).`,
      };
    case 'untrusted_tree_head_key':
      return {
        ja: `大きさ ${seq} のツリーヘッドは、固定した監査鍵ではない鍵 ${found ?? '?'} で署名されています（データベースに追加された鍵は信頼しません）。`,
        en:
          `The tree head of size ${seq} is signed with key ${found ?? '?'}, which ` +
          `is not the pinned audit key (a key added to the database is not trusted).`,
      };
    case 'tree_head_beyond_end':
      return {
        ja: `大きさ ${seq} の署名済みツリーヘッドがありますが、ログには ${found ?? '?'} 件しかありません（末尾が削除されています）。`,
        en:
          `A signed tree head of size ${seq} exists but the log ` +
          `holds only ${found ?? '?'} entries: the tail was truncated.`,
      };
    case 'tree_head_missing':
      return {
        ja: `保存された先頭は大きさ ${expected ?? '?'} で署名したと記録していますが、最新の署名済みツリーヘッドは ${found ?? '?'} です（ツリーヘッドが削除されています）。`,
        en:
          `The stored head records a tree head signed at size ${expected ?? '?'}, ` +
          `but the latest signed tree head is ${found ?? '?'}: tree heads were deleted.`,
      };
    case 'head_mismatch':
      return {
        ja: `保存された先頭（${found ?? '?'}）が、項目から再計算した先頭（${expected ?? '?'}）と一致しません（末尾の項目が削除・改変されています）。`,
        en:
          `The stored head (${found ?? '?'}) does not match the head recomputed from ` +
          `the entries (${expected ?? '?'}): entries at the end were removed or altered.`,
      };
    case 'unsigned_tail':
      return {
        ja:
          `最新の署名済みツリーヘッド（大きさ ${found ?? '?'}）の後に ${seq - Number(found ?? 0)} 件の未署名の項目があります` +
          `（上限 ${expected ?? '?'} 件）。署名済みツリーヘッドが削除され、ログが再計算された可能性があります。`,
        en:
          `${seq - Number(found ?? 0)} entries follow the latest signed tree head (size ${found ?? '?'}); ` +
          `at most ${expected ?? '?'} may. Signed tree heads were deleted and the log recomputed.`,
      };
  }
}
