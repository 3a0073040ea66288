// The hub's directory log carries what the judge records of an issued disclosure order beside its
// set-aside: the objection suit filed, its end upholding or changing the order, the order final without a
// suit — each with the judge's passkey signature, which verifies against his key in the same log (a changed
// order's with its words, which the log does not publish: only their digest). Records
// made before migration 057 enter the log at its instant, so a log pinned before it is extended.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { changedContentDigestOf, contestSignature } from '../../src/domain/order-contest.ts';
import { checkPinnable, type DirectoryEntry, directoryKeys } from '../../src/domain/pinned-directory.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { ownerSignatureVerifies } from '../../src/domain/verification.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import {
  finalOf,
  orderHubHooks,
  recordOutcome,
  recordSigned,
  standingChangedAtHub,
  suitFiled,
} from '../support/disclosure-order.ts';

for (const dialect of testDialects()) {
  describe(`the directory log carries an order's suit and finality (${dialect})`, () => {
    let now = Date.now();
    const { hub, judge, signInAgain, at, issued } = orderHubHooks(dialect, () => new Date(now));

    const exported = () => run(hub.ctx, exportDirectory, SYSTEM_CALLER);
    const entryOf = async (type: DirectoryEntry['type'], id: string) => {
      const dir = await exported();
      const e = dir.entries.find((x) => x.type === type && 'orderId' in x && x.orderId === id);
      return { dir, e };
    };

    test('migration 057: a filing recorded before it enters the log after the pinned head', async () => {
      const app = await issued('7903');
      await suitFiled(judge, app.id, { filedAt: at(), by: 'provider', caseNumber: 'ワ8' });
      // As recorded before 057 (first in this hub: no other record of a suit is logged yet).
      await standingChangedAtHub(hub, app.id, { objection_logged_at: null });
      const pinned = await exported();
      assert.ok(!pinned.entries.some((x) => x.type === 'order.objection_filed'), 'not logged before 057');
      await undoMigration(hub.ctx.store, '057-order-contest-log');
      assert.deepEqual(await migrate(hub.ctx.store), ['057-order-contest-log']);
      now = Math.max(now, Date.now()) + 1000;
      const { dir, e } = await entryOf('order.objection_filed', app.id);
      assert.ok(e && e.type === 'order.objection_filed', 'logged by the migration');
      assert.equal(
        checkPinnable(dir, () => pinned),
        null,
        'the pinned log is extended, not rewritten',
      );
      assert.equal(contestSignature(e, directoryKeys(dir), true, ownerSignatureVerifies), 'verified');
    });
    test('filed and changed: both signed entries verify; the changed part is what the judge signed', async () => {
      const app = await issued('7901');
      await suitFiled(judge, app.id, { filedAt: at(), by: 'claimant', caseNumber: 'ワ9' });
      const changedContent = '相手方は申立人に対し氏名を開示せよ。';
      const body = { outcome: 'changed', decidedAt: at(), reason: '一部変更する。', changedContent };
      const changed = await recordOutcome(judge, app.id, body);
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const { dir, e } = await entryOf('order.objection_decided', app.id);
      assert.ok(e && e.type === 'order.objection_decided', 'the outcome is in the log');
      assert.equal(e.outcome, 'changed');
      // Not public: the log carries the digest of the operative part as changed, never its words.
      const digest = changedContentDigestOf(changedContent);
      assert.equal(e.changedContentSha256, digest);
      assert.ok(!JSON.stringify(dir).includes(changedContent), 'the words are nowhere in the log');
      const keys = directoryKeys(dir);
      const words = new Map([[digest, changedContent]]);
      assert.equal(contestSignature(e, keys, true, ownerSignatureVerifies), 'text_missing', 'not without the words');
      assert.equal(contestSignature(e, keys, true, ownerSignatureVerifies, words), 'verified');
      const other = new Map([[digest, '相手方は申立人に対し住所を開示せよ。']]);
      assert.equal(contestSignature(e, keys, true, ownerSignatureVerifies, other), 'failed', 'other words');
      const upheld = { ...e, outcome: 'upheld' as const };
      assert.equal(contestSignature(upheld, keys, true, ownerSignatureVerifies, words), 'failed');
      const suit = dir.entries.find((x) => x.type === 'order.objection_filed' && x.orderId === app.id);
      assert.ok(suit && suit.type === 'order.objection_filed');
      assert.equal(contestSignature(suit, keys, true, ownerSignatureVerifies), 'verified');
      assert.ok(!dir.entries.some((x) => x.type === 'order.final' && x.orderId === app.id), 'final by its outcome');
    });

    test('final without a suit: a signed entry that verifies', async () => {
      const app = await issued('7902');
      now += 32 * DAY_MS;
      await signInAgain();
      const final = await recordSigned(judge, app.id, 'final', finalOf(app, at(-60_000)));
      assert.equal(final.status, 200, JSON.stringify(final.body));
      const { dir, e } = await entryOf('order.final', app.id);
      assert.ok(e && e.type === 'order.final', 'finality is in the log');
      assert.equal(contestSignature(e, directoryKeys(dir), true, ownerSignatureVerifies), 'verified');
      assert.equal(
        contestSignature({ ...e, finalAt: at(-120_000) }, directoryKeys(dir), true, ownerSignatureVerifies),
        'failed',
      );
    });
  });
}
