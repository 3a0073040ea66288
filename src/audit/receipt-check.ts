import { verifyConsistency, verifyInclusion } from '../crypto/merkle.ts';
import { type SignedTreeHead, verifyTreeHeadSignature } from '../crypto/tree-head.ts';
import type { PublishedTreeHead } from './audit-service.ts';
import { type ExpectedKey, expectedKeyMatches } from './key-pin.ts';
import type { AuditReceipt } from './receipts.ts';

// Checking a receipt needs no store and no trust in the hub: the receipt's own signature and inclusion
// proof, then the hub's current signed head and its consistency proof from the receipt's size.

export type ReceiptProblem =
  | 'untrusted_key'
  | 'signature_invalid'
  | 'inclusion_invalid'
  | 'current_head_invalid'
  | 'truncated'
  | 'inconsistent';

export type ReceiptCheck =
  | { ok: true; receiptSize: number; currentSize: number }
  | { ok: false; problem: ReceiptProblem; message: { ja: string; en: string } };

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

function fail(problem: ReceiptProblem, size: number, current?: number): ReceiptCheck {
  const m: Record<ReceiptProblem, { ja: string; en: string }> = {
    untrusted_key: {
      ja: '受領証は信頼する監査鍵で署名されていません。',
      en: 'The receipt is not signed by the trusted audit key.',
    },
    signature_invalid: {
      ja: '受領証のツリーヘッドの署名が無効です（偽造または改変）。',
      en: "The signature on the receipt's tree head is invalid (forged or altered).",
    },
    inclusion_invalid: {
      ja: '受領証の項目がそのツリーヘッドに含まれることを証明できません（包含証明が無効）。',
      en: "The receipt's entry is not proven to be in its tree head (the inclusion proof is invalid).",
    },
    current_head_invalid: {
      ja: 'ハブが示した現在のツリーヘッドは、信頼する監査鍵の有効な署名を持ちません。',
      en: 'The current tree head the hub gave is not validly signed by the trusted audit key.',
    },
    truncated: {
      ja: `監査ログが短くなっています: 受領証は大きさ ${size} を示しますが、現在の署名済みログは ${current ?? '?'} 件です。`,
      en:
        `The audit log was truncated: the receipt shows size ${size}, the current signed log has ` +
        `${current ?? '?'} entries.`,
    },
    inconsistent: {
      ja: `現在の監査ログは受領証のログ（大きさ ${size}）の続きではありません（書き換えられています）。`,
      en: `The current audit log does not extend the receipt's log (size ${size}): it was rewritten.`,
    },
  };
  return { ok: false, problem, message: m[problem] };
}

/** Whether a tree head is validly signed by the public key given with it, and that key is trusted. */
function headTrusted(head: SignedTreeHead, publicKey: string, trust: ExpectedKey): ReceiptProblem | null {
  if (!expectedKeyMatches(trust, publicKey)) return 'untrusted_key';
  return verifyTreeHeadSignature(publicKey, head) ? null : 'signature_invalid';
}

/** The receipt on its own: signed by the trusted key, and its entry included in its head. */
export function checkReceipt(receipt: AuditReceipt, trust: ExpectedKey): ReceiptCheck | null {
  const size = receipt.treeHead.size;
  const problem = headTrusted(receipt.treeHead, receipt.publicKey, trust);
  if (problem) return fail(problem, size);
  const proven = verifyInclusion(
    hex(receipt.entry.leafHash),
    receipt.entry.seq - 1,
    size,
    receipt.inclusionProof.map(hex),
    hex(receipt.treeHead.rootHash),
  );
  return proven ? null : fail('inclusion_invalid', size);
}

/** The receipt against the hub's current signed head and the consistency proof from the receipt's size. */
export function checkReceiptAgainst(
  receipt: AuditReceipt,
  trust: ExpectedKey,
  current: PublishedTreeHead & { proof: string[] | null },
): ReceiptCheck {
  const own = checkReceipt(receipt, trust);
  if (own) return own;
  const size = receipt.treeHead.size;
  const now = current.treeHead;
  if (headTrusted(now, current.publicKey, trust)) return fail('current_head_invalid', size);
  if (now.size < size || current.proof === null) return fail('truncated', size, now.size);
  const consistent = verifyConsistency(
    size,
    now.size,
    hex(receipt.treeHead.rootHash),
    hex(now.rootHash),
    current.proof.map(hex),
  );
  return consistent ? { ok: true, receiptSize: size, currentSize: now.size } : fail('inconsistent', size);
}
