// The same installation serves the other holders of the seeds: a bulletin board answers a post target
// from its own post log, and an internet café answers a terminal and a time from the records the Tokyo
// ordinance requires — each on its own store, pulling over pinned TLS, approved by its own people.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AgentRequestView } from '../../src/agent/review.ts';
import type { AgentRuntime } from '../../src/agent/runner.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importPostLog } from '../../src/holders/board-service.ts';
import { importCafeRecords } from '../../src/holders/cafe-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import {
  addLegalOfficer,
  approvedAndSent,
  readyInstallation,
  runtime,
  startTlsEndpoint,
  type TestAgent,
} from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, openOnDevice } from '../support/exchange.ts';
import { cafeRecords, issue, newCase, threatPostInquiry } from '../support/flow.ts';

const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/t/42,p-1233,2026-11-30T23:40:02+09:00,198.51.100.20,40100,regular-1
https://sakura-board.example/t/42,p-1234,2026-11-30T23:42:17+09:00,203.0.113.45,51234,anon-77
`;
const ID_CHECKS = `member,document_kind,checked_at,name,address,birth_date
C-0042,drivers_licence,2026-06-01T10:00:00+09:00,山本 健,東京都新宿区歌舞伎町1-1-1,1988-02-03
C-0043,my_number_card,2026-07-01T10:00:00+09:00,森 花,東京都豊島区2-2-2,1992-05-06
`;
const USE = JSON.stringify([
  {
    terminal: 'B-12',
    member: 'C-0042',
    entered_at: '2026-11-29T20:30:00+09:00',
    exited_at: '2026-11-29T22:10:00+09:00',
  },
  {
    terminal: 'B-12',
    member: 'C-0043',
    entered_at: '2026-11-29T22:20:00+09:00',
    exited_at: '2026-11-29T23:50:00+09:00',
  },
]);

for (const dialect of testDialects()) {
  describe(`a board and a café answer from their own records (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    let tls: Awaited<ReturnType<typeof startTlsEndpoint>>;
    let caseId: string;
    const installs: TestAgent[] = [];

    async function installation(name: string): Promise<{ rt: AgentRuntime; agent: TestAgent }> {
      const { agent, key } = await readyInstallation(hub, dialect, name);
      installs.push(agent);
      return { agent, rt: runtime(agent, key.signer, agent.link(tls.transport)) };
    }

    const issued = async (content: object) => (await issue(sato, tanaka, content, caseId)).id;

    /** A new reviewer of the installation approves `id` as prepared, and it is sent. */
    async function answered(rt: AgentRuntime, agent: TestAgent, id: string): Promise<AgentRequestView> {
      return approvedAndSent(rt, (await addLegalOfficer(agent, 'staff')).legal, id);
    }

    before(async () => {
      tls = await startTlsEndpoint(hub);
      caseId = await newCase(hub, 'HOLDERS-1');
    });
    after(async () => {
      for (const a of installs) await a.close();
      await tls.server.close();
    });

    test('the board answers a post target from its post log: address, port, time with offset, account', async () => {
      const { rt, agent } = await installation('Sakura Board K.K.');
      await run(agent.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'posts.csv', content: POSTS } });
      const id = await issued(threatPostInquiry(agent.organisationId, 'HOLDERS-1'));
      const view = await answered(rt, agent, id);
      const f = view.findings?.[0]?.finding;
      assert.equal(f?.verdict, 'unique');
      assert.equal(f?.records, 'post_log');
      const opened = await openOnDevice(hub, 'sato', id);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      const item = opened.body.answer.items[0];
      assert.equal(item?.finding?.verdict, 'unique');
      const post = item?.finding?.candidates[0]?.posts?.[0];
      assert.equal(post?.address, '203.0.113.45');
      assert.equal(post?.port, 51234);
      assert.equal(post?.account, 'anon-77');
      assert.match(post?.at ?? '', /\+09:00$/);
    });

    test('the café answers a terminal and a time from its ID checks and terminal use', async () => {
      const { rt, agent } = await installation('Manga Cafe Shinjuku');
      await run(agent.ctx, importCafeRecords, SYSTEM_CALLER, {
        kind: 'id-checks',
        file: { name: 'ids.csv', content: ID_CHECKS },
      });
      await run(agent.ctx, importCafeRecords, SYSTEM_CALLER, {
        kind: 'terminal-use',
        file: { name: 'use.json', content: USE },
      });
      const id = await issued(
        cafeRecords(agent.organisationId, {
          caseReference: 'HOLDERS-1',
          facts: 'インターネットカフェの端末から送信された',
          necessity: '送信者を特定するため',
          targets: [
            { type: 'terminal', terminal: 'B-12', from: '2026-11-29T21:00:00+09:00', to: '2026-11-29T21:10:00+09:00' },
          ],
        }),
      );
      const view = await answered(rt, agent, id);
      const f = view.findings?.[0]?.finding;
      assert.equal(f?.verdict, 'unique', JSON.stringify(f));
      assert.equal(f?.candidates[0]?.account, 'C-0042');
      const opened = await openOnDevice(hub, 'sato', id);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.equal(opened.body.answer.items[0]?.finding?.verdict, 'unique');
      assert.equal(opened.body.answer.items[0]?.finding?.candidates[0]?.person?.name, '山本 健');
    });
  });
}
