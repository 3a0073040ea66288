import { formatHostPort } from '../net/address.ts';
import { DomainError } from './errors.ts';
import { parseInstant } from './instant.ts';
import type { Target } from './targets.ts';

/**
 * A target's instant later than now: nothing was recorded then, and a mistyped year or month
 * (2036 for 2026) names whoever holds the address on that other day — the classic way of naming
 * the wrong subscriber. Refused at drafting, at submission and again at approval (the hub's clock),
 * with this much allowed for the drafter's clock running ahead of the hub's; a provider's own
 * installation allows the same against the request's signed issue time (./agent-intake.ts).
 */
export const TARGET_CLOCK_SKEW_MS = 5 * 60_000;

/** The instants a target names, with the field each is at (an address's `at`, a terminal's period). */
function instantsOf(t: Target): Array<{ key: string; value: string }> {
  if (t.type === 'ip') return [{ key: 'at', value: t.at }];
  if (t.type === 'terminal') {
    return [
      { key: 'from', value: t.from },
      { key: 'to', value: t.to },
    ];
  }
  return [];
}

/** The target in words: its number and its identifier (the address and port, the terminal). */
function named(t: Target, i: number): { ja: string; en: string } {
  if (t.type === 'ip') {
    const host = formatHostPort(t.address, t.port);
    return { ja: `対象 ${i + 1}（IP アドレス ${host}）`, en: `target ${i + 1} (IP address ${host})` };
  }
  if (t.type === 'terminal')
    return { ja: `対象 ${i + 1}（端末 ${t.terminal}）`, en: `target ${i + 1} (terminal ${t.terminal})` };
  return { ja: `対象 ${i + 1}`, en: `target ${i + 1}` };
}

/** What a target's time is compared with: the clock (drafting, approval) or a request's signed issue time. */
export type TargetTimeReference = 'now' | 'issued';

/** The sentence saying a target's time is too late, against `reference` at `at`. */
function tooLate(who: { ja: string; en: string }, value: string, reference: TargetTimeReference, at: string) {
  if (reference === 'issued') {
    return {
      ja:
        `${who.ja}の日時（${value}）が要請の発出（${at}）より後（未来）です。まだ記録のない日時では、` +
        '別の日の利用者を特定してしまいます',
      en:
        `${who.en}: its time (${value}) is later than the request was issued (${at}). Nothing was recorded ` +
        "then, and another day's user would be named",
    };
  }
  return {
    ja:
      `${who.ja}の日時（${value}）が現在より後（未来）です。まだ記録のない日時では、別の日の利用者を` +
      `特定してしまいます。年・月・日の打ち間違いがないか確かめてください`,
    en:
      `${who.en}: its time (${value}) is later than now. Nothing was recorded then, and another ` +
      `day's user would be named: check the year, month and day`,
  };
}

/**
 * The refusal of the first target whose instant is later than `now` by more than the allowed clock
 * skew (VALIDATION_FAILED naming `targets.N.at` / `.from` / `.to` and the value), or undefined. With
 * `reference` 'issued', `now` is a signed request's issue time and the words say so (a provider's intake).
 */
export function futureTargetProblem(
  targets: readonly Target[],
  now: Date,
  reference: TargetTimeReference = 'now',
): DomainError | undefined {
  const limit = now.getTime() + TARGET_CLOCK_SKEW_MS;
  for (const [i, t] of targets.entries()) {
    for (const { key, value } of instantsOf(t)) {
      const field = `targets.${i}.${key}`;
      if (parseInstant(value, field).epochMs <= limit) continue;
      const words = tooLate(named(t, i), value, reference, now.toISOString());
      return new DomainError('VALIDATION_FAILED', words, { field, value, now: now.toISOString() });
    }
  }
  return undefined;
}
