// The audit log read for oversight (GET /v1/audit/entries), on SQLite and PostgreSQL: an organisation's
// auditor (監察) reads its own people's acts and, of others' acts on its own requests, what its side of the
// request's timeline shows (test/audit/scope.test.ts) — never another organisation's acts on anything else;
// the filters (period, person, group, request) narrow it, newest first and paged by seq; a period without an offset
// is refused naming the field; the read is itself audited; and nobody without `audit.read` (an investigator, an
// administrator) reads it at all.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { exportAuditLog } from '../../src/audit/audit-search.ts';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { AUDIT_ACTION_GROUP_MEMBERS } from '../../src/domain/vocabulary.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { brokenGlassOnAnswered } from '../support/audit.ts';
import { parseCsv } from '../support/csv.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubHooks, madePerson, orgId } from '../support/exchange.ts';

interface Entry {
  seq: number;
  at: string;
  action: string;
  actor: {
    type: string;
    name: string | null;
    roles: string[];
    organisation: { nameJa: string; nameEn: string } | null;
  };
  request: { id: string; reference: string } | null;
  details: Record<string, unknown>;
}
interface Page {
  items: Entry[];
  next: number | null;
  organisations: Array<{ id: string; nameJa: string; nameEn: string }>;
}
interface Refusal {
  error: { code: string; details?: { field?: string } };
}

const MPD = 'Tokyo Metropolitan Police Department';

const OSAKA = 'Osaka Prefectural Police';
const BOARD = 'Sakura Board K.K.';
const OVERSIGHT = 'shokai Hub Oversight Office';

for (const dialect of testDialects()) {
  describe(`the audit log read for oversight (${dialect})`, () => {
    const hub = hubHooks(dialect);
    const auditors = new Map<string, Client>();
    const reason = '苦情申立て第7号の調査のため照会内容を確認';
    let glassed = '';

    /** An auditor (監察) of the organisation named, signed in (its grant countersigned by `admin`). */
    const auditorOf = (organisation: string, login: string, admin: string): Promise<Client> =>
      madePerson(hub, {
        organisation,
        login,
        displayName: `${login} 監察官`,
        roles: ['auditor'],
        countersigner: admin,
      });

    before(async () => {
      // The demo's own 監察 of the Tokyo police.
      auditors.set('mpd', await hub.as('mpd.kansatsu'));
      auditors.set('osaka', await auditorOf(OSAKA, 'osaka.kansatsu', 'osaka.admin'));
      auditors.set('board', await auditorOf(BOARD, 'board.kansatsu', 'board.admin'));
      // The oversight body reads the content of one of the Tokyo police's requests on a recorded reason.
      glassed = (await brokenGlassOnAnswered(hub, reason)).reference;
    });

    const who = (key: string) => auditors.get(key) ?? assert.fail(key);
    const read = async (c: Client, query: Record<string, string> = {}) => {
      const r = await c.call<Page>('GET', `/v1/audit/entries?${new URLSearchParams(query)}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    /** Every entry the query gives, page after page. */
    const readAll = async (c: Client, query: Record<string, string> = {}) => {
      const out: Entry[] = [];
      let before: number | null = null;
      do {
        const page: Page = await read(c, { ...query, limit: '200', ...(before ? { before: String(before) } : {}) });
        out.push(...page.items);
        before = page.next;
      } while (before !== null);
      return out;
    };
    const orgOf = (e: Entry) => e.actor.organisation?.nameEn ?? null;
    const seqsOf = async (nameEn: string) =>
      (
        await hub.ctx.store.db
          .selectFrom('audit_entries')
          .select('seq')
          .where('organisation_id', '=', await orgId(hub, nameEn))
          .execute()
      ).map((r) => Number(r.seq));

    const agencyAuditorTitle =
      "an agency's auditor reads its own acts and the oversight body's reads of its requests, never another force's";
    test(agencyAuditorTitle, async () => {
      const own = await seqsOf(MPD);
      const all = await readAll(who('mpd'));
      const seqs = new Set(all.map((e) => e.seq));
      for (const s of own) assert.ok(seqs.has(s), `the police's own entry ${s} is listed`);
      for (const e of all) {
        const org = orgOf(e);
        // Of others' acts, only those about its own requests (what its side of the timeline shows:
        // test/audit/scope.test.ts), by the system, the oversight body or the providers addressed.
        assert.ok(
          org === MPD || (e.request !== null && org !== OSAKA),
          `${e.action} by ${org} (seq ${e.seq}) is not the Tokyo police's to read`,
        );
        assert.ok(!e.action.startsWith('overlap.') || org === MPD, 'another force’s overlap stays with oversight');
      }
      assert.ok(all.some((e) => e.actor.name === '佐藤 巡査部長' && e.actor.roles.includes('investigator')));
      const glass = all.find((e) => e.action === 'request.break_glass');
      assert.equal(glass?.details.reason, reason, 'the break-glass read and why');
      assert.equal(glass?.request?.reference, glassed);
      assert.equal(glass?.actor.organisation?.nameEn, OVERSIGHT);
      // Newest first.
      assert.deepEqual(
        all.map((e) => e.seq),
        [...all.map((e) => e.seq)].sort((a, b) => b - a),
      );

      const osakaOwn = await seqsOf(OSAKA);
      const osaka = await readAll(who('osaka'));
      assert.ok(osaka.length > 0);
      assert.ok(
        osaka.every((e) => orgOf(e) !== MPD),
        'the Osaka auditor reads none of the Tokyo police’s acts',
      );
      assert.ok(!osaka.some((e) => e.action === 'request.break_glass'), 'nor the reads of Tokyo’s requests');
      assert.ok(osakaOwn.every((s) => osaka.some((e) => e.seq === s)));
    });

    test("a provider's auditor reads its own acts and of the police's only what its timeline shows", async () => {
      const all = await readAll(who('board'));
      assert.ok(all.some((e) => orgOf(e) === BOARD));
      for (const e of all) {
        const org = orgOf(e);
        assert.ok(org === BOARD || e.request !== null, `${e.action} by ${org}`);
        assert.ok(org !== OVERSIGHT, `the oversight body's ${e.action} is not in the board's timeline`);
      }
      assert.ok(!all.some((e) => e.action === 'request.drafted'), 'the police drafting is theirs');
      assert.ok(!all.some((e) => e.action === 'request.break_glass'), 'the break-glass read is oversight’s');
      assert.ok(
        all.some((e) => orgOf(e) === MPD && e.action === 'request.signed'),
        'the signing is exchanged',
      );
    });

    test('filters: person, group, request and period narrow the list; pages follow on by seq', async () => {
      const mpd = who('mpd');
      const sato = await readAll(mpd, { person: 'sato' });
      assert.ok(sato.length > 0);
      assert.ok(sato.every((e) => e.actor.name === '佐藤 巡査部長'));

      const reads = await readAll(mpd, { group: 'personal_data_reads' });
      const members: readonly string[] = AUDIT_ACTION_GROUP_MEMBERS.personal_data_reads;
      assert.ok(reads.length > 0 && reads.every((e) => members.includes(e.action)));
      for (const action of ['request.viewed', 'request.break_glass'])
        assert.ok(
          reads.some((e) => e.action === action),
          `${action} is a read of personal data`,
        );
      const glass = await readAll(mpd, { group: 'break_glass' });
      assert.deepEqual(
        glass.map((e) => e.action),
        ['request.break_glass'],
      );
      const opened = await readAll(mpd, { group: 'answer_opens', person: 'sato' });
      assert.ok(opened.every((e) => e.actor.name === '佐藤 巡査部長' && e.action !== 'request.viewed'));

      const about = await readAll(mpd, { request: glassed });
      assert.ok(about.length > 1 && about.every((e) => e.request?.reference === glassed));
      // The page names the organisations its details name by id, with their names from the directory.
      const drafted = about.find((e) => e.action === 'request.drafted');
      const addressee = drafted?.details.providerOrganisationId;
      assert.equal(typeof addressee, 'string', 'the drafting names the provider addressed');
      const withIt = await read(mpd, { request: glassed, group: 'break_glass' });
      assert.deepEqual(withIt.organisations, [], 'a break-glass read names no organisation in its details');
      const named: Page['organisations'] = [];
      let next: number | null = null;
      do {
        const page: Page = await read(mpd, { request: glassed, limit: '200', ...(next ? { before: `${next}` } : {}) });
        named.push(...page.organisations);
        next = page.next;
      } while (next !== null);
      const org = named.find((o) => o.id === addressee);
      assert.ok(org, 'the addressee is among the page’s organisations');
      assert.equal(org.id, await orgId(hub, org.nameEn));
      assert.ok(org.nameJa.length > 0);

      const newest = (await read(mpd, { limit: '1' })).items[0];
      assert.ok(newest);
      const future = new Date(hub.ctx.clock().getTime() + 86400_000).toISOString();
      assert.deepEqual((await read(mpd, { from: future })).items, []);
      const upTo = await readAll(mpd, { from: '2000-01-01T09:00:00+09:00', to: newest.at });
      assert.ok(upTo.length > 0 && upTo.every((e) => e.at < newest.at), 'to is exclusive');

      const first = await read(mpd, { limit: '5' });
      assert.equal(first.items.length, 5);
      assert.equal(first.next, first.items[4]?.seq);
      const second = await read(mpd, { limit: '5', before: String(first.next) });
      assert.ok(second.items.every((e) => e.seq < (first.next ?? 0)));
      assert.equal((await mpd.call<Refusal>('GET', '/v1/audit/entries?limit=201')).status, 400);
    });

    test('a person the reader cannot choose, or a request number of no shape, is refused: not "nothing"', async () => {
      type Said = { error: { code: string; message: { ja: string; en: string }; details?: { field?: string } } };
      const refusal = async (c: Client, path: string) => {
        const r = await c.call<Said>('GET', path);
        assert.equal(r.status, 400, path);
        assert.equal(r.body.error.code, 'VALIDATION_FAILED', path);
        return r.body.error;
      };
      // An organisation's auditor: another force's login is said as one nobody holds (who exists elsewhere is
      // not told), in the words the page uses; the export refuses it the same way.
      for (const person of ['osaka', 'nobody']) {
        for (const path of [`/v1/audit/entries?person=${person}`, `/v1/audit/export?person=${person}&lang=en`]) {
          const e = await refusal(who('mpd'), path);
          assert.equal(e.details?.field, 'person');
          assert.equal(e.message.en, `"${person}" is not the login of anyone in your organisation`);
          assert.equal(e.message.ja, `「${person}」はこの組織の人のログイン名ではありません`);
        }
      }
      // The whole log's reader chooses anyone on the hub: only a login nobody holds is refused.
      const oversight = await hub.as('auditor');
      const nobody = await refusal(oversight, '/v1/audit/entries?person=nobody');
      assert.equal(nobody.message.en, 'user nobody does not exist');
      assert.ok((await readAll(oversight, { person: 'osaka' })).length > 0);
      // A request number must have a request number's shape; of that shape (any case), it narrows the list.
      const garbage = await refusal(who('mpd'), '/v1/audit/entries?request=garbage');
      assert.equal(garbage.details?.field, 'request');
      assert.match(garbage.message.en, /SHK-2026-000001/);
      assert.deepEqual(
        (await readAll(who('mpd'), { request: glassed.toLowerCase() })).map((e) => e.seq),
        (await readAll(who('mpd'), { request: glassed })).map((e) => e.seq),
      );
      assert.deepEqual((await read(who('mpd'), { request: 'SHK-1999-999999' })).items, []);
    });

    test('a period without an offset is refused naming its field; so is an end before the start', async () => {
      for (const [field, query] of [
        ['from', 'from=2026-11-01T00:00:00'],
        ['to', 'to=2026-11-30'],
        ['to', 'from=2026-11-02T00:00:00%2B09:00&to=2026-11-01T00:00:00%2B09:00'],
      ] as const) {
        const r = await who('mpd').call<Refusal>('GET', `/v1/audit/entries?${query}`);
        assert.equal(r.status, 400, query);
        assert.equal(r.body.error.details?.field, field, query);
      }
    });

    test('the read is audited: its filters and how many it returned, readable by the next read', async () => {
      const mpd = who('mpd');
      const page = await read(mpd, { person: 'tanaka', group: 'personal_data_reads', limit: '3' });
      const row = await hub.ctx.store.db
        .selectFrom('audit_entries as a')
        .innerJoin('users as u', 'u.id', 'a.actor_id')
        .select(['a.details', 'a.subject_type'])
        .where('a.action', '=', 'audit.searched')
        .where('u.login', '=', 'mpd.kansatsu')
        .orderBy('a.seq', 'desc')
        .executeTakeFirstOrThrow();
      const details = JSON.parse(row.details) as Record<string, unknown>;
      assert.equal(row.subject_type, 'audit');
      assert.equal(details.person, 'tanaka');
      assert.equal(details.group, 'personal_data_reads');
      assert.equal(details.scope, 'organisation');
      assert.equal(details.returned, page.items.length);
      const mine = await read(mpd, { person: 'mpd.kansatsu', limit: '1' });
      assert.equal(mine.items[0]?.action, 'audit.searched', 'oversight of oversight: the auditor’s own reads');
    });

    test('without audit.read nobody reads the log; the oversight body’s auditor reads all of it', async () => {
      for (const login of ['sato', 'tanaka', 'mpd.admin', 'admin', 'board.legal']) {
        const r = await (await hub.as(login)).call<Refusal>('GET', '/v1/audit/entries');
        assert.equal(r.status, 403, login);
        assert.equal(r.body.error.code, 'FORBIDDEN');
      }
      // Refused before its input is read: a bad period from one without the right is still 403.
      assert.equal((await (await hub.as('sato')).call('GET', '/v1/audit/entries?from=x')).status, 403);
      const whole = await readAll(await hub.as('auditor'), { person: 'osaka' });
      assert.ok(whole.length > 0 && whole.every((e) => orgOf(e) === OSAKA), 'another force’s person, hub-wide');
    });

    test('the export: every matching entry as CSV, in words and the zone asked, itself recorded', async () => {
      const mpd = who('mpd');
      const exported = async (query: Record<string, string>) =>
        mpd.call<string>('GET', `/v1/audit/export?${new URLSearchParams(query)}`);
      const r = await exported({ group: 'break_glass', lang: 'ja', zone: 'Asia/Tokyo' });
      assert.equal(r.status, 200, String(r.body));
      const rows = parseCsv(String(r.body));
      assert.deepEqual(rows[0], ['番号', '日時', '行った人', '役割', '組織', '行為', '照会番号', '詳細']);
      const listed = await readAll(mpd, { group: 'break_glass' });
      assert.ok(listed.length > 0);
      assert.deepEqual(
        rows.slice(1).map((row) => Number(row[0])),
        listed.map((e) => e.seq),
        'the same entries as the pages, newest first',
      );
      const glass = rows.find((row) => row[6] === glassed) ?? assert.fail('the break-glass read is exported');
      assert.match(glass[1] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+09:00$/, 'with its offset');
      assert.match(glass[4] ?? '', /監督/, 'the oversight body by its name');
      assert.ok((glass[7] ?? '').includes(reason), 'the details in words, the reason given');
      assert.doesNotMatch(glass[5] ?? '', /request\.break_glass/, 'what was done in words, not its code');
      const en = parseCsv(String((await exported({ group: 'break_glass', lang: 'en', zone: 'UTC' })).body));
      assert.equal(en[0]?.[0], 'No.');
      assert.match(en[1]?.[1] ?? '', /Z$|\+00:00$/);

      // Recorded, as an export; a zone it does not know is refused naming it, before anything is read.
      const searched = await readAll(mpd, { action: 'audit.searched', person: 'mpd.kansatsu' });
      const recorded = searched.filter((e) => e.details.exported === true);
      assert.equal(recorded.length, 2);
      assert.equal(recorded[1]?.details.returned, listed.length);
      const badZone = await exported({ zone: 'Mars/Olympus' });
      assert.equal(badZone.status, 400);
      assert.equal((badZone.body as unknown as Refusal).error.details?.field, 'zone');
      const badLang = await exported({ lang: 'fr' });
      assert.equal(badLang.status, 400);
      assert.equal((badLang.body as unknown as Refusal).error.details?.field, 'lang');
      const after = await readAll(mpd, { action: 'audit.searched', person: 'mpd.kansatsu' });
      assert.equal(after.filter((e) => e.details.exported === true).length, 2, 'nothing read, nothing recorded');
      // Nobody without audit.read exports it.
      const investigator = await hub.as('sato');
      assert.equal((await investigator.call('GET', '/v1/audit/export')).status, 403);
      // Refused before its input is read: a bad zone from one without the right is still 403.
      assert.equal((await investigator.call('GET', '/v1/audit/export?zone=Mars%2FOlympus')).status, 403);
      assert.equal((await investigator.call('GET', '/v1/audit/export?lang=fr')).status, 403);
    });

    const exportTooLargeTitle =
      'an export of more entries than it may hold is refused naming the period, and recorded as nothing';
    test(exportTooLargeTitle, async () => {
      const principal = await principalOfLogin(hub.ctx.store.db, 'mpd.kansatsu');
      const raw = { zone: 'Asia/Tokyo', person: 'sato' }; // the exports themselves are not sato's
      const exports = async () =>
        (await readAll(who('mpd'), { action: 'audit.searched', person: 'mpd.kansatsu' })).filter(
          (e) => e.details.exported === true,
        ).length;
      const whole = await run(hub.ctx, exportAuditLog, principal, raw);
      const n = whole.items.length;
      assert.ok(n > 1, 'entries to export');
      const before = await exports();
      await assert.rejects(run(hub.ctx, exportAuditLog, principal, raw, n - 1), (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.code, 'VALIDATION_FAILED');
        assert.equal(e.details?.field, 'from');
        assert.match(e.messages.ja, new RegExp(`${(n - 1).toLocaleString('ja-JP')} 件を超えます`));
        return true;
      });
      assert.equal(await exports(), before, 'a refused export reads nothing into the log');
      // Exactly as many as it may hold is not refused.
      assert.equal((await run(hub.ctx, exportAuditLog, principal, raw, n)).items.length, n);
    });
  });
}
