import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { identifierHashKey } from '../../src/crypto/keyed-hash.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { putSetting, SETTINGS } from '../../src/store/settings.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, type Client, orgId, startHub, type TestHub } from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';

// Deconfliction between forces (issue 14 item 4): identifiers are matched by keyed hash only; a match
// tells both unit heads whom to call and nothing of the other force's request.

type Notice = Schemas['OverlapNotice'];

for (const dialect of testDialects()) {
  describe(`deconfliction between forces (${dialect})`, () => {
    let hub: TestHub;
    let now = Date.now();
    let boardId: string;
    const as = (login: string): Promise<Client> => hub.as(login);

    /** Drafts, submits and has the head approve (issue) a request naming the targets; returns it. */
    async function issue(force: 'mpd' | 'osaka', targets: unknown[], facts = '事実'): Promise<RequestDetail> {
      const [drafter, head] = force === 'mpd' ? ['sato', 'tanaka'] : ['osaka', 'osaka.head'];
      const d = await (await as(drafter)).call<RequestDetail>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: boardId,
          caseReference: `OVL-${force}-${Math.random().toString(36).slice(2, 8)}`,
          offence: '脅迫',
          facts,
          necessity: '必要',
          targets,
          categories: ['subscriber'],
        },
      });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const s = await (await as(drafter)).call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      const a = await approve(await as(head), d.body.id);
      assert.equal(a.status, 200, JSON.stringify(a.body));
      return a.body;
    }

    async function notices(login: string): Promise<Notice[]> {
      const r = await (await as(login)).call<{ items: Notice[] }>('GET', '/v1/overlap-notices');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items;
    }

    before(async () => {
      hub = await startHub(dialect, { clock: () => new Date(now) });
      boardId = await orgId(hub, 'Sakura Board K.K.');
    });
    after(async () => hub.close());

    test('two forces naming one identifier, written differently: both heads get a pointer, nothing more', async () => {
      const facts = '極秘の事実ユニーク-8812';
      const mine = await issue('mpd', [{ type: 'email', address: 'Hanako.Overlap@Example.JP' }], facts);
      assert.deepEqual(await notices('tanaka'), [], 'no other force asked yet');
      const theirs = await issue('osaka', [{ type: 'email', address: 'hanako.overlap@example.jp' }], '大阪の事実');

      const toMpd = await notices('tanaka');
      assert.equal(toMpd.length, 1, JSON.stringify(toMpd));
      assert.deepEqual(toMpd[0]?.ownRequest, { id: mine.id, reference: mine.reference });
      assert.equal(toMpd[0]?.otherUnit.organisationNameEn, 'Osaka Prefectural Police');
      assert.equal(toMpd[0]?.otherUnit.unitNameEn, 'Cybercrime Investigation Division');
      // The pointer's whole use is a call: the demo's Osaka unit has a number to give.
      assert.equal(toMpd[0]?.otherUnit.callbackPhone, '+81600000110');
      const toOsaka = await notices('osaka.head');
      assert.equal(toOsaka.length, 1);
      assert.deepEqual(toOsaka[0]?.ownRequest, { id: theirs.id, reference: theirs.reference });
      assert.equal(toOsaka[0]?.otherUnit.organisationNameEn, 'Tokyo Metropolitan Police Department');
      assert.equal(toOsaka[0]?.otherUnit.callbackPhone, '+81300000110');

      // No case content crosses: not the other request's id, reference, facts, offence or identifier.
      const payloadToOsaka = JSON.stringify(toOsaka);
      for (const leak of [mine.id, mine.reference, facts, 'hanako', 'Hanako', mine.caseId ?? 'no-case']) {
        assert.equal(payloadToOsaka.includes(leak), false, `notice to Osaka leaks ${leak}`);
      }
      const payloadToMpd = JSON.stringify(toMpd);
      for (const leak of [theirs.id, theirs.reference, '大阪の事実', 'hanako', theirs.caseId ?? 'no-case']) {
        assert.equal(payloadToMpd.includes(leak), false, `notice to MPD leaks ${leak}`);
      }
      // Investigators do not get notices; the provider never learns of it.
      assert.equal((await (await as('sato')).call('GET', '/v1/overlap-notices')).status, 403);
      assert.equal((await (await as('board.legal')).call('GET', '/v1/overlap-notices')).status, 403);
    });

    test('the index and the audit hold keyed hashes and ids only: no identifier, no key, no content', async () => {
      const db = hub.ctx.store.db;
      const index = await db.selectFrom('overlap_index').selectAll().execute();
      assert.ok(index.length >= 2, 'both requests are indexed');
      const matches = await db.selectFrom('overlap_matches').selectAll().execute();
      const audit = await db
        .selectFrom('audit_entries')
        .select(['action', 'details'])
        .where('action', 'like', 'overlap.%')
        .execute();
      assert.ok(
        audit.some((a) => a.action === 'overlap.matched'),
        'the match is audited',
      );
      const rows = JSON.stringify([index, matches, audit]);
      const key = identifierHashKey(hub.ctx.kek);
      const canonical = 'email:hanako.overlap@example.jp';
      for (const needle of [
        'hanako',
        'Hanako',
        'example.jp',
        'Example.JP',
        '極秘の事実',
        key.toString('hex'),
        key.toString('base64url'),
        key.toString('base64'),
        // An unkeyed hash of the identifier would let anyone with the database test guesses.
        createHash('sha256').update(canonical).digest('hex'),
      ]) {
        assert.equal(rows.includes(needle), false, `the index or its audit holds ${needle}`);
      }
      for (const r of index) assert.match(r.digest, /^[0-9a-f]{64}$/);
      // The derived key is in no row of the store at all (settings, keys, anything).
      for (const table of ['installation_settings', 'keys', 'audit_entries'] as const) {
        const all = JSON.stringify(await db.selectFrom(table).selectAll().execute());
        assert.equal(all.includes(key.toString('hex')), false, `${table} holds the key`);
        assert.equal(all.includes(key.toString('base64url')), false, `${table} holds the key`);
      }
    });

    test('the same force is not told about itself; a closed or withdrawn request no longer matches', async () => {
      const before = (await notices('tanaka')).length;
      await issue('mpd', [{ type: 'phone', number: '03-5555-0101' }]);
      await issue('mpd', [{ type: 'phone', number: '+81355550101' }]);
      assert.equal((await notices('tanaka')).length, before, 'same force: no notice');

      const osakaOld = await issue('osaka', [{ type: 'account', id: '@Withdrawn_User', service: 'Sakura' }]);
      const w = await (await as('osaka.head')).call('POST', `/v1/requests/${osakaOld.id}/transitions`, {
        action: 'withdraw',
        reason: '不要',
      });
      assert.equal(w.status, 200, JSON.stringify(w.body));
      const beforeOsaka = (await notices('osaka.head')).length;
      await issue('mpd', [{ type: 'account', id: 'withdrawn_user', service: 'sakura' }]);
      assert.equal((await notices('tanaka')).length, before, 'a withdrawn request does not match');
      assert.equal((await notices('osaka.head')).length, beforeOsaka);
      // …whereas the same account in another force's open request does (the canonical forms agree).
      await issue('osaka', [{ type: 'account', id: 'WITHDRAWN_USER', service: 'Sakura' }]);
      assert.equal((await notices('tanaka')).length, before + 1);
    });

    test('a match counts only within the window', async () => {
      const before = (await notices('tanaka')).length;
      await issue('osaka', [{ type: 'ip', address: '203.0.113.45', at: '2026-03-01T10:00:00+09:00' }]);
      await issue('osaka', [{ type: 'url', url: 'https://sakura-board.example/thread/77/' }]);
      now += 89 * DAY_MS;
      // The same address at another time, written as IPv4-mapped IPv6: within 90 days → a pointer.
      await issue('mpd', [{ type: 'ip', address: '::ffff:203.0.113.45', at: '2026-05-01T10:00:00+09:00' }]);
      assert.equal((await notices('tanaka')).length, before + 1);
      now += 2 * DAY_MS;
      // 91 days after the Osaka URL request: outside the window, no pointer.
      await issue('mpd', [{ type: 'url', url: 'http://SAKURA-BOARD.example/thread/77#res5' }]);
      assert.equal((await notices('tanaka')).length, before + 1);
    });

    test('matches past the daily limit are held and audited, without notices', async () => {
      await inTransaction(hub.ctx, (uow) =>
        putSetting(uow.tx, SETTINGS.overlapNoticesPerDay, '1', uow.now.toISOString()),
      );
      await issue('mpd', [{ type: 'domain', name: 'probe-one.example' }]);
      await issue('mpd', [{ type: 'domain', name: 'probe-two.example' }]);
      const beforeMpd = (await notices('tanaka')).length;
      const beforeOsaka = (await notices('osaka.head')).length;
      // One Osaka request naming both: the first match is told, the second held.
      await issue('osaka', [
        { type: 'domain', name: 'PROBE-ONE.example.' },
        { type: 'domain', name: 'probe-two.example' },
      ]);
      assert.equal((await notices('tanaka')).length, beforeMpd + 1);
      assert.equal((await notices('osaka.head')).length, beforeOsaka + 1);
      const held = await auditDetails(hub.ctx.store.db, 'overlap.held');
      assert.equal(held.length, 1);
      assert.equal(held[0]?.limitPerDay, 1);
    });

    test("a request's timeline tells of no match, told or held: not to its unit, not to its provider", async () => {
      await issue('mpd', [{ type: 'account', id: 'timeline-probe-1' }]);
      const theirs = await issue('osaka', [{ type: 'account', id: 'Timeline-Probe-1' }]);
      const timeline = async (login: string) => {
        const r = await (await as(login)).call<{ items: Array<{ action: string }> }>(
          'GET',
          `/v1/requests/${theirs.id}/audit`,
        );
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.ok(r.body.items.length > 0, login);
        return r.body.items;
      };
      // Before, the Osaka investigator, its head and the board read `overlap.matched` (or `overlap.held`,
      // past the daily limit) on this request, with the other force's request id and unit.
      for (const login of ['osaka', 'osaka.head', 'board.legal']) {
        const told = (await timeline(login)).filter((e) => e.action.startsWith('overlap.'));
        assert.deepEqual(told, [], `${login} is told of a match on the timeline`);
      }
      const oversight = await timeline('auditor');
      assert.ok(
        oversight.some((e) => e.action.startsWith('overlap.')),
        'the oversight body reads the match',
      );
    });
  });
}
