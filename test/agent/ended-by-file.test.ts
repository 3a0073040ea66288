// File mode (air-gapped): a request the provider's installation holds ends at the hub — the office
// withdraws it, signed with the withdrawing person's passkey or not, or closes it — and the installation
// learns it from a medium, not a pull. `shokai request-file export` on the ended request writes its end
// only (REQUEST.ended.json: the hub's view as the pull reads it, no envelope, no file), and `agent
// receive` records it exactly as the pull does: the office's signature checked against the pinned log
// (verified; fails when a byte of the reason was changed on the medium; unsigned is the hub's word), a
// close as the hub's word, audited once. A file for a request not held, or one not as export writes it
// (not JSON, a field not as written, a name claiming another request, a key twice), is named with why and
// changes nothing stored.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { endedAtHub } from '../../src/agent/hub-ended.ts';
import { hubEndedWords } from '../../src/agent/hub-ended-texts.ts';
import { receiveMedium } from '../../src/agent/medium.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { listForReview, viewForReview } from '../../src/agent/review.ts';
import { prepareAll } from '../../src/agent/runner.ts';
import { WITHDRAWAL_VERDICT_TEXTS } from '../../src/domain/withdrawal-signature.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, printedReview } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { shokai } from '../support/cli.ts';
import { testDialects } from '../support/dialects.ts';
import { transition } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

const WHY = '当事者間で和解が成立したため、本件の開示請求を取り下げます。';

for (const dialect of testDialects()) {
  describe(`a request's end at the hub carried to the installation on a medium (${dialect})`, () => {
    const { hub, lawyer, board, agent, rt, orderAndRequest } = boardInstallationHooks(dialect);
    let medium: string;
    const row = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id)) ?? assert.fail(id);
    const audited = (id: string) => auditDetails(agent.ctx.store.db, 'agent.ended_at_hub', id);
    /** The board's legal officer exports `id` onto the medium, as file mode carries a request. */
    const exported = async (id: string) => {
      const r = await shokai(['request-file', 'export', id, '--out', medium, '--url', hub.url, '--token', board.token]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const endFile = (id: string) => join(medium, `${id}.ended.json`);
    const write = (dir: string, name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    before(() => {
      medium = mkdtempSync(join(tmpdir(), 'shokai-ended-medium-'));
    });
    after(() => rmSync(medium, { recursive: true, force: true }));

    const withdrawnRecordedTitle =
      'withdrawn signed (verified, or failing once a byte is changed), unsigned, closed: recorded as a pull does';
    test(withdrawnRecordedTitle, async () => {
      const [signed, changed, unsigned, closed, open] = [
        await orderAndRequest('9821'),
        await orderAndRequest('9822'),
        await orderAndRequest('9823'),
        await orderAndRequest('9824'),
        await orderAndRequest('9825'),
      ].map((r) => r.requestId) as [string, string, string, string, string];
      // Taken in while the line was there; from here on the installation has none.
      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      for (const id of [signed, changed, unsigned, closed, open]) assert.ok(pulled.stored.includes(id), id);
      await prepareAll(rt);
      const notHeld = (await orderAndRequest('9826')).requestId;

      await signedWithdrawal(lawyer, signed, WHY);
      await signedWithdrawal(lawyer, changed, WHY);
      await transition(lawyer, unsigned, { action: 'withdraw', reason: WHY });
      await transition(lawyer, closed, { action: 'withdraw', reason: WHY });
      await transition(lawyer, closed, { action: 'close' });
      await transition(lawyer, notHeld, { action: 'withdraw', reason: WHY });
      const said = await exported(signed);
      assert.ok(said.includes(`${endFile(signed)}: the request's end at the hub`), said);
      assert.ok(said.includes('no envelope or request file is written'), said);
      for (const id of [changed, unsigned, closed, notHeld]) await exported(id);
      // The request still open at the hub is exported as before: its envelope.
      await exported(open);
      assert.deepEqual(
        readdirSync(medium).sort(),
        [
          ...[signed, changed, unsigned, closed, notHeld].map((id) => `${id}.ended.json`),
          `${open}.envelope.json`,
        ].sort(),
        'an ended request is carried as its end only',
      );
      // What the medium carries reads as the hub's view reads, and holds none of the thread but why.
      for (const id of [signed, unsigned, closed]) {
        const view = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
        const carried = JSON.parse(readFileSync(endFile(id), 'utf8')) as { requestId: string; request: unknown };
        assert.equal(carried.requestId, id);
        assert.deepEqual(endedAtHub(carried.request), endedAtHub(view.body));
      }
      // One character of the office's words changed on the medium.
      const text = readFileSync(endFile(changed), 'utf8');
      assert.ok(text.includes('和解'));
      writeFileSync(endFile(changed), text.replace('和解', '和睦'));

      const r = await receiveMedium(rt, [medium]);
      const byId = new Map(r.ended.map((e) => [e.requestId, e]));
      assert.deepEqual([...byId.keys()].sort(), [signed, changed, unsigned, closed].sort());
      assert.ok(r.ended.every((e) => e.outcome === 'recorded'));
      assert.deepEqual(r.notTaken, [{ file: endFile(notHeld), reason: 'ended_not_held', requestId: notHeld }]);
      const checks = { [signed]: 'verified', [changed]: 'failed', [unsigned]: 'unsigned', [closed]: 'unsigned' };
      for (const [id, check] of Object.entries(checks)) {
        const held = await row(id);
        assert.equal(held.hub_check, check, id);
        assert.equal(held.hub_state, id === closed ? 'closed' : 'withdrawn');
        assert.equal(held.state, 'prepared', 'kept: nothing deleted');
        const entries = await audited(id);
        assert.equal(entries.length, 1);
        assert.equal(entries[0]?.check, check);
        assert.equal(byId.get(id)?.view.check, check);
      }
      assert.equal((await row(signed)).hub_note, WHY);
      assert.equal(await findAgentRequest(agent.ctx.store.db, notHeld), undefined, 'nothing taken in of it');

      // Shown as the pull's record is: in the list, the review and its verdict in words (ja/en).
      const { legal } = await addLegalOfficer(agent, '法務 中村');
      const listed = await run(agent.ctx, listForReview, legal, {});
      const words = (id: string) => listed.find((x) => x.requestId === id)?.hubEnded?.words;
      assert.deepEqual(words(signed), hubEndedWords('withdrawn', 'office', 'verified'));
      assert.deepEqual(words(unsigned), hubEndedWords('withdrawn', 'office', 'unsigned'));
      assert.deepEqual(words(closed), hubEndedWords('closed', 'office'));
      for (const lang of ['ja', 'en'] as const) {
        const verdict = async (id: string) => printedReview(await run(agent.ctx, viewForReview, legal, id, {}), lang);
        assert.ok((await verdict(signed)).includes(WITHDRAWAL_VERDICT_TEXTS.verified[lang]));
        assert.ok((await verdict(changed)).includes(WITHDRAWAL_VERDICT_TEXTS.failed[lang]));
        assert.ok((await verdict(unsigned)).includes(WITHDRAWAL_VERDICT_TEXTS.unsigned[lang]));
      }

      // Carried again: already recorded, nothing recorded twice.
      const again = await receiveMedium(rt, [medium]);
      assert.ok(again.ended.every((e) => e.outcome === 'already'));
      for (const id of Object.keys(checks)) assert.equal((await audited(id)).length, 1);
    });

    test('a file not as export writes it is named with why, and nothing stored changes', async () => {
      const { requestId: id } = await orderAndRequest('9827');
      await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      await prepareAll(rt);
      const kept = await row(id);
      const at = new Date().toISOString();
      const request = { state: 'withdrawn', closedAt: null, updatedAt: at, messages: [], withdrawal: null };
      const good = { format: 'shokai-ended/v1', requestId: id, request };
      const json = (x: unknown) => JSON.stringify(x);
      const dir = mkdtempSync(join(tmpdir(), 'shokai-ended-bad-'));
      const files = {
        cut: write(dir, `${id}.ended.json`, json(good).slice(0, 40)),
        instant: write(dir, 'a.json', json({ ...good, request: { ...request, updatedAt: 'yesterday' } })),
        open: write(dir, 'b.json', json({ ...good, request: { ...request, state: 'under_review' } })),
        extra: write(dir, 'c.json', json({ ...good, note: 'trust me' })),
        name: write(dir, 'req_other.ended.json', json(good)),
        twice: write(
          dir,
          'd.json',
          `{"format":"shokai-ended/v1","requestId":"${id}","requestId":"${id}","request":${json(request)}}`,
        ),
      };
      const r = await receiveMedium(rt, [dir]);
      assert.deepEqual(r.ended, []);
      const why = new Map(r.notTaken.map((x) => [x.file, `${x.reason} ${x.field ?? ''}`.trim()]));
      assert.deepEqual(Object.fromEntries(Object.entries(files).map(([k, f]) => [k, why.get(f)])), {
        cut: 'ended_malformed',
        instant: 'ended_malformed request.updatedAt',
        open: 'ended_malformed request.state',
        extra: 'ended_malformed note',
        name: 'ended_malformed requestId',
        twice: 'repeated_key requestId',
      });
      assert.deepEqual(await row(id), kept, 'nothing stored changed');
      assert.deepEqual(await audited(id), []);
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
