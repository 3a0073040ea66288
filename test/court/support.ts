// What the court's tests share: a judge's decline of an application, as the applicant then reads it.
import assert from 'node:assert/strict';
import type { Client } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

/**
 * `judge` declines the application at `path` (its `/v1/…-applications/{id}`): without a reason (`blank`)
 * it is refused naming `reason`; with `reason` it is declined, and `applicant` reads that reason. What
 * the applicant reads.
 */
export async function declinedWithReason<T extends { state: string; declineReason?: string | null }>(
  judge: Client,
  applicant: Client,
  path: string,
  blank: object,
  reason: string,
): Promise<T> {
  const noReason = await judge.call<ApiError>('POST', `${path}/decline`, blank);
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.details?.field, 'reason');
  const d = await judge.call<T>('POST', `${path}/decline`, { reason });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  assert.equal(d.body.state, 'declined');
  const mine = await applicant.call<T>('GET', path);
  assert.equal(mine.body.declineReason, reason);
  return mine.body;
}
