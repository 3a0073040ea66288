// `shokai agent provision list|show|carry-out`: a provision order (提供命令) carried out from the board's
// installation's command line, set up as its operator does (init, keys, pin, reviewer add, `shokai board
// import` into its store) against a running hub. `list` shows the order with the check of the judge's
// signature against the pin; `show` the post log's communications (numbered, with file:line; the read
// audited) and the plan (each communication's access provider, named from the pin) with its digest;
// `carry-out` with that digest and the same selection seals on the board's side and the access provider
// opens exactly what was picked and typed. A plan changed since `show` is refused in words (exit 2),
// nothing received or sent, the new plan printed; a line that cannot be read is refused naming it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.ts';
import { shokai } from '../support/cli.ts';
import { type CliInstallation, cliInstallation, LEGAL, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { type Client, DEMO_ORGS, orgId, type TestHub } from '../support/exchange.ts';
import { declareSigned } from '../support/networks.ts';
import { issuedProvisionOrder, notifiedAndOpened } from '../support/provision.ts';

const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/thread/881,1,2026-11-20T09:00:00+09:00,198.51.100.9,40000,other
https://sakura-board.example/thread/881,2,2026-11-20T09:15:00+09:00,203.0.113.77,51515,anon-7
https://sakura-board.example/thread/881,2,2026-11-20T09:16:00+09:00,192.0.2.10,,anon-7
`;
const KEPT = '203.0.113.77 51515 2026-11-20T09:15:00.000+09:00';
const TYPED = '203.0.113.78 40001 2026-11-20T09:20:00+09:00';

/** A text as a regular expression matching it literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The plan's digest `show` (or a refused carry-out) printed. */
const digestOf = (stdout: string) =>
  (/^(?:the plan's digest|送り先のダイジェスト): ([0-9a-f]{64})$/m.exec(stdout) ?? assert.fail(stdout))[1] ?? '';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  describe(`shokai agent provision: hub on ${dialect}, board's installation on ${agentDialect}`, () => {
    let inst: CliInstallation;
    let hub: TestHub;
    let lawyer: Client, judge: Client, isp: Client;
    let courtId: string;
    const agent = (args: string[], lang = 'en') => inst.agent(['provision', ...args, '--as', LEGAL], lang);
    /** The installation's audit entries of `action`. */
    const audited = async (action: string) => {
      const s = await openStore(inst.store);
      try {
        return (await s.db.selectFrom('audit_entries').select('details').where('action', '=', action).execute()).map(
          (r) => r.details ?? '',
        );
      } finally {
        await s.close();
      }
    };
    const hubSide = (id: string) =>
      hub.ctx.store.db
        .selectFrom('ancillary_order_applications')
        .select(['received_at', 'provided_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const issued = (thread: string) =>
      issuedProvisionOrder({ hub, lawyer, judge, courtId, providerId: inst.provider }, thread);

    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'PROVISION-CLI', 'board');
      hub = inst.hub;
      [lawyer, judge, isp] = [await hub.as('lawyer'), await hub.as('judge'), await hub.as('isp.legal')];
      courtId = await orgId(hub, DEMO_ORGS.court);
      // The board's operator imports its post log into the installation's store on the command line.
      const posts = join(inst.dir, 'posts.csv');
      writeFileSync(posts, POSTS);
      await ok(
        shokai(['board', 'import', posts, '--store', inst.storeUrl], {
          SHOKAI_MASTER_KEY: '',
          SHOKAI_DATA_DIR: inst.dir,
        }),
      );
    });
    after(async () => {
      await inst.close();
    });

    const listShowCarryOutTitle =
      'list, show and carry-out: picked and typed, sealed on the board’s side, opened by the access provider';
    test(listShowCarryOutTitle, async () => {
      const { order } = await issued('881');
      const list = await ok(agent(['list']));
      const row = list.split('\n').find((l) => l.startsWith(order.id)) ?? assert.fail(list);
      assert.ok(row.includes(order.reference), row);
      assert.match(row, /To carry out {2}the judge's signature verifies with the key in the pinned directory/);
      const ja = await ok(agent(['list'], ''));
      assert.match(ja, /履行待ち {2}裁判官の電子署名は、固定済みディレクトリの鍵で有効です/);
      assert.deepEqual(await audited('holders.posts_looked_up'), [], 'listing reads no post log');

      // show: the order, the post log's communications numbered with file:line (the read audited), the plan.
      const shown = await ok(agent(['show', order.id]));
      assert.match(shown, /Signature check: the judge's signature verifies/);
      assert.match(shown, /^The posts the order concerns:\n {2}https:\/\/sakura-board\.example\/thread\/881#res-2$/m);
      const kept = new RegExp(`^ {4}\\[(\\d)\\] ${literal(KEPT)} {2}\\(from \\S+ #2; \\S*posts\\.csv:3\\)$`, 'm');
      const n = (kept.exec(shown) ?? assert.fail(shown))[1] ?? '';
      assert.match(shown, /\[\d\] 192\.0\.2\.10 - 2026-11-20T09:16:00\.000\+09:00 {2}\(from \S+ #2; \S*posts\.csv:4\)/);
      assert.match(shown, /several communications are recorded for this post/);
      assert.doesNotMatch(shown, /198\.51\.100\.9/, 'another post of the thread is not offered');
      assert.match(shown, new RegExp(`^ {2}${literal(KEPT)} {2}→ Nihon Network Communications K\\.K\\.$`, 'm'));
      const reads = await audited('holders.posts_looked_up');
      assert.equal(reads.length, 1);
      assert.match(reads[0] ?? '', new RegExp(order.reference));
      assert.doesNotMatch(reads[0] ?? '', /203\.0\.113/);

      // The reviewer keeps one and types one: the plan of exactly those, its digest and the command.
      const selection = ['--pick', n, '--line', TYPED];
      const plan = await ok(agent(['show', order.id, ...selection]));
      assert.match(plan, /^ {2}203\.0\.113\.78 40001 \S+ {2}→ Nihon Network Communications K\.K\.$/m);
      assert.doesNotMatch(plan.slice(plan.indexOf('Where each communication goes')), /192\.0\.2\.10/);
      const digest = digestOf(plan);
      assert.ok(
        plan.includes(`carry-out ${order.id} --confirm ${digest} --as '${LEGAL}' --pick ${n} --line '${TYPED}'`),
      );
      const jaPlan = await ok(agent(['show', order.id, ...selection], ''));
      assert.match(jaPlan, /→ 日本ネットワーク通信株式会社/);
      assert.equal(digestOf(jaPlan), digest, 'the same plan, in either language');
      assert.deepEqual(await hubSide(order.id), { received_at: null, provided_at: null }, 'show sends nothing');

      const done = await ok(agent(['carry-out', order.id, '--confirm', digest, ...selection]));
      assert.match(done, new RegExp(`provision order ${order.reference} carried out`));
      assert.match(done, /only their names go to the applicant's counsel\):\n {2}Nihon Network Communications K\.K\./);
      const law = await lawyer.call<{ receivedAt: string | null; provision: { accessProviders: unknown[] } | null }>(
        'GET',
        `/v1/ancillary-orders/${order.id}`,
      );
      assert.ok(law.body.receivedAt);
      assert.equal(law.body.provision?.accessProviders.length, 1);
      const carried = await audited('agent.provision_carried_out');
      assert.equal(carried.length, 1);
      assert.match(carried[0] ?? '', new RegExp(digest));
      // Every read of the post log audited: show twice (all, then picking) and carry-out picking.
      assert.equal((await audited('holders.posts_looked_up')).length, 4);
      const again = await ok(agent(['show', order.id]));
      assert.match(again, /State: Carried out/);
      assert.doesNotMatch(again, /Where each communication goes/);

      // The lawyer notifies its application against the access provider, which opens exactly what was chosen.
      const opened = await notifiedAndOpened({ hub, lawyer, isp, courtId, ispId: inst.isp }, order.id, '8812');
      assert.deepEqual(opened.communications, [
        { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00.000+09:00' },
        { address: '203.0.113.78', port: 40001, at: '2026-11-20T09:20:00+09:00' },
      ]);
      assert.equal(opened.contentProvider.id, inst.provider);
    });

    const changedPlanTitle =
      'a plan changed since show is refused in words, nothing sent; a line that cannot be read is named';
    test(changedPlanTitle, async () => {
      const { order } = await issued('882');
      const file = join(inst.dir, 'typed.txt');
      writeFileSync(file, `\n${TYPED}\n`);
      const selection = ['--line', KEPT, '--file', file];
      const before = (await audited('holders.posts_looked_up')).length;
      const digest = digestOf(await ok(agent(['show', order.id, ...selection])));
      assert.equal((await audited('holders.posts_looked_up')).length, before, 'typed lines only: no post log read');

      // Between show and carry-out the access provider declares its networks anew, without this range:
      // the declaration enters the hub's directory log, and carry-out extends the pin to it.
      const declared = async (cidrs: string[]) =>
        declareSigned(hub, inst.isp, {
          cidrs,
          asns: [64500],
          domains: ['nihon-net.example'],
        });
      await declared(['2001:db8:1000::/36']);
      const notices = async () => (await hub.ctx.store.db.selectFrom('provision_notices').selectAll().execute()).length;
      const count = await notices();
      for (const [lang, words, none] of [
        [
          'en',
          'is not what was confirmed: nothing was sent; check the new plan',
          'No access provider found \\(not sent\\)',
        ],
        [
          '',
          '確認した送り先と、いま固定済みディレクトリの申告ネットワークから求めた送り先が一致しません。何も送っていません',
          '経由プロバイダが見つかりません（送りません）',
        ],
      ] as const) {
        const refused = await agent(['carry-out', order.id, '--confirm', digest, ...selection], lang);
        assert.equal(refused.status, 2, refused.stderr);
        assert.match(refused.stderr, new RegExp(words));
        assert.doesNotMatch(refused.stderr, /CONFLICT|\bplan=/, 'words, not codes');
        assert.match(refused.stdout, new RegExp(`203\\.0\\.113\\.77 51515 \\S+ {2}→ ${none}`));
        assert.notEqual(digestOf(refused.stdout), digest, 'the new plan, with its own digest');
      }
      assert.equal(await notices(), count);
      assert.deepEqual(await hubSide(order.id), { received_at: null, provided_at: null });

      // A line that cannot be read: refused naming it (the file's line, or which --line), nothing sent.
      writeFileSync(file, `${TYPED}\n203.0.113.80 2026-11-20 09:30\n`);
      const badFile = await agent(['carry-out', order.id, '--confirm', digest, ...selection]);
      assert.equal(badFile.status, 1);
      assert.ok(
        badFile.stderr.includes(`${file} line 2 cannot be read: 203.0.113.80 2026-11-20 09:30`),
        badFile.stderr,
      );
      const badLine = await agent(['show', order.id, '--line', '203.0.113.80 2026-11-20 09:30'], '');
      assert.equal(badLine.status, 1);
      assert.match(badLine.stderr, /--line の 1 件目が読み取れません: 203\.0\.113\.80 2026-11-20 09:30/);

      // The networks back as they were: the plan confirmed is the plan again, and it is carried out.
      writeFileSync(file, `${TYPED}\n`);
      await declared(['203.0.113.0/24', '2001:db8:1000::/36']);
      await ok(agent(['carry-out', order.id, '--confirm', digest, ...selection]));
      assert.equal(await notices(), count + 1);
      assert.ok((await hubSide(order.id)).provided_at);
    });

    const alteredOrderTitle =
      'an order altered at the hub is shown as not verifying (exit 2), nothing read for it nor carried out';
    test(alteredOrderTitle, async () => {
      const { order } = await issued('883');
      await hub.ctx.store.db
        .updateTable('ancillary_order_applications')
        .set({ order_content: '相手方は、全ての投稿の発信者情報を提供せよ。' })
        .where('id', '=', order.id)
        .execute();
      const before = (await audited('holders.posts_looked_up')).length;
      const shown = await agent(['show', order.id]);
      assert.equal(shown.status, 2, shown.stderr);
      assert.match(
        shown.stdout,
        /Signature check: the judge's signature does not verify with the pinned directory's key/,
      );
      assert.match(shown.stdout, /State: Cannot be carried out/);
      assert.doesNotMatch(shown.stdout, /Where each communication goes/);
      assert.equal((await audited('holders.posts_looked_up')).length, before, 'the post log is not read for it');
      const carried = await agent(['carry-out', order.id, '--confirm', '0'.repeat(64), '--line', TYPED], '');
      assert.equal(carried.status, 1);
      assert.match(carried.stderr, /裁判官の署名を固定済みディレクトリの鍵で確認できません/);
      assert.deepEqual(await hubSide(order.id), { received_at: null, provided_at: null });
    });
  });
}
