// The agent's pin is brought up to the hub's current log before a pull verifies a new envelope, so a
// key revoked after the last pin counts without anyone pinning again; a hub whose log does not extend
// the pin gets nothing taken in that cycle (recorded, shown, audited once); and the directory is
// fetched once a cycle, only when there is something new to verify.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest, listRefusals } from '../../src/agent/agent.repository.ts';
import { pinnedDirectory } from '../../src/agent/intake.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { agentStatus } from '../../src/agent/status.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { statusPage } from '../../src/agent/web-pages.ts';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { revokeKey } from '../../src/directory/keys.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { startAgent, type TestAgent } from '../support/agent.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { issuedEnvelope, signedByUnit } from '../support/envelopes.ts';
import { startHub, type TestHub } from '../support/exchange.ts';
import { issue, threatPostInquiry } from '../support/flow.ts';

const BOARD = 'Sakura Board K.K.';

for (const dialect of testDialects()) {
  describe(`the pull extends the pin before it verifies (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    /** How many times the agent fetched the hub's directory. */
    let fetched = 0;
    /** While set, the hub serves a log that rewrites its past (signed with its own key). */
    let rewriting = false;
    /** While set, the hub serves something that is no directory export at all. */
    let malformed = false;
    /** While set, the hub appends a new approver key to its log, dated a year back. */
    let backdating = false;

    /** The hub's log with a key appended, dated a year back, signed by the hub: it grows, out of order. */
    const backdated = async () => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const model = d.entries.find((e) => e.type === 'key' && e.ownerType === 'user') ?? assert.fail('a key');
      const { publicKey } = generateSigningKeyPair();
      const at = new Date(now().getTime() - 365 * 86_400_000).toISOString();
      const added = { ...model, id: 'key_backdated', publicKey, fingerprint: keyFingerprint(publicKey), at };
      const entries = [...d.entries, added];
      const signer = hub.ctx.auditSigner;
      return { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
    };
    /** The hub's log without its first entry, signed again by the hub: validly signed, not an extension. */
    const rewritten = async () => {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const entries = d.entries.slice(1);
      const signer = hub.ctx.auditSigner;
      return { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
    };
    const watching =
      (f: Fetch): Fetch =>
      async (input, init) => {
        const req = input instanceof Request ? input : new Request(input, init);
        if (new URL(req.url).pathname !== '/v1/directory/export') return f(req);
        fetched++;
        if (malformed) return Response.json({ format: 'shokai-directory/v1', entries: 'none' });
        if (backdating) return Response.json(await backdated());
        return rewriting ? Response.json(await rewritten()) : f(req);
      };
    const pull = () => pullOnce(agent.ctx, agent.link({}, watching), agent.organisationId);
    const newRequest = async (ref: string) =>
      (await issue(await hub.as('sato'), await hub.as('tanaka'), threatPostInquiry(agent.organisationId, ref))).id;
    const audits = async (action: string) => (await auditEntries(agent.ctx.store.db, action)).length;
    const pinRefusedAudits = () => audits('agent.pin_refused');
    /** The pin as stored, with the instant it was written. */
    const storedPin = () =>
      agent.ctx.store.db
        .selectFrom('installation_settings')
        .select(['value', 'set_at'])
        .where('key', '=', 'directory.pinned')
        .executeTakeFirstOrThrow();

    before(async () => {
      hub = await startHub(dialect, { clock: now });
      agent = await startAgent(hub, dialect, BOARD, now);
      await agent.pin();
      offset += 1000;
      await pull(); // the demo's open requests
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    test('one directory fetch a cycle, and none when nothing is new', async () => {
      fetched = 0;
      const idle = await pull();
      assert.equal(idle.stored.length, 0);
      assert.equal(fetched, 0, 'nothing new: the directory is not fetched');
      const a = await newRequest('PIN-1');
      const b = await newRequest('PIN-2');
      offset += 1000;
      const s = await pull();
      assert.deepEqual([...s.stored].sort(), [a, b].sort());
      assert.equal(s.directoryRefreshed, true);
      assert.equal(fetched, 1, 'two new envelopes, one directory fetch');
      const confirmed = (await run(agent.ctx, agentStatus, SYSTEM_CALLER)).pin?.confirmedAt ?? '';
      assert.ok(Date.parse(confirmed) >= Date.parse(now().toISOString()) - 1000, 'the pin is the hub’s log as of now');
    });

    const logNotGrownTitle =
      'a log that has not grown: the pin is confirmed, not rewritten, no audit entry; the status says when';
    test(logNotGrownTitle, async () => {
      const pinned = await storedPin();
      const entries = await audits('directory.pinned');
      const id = await newRequest('PIN-SAME');
      offset += 1000;
      const from = now().toISOString();
      fetched = 0;
      const s = await pull();
      assert.deepEqual(s.stored, [id]);
      assert.equal(fetched, 1, 'the hub is still asked');
      assert.equal(s.directoryRefreshed, true, 'the pin is as new as the hub’s log');
      assert.deepEqual(await storedPin(), pinned, 'the pin is not rewritten');
      assert.equal(await audits('directory.pinned'), entries, 'no audit entry for a log that did not grow');
      const status = await run(agent.ctx, agentStatus, SYSTEM_CALLER);
      const confirmedAt = status.pin?.confirmedAt ?? assert.fail('confirmed');
      assert.ok(confirmedAt >= from, `${confirmedAt} is this pull's`);
      assert.equal(status.pin?.headAt, (await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow)))?.head.at);
      for (const [lang, words] of [
        ['ja', 'ハブの最新と最後に確認した時点'],
        ['en', 'Last confirmed as the hub'],
      ] as const) {
        const html = statusPage(lang, status, null);
        assert.ok(html.includes(words), html);
        assert.ok(!html.includes(lang === 'ja' ? 'まだハブの最新と確認していません' : 'Not yet confirmed'), html);
      }
    });

    test('a log that does not extend the pin: nothing new is taken in, said and audited once', async () => {
      const before = await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow));
      const id = await newRequest('PIN-3');
      offset += 1000;
      rewriting = true;
      const s = await pull();
      assert.equal(s.pinRefused, 'rewritten');
      assert.equal(s.held, 1);
      assert.deepEqual(s.stored, []);
      assert.deepEqual(s.refused, [], 'the envelope is not refused: it is not verified at all');
      assert.equal(await findAgentRequest(agent.ctx.store.db, id), undefined);
      assert.ok(!(await listRefusals(agent.ctx.store.db, 100)).some((r) => r.request_id === id));
      const pinned = await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow));
      assert.equal(pinned?.head.rootHash, before?.head.rootHash, 'the pin stands');
      assert.equal(await pinRefusedAudits(), 1);
      // Where people see it: the status page, in their language.
      const status = await run(agent.ctx, agentStatus, SYSTEM_CALLER);
      assert.equal(status.pinRefused?.reason, 'rewritten');
      const since = status.pinRefused?.since;
      for (const lang of ['ja', 'en'] as const) {
        const html = statusPage(lang, status, null);
        assert.ok(html.includes('id="pin-refused"'));
        assert.ok(html.includes(lang === 'ja' ? '書き換えています' : 'rewrites the pinned one'), html);
      }
      // The next cycle tries again (one fetch), still refused: no second audit entry while it lasts.
      offset += 1000;
      fetched = 0;
      const again = await pull();
      assert.equal(again.pinRefused, 'rewritten');
      assert.equal(fetched, 1);
      assert.equal(await pinRefusedAudits(), 1);
      assert.equal((await run(agent.ctx, agentStatus, SYSTEM_CALLER)).pinRefused?.since, since);
      // The hub's log extends the pin again: the request is taken in and the refusal is over.
      rewriting = false;
      offset += 1000;
      const cured = await pull();
      assert.deepEqual(cured.stored, [id]);
      assert.equal(cured.pinRefused, null);
      assert.equal((await run(agent.ctx, agentStatus, SYSTEM_CALLER)).pinRefused, null);
    });

    test('what is no directory export at all is refused as malformed; the next good log cures it', async () => {
      const id = await newRequest('PIN-MALFORMED');
      offset += 1000;
      malformed = true;
      const s = await pull();
      assert.equal(s.pinRefused, 'malformed');
      assert.deepEqual(s.stored, []);
      assert.equal((await run(agent.ctx, agentStatus, SYSTEM_CALLER)).pinRefused?.reason, 'malformed');
      malformed = false;
      offset += 1000;
      const cured = await pull();
      assert.ok(cured.stored.includes(id), JSON.stringify(cured));
      assert.equal(cured.pinRefused, null);
    });

    test('a key appended dated a year back: the log is refused, the key never pinned, said in words', async () => {
      const before = await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow));
      const id = await newRequest('PIN-BACKDATED');
      offset += 1000;
      backdating = true;
      const s = await pull();
      backdating = false;
      assert.equal(s.pinRefused, 'entry_time');
      assert.deepEqual(s.stored, []);
      const pinned = await inTransaction(agent.ctx, (uow) => pinnedDirectory(uow));
      assert.equal(pinned?.head.rootHash, before?.head.rootHash, 'the pin stands');
      assert.ok(!pinned?.entries.some((e) => e.type === 'key' && e.id === 'key_backdated'), 'never pinned');
      const status = await run(agent.ctx, agentStatus, SYSTEM_CALLER);
      for (const lang of ['ja', 'en'] as const) {
        const html = statusPage(lang, status, null);
        assert.ok(html.includes(lang === 'ja' ? '前の項目より前か' : 'dated (at) before the entry before it'), html);
      }
      // The hub's genuine log extends the pin: the request is taken in.
      offset += 1000;
      const cured = await pull();
      assert.deepEqual(cured.stored, [id]);
      assert.equal(cured.pinRefused, null);
    });

    test('a key revoked as compromised after the pin: its envelope is refused on the next pull', async () => {
      const id = await newRequest('PIN-4');
      const genuine = await issuedEnvelope(hub, id);
      const unitKey = genuine.signatures.unit.keyId;
      offset += 1000;
      await agent.pin();
      // The lying hub (or whoever holds the stolen key) signs the request again, after the revocation.
      const later = new Date(now().getTime() + 120_000).toISOString();
      const resigned = await signedByUnit(hub, { ...genuine.payload, issuedAt: later });
      assert.equal(resigned.signatures.unit.keyId, unitKey);
      offset += 60_000;
      await run(hub.ctx, revokeKey, SYSTEM_CALLER, unitKey, { reason: 'compromised' });
      offset += 120_000;
      await hub.ctx.store.db
        .updateTable('requests')
        .set({ envelope: JSON.stringify(resigned) })
        .where('id', '=', id)
        .execute();
      // Nobody pins again: the pull does before it verifies (the log grew: pinned, and audited).
      const pinnedAudits = await audits('directory.pinned');
      const s = await pull();
      assert.equal(s.directoryRefreshed, true);
      assert.equal(await audits('directory.pinned'), pinnedAudits + 1);
      assert.deepEqual(
        s.refused.filter((r) => r.requestId === id),
        [{ requestId: id, reason: 'key_revoked' }],
        JSON.stringify(s),
      );
      assert.equal(await findAgentRequest(agent.ctx.store.db, id), undefined);
    });
  });
}
