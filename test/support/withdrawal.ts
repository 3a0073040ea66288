// The office's withdrawal of a request as its people make it on the request's page: the preview fixes the
// instant and gives the digest, the withdrawing person's passkey signs it, the withdrawal carries both.
import assert from 'node:assert/strict';
import { type Client, passkeyAssertion } from './exchange.ts';
import { transition } from './flow.ts';
import type { RequestDetail } from './replies.ts';

/** What the withdrawal preview gives: the canonical payload, its digest, the passkey to sign with, the instant. */
export interface WithdrawalPreview {
  canonical: string;
  digest: string;
  withdrawnAt: string;
  passkey: { credentialId: string } | null;
}

/** The preview of `c`'s withdrawal of `id` for `reason`, asserted given. */
export async function withdrawalPreview(c: Client, id: string, reason: string): Promise<WithdrawalPreview> {
  const r = await c.call<WithdrawalPreview>('POST', `/v1/requests/${id}/withdrawal-preview`, { reason });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** `c` withdraws `id` for `reason`, signed with their passkey over the preview's digest: the request after it. */
export async function signedWithdrawal(c: Client, id: string, reason: string): Promise<RequestDetail> {
  const p = await withdrawalPreview(c, id, reason);
  const assertion = passkeyAssertion(c, p.digest);
  return transition(c, id, { action: 'withdraw', reason, withdrawnAt: p.withdrawnAt, assertion });
}
