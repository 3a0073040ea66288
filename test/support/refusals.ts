// The refusal a piece of work throws, for a test that reads its code, words and details.
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';

/** The DomainError `act` throws; anything else thrown, or nothing, fails the test. */
export function refusal(act: () => unknown): DomainError {
  try {
    act();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  return assert.fail('not refused');
}
