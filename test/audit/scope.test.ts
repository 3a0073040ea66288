// An organisation's part of the audit log (auditScope) against its side of the request's timeline, on SQLite
// and PostgreSQL: of others' acts on its requests, an organisation's auditor reads exactly what the people
// working the request read on its timeline (timelineRule) — a provider's auditor not the oversight body's
// break-glass and its reason, nor anything before the signing; the issuing force's auditor the provider's
// steps and the oversight body's reads — and every act of its own people.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { brokenGlassOnAnswered } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubHooks, madePerson, orgId } from '../support/exchange.ts';

interface Entry {
  seq: number;
  action: string;
  actor: { organisation: { nameEn: string } | null };
  request: { id: string; reference: string } | null;
  details: Record<string, unknown>;
}
interface Page {
  items: Entry[];
  next: number | null;
}
interface TimelineItem {
  seq: number;
  action: string;
}

const MPD = 'Tokyo Metropolitan Police Department';
const BOARD = 'Sakura Board K.K.';

for (const dialect of testDialects()) {
  describe(`an organisation's part of the audit log is its side of the timeline (${dialect})`, () => {
    const hub = hubHooks(dialect);
    const reason = 'SECRET: complaint #7 against investigator Sato re subscriber Yamada';
    let glassed = '';
    let boardAuditor: Client;

    before(async () => {
      // The oversight body reads the content of a request the board answered, on a recorded reason.
      glassed = (await brokenGlassOnAnswered(hub, reason)).id;
      boardAuditor = await madePerson(hub, {
        organisation: BOARD,
        login: 'board.kansatsu',
        roles: ['auditor'],
        countersigner: 'board.admin',
      });
    });

    /** Every entry of the reader's part about one request, page after page. */
    const readAbout = async (c: Client, reference: string): Promise<Entry[]> => {
      const out: Entry[] = [];
      let next: number | null = null;
      do {
        const q = new URLSearchParams({ request: reference, limit: '200', ...(next ? { before: `${next}` } : {}) });
        const r = await c.call<Page>('GET', `/v1/audit/entries?${q}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        out.push(...r.body.items);
        next = r.body.next;
      } while (next !== null);
      return out;
    };
    const requestsOf = (column: 'provider_organisation_id' | 'agency_organisation_id', org: string) =>
      hub.ctx.store.db
        .selectFrom('requests')
        .select(['id', 'reference'])
        .where(column, '=', org)
        .where((eb) =>
          column === 'provider_organisation_id' ? eb('received_at', 'is not', null) : eb('origin', '=', 'local'),
        )
        .execute();
    /** The seqs of the entries about a request made by the organisation's own people. */
    const ownSeqs = async (requestId: string, org: string) =>
      new Set(
        (
          await hub.ctx.store.db
            .selectFrom('audit_entries')
            .select('seq')
            .where('subject_type', '=', 'request')
            .where('subject_id', '=', requestId)
            .where('organisation_id', '=', org)
            .execute()
        ).map((r) => Number(r.seq)),
      );
    /**
     * Compares, for one request, the others' acts the auditor reads with those the timeline shows the
     * worker (up to the last entry before either read, as the reads add entries of their own).
     */
    const compare = async (auditor: Client, worker: Client, org: string, r: { id: string; reference: string }) => {
      const last = await hub.ctx.store.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirstOrThrow();
      const upTo = Number(last.seq);
      const timeline = await worker.call<{ items: TimelineItem[] }>('GET', `/v1/requests/${r.id}/audit`);
      assert.equal(timeline.status, 200, `${r.reference}: ${JSON.stringify(timeline.body)}`);
      const read = await readAbout(auditor, r.reference);
      const own = await ownSeqs(r.id, org);
      const others = (seqs: number[]) =>
        seqs
          .filter((s) => s <= upTo && !own.has(s))
          .sort((a, b) => a - b)
          .join(' ');
      assert.equal(
        others(read.map((e) => e.seq)),
        others(timeline.body.items.map((e) => e.seq)),
        `${r.reference}: others' acts the auditor reads = those the timeline shows`,
      );
      for (const s of own)
        if (s <= upTo)
          assert.ok(
            read.some((e) => e.seq === s),
            `own act ${s} is read`,
          );
      return read;
    };

    test("a provider's auditor reads of others' acts what the provider's timeline shows", async () => {
      const board = await orgId(hub, BOARD);
      const legal = await hub.as('board.legal');
      const requests = await requestsOf('provider_organisation_id', board);
      assert.ok(requests.length > 2, 'the demo delivers several requests to the board');
      const all: Entry[] = [];
      for (const r of requests) all.push(...(await compare(boardAuditor, legal, board, r)));
      assert.ok(!all.some((e) => e.action === 'request.break_glass'), 'no break-glass of the oversight body');
      assert.ok(!JSON.stringify(all).includes('SECRET'), 'nor its reason');
      assert.ok(!all.some((e) => e.action === 'request.drafted'), 'nothing before the signing');
      assert.ok(
        all.some((e) => e.action === 'request.signed' && e.actor.organisation?.nameEn === MPD),
        'the police signing the request, as the timeline shows it',
      );
      const glassedRead = all.filter((e) => e.request?.id === glassed);
      assert.ok(glassedRead.length > 0, 'the glassed request is read');
      // Nor the whole part, unfiltered.
      const whole = await boardAuditor.call<Page>('GET', '/v1/audit/entries?limit=200&group=break_glass');
      assert.equal(whole.status, 200);
      assert.deepEqual(whole.body.items, []);
    });

    test("the issuing force's auditor reads of others' acts what its timeline shows", async () => {
      const mpd = await orgId(hub, MPD);
      const kansatsu = await hub.as('mpd.kansatsu');
      const sato = await hub.as('sato');
      const requests = await requestsOf('agency_organisation_id', mpd);
      const all: Entry[] = [];
      let compared = 0;
      for (const r of requests) {
        const seen = await sato.call('GET', `/v1/requests/${r.id}`);
        if (seen.status !== 200) continue;
        all.push(...(await compare(kansatsu, sato, mpd, r)));
        compared++;
      }
      assert.ok(compared > 2, 'the demo issues several requests of the cyber unit');
      const glass = all.find((e) => e.action === 'request.break_glass');
      assert.equal(glass?.details.reason, reason, 'the issuing side reads the break-glass and why');
      assert.ok(
        all.some((e) => e.actor.organisation?.nameEn === BOARD),
        'and the provider’s steps on its requests, as its timeline shows them',
      );
      assert.ok(!all.some((e) => e.action.startsWith('overlap.') && e.actor.organisation?.nameEn !== MPD));
    });
  });
}
