// A first pin's entries are dated as an extension's are (./pin-extension.test.ts): in the log's order, none
// later than the clock here, each an ISO instant with its offset. A person pinning a hub's log compares its
// head out of band, but not the dates of its entries; a log validly signed by the hub with an entry dated back,
// ahead or in no readable form is refused in words naming the entry, and nothing is pinned. A first pin still
// records no instant of its own (src/directory/first-pinned.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pinnedDirectory } from '../../src/agent/intake.ts';
import { firstPinnedSpans } from '../../src/directory/first-pinned.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { type DirectoryExport, signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { startAgent, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';

const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`a first pin's entries are checked for time order (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    before(async () => {
      hub = await startHub(dialect);
      agent = await startAgent(hub, dialect, DEMO_ORGS.board);
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /** The hub's log with entry `index` dated `at`, signed again by the hub. */
    const redated = async (index: number, at: (entries: DirectoryExport['entries']) => string) => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const entries = d.entries.map((e, i) => (i === index ? { ...e, at: at(d.entries) } : e));
      const signer = hub.ctx.auditSigner;
      return { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
    };
    const refusedAs = async (log: DirectoryExport, entry: number) => {
      const err = await run(agent.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(log))).then(
        () => assert.fail('pinned'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof DomainError, String(err));
      assert.equal(err.details?.reason, 'entry_time');
      assert.equal(err.details?.entry, entry);
      assert.match(err.messages.en, /an entry of the directory \(first pinned, or appended\) is dated \(at\)/);
      assert.match(err.messages.ja, /初めて固定するもの・追記されたもの）の日時（at）が、前の項目より前か/);
      assert.equal(await inTransaction(agent.ctx, pinnedDirectory), undefined, 'nothing pinned');
    };

    test('an entry dated before the one before it: refused', async () => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const last = d.entries.length - 1;
      await refusedAs(
        await redated(last, (es) => new Date(Date.parse(es[0]?.at ?? '') - 365 * DAY).toISOString()),
        last + 1,
      );
    });

    test('an entry dated ahead of the clock here: refused', async () => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const last = d.entries.length - 1;
      await refusedAs(await redated(last, () => new Date(Date.now() + DAY).toISOString()), last + 1);
    });

    test('an entry dated without its offset, or not a date: refused', async () => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const last = d.entries.length - 1;
      await refusedAs(await redated(last, (es) => (es[last]?.at ?? '').replace(/Z$/, '')), last + 1);
      await refusedAs(await redated(last, () => 'yesterday'), last + 1);
    });

    test("the hub's log as it is: pinned, with no instant of its own recorded", async () => {
      await agent.pin();
      assert.ok(await inTransaction(agent.ctx, pinnedDirectory));
      assert.deepEqual(await firstPinnedSpans(agent.ctx.store.db), []);
    });
  });
}
