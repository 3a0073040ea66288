import assert from 'node:assert/strict';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import type { RetentionMode } from '../../src/domain/vocabulary.ts';
import { type RetentionOutcome, runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { Dialect } from './dialects.ts';
import { hubWithHooks } from './exchange.ts';
import { transition } from './flow.ts';

/**
 * A hub for the tests of one `describe` with the investigator (sato), his unit head (tanaka) and the
 * board's legal officer signed in, on a clock that `retained` moves on: sato closes the inquiry `id`, the
 * inquiries' period is set to a day in `mode`, two days pass and retention runs. What retention did to it
 * (asserted done).
 */
export function retentionHooks(dialect: Dialect) {
  let now = Date.now();
  const h = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal'], { clock: () => new Date(now) });
  const [sato, tanaka, board] = h.people;
  return {
    hub: h.hub,
    orgs: h.orgs,
    sato,
    tanaka,
    board,
    async retained(id: string, mode: RetentionMode): Promise<RetentionOutcome> {
      await transition(sato, id, { action: 'close' });
      await run(h.hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode });
      now += 2 * DAY_MS;
      await h.signInAgain();
      const r = await runRetention(h.hub.ctx, SYSTEM_CALLER);
      return r.applied.find((a) => a.requestId === id) ?? assert.fail(`retention handled ${id}`);
    },
  };
}
