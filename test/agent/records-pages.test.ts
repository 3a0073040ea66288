// The holder's records in the installation's pages: a board's officer (a reviewer with the records
// role) uploads the post log and a board request is answered from it; a file with a bad line is refused
// naming the line, field and value in Japanese and English with nothing stored; a legal officer without
// the role is refused; a café's officer imports its records and purges what is past three years, after
// a confirmation. Every import and purge is in the history and the installation's audit log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { MAX_RECORDS_FILE_BYTES } from '../../src/agent/records.ts';
import { addReviewer, reviewerByName } from '../../src/agent/reviewers.ts';
import { cycle } from '../../src/agent/runner.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { agentPage, approvedAndSent, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, openOnDevice } from '../support/exchange.ts';
import { cafeRecords, issue, newCase, threatPostInquiry } from '../support/flow.ts';
import { shiftJis } from '../support/shift-jis.ts';

const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/t/42,p-1233,2026-11-30T23:40:02+09:00,198.51.100.20,40100,regular-1
https://sakura-board.example/t/42,p-1234,2026-11-30T23:42:17+09:00,203.0.113.45,51234,anon-77
`;
const BAD_POSTS = POSTS.replace('2026-11-30T23:42:17+09:00', '2026-11-30 23:42:17');
const OLD_AND_NEW_USE = `terminal,member,entered_at,exited_at
B-03,C-0007,2021-04-01T20:00:00+09:00,2021-04-01T22:00:00+09:00
B-12,C-0042,2026-11-29T20:30:00+09:00,2026-11-29T22:10:00+09:00
`;
const ID_CHECKS = `member,document_kind,checked_at,name,address,birth_date
C-0007,drivers_licence,2021-04-01T19:55:00+09:00,古川 一,東京都新宿区1-1-1,1970-01-01
C-0042,drivers_licence,2026-06-01T10:00:00+09:00,山本 健,東京都新宿区歌舞伎町1-1-1,1988-02-03
`;

const upload = (kind: string, name: string, content: string | Uint8Array<ArrayBuffer>) => {
  const f = new FormData();
  f.set('kind', kind);
  f.set('file', new File([content], name, { type: 'text/csv' }));
  return f;
};

for (const dialect of testDialects()) {
  describe(`the records area of a holder's installation (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    let caseId: string;
    const installs: TestAgent[] = [];

    /** An installation with two reviewers: one with the records role, one legal officer only. */
    async function installation(name: string) {
      const { agent, key } = await readyInstallation(hub, dialect, name);
      installs.push(agent);
      const rt = runtime(agent, key.signer, agent.link());
      const officer = await run(agent.ctx, addReviewer, SYSTEM_CALLER, '記録 担当', { records: true });
      const legal = await run(agent.ctx, addReviewer, SYSTEM_CALLER, '法務 山口');
      /** What the pages answer, signed in with `code`. */
      async function pages(code: string, path: string, body?: FormData | URLSearchParams, headers = {}) {
        const res = await agentPage(rt, code, path, body, headers);
        return { status: res.status, html: await res.text() };
      }
      return { agent, rt, pages, officer: officer.code, legal: legal.code };
    }
    const count = async (agent: TestAgent, table: 'board_posts' | 'cafe_terminal_use' | 'cafe_id_checks') =>
      Number(
        (
          await agent.ctx.store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audited = async (agent: TestAgent, action: string) =>
      agent.ctx.store.db
        .selectFrom('audit_entries')
        .select(['actor_id', 'details'])
        .where('action', '=', action)
        .execute();

    before(async () => {
      caseId = await newCase(hub, 'RECORDS-1');
    });
    after(async () => {
      for (const a of installs) await a.close();
    });

    test('a board: refused file, no role, then the post log imported in the pages answers a request', async () => {
      const { agent, rt, pages, officer, legal } = await installation('Sakura Board K.K.');

      // A bad line: refused naming the line, the field and the value, in both languages; nothing stored.
      const bad = await pages(officer, '/records/import', upload('posts', 'posts.csv', BAD_POSTS));
      assert.equal(bad.status, 400);
      assert.match(bad.html, /role="alert"/);
      assert.match(bad.html, /何も保存していません/);
      assert.match(bad.html, /<td>3<\/td><td><code>posted_at<\/code><\/td><td><code>2026-11-30 23:42:17<\/code><\/td>/);
      const en = await pages(officer, '/records/import?lang=en', upload('posts', 'posts.csv', BAD_POSTS));
      assert.equal(en.status, 400);
      assert.match(en.html, /nothing was stored/);
      assert.match(en.html, /<td>3<\/td><td><code>posted_at<\/code>/);
      // Over the pages' limit: refused before it is read, with the limit named and the command line's way.
      const big = await pages(
        officer,
        '/records/import',
        upload('posts', 'big.csv', 'x'.repeat(MAX_RECORDS_FILE_BYTES + 65 * 1024)),
      );
      assert.equal(big.status, 413);
      assert.match(big.html, /32 MiB/);
      assert.equal(await count(agent, 'board_posts'), 0);
      assert.equal((await audited(agent, 'holders.posts_imported')).length, 0);

      // A legal officer without the records role: refused (page and upload), nothing stored.
      const page = await pages(legal, '/records');
      assert.equal(page.status, 403);
      assert.match(page.html, /ログ・契約者情報の取込み/);
      const refused = await pages(legal, '/records/import', upload('posts', 'posts.csv', POSTS));
      assert.equal(refused.status, 403);
      // A form posted from another origin: refused before anything is read.
      const foreign = await pages(officer, '/records/import', upload('posts', 'posts.csv', POSTS), {
        origin: 'https://evil.example',
        host: 'localhost',
      });
      assert.equal(foreign.status, 403);
      assert.equal(await count(agent, 'board_posts'), 0);

      // The good file: two rows taken; the same file again: nothing taken, two already present.
      const ok = await pages(officer, '/records/import', upload('posts', 'posts.csv', POSTS));
      assert.equal(ok.status, 200, ok.html);
      assert.match(ok.html, /data-testid="taken">2</);
      assert.match(ok.html, /data-testid="present">0</);
      const again = await pages(officer, '/records/import?lang=en', upload('posts', 'posts.csv', POSTS));
      assert.match(again.html, /data-testid="taken">0</);
      assert.match(again.html, /data-testid="present">2</);
      assert.equal(await count(agent, 'board_posts'), 2);
      const entries = await audited(agent, 'holders.posts_imported');
      assert.deepEqual(
        entries.map((e) => e.actor_id),
        ['reviewer:記録 担当', 'reviewer:記録 担当'],
      );
      const history = await pages(officer, '/records');
      const sha = (JSON.parse(entries[0]?.details ?? '{}') as { sha256: string }).sha256;
      assert.match(history.html, new RegExp(`<code>${sha}</code>`));
      assert.match(history.html, /記録 担当/);
      assert.doesNotMatch(history.html, /anon-77|203\.0\.113\.45/, 'the history shows no record');

      // A board request is answered from the imported post.
      const id = (await issue(sato, tanaka, threatPostInquiry(agent.organisationId, 'RECORDS-1'), caseId)).id;
      const p = await run(agent.ctx, (uow) => reviewerByName(uow, '法務 山口', agent.organisationId));
      const view = await approvedAndSent(rt, p, id);
      assert.equal(view.findings?.[0]?.finding?.verdict, 'unique');
      const opened = await openOnDevice(hub, 'sato', id);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      const post = opened.body.answer.items[0]?.finding?.candidates[0]?.posts?.[0];
      assert.equal(post?.address, '203.0.113.45');
      assert.equal(post?.port, 51234);
      assert.equal(post?.account, 'anon-77');
    });

    test('a café: its records imported, then what is past three years purged after a confirmation', async () => {
      const { agent, pages, officer, legal } = await installation('Manga Cafe Shinjuku');
      assert.equal(
        (await pages(officer, '/records/import', upload('terminal-use', 'use.csv', OLD_AND_NEW_USE))).status,
        200,
      );
      // A refused file: the kind chosen stays chosen for the corrected file.
      const bad = await pages(officer, '/records/import', upload('id-checks', 'ids.csv', 'member\nM-1\n'));
      assert.equal(bad.status, 400);
      assert.match(bad.html, /<option value="id-checks" selected>/);
      // The café's register exports Shift_JIS: read as the same text.
      const sjis = await pages(officer, '/records/import', upload('id-checks', 'ids.csv', shiftJis(ID_CHECKS)));
      assert.equal(sjis.status, 200, sjis.html);
      const names = await agent.ctx.store.db.selectFrom('cafe_id_checks').select('name').orderBy('name').execute();
      assert.deepEqual(
        names.map((r) => r.name),
        ['古川 一', '山本 健'],
      );
      assert.equal(await count(agent, 'cafe_terminal_use'), 2);
      assert.equal(await count(agent, 'cafe_id_checks'), 2);

      // Without the role: refused, nothing deleted.
      assert.equal((await pages(legal, '/records/purge', new URLSearchParams({ confirm: 'yes' }))).status, 403);
      assert.equal(await count(agent, 'cafe_terminal_use'), 2);

      // The first press counts what is due and asks; nothing is deleted until confirmed.
      const asked = await pages(officer, '/records/purge?lang=en', new URLSearchParams());
      assert.equal(asked.status, 200);
      assert.match(asked.html, /data-testid="due">Terminal use 1 · ID checks 1</);
      assert.match(asked.html, /name="confirm" value="yes"/);
      assert.equal(await count(agent, 'cafe_terminal_use'), 2);
      const done = await pages(officer, '/records/purge', new URLSearchParams({ confirm: 'yes' }));
      assert.equal(done.status, 200);
      assert.match(done.html, /data-testid="purged">端末利用 1 · 本人確認 1</);
      assert.equal(await count(agent, 'cafe_terminal_use'), 1);
      assert.equal(await count(agent, 'cafe_id_checks'), 1);
      const purges = await audited(agent, 'holders.cafe_purged');
      assert.deepEqual(
        purges.map((e) => [e.actor_id, (JSON.parse(e.details) as { dryRun: boolean }).dryRun]),
        [
          ['reviewer:記録 担当', true],
          ['reviewer:記録 担当', false],
        ],
      );
      const history = await pages(officer, '/records?lang=en');
      assert.match(history.html, /Purge<\/td>/);
      assert.match(history.html, /Café&#39;s terminal use/);
      assert.doesNotMatch(history.html, /山本|古川/, 'the history shows no record');
    });

    test("a café's purge keeps the records a request it took in asks about, and says which", async () => {
      const { agent, rt, pages, officer } = await installation('Manga Cafe Shinjuku');
      await pages(officer, '/records/import', upload('terminal-use', 'use.csv', OLD_AND_NEW_USE));
      await pages(officer, '/records/import', upload('id-checks', 'ids.csv', ID_CHECKS));
      const content = cafeRecords(agent.organisationId, {
        caseReference: 'RECORDS-2',
        targets: [
          { type: 'terminal', terminal: 'B-03', from: '2021-04-01T20:30:00+09:00', to: '2021-04-01T20:40:00+09:00' },
        ],
      });
      const rq = await issue(sato, tanaka, content, caseId);
      await cycle(rt);
      assert.equal((await findAgentRequest(agent.ctx.store.db, rq.id))?.state, 'prepared');

      const asked = await pages(officer, '/records/purge?lang=en', new URLSearchParams());
      assert.match(asked.html, /data-testid="due">Terminal use 0 · ID checks 0</);
      assert.match(asked.html, /data-testid="held"><p>1 terminal-use record\(s\) that 1 request\(s\)/);
      assert.match(asked.html, new RegExp(`<li><code>${rq.reference}</code></li>`));
      const done = await pages(officer, '/records/purge', new URLSearchParams({ confirm: 'yes' }));
      assert.match(done.html, /data-testid="purged">端末利用 0 · 本人確認 0</);
      assert.match(done.html, /要請 1 件が対象とする端末利用記録 1 件は/);
      assert.equal(await count(agent, 'cafe_terminal_use'), 2);
      assert.equal(await count(agent, 'cafe_id_checks'), 2);
    });
  });
}
