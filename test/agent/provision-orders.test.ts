// A provision order (提供命令, art. 15(1)) carried out on the board's own installation: the installation
// lists the orders addressed to the board through the hub's API, checks the judge's signature against
// its pinned directory, fills the communications from its own post log when the reviewer asks (each
// with its post and file:line; audited there), the reviewer removes one and adds one in the review
// pages and confirms; the installation finds the access provider from the networks declared in its
// pinned directory (never the hub's unsigned list), seals the notice to the access provider's key
// itself, and the hub receives only the box. No request to the hub carries an address; the access
// provider opens the notice on its device after the lawyer's notice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { pinnedDirectory } from '../../src/agent/intake.ts';
import { addReviewer, reviewerByName } from '../../src/agent/reviewers.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { ancillaryPayloadOf } from '../../src/court/ancillary-order-models.ts';
import { issuedOrder as issuedOrderOf } from '../../src/court/disclosure-order-views.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { ancillaryOrderDigest } from '../../src/domain/ancillary-order.ts';
import { checkExtends } from '../../src/domain/pinned-directory.ts';
import { importPostLog } from '../../src/holders/board-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { courtUserKey } from '../support/court-user-key.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { declareSigned } from '../support/networks.ts';
import { issuedProvisionOrder, notifiedAndOpened, portAlone } from '../support/provision.ts';
import { storeText } from '../support/store-text.ts';

type Order = Schemas['AncillaryOrder'];

/** The confirm form of a preview page, as the browser would send it (its hidden lines and plan). */
function confirmForm(html: string): URLSearchParams {
  const form = new URLSearchParams();
  const section = html.slice(html.indexOf('data-testid="provision-plan"'));
  for (const m of section.matchAll(/<input type="hidden" name="(line|plan)" value="([^"]*)">/g)) {
    form.append(m[1] ?? '', (m[2] ?? '').replaceAll('&#43;', '+').replaceAll('&amp;', '&'));
  }
  return form;
}

const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/thread/991,1,2026-11-20T09:00:00+09:00,198.51.100.9,40000,other
https://sakura-board.example/thread/991,2,2026-11-20T09:15:00+09:00,203.0.113.77,51515,anon-7
https://sakura-board.example/thread/991,2,2026-11-20T09:16:00+09:00,192.0.2.10,,anon-7
`;

for (const dialect of testDialects()) {
  describe(`a provision order carried out on the board's installation (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge, isp],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge', 'isp.legal']);
    let agent: TestAgent;
    let signer: Parameters<typeof runtime>[1];
    const sent: string[] = [];
    // Each request's URL and body (the typed client hands the transport a Request, its body inside it).
    const record: (f: Fetch) => Fetch = (f) => async (input, init) => {
      const body = input instanceof Request ? await input.clone().text() : String(init?.body ?? '');
      sent.push(`${String(input instanceof Request ? input.url : input)} ${body}`);
      return f(input, init);
    };

    before(async () => {
      const ready = await readyInstallation(hub, dialect, 'Sakura Board K.K.');
      agent = ready.agent;
      signer = ready.key.signer;
      // The board's operator imports its post log (the first import names the board as the records' owner).
      await run(agent.ctx, addReviewer, SYSTEM_CALLER, '運用 佐々木', { records: true });
      const operator = await run(agent.ctx, (uow) => reviewerByName(uow, '運用 佐々木', agent.organisationId));
      await run(agent.ctx, importPostLog, operator, { file: { name: 'posts.csv', content: POSTS } });
    });
    after(async () => {
      await agent.close();
    });

    /** The lawyer's provision order on a case against the board for thread 99n, issued by the judge. */
    const issuedOrder = (n: number) =>
      issuedProvisionOrder({ hub, lawyer, judge, courtId: orgs.court, providerId: orgs.board }, `99${n}`);

    /** The installation's pages as a new legal officer `name` reads them, its hub calls through `through`. */
    async function officerPages(name: string, through?: (f: Fetch) => Fetch) {
      const rt = runtime(agent, signer, agent.link(undefined, through));
      const { code } = await addLegalOfficer(agent, name);
      return async (path: string, body?: URLSearchParams) => {
        const res = await agentPage(rt, code, path, body);
        return { status: res.status, html: await res.text(), location: res.headers.get('location') };
      };
    }

    /** The sender's communication as the reviewer types it on the preview. */
    const senderLine = () => new URLSearchParams({ more: '203.0.113.77 51515 2026-11-20T09:15:00+09:00' });

    test('checked against the pin, filled from the post log, reviewed, sealed on the board’s side', async () => {
      const { order } = await issuedOrder(1);
      const pages = await officerPages('法務 山口', record);

      const list = await pages('/provision-orders');
      assert.equal(list.status, 200, list.html);
      assert.match(list.html, new RegExp(order.reference));
      assert.match(list.html, /裁判官の電子署名は、固定済みディレクトリの鍵で有効です/);
      assert.match((await pages('/provision-orders?lang=en')).html, /verifies with the key in the pinned directory/);

      // Fill from the post log: the order's post, both its records, each with its file:line.
      const filled = await pages(`/provision-orders/${order.id}/fill`, new URLSearchParams());
      assert.equal(filled.status, 200, filled.html);
      assert.match(filled.html, /data-testid="post-log-communications"/);
      assert.match(filled.html, /value="203\.0\.113\.77 51515 2026-11-20T09:15:00\.000\+09:00"/);
      assert.match(filled.html, /<code>posts\.csv:3<\/code>/);
      assert.match(filled.html, /<code>posts\.csv:4<\/code>/);
      assert.match(filled.html, /複数の通信が記録されています/);
      assert.doesNotMatch(filled.html, /198\.51\.100\.9/, 'another post of the thread is not offered');
      const read = await auditDetails(agent.ctx.store.db, 'holders.posts_looked_up');
      assert.equal(read.length, 1);
      assert.match(JSON.stringify(read[0]), new RegExp(order.reference));

      // A line that cannot be read is refused with its words; nothing is sent.
      const bad = await pages(
        `/provision-orders/${order.id}/preview`,
        new URLSearchParams({ more: '203.0.113.80 2026-11-20 09:30' }),
      );
      assert.equal(bad.status, 400);
      assert.match(bad.html, /role="alert"/);
      assert.match(bad.html, /1 行目が読み取れません/);
      // (The demo's own chain left notices of other orders: this order's are counted.)
      const ofOrder = hub.ctx.store.db.selectFrom('provision_notices').selectAll().where('order_id', '=', order.id);
      assert.equal((await ofOrder.execute()).length, 0);

      // The reviewer keeps the access provider's address, unticks 192.0.2.10, adds one by hand.
      const form = new URLSearchParams();
      form.append('c', '203.0.113.77 51515 2026-11-20T09:15:00.000+09:00');
      form.append('more', '203.0.113.78 40001 2026-11-20T09:20:00+09:00');
      // The preview: each communication with the access provider it will be sealed to; nothing sent yet.
      const preview = await pages(`/provision-orders/${order.id}/preview`, form);
      assert.equal(preview.status, 200, preview.html);
      assert.match(preview.html, /data-testid="provision-plan"/);
      assert.match(preview.html, /日本ネットワーク通信/);
      assert.equal(sent.filter((s) => /\/receive|\/provide-sealed/.test(s)).length, 0, 'nothing carried out yet');
      const done = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.equal(done.status, 303, done.html);
      const after = await pages(`/provision-orders/${order.id}`);
      assert.match(after.html, /data-testid="provision-result"/);
      assert.match(after.html, /日本ネットワーク通信|Nihon Network/);

      // The hub: the order received and carried out, naming the access provider; the lawyer sees names only.
      const law = await lawyer.call<Order>('GET', `/v1/ancillary-orders/${order.id}`);
      assert.ok(law.body.receivedAt);
      assert.deepEqual(
        law.body.provision?.accessProviders.map((a) => a.organisation.id),
        [orgs.isp],
      );
      // No request to the hub carried an address or a post log line; the hub's store holds none.
      assert.ok(
        sent.some((s) => /\/provide-sealed .*"notices"/.test(s)),
        'the bodies are recorded',
      );
      for (const s of sent) assert.doesNotMatch(s, /203\.0\.113\.7[78]|192\.0\.2\.10|posts\.csv|anon-7/, s);
      const stored = await storeText(hub.ctx.store);
      assert.doesNotMatch(stored, /203\.0\.113\.7[78]/);
      assert.doesNotMatch(stored, portAlone(51515));
      const audit = await auditDetails(agent.ctx.store.db, 'agent.provision_carried_out');
      assert.equal(audit.length, 1);
      assert.doesNotMatch(JSON.stringify(audit[0]), /203\.0\.113/);

      // The lawyer notifies its application against the access provider, which opens the notice on its
      // device: exactly what the reviewer kept and added.
      const opened = await notifiedAndOpened(
        { hub, lawyer, isp, courtId: orgs.court, ispId: orgs.isp },
        order.id,
        '9912',
      );
      assert.deepEqual(opened.communications, [
        { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00.000+09:00' },
        { address: '203.0.113.78', port: 40001, at: '2026-11-20T09:20:00+09:00' },
      ]);
      assert.equal(opened.contentProvider.id, orgs.board);
      // Signed on the installation with its installation key (the access provider's device checked it).
      assert.equal(opened.signedBy?.credential, 'organisation');
      const key = opened.contentProviderKeys.find((k) => k.fingerprint === opened.signedBy?.keyFingerprint);
      assert.equal(key?.id, signer.keyId);
    });

    test('the reviewer confirms where each goes; a plan that changed since is refused, nothing sent', async () => {
      const { order } = await issuedOrder(4);
      // The hub's unsigned list names the access provider in its own words and claims a range it never
      // declared: the page names it from the pin and routes by the pin's declarations alone.
      const decoy: (f: Fetch) => Fetch = (f) => async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.includes('/v1/provider-networks')) return f(input, init);
        const items = [
          { organisationId: orgs.isp, nameJa: '偽装通信株式会社', nameEn: 'Decoy Telecom', cidrs: ['198.18.0.0/15'] },
        ].map((d) => ({ ...d, asns: [], domains: [] }));
        return Response.json({ items });
      };
      const pages = await officerPages('法務 中村', decoy);
      const lines = new URLSearchParams({
        more: '203.0.113.77 51515 2026-11-20T09:15:00+09:00\n198.18.0.1 2026-11-20T09:16:00+09:00',
      });
      const preview = await pages(`/provision-orders/${order.id}/preview`, lines);
      assert.equal(preview.status, 200, preview.html);
      const plan = preview.html.slice(preview.html.indexOf('data-testid="provision-plan"'));
      assert.match(
        plan,
        /<code>203\.0\.113\.77<\/code><\/td><td>51515<\/td><td[^>]*>[^<]+<\/td><td>日本ネットワーク通信/,
      );
      assert.match(plan, /<code>198\.18\.0\.1<\/code>.*?経由プロバイダが見つかりません（送りません）/);
      assert.doesNotMatch(plan, /偽装通信|Decoy/);
      const en = await pages(`/provision-orders/${order.id}/preview?lang=en`, lines);
      assert.match(en.html, /Sealed to/);
      assert.match(en.html, /No access provider found \(not sent\)/);

      // Between preview and confirmation the access provider declares its ranges anew, without this one:
      // the declaration enters the hub's log, the installation extends its pin to it at carrying out.
      const declared = async (cidrs: string[]) =>
        declareSigned(hub, orgs.isp, { cidrs, asns: [64500], domains: ['nihon-net.example'] });
      await declared(['2001:db8:1000::/36']);
      const notices = async () => (await hub.ctx.store.db.selectFrom('provision_notices').selectAll().execute()).length;
      const before = await notices();
      const refused = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.equal(refused.status, 409, refused.html);
      assert.match(
        refused.html,
        /role="alert"[^>]*>確認した送り先と、いま固定済みディレクトリの申告ネットワークから求めた送り先が一致しません/,
      );
      const again = refused.html.slice(refused.html.indexOf('data-testid="provision-plan"'));
      assert.match(again, /<code>203\.0\.113\.77<\/code>.*?経由プロバイダが見つかりません/);
      assert.doesNotMatch(again, /日本ネットワーク通信/);
      assert.equal(await notices(), before);
      const hubSide = async () =>
        hub.ctx.store.db
          .selectFrom('ancillary_order_applications')
          .select(['received_at', 'provided_at'])
          .where('id', '=', order.id)
          .executeTakeFirstOrThrow();
      assert.deepEqual(await hubSide(), { received_at: null, provided_at: null });

      // A plan the reviewer never saw (a digest not of these lines' plan) is refused the same way.
      await declared(['203.0.113.0/24', '2001:db8:1000::/36']);
      const forged = confirmForm(preview.html);
      forged.set('plan', '0'.repeat(64));
      assert.equal((await pages(`/provision-orders/${order.id}/carry-out`, forged)).status, 409);
      assert.deepEqual(await hubSide(), { received_at: null, provided_at: null });

      // The range declared again: the plan confirmed is the plan, and it is carried out.
      const done = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.equal(done.status, 303, done.html);
      assert.equal(await notices(), before + 1);
    });

    test('a plan confirmed for one order is not the plan of another with the same lines', async () => {
      const first = (await issuedOrder(6)).order;
      const second = (await issuedOrder(7)).order;
      const pages = await officerPages('法務 加藤');
      const lines = senderLine();
      const previewOf = async (o: Order) => {
        const r = await pages(`/provision-orders/${o.id}/preview`, lines);
        assert.equal(r.status, 200, r.html);
        return r.html;
      };
      const firstPreview = await previewOf(first);
      const secondPreview = await previewOf(second);
      const plan = (html: string) => confirmForm(html).get('plan');
      assert.notEqual(plan(firstPreview), plan(secondPreview), 'the same lines, another order: another digest');

      // The first order's confirmed plan sent for the second: refused, nothing received or sent for it.
      const replayed = await pages(`/provision-orders/${second.id}/carry-out`, confirmForm(firstPreview));
      assert.equal(replayed.status, 409, replayed.html);
      assert.match(
        replayed.html,
        /確認した送り先と、いま固定済みディレクトリの申告ネットワークから求めた送り先が一致しません/,
      );
      const hubSide = async (o: Order) =>
        hub.ctx.store.db
          .selectFrom('ancillary_order_applications')
          .select(['received_at', 'provided_at'])
          .where('id', '=', o.id)
          .executeTakeFirstOrThrow();
      assert.deepEqual(await hubSide(second), { received_at: null, provided_at: null });
      // Each plan carries out its own order.
      for (const [o, html] of [
        [first, firstPreview],
        [second, secondPreview],
      ] as const) {
        const done = await pages(`/provision-orders/${o.id}/carry-out`, confirmForm(html));
        assert.equal(done.status, 303, done.html);
        assert.ok((await hubSide(o)).provided_at);
        const [carried] = await auditDetails(agent.ctx.store.db, 'agent.provision_carried_out', o.id);
        assert.equal(carried?.plan, plan(html));
      }
    });

    test('carrying out is recorded here before the hub is asked, and its outcome after', async () => {
      const { order } = await issuedOrder(8);
      const db = agent.ctx.store.db;
      const audited = (action: string) => auditDetails(db, action, order.id);
      // What the installation's log held when the boxes went to the hub; the hub down for the first try
      // (a proxy's 503), refusing for the second (an error of the hub's own, 409).
      const seen: Array<{ intents: Record<string, unknown>[]; notices: string[] }> = [];
      let hubIs: 'down' | 'refusing' | 'up' = 'down';
      const watch: (f: Fetch) => Fetch = (f) => async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.includes('/provide-sealed')) return f(input, init);
        const text = input instanceof Request ? await input.clone().text() : String(init?.body);
        const body = JSON.parse(text) as { notices: Array<{ id: string }> };
        seen.push({ intents: await audited('agent.provision_carrying_out'), notices: body.notices.map((n) => n.id) });
        if (hubIs === 'down') return new Response('unavailable', { status: 503 });
        if (hubIs === 'refusing') {
          const error = { code: 'CONFLICT', message: { ja: '受け付けません', en: 'Not taken' } };
          return Response.json({ error }, { status: 409 });
        }
        return f(input, init);
      };
      const pages = await officerPages('法務 吉田', watch);
      const lines = senderLine();
      const preview = await pages(`/provision-orders/${order.id}/preview`, lines);
      assert.equal(preview.status, 200, preview.html);

      // No answer of the hub's: the intent was recorded before, the outcome after, unconfirmed (not a refusal).
      const failed = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.equal(failed.status, 502, failed.html);
      assert.equal(seen.length, 1, failed.html);
      assert.equal(seen[0]?.intents.length, 1, 'the intent is in the log before the hub is asked');
      assert.deepEqual(seen[0]?.intents[0]?.notices, seen[0]?.notices);
      assert.equal(seen[0]?.intents[0]?.plan, confirmForm(preview.html).get('plan'));
      const [unanswered] = await audited('agent.provision_unconfirmed');
      assert.deepEqual(unanswered?.notices, seen[0]?.notices);
      assert.equal(unanswered?.hubAnswered, false, 'a 503 is no refusal of the hub');
      assert.equal(unanswered?.status, 503);
      assert.equal((await audited('agent.provision_carried_out')).length, 0);

      // The hub refuses (an error of its own, 4xx): recorded as answered, not carried out.
      hubIs = 'refusing';
      const refusedPage = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.notEqual(refusedPage.status, 303, refusedPage.html);
      const [, refused] = await audited('agent.provision_unconfirmed');
      assert.deepEqual(refused?.notices, seen[1]?.notices);
      assert.equal(refused?.hubAnswered, true);
      assert.equal(refused?.status, 409);
      assert.equal(refused?.code, 'CONFLICT');
      assert.doesNotMatch(JSON.stringify(await auditDetails(db, 'agent.provision_carrying_out')), /203\.0\.113/);

      // The hub back: carried out, the new intent before, the outcome after, each naming the same notices.
      hubIs = 'up';
      const done = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.equal(done.status, 303, done.html);
      assert.equal(seen[2]?.intents.length, 3);
      assert.deepEqual(seen[2]?.intents[2]?.notices, seen[2]?.notices);
      const [carried] = await audited('agent.provision_carried_out');
      assert.deepEqual(carried?.notices, seen[2]?.notices);
      const entries = await db
        .selectFrom('audit_entries')
        .select(['seq', 'action'])
        .where('subject_id', '=', order.id)
        .where('action', 'like', 'agent.provision_%')
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        entries.map((e) => e.action),
        [
          'agent.provision_carrying_out',
          'agent.provision_unconfirmed',
          'agent.provision_carrying_out',
          'agent.provision_unconfirmed',
          'agent.provision_carrying_out',
          'agent.provision_carried_out',
        ],
      );
    });

    test('a 5xx after the hub took the boxes is unconfirmed, not a refusal: the hub holds it carried out', async () => {
      const { order } = await issuedOrder(9);
      const db = agent.ctx.store.db;
      // The hub commits, then a proxy (or the hub's own failure after its commit) answers 504.
      const lost: (f: Fetch) => Fetch = (f) => async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        const res = await f(input, init);
        if (!url.includes('/provide-sealed')) return res;
        assert.equal(res.status, 200, 'the hub took the boxes');
        return new Response('gateway timeout', { status: 504 });
      };
      const pages = await officerPages('法務 森', lost);
      const lines = senderLine();
      const preview = await pages(`/provision-orders/${order.id}/preview`, lines);
      assert.equal(preview.status, 200, preview.html);
      const failed = await pages(`/provision-orders/${order.id}/carry-out`, confirmForm(preview.html));
      assert.notEqual(failed.status, 303, failed.html);
      const [outcome] = await auditDetails(db, 'agent.provision_unconfirmed', order.id);
      assert.equal(outcome?.hubAnswered, false, 'no refusal of the hub: the order may be carried out there');
      assert.equal(outcome?.status, 504);
      const hubSide = await hub.ctx.store.db
        .selectFrom('ancillary_order_applications')
        .select('provided_at')
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      assert.ok(hubSide.provided_at, 'and it is, at the hub');
    });

    test('a declaration made at the hub enters its log; the installation routes by it once extended', async () => {
      const { order } = await issuedOrder(5);
      const rt = runtime(agent, signer, agent.link());
      const { code } = await addLegalOfficer(agent, '法務 小林');
      const pinned = async () => (await run(agent.ctx, (uow) => pinnedDirectory(uow))) ?? assert.fail('pinned');
      const before = await pinned();
      const declaration = { asns: [64500], domains: ['nihon-net.example'] };
      const wider = ['203.0.113.0/24', '2001:db8:1000::/36', '198.18.0.0/15'];
      await declareSigned(hub, orgs.isp, { cidrs: wider, ...declaration });
      // The hub's signed log carries the whole new declaration, after the pinned entries.
      const exported = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const last = exported.entries.at(-1);
      assert.ok(last?.type === 'networks', JSON.stringify(last));
      assert.equal(last.organisationId, orgs.isp);
      assert.deepEqual(last.cidrs, wider);
      assert.equal(checkExtends(before, exported), null, 'the log only appended');
      assert.ok(!before.entries.some((e) => e.type === 'networks' && e.cidrs.includes('198.18.0.0/15')));

      const preview = await agentPage(
        rt,
        code,
        `/provision-orders/${order.id}/preview`,
        new URLSearchParams({ more: '198.18.0.1 2026-11-20T09:16:00+09:00' }),
      );
      const html = await preview.text();
      assert.equal(preview.status, 200, html);
      const plan = html.slice(html.indexOf('data-testid="provision-plan"'));
      assert.match(plan, /<code>198\.18\.0\.1<\/code>.*?日本ネットワーク通信/);
      const after = await pinned();
      assert.equal(after.head.rootHash, exported.head.rootHash, 'the pin was extended to the hub’s log');
      assert.deepEqual(after.entries.at(-1), last);
      await declareSigned(hub, orgs.isp, { cidrs: wider.slice(0, 2), ...declaration });
    });

    test('an order whose signature does not verify against the pin is not read for, nor carried out', async () => {
      const { order } = await issuedOrder(3);
      // The hub's copy of the order altered after the judge signed it.
      await hub.ctx.store.db
        .updateTable('ancillary_order_applications')
        .set({ order_content: '相手方は、全ての投稿の発信者情報を提供せよ。' })
        .where('id', '=', order.id)
        .execute();
      const rt = runtime(agent, signer, agent.link());
      const { code } = await addLegalOfficer(agent, '法務 佐藤');
      const page = await agentPage(rt, code, `/provision-orders/${order.id}`);
      const html = await page.text();
      assert.match(html, /裁判官の署名を固定済みディレクトリの鍵で確認できません/);
      assert.doesNotMatch(html, /action="\/provision-orders\/[^"]+\/fill"/);
      const fill = await agentPage(rt, code, `/provision-orders/${order.id}/fill`, new URLSearchParams());
      assert.equal(fill.status, 400);
      const carry = await agentPage(rt, code, `/provision-orders/${order.id}/carry-out`, senderLine());
      assert.equal(carry.status, 400);
      const hubSide = await hub.ctx.store.db
        .selectFrom('ancillary_order_applications')
        .select(['received_at', 'provided_at'])
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(hubSide, { received_at: null, provided_at: null });

      // A hub that cannot be reached: said in words, not an error page.
      const away = runtime(agent, signer, agent.link({ url: 'http://127.0.0.1:9' }));
      const down = await agentPage(away, code, '/provision-orders');
      assert.equal(down.status, 502);
      assert.match(await down.text(), /role="alert"/);
    });

    test("an order signed by a court user's key who is no judge is refused, saying so", async () => {
      const { order } = await issuedOrder(4);
      const db = hub.ctx.store.db;
      const row = await db
        .selectFrom('ancillary_order_applications')
        .selectAll()
        .where('id', '=', order.id)
        .executeTakeFirstOrThrow();
      const main = await db
        .selectFrom('disclosure_order_applications')
        .selectAll()
        .where('id', '=', row.application_id)
        .executeTakeFirstOrThrow();
      const signed = issuedOrderOf(row) ?? assert.fail('an issued order');
      // The court's administrator signs the very order with a key of his own, valid when it was made
      // (after everything the installation pinned, so its pin is extended, not rewritten).
      const admin = await courtUserKey(hub, judge, {
        login: 'court.admin',
        courtId: orgs.court,
        validFrom: signed.orderedAt,
      });
      const digest = ancillaryOrderDigest(ancillaryPayloadOf(row, main, signed));
      await db
        .updateTable('ancillary_order_applications')
        .set({ attestation_key_id: admin.keyId, attestation_signature: admin.sign(digest) })
        .where('id', '=', order.id)
        .execute();
      const rt = runtime(agent, signer, agent.link());
      const { code } = await addLegalOfficer(agent, '法務 高橋');
      const html = await (await agentPage(rt, code, `/provision-orders/${order.id}`)).text();
      assert.match(html, /署名した時点で、署名者はその裁判所の裁判官ではありませんでした/);
      assert.doesNotMatch(html, /action="\/provision-orders\/[^"]+\/fill"/);
      const en = await (await agentPage(rt, code, `/provision-orders/${order.id}?lang=en`)).text();
      assert.match(en, /the signer was not a judge of the court at the time of signing/);
      const fill = await agentPage(rt, code, `/provision-orders/${order.id}/fill`, new URLSearchParams());
      assert.equal(fill.status, 400);
    });
  });
}
