// Outgoing mutual legal assistance (issue 15): the treaty chosen from the closed list and checked
// against the country and what is asked, the route through Japan's central authority (and the
// foreign ministry where no treaty applies) to the foreign authority, and the foreign reply tracked in
// order, with dates carrying offsets and reminders that fall due.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, hubHooks } from '../support/exchange.ts';
import type { ApiError, List, RequestDetail, RequestSummary } from '../support/replies.ts';

interface Tracking {
  treaty: { code: string | null; label: { ja: string; en: string }; inForce: string | null };
  route: Array<{ hop: string; state: string; approves: { ja: string; en: string } }>;
  stage: string;
  events: Array<{ seq: number; event: string; hop: string | null; at: string; official: string | null }>;
  reminder: { awaiting: string; from: string; dueAt: string; status: string } | null;
  next: Array<{ event: string; hop: string | null }>;
}

const DAY = 86400_000;

for (const dialect of testDialects()) {
  describe(`MLAT: treaty, route and the foreign reply (${dialect})`, () => {
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const hub = hubHooks(dialect, { clock: now });
    const at = (deltaMs = 0) => new Date(now().getTime() + deltaMs).toISOString().replace('Z', '+00:00');
    const jst = (deltaMs = 0) => {
      const d = new Date(now().getTime() + deltaMs + 9 * 3600_000);
      return `${d.toISOString().slice(0, 19)}+09:00`;
    };
    const mlat = (m: Record<string, unknown>) => ({
      kind: 'mlat',
      caseReference: '令和8年 第55号 不正アクセス被疑事件',
      offence: '不正アクセス禁止法違反',
      facts: '海外のサーバーを経由した不正アクセス。',
      necessity: '発信元の特定のため。',
      targets: [{ type: 'account', id: 'intruder-01', service: 'example-cloud.com' }],
      categories: ['subscriber', 'access_log'],
      mlat: { foreignAuthority: 'Central authority', language: 'en', ...m },
    });
    /** Drafted, submitted and signed by the unit head; the request id, or the refusal. */
    const issue = async (
      content: Record<string, unknown>,
    ): Promise<{ id?: string; error?: ApiError; status: number }> => {
      const s = await hub.as('sato');
      const d = await s.call<RequestDetail & ApiError>('POST', '/v1/requests', { content });
      if (d.status !== 201) return { status: d.status, error: d.body };
      const sub = await s.call<ApiError>('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      if (sub.status !== 200) return { status: sub.status, error: sub.body };
      const a = await approve(await hub.as('tanaka'), d.body.id);
      assert.equal(a.status, 200, JSON.stringify(a.body));
      return { id: d.body.id, status: 200 };
    };
    const record = async (id: string, body: Record<string, unknown>) =>
      (await hub.as('sato')).call<Tracking & ApiError>('POST', `/v1/requests/${id}/mlat/events`, body);
    const track = async (id: string) => (await hub.as('sato')).call<Tracking>('GET', `/v1/requests/${id}/mlat`);

    test('the treaty comes from the closed list and must fit the country and what is asked', async () => {
      const free = await issue(mlat({ requestedCountry: 'US', treaty: '日米の何かの条約' }));
      assert.equal(free.status, 400, JSON.stringify(free.error));
      assert.equal(free.error?.error.details?.field, 'content.mlat.treaty');
      assert.match(free.error?.error.message.ja ?? '', /日米刑事共助条約/);
      const wrongCountry = await issue(mlat({ requestedCountry: 'FR', treaty: 'jp_us_mlat' }));
      assert.equal(wrongCountry.status, 400);
      assert.equal(wrongCountry.error?.error.details?.field, 'content.mlat.requestedCountry');
      const budapestEvidence = await issue(mlat({ requestedCountry: 'DE', treaty: 'budapest_24_7' }));
      assert.equal(budapestEvidence.status, 400);
      assert.equal(budapestEvidence.error?.error.details?.field, 'content.mlat.assistance');
      const budapestMoj = await issue(
        mlat({ requestedCountry: 'DE', treaty: 'budapest_24_7', assistance: 'preservation', centralAuthority: 'moj' }),
      );
      assert.equal(budapestMoj.status, 400);
      assert.equal(budapestMoj.error?.error.details?.field, 'content.mlat.centralAuthority');
      // An EU Member State under the Japan–EU agreement is fine.
      const eu = await issue(mlat({ requestedCountry: 'FR', treaty: 'jp_eu_mla' }));
      assert.equal(eu.status, 200, JSON.stringify(eu.error));
    });

    test('treaty route: unit → NPA → foreign authority; order enforced, reply tracked with reminders', async () => {
      const { id } = await issue(
        mlat({ requestedCountry: 'US', treaty: 'jp_us_mlat', foreignProvider: 'Example Cloud' }),
      );
      assert.ok(id);
      const t0 = await track(id);
      assert.equal(t0.status, 200, JSON.stringify(t0.body));
      assert.equal(t0.body.treaty.code, 'jp_us_mlat');
      assert.equal(t0.body.treaty.label.ja, '日米刑事共助条約');
      assert.equal(t0.body.treaty.inForce, '2006-07-21');
      assert.deepEqual(
        t0.body.route.map((h) => `${h.hop}:${h.state}`),
        ['unit:done', 'npa:current', 'foreign:waiting'],
      );
      assert.match(t0.body.route[1]?.approves.ja ?? '', /警察庁/);
      assert.equal(t0.body.stage, 'domestic');
      assert.equal(t0.body.reminder?.awaiting, 'approved');
      assert.equal(t0.body.reminder?.from, 'npa');
      assert.equal(t0.body.reminder?.status, 'on_time');
      assert.deepEqual(
        t0.body.next.map((n) => n.event),
        ['approved', 'returned', 'reminded'],
      );

      // Out of order, in the future, without an offset: refused, naming why.
      const early = await record(id, { event: 'sent', at: at() });
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.match(early.body.error.message.en, /National Police Agency.*must approve/);
      const wrongHop = await record(id, { event: 'approved', hop: 'mofa', at: at() });
      assert.equal(wrongHop.status, 409);
      const future = await record(id, { event: 'approved', hop: 'npa', at: at(2 * 3600_000) });
      assert.equal(future.status, 409);
      assert.match(future.body.error.message.en, /future/);
      const naive = await record(id, { event: 'approved', hop: 'npa', at: '2026-12-01T10:00:00' });
      assert.equal(naive.status, 400);
      assert.equal(naive.body.error.details?.field, 'at');
      const byProvider = await (await hub.as('board.legal')).call<ApiError>('GET', `/v1/requests/${id}/mlat`);
      assert.equal(byProvider.status, 404);
      const byOsaka = await (await hub.as('osaka')).call<ApiError>('GET', `/v1/requests/${id}/mlat`);
      assert.equal(byOsaka.status, 404);

      // Ten days at the NPA, then approved (the time given in Japan's zone with its offset).
      offset += 10 * DAY;
      const ok = await record(id, {
        event: 'approved',
        hop: 'npa',
        at: jst(-3600_000),
        official: '警察庁 国際捜査管理官 山田',
        reference: '警察庁丁国第123号',
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.stage, 'ready');
      assert.equal(ok.body.events[0]?.official, '警察庁 国際捜査管理官 山田');
      assert.ok(ok.body.events[0]?.at.endsWith('Z'), 'stored in UTC');
      assert.deepEqual(
        ok.body.next.map((n) => n.event),
        ['sent', 'reminded'],
      );
      const sent = await record(id, { event: 'sent', at: at(), reference: 'OIA 182-44021' });
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.stage, 'sent');
      assert.equal(sent.body.reminder?.awaiting, 'acknowledged');
      assert.equal(Date.parse(sent.body.reminder?.dueAt ?? '') - Date.parse(sent.body.events[1]?.at ?? ''), 30 * DAY);
      assert.deepEqual(
        sent.body.route.map((h) => h.state),
        ['done', 'done', 'current'],
      );

      // No acknowledgement after a month: the reminder is overdue; a reminder restarts the wait.
      offset += 31 * DAY;
      const late = await track(id);
      assert.equal(late.body.reminder?.status, 'overdue');
      // The lists the unit works from carry it too (its home page puts a late one in the urgent band).
      const inList = async () =>
        (await (await hub.as('sato')).call<List<RequestSummary>>('GET', '/v1/requests?limit=200')).body.items.find(
          (r) => r.id === id,
        );
      assert.equal((await inList())?.followUp?.kind, 'mlat_reply');
      assert.equal((await inList())?.followUp?.status, 'overdue');
      const reminded = await record(id, { event: 'reminded', at: at(), note: 'OIA に電子メールで照会' });
      assert.equal(reminded.status, 200, JSON.stringify(reminded.body));
      assert.equal(reminded.body.reminder?.status, 'on_time');
      offset += 2 * DAY;
      const ack = await record(id, { event: 'acknowledged', at: at(), reference: 'OIA 182-44021-A' });
      assert.equal(ack.body.stage, 'acknowledged');
      assert.equal(ack.body.reminder?.awaiting, 'answered');
      const refusedWithoutReason = await record(id, { event: 'refused', at: at() });
      assert.equal(refusedWithoutReason.status, 400);
      assert.equal(refusedWithoutReason.body.error.details?.field, 'note');
      offset += 60 * DAY;
      const answered = await record(id, { event: 'answered', at: at(), note: '契約者情報とログを受領（外交封書）' });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.equal(answered.body.stage, 'answered');
      assert.equal(answered.body.reminder, null);
      assert.equal((await inList())?.followUp, null, 'nothing is awaited once answered');
      assert.deepEqual(answered.body.next, []);
      assert.deepEqual(
        answered.body.route.map((h) => h.state),
        ['done', 'done', 'done'],
      );
      const after = await record(id, { event: 'reminded', at: at() });
      assert.equal(after.status, 409, 'nothing follows an answer');

      const audited = await auditDetails(hub.ctx.store.db, 'mlat.event_recorded', id);
      assert.equal(audited.length, 5, 'each recorded step is audited');
    });

    test('no treaty: unit → NPA → foreign ministry → foreign authority; a return ends the route', async () => {
      const { id } = await issue(mlat({ requestedCountry: 'BR', treaty: 'diplomatic' }));
      assert.ok(id);
      const t = await track(id);
      assert.deepEqual(
        t.body.route.map((h) => h.hop),
        ['unit', 'npa', 'mofa', 'foreign'],
      );
      assert.equal((await record(id, { event: 'approved', hop: 'mofa', at: at() })).status, 409);
      assert.equal((await record(id, { event: 'approved', hop: 'npa', at: at() })).status, 200);
      const back = await record(id, { event: 'returned', hop: 'mofa', at: at(), note: '翻訳文の添付が必要' });
      assert.equal(back.status, 200, JSON.stringify(back.body));
      assert.equal(back.body.stage, 'returned');
      assert.equal(back.body.route.find((h) => h.hop === 'mofa')?.state, 'returned');
      assert.equal((await record(id, { event: 'sent', at: at() })).status, 409);
    });

    test('an approval recorded a moment ahead of the hub clock still offers the next step', async () => {
      const { id } = await issue(mlat({ requestedCountry: 'BR', treaty: 'diplomatic' }));
      assert.ok(id);
      // Within the five minutes of clock difference the route accepts, a minute ahead of the hub.
      const ok = await record(id, { event: 'approved', hop: 'npa', at: at(60_000) });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.ok(
        ok.body.next.some((n) => n.event === 'approved' && n.hop === 'mofa'),
        JSON.stringify(ok.body.next),
      );
    });

    test('the Ministry of Justice as central authority, and the 24/7 network for preservation', async () => {
      const moj = await issue(mlat({ requestedCountry: 'KR', treaty: 'jp_kr_mlat', centralAuthority: 'moj' }));
      assert.deepEqual(
        (await track(moj.id ?? '')).body.route.map((h) => h.hop),
        ['unit', 'moj', 'foreign'],
      );
      const pres = await issue(mlat({ requestedCountry: 'DE', treaty: 'budapest_24_7', assistance: 'preservation' }));
      const id = pres.id ?? assert.fail('issued');
      const t = await track(id);
      assert.deepEqual(
        t.body.route.map((h) => h.hop),
        ['unit', 'npa_24_7', 'foreign'],
      );
      await record(id, { event: 'approved', hop: 'npa_24_7', at: at() });
      const sent = await record(id, { event: 'sent', at: at() });
      // The 24/7 network answers within days, not months.
      assert.equal(Date.parse(sent.body.reminder?.dueAt ?? '') - Date.parse(sent.body.events[1]?.at ?? ''), 2 * DAY);
    });

    test('the letter of request names the treaty in both languages', async () => {
      const { id } = await issue(mlat({ requestedCountry: 'US', treaty: 'jp_us_mlat' }));
      const pkg = await (await hub.as('sato')).call<{ summary: { ja: string; en: string } }>(
        'GET',
        `/v1/requests/${id}/mlat-package`,
      );
      assert.equal(pkg.status, 200, JSON.stringify(pkg.body));
      assert.match(pkg.body.summary.en, /Legal basis: Treaty between Japan and the United States of America/);
      assert.match(pkg.body.summary.ja, /根拠: 日米刑事共助条約/);
    });
  });
}
