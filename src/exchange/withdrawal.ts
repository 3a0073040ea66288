import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical.ts';
import { type AssertionInput, checkAssertion, ownPasskey } from '../directory/credentials.ts';
import { findUsers } from '../directory/directory.repository.ts';
import { currentKey, toPublicKey } from '../directory/key.repository.ts';
import { loggedKey, signedLog } from '../directory/published-log.ts';
import { signedDirectory } from '../directory/transparency.ts';
import type { Principal } from '../domain/access.ts';
import { packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import { nextState } from '../domain/lifecycle.ts';
import type { SigningPreview } from '../domain/owner-signature.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { ownerSignatureVerifies } from '../domain/verification.ts';
import {
  WITHDRAWAL_SIGNING_WINDOW_MS,
  type WithdrawalSignature,
  type WithdrawalVerdict,
  withdrawalDigest,
  withdrawalPayload,
  withdrawalVerdict,
} from '../domain/withdrawal-signature.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestKindOf, requestStateOf } from '../store/stored-values.ts';
import { loadVisible, refuseAction } from './requests.ts';

// The office's withdrawal of a request, signed with the withdrawing person's own passkey (../domain/
// withdrawal-signature.ts): the preview fixes the instant and gives the digest to sign; the withdrawal
// carries the assertion, which the hub checks against that person's current signing credential (a key of
// the directory log, so the provider's installation finds it in its pin) and stores with the reason as
// signed. A withdrawal is never blocked for want of a passkey: without an assertion it is recorded unsigned
// and reads so everywhere. What the hub shows of it is checked again on every read, never a stored verdict.

/** The reason of a withdrawal, as both its preview and the move read it: the signed digest covers it as read. */
export const WithdrawalReason = z.string().trim().min(1).max(10000);
export const WithdrawalPreviewInput = z.strictObject({ reason: WithdrawalReason });

/** The preview of a withdrawal: what is signed, its digest, the passkey to sign with, and the instant fixed. */
export type WithdrawalPreview = SigningPreview & { withdrawnAt: string };

/** Refuses a withdrawal of `row` now in the words the move itself would use (its state, then its taker). */
function requireMayWithdraw(p: Principal, row: RequestRow): void {
  nextState(requestKindOf(row), requestStateOf(row), 'withdraw');
  refuseAction(p, row, 'withdraw', false);
}

/** What the withdrawing person is about to sign: nothing is recorded. */
export async function withdrawalPreview(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WithdrawalPreview> {
  const { row } = await loadVisible(uow.tx, p, id, uow.now);
  requireMayWithdraw(p, row);
  const { reason } = parseOrThrow(WithdrawalPreviewInput, raw);
  const withdrawnAt = uow.now.toISOString();
  const payload = withdrawalPayload(row.id, reason, withdrawnAt);
  return {
    canonical: canonicalJson(payload),
    digest: withdrawalDigest(payload),
    passkey: await ownPasskey(uow, p),
    withdrawnAt,
  };
}

const refused = (field: string, ja: string, en: string, value?: string) =>
  new DomainError('VALIDATION_FAILED', { ja, en }, value === undefined ? { field } : { field, value });

/**
 * The withdrawal's columns: signed when it carries an assertion (over the preview's instant, still within
 * its window, by the person's current signing credential, verifying as a provider will check it), else
 * unsigned at this instant. A bad signature is refused, never recorded as unsigned.
 */
export async function withdrawalColumns(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  input: { reason: string; withdrawnAt?: string | undefined; assertion?: AssertionInput | undefined },
): Promise<Partial<RequestRow>> {
  const unsigned = { withdrawal_reason: input.reason, withdrawn_by: p.id, withdrawal_key_id: null };
  if (!input.assertion) {
    if (input.withdrawnAt !== undefined) {
      throw refused(
        'assertion',
        'この日時には認証器の署名が必要です',
        'a withdrawal time goes with a passkey signature',
      );
    }
    return { ...unsigned, withdrawal_at: uow.now.toISOString(), withdrawal_signature: null };
  }
  if (input.withdrawnAt === undefined) {
    throw refused('withdrawnAt', 'プレビューの日時を指定してください', 'give the instant the preview fixed');
  }
  const at = new Date(input.withdrawnAt);
  const age = uow.now.getTime() - at.getTime();
  if (age < 0 || age > WITHDRAWAL_SIGNING_WINDOW_MS) {
    throw refused(
      'withdrawnAt',
      '署名した取下げの日時が古いか未来です。取下げの内容を確認し直して署名してください',
      'the signed withdrawal is stale or dated ahead: review it again and sign',
      input.withdrawnAt,
    );
  }
  const withdrawnAt = at.toISOString();
  const own = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  if (!own?.credential_id) {
    throw new DomainError(
      'KEY_UNKNOWN',
      { ja: 'あなたの認証器（パスキー）は登録されていません', en: 'you have no registered passkey to sign with' },
      { field: 'assertion' },
    );
  }
  const digest = withdrawalDigest(withdrawalPayload(row.id, input.reason, withdrawnAt));
  const signature = packOwnerSignature(await checkAssertion(uow, own, digest, input.assertion));
  const signed: WithdrawalSignature = { keyId: own.id, signature };
  // As the provider will check it: a key registered after the preview's instant does not count.
  if (withdrawalVerdictOf(row, toPublicKey(own), input.reason, withdrawnAt, signed, uow.now) !== 'verified') {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '取下げの署名を確認できません。取下げの内容を確認し直して署名してください',
        en: 'the withdrawal signature does not verify: review it again and sign',
      },
      { field: 'assertion' },
    );
  }
  // The key enters the directory log's next head now (an investigator's passkey may be new), so the hub's
  // own check below, against the log it signed, shows it as a provider's pin will.
  await signedDirectory(uow);
  return {
    ...unsigned,
    withdrawal_at: withdrawnAt,
    withdrawal_key_id: own.id,
    withdrawal_signature: signature,
  };
}

function withdrawalVerdictOf(
  row: RequestRow,
  key: PublicKeyRecord | undefined,
  reason: string,
  at: string,
  signature: WithdrawalSignature | null,
  now: Date,
): WithdrawalVerdict {
  const on = {
    requestId: row.id,
    agencyOrganisationId: row.agency_organisation_id,
    issuedAt: row.issued_at,
    now: now.toISOString(),
  };
  return withdrawalVerdict({ reason, at, signature }, key, on, ownerSignatureVerifies);
}

/** The office's withdrawal as a request's reader sees it, with its signature checked now. */
export interface WithdrawalView {
  reason: string;
  at: string;
  by: { id: string; displayName: string } | null;
  signature: WithdrawalSignature | null;
  /**
   * Checked on this read against the key as the hub's signed directory log shows it (as a provider's pin
   * does): `not_in_log` when that log does not show the key (a key row written outside it), never verified.
   */
  verdict: 'verified' | 'failed' | 'unsigned' | 'not_in_log';
}

/** The office's withdrawal of `row`, or null (not withdrawn by its office, or before 058). */
export async function withdrawalOf(uow: UnitOfWork, row: RequestRow): Promise<WithdrawalView | null> {
  if (!row.withdrawal_reason || !row.withdrawal_at) return null;
  const signature =
    row.withdrawal_key_id && row.withdrawal_signature
      ? { keyId: row.withdrawal_key_id, signature: row.withdrawal_signature }
      : null;
  const key = signature ? await loggedKey(uow, await signedLog(uow), signature.keyId) : undefined;
  const reason = row.withdrawal_reason;
  const verdict = withdrawalVerdictOf(row, key, reason, row.withdrawal_at, signature, uow.now);
  const [user] = row.withdrawn_by ? await findUsers(uow.tx, [row.withdrawn_by]) : [];
  return {
    reason,
    at: row.withdrawal_at,
    by: user ? { id: user.id, displayName: user.display_name } : null,
    signature,
    verdict: verdict === 'key_unknown' ? 'not_in_log' : verdict,
  };
}
