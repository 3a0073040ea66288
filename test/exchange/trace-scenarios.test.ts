// The seeds' chain on one hub over HTTP: a threatening post on a board → an inquiry to the board → its
// answer with address, port and time → the trace drafts to the carrier → a warrant (an inquiry cannot
// reach a carrier's access logs) → the carrier answers the subscriber; an e-mail relayed through a
// foreign server → an MLAT package draft; a café address → a café-records request.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { publishPolicy, readPolicy } from '../../src/directory/policies.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importRegistry } from '../../src/evidence/registry/registry-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, openOnDevice } from '../support/exchange.ts';
import {
  answer,
  draft,
  draftNext,
  fromAnswer,
  newCase,
  proposeNext,
  submitApprove,
  threatPostInquiry,
  warrantForProposal,
} from '../support/flow.ts';
import type { ApiError, MailAnalysis, MlatPackage, RequestDetail } from '../support/replies.ts';

type Trace = Schemas['CaseTrace'];

/** A foreign registry range, as an operator imports delegated statistics (data only: no network in tests). */
const FOREIGN_DELEGATED = [
  '2|arin|20261124|1|19700101|20261124|-0500',
  'arin|*|ipv4|*|1|summary',
  'arin|US|ipv4|23.0.0.0|65536|20100101|allocated',
  '',
].join('\n');

const RELAYED_MAIL = [
  'Received: from relay.example-us.test (relay.example-us.test [23.0.0.10])',
  '\tby mx.example.jp (Postfix) with ESMTPS id 4AbCdE',
  '\tfor <victim@example.jp>; Mon, 30 Nov 2026 23:50:03 +0900 (JST)',
  'From: anon <anon@example-us.test>',
  'To: victim@example.jp',
  'Subject: =?UTF-8?B?6ISF6L+r?=',
  'Date: Mon, 30 Nov 2026 14:50:01 +0000',
  'Message-ID: <threat-1@example-us.test>',
  '',
  'body',
].join('\r\n');

const BOARD_RECORD = { address: '203.0.113.45', port: 51234, at: '2026-11-30T23:42:17+09:00' };
// milliseconds in the café's instant: the window around it keeps them (a slice to seconds cut up to 1 s off its end)
const CAFE_RECORD = { address: '192.0.2.150', port: 40001, at: '2026-11-29T21:05:00.750+09:00' };

for (const dialect of testDialects()) {
  describe(`the trace of a case over HTTP (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, isp, cafe, osaka, judge],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'isp.legal', 'cafe.staff', 'osaka', 'judge']);
    let caseId: string, boardRequest: string, warrantRequest: string;

    before(async () => {
      await run(hub.ctx, importRegistry, SYSTEM_CALLER, {
        files: [{ name: 'delegated-arin-test.txt', content: new TextEncoder().encode(FOREIGN_DELEGATED) }],
      });
      caseId = await newCase(hub, 'TRACE-1');
      // The threatening post: an inquiry to the board for the poster's address, port and time.
      boardRequest = (await draft(sato, threatPostInquiry(orgs.board, 'TRACE-1'), caseId)).id;
      assert.equal((await submitApprove(sato, tanaka, boardRequest)).state, 'received');
      await answer(board, boardRequest, [
        {
          targetIndex: 0,
          result: 'found',
          subscriber: { account: 'anon-77' },
          accessLog: [
            { ...BOARD_RECORD, action: 'post' },
            { ...CAFE_RECORD, action: 'login' },
          ],
        },
      ]);
    });

    test('board answer → warrant to the carrier with the exact instant, offset and port → the subscriber', async () => {
      // The unit member reads the answer; the record read there is what the client sends on.
      const from = await fromAnswer(hub, 'sato', boardRequest);
      assert.deepEqual(from.record, BOARD_RECORD);

      const p = await proposeNext(sato, caseId, from);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      assert.equal(p.body.holder.organisationId, orgs.isp, 'the declared network names the carrier');
      assert.equal(p.body.step.kind, 'warrant');
      assert.equal(p.body.step.warrantNeeded, true);
      assert.deepEqual(p.body.step.targets, [{ type: 'ip', ...BOARD_RECORD, toleranceSeconds: 0 }]);

      // Without the court's warrant nothing is drafted, and the error names the field.
      const noWarrant = await draftNext<ApiError>(sato, caseId, { from });
      assert.equal(noWarrant.status, 400);
      assert.equal(noWarrant.body.error.details?.field, 'warrant');

      const attested = await warrantForProposal(hub, judge, p.body, 'TRACE-W-1');
      const drafted = await draftNext(sato, caseId, { from, warrant: attested });
      assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
      const warrant = drafted.body.request;
      warrantRequest = warrant.id;
      assert.equal(warrant.state, 'draft', 'nothing is sent without the usual approval');
      assert.equal(warrant.kind, 'warrant');
      assert.equal(warrant.provider?.id, orgs.isp);
      assert.deepEqual(warrant.content?.targets, [{ type: 'ip', ...BOARD_RECORD, toleranceSeconds: 0 }]);
      assert.equal(warrant.chain.follows[0]?.requestId, boardRequest);

      const issued = await submitApprove(sato, tanaka, warrant.id);
      assert.equal(issued.state, 'received');
      const atIsp = await isp.call<RequestDetail>('GET', `/v1/requests/${warrant.id}`);
      assert.equal(atIsp.body.verification?.ok, true);
      assert.deepEqual(atIsp.body.chain, { follows: [], followedBy: [] }, 'the provider does not see the chain');
      await answer(isp, warrant.id, [
        { targetIndex: 0, result: 'found', subscriber: { name: '鈴木 一郎', installationAddress: '東京都新宿区…' } },
      ]);
      const subscriber = await openOnDevice(hub, 'sato', warrant.id);
      assert.equal(subscriber.body.answer.items[0]?.subscriber?.name, '鈴木 一郎');

      // The link is visible on both requests and recorded in the audit log.
      const fromBoard = await sato.call<RequestDetail>('GET', `/v1/requests/${boardRequest}`);
      assert.deepEqual(
        fromBoard.body.chain.followedBy.map((h) => h.requestId),
        [warrant.id],
      );
      const linked = await auditEntries(hub.ctx.store.db, 'request.linked');
      assert.ok(linked.some((r) => r.subjectId === warrant.id));

      // The case's trace: post → board inquiry → address → warrant → subscriber (as the client read it:
      // the answer is sealed to the unit, the hub cannot see what it found).
      const tr = await sato.call<Trace>('POST', `/v1/cases/${caseId}/trace`, {
        answers: [{ requestId: warrant.id, items: [{ subscriber: true }] }],
      });
      assert.equal(tr.status, 200, JSON.stringify(tr.body));
      const node = (id: string) => tr.body.nodes.find((n) => n.id === id);
      const post = tr.body.nodes.find((n) => n.type === 'identifier' && n.kind === 'post');
      const address = tr.body.nodes.find(
        (n) => n.type === 'identifier' && n.kind === 'address' && n.target?.type === 'ip' && n.target.port === 51234,
      );
      assert.ok(post && address);
      const edge = (from: string, to: string, kind: string) =>
        tr.body.edges.some((e) => e.from === from && e.to === to && e.kind === kind);
      assert.ok(edge(`rq:${boardRequest}`, post.id, 'asks_about'));
      assert.ok(edge(`rq:${boardRequest}`, address.id, 'revealed'));
      assert.ok(edge(`rq:${warrant.id}`, address.id, 'asks_about'));
      const disclosed = tr.body.edges.find((e) => e.from === `rq:${warrant.id}` && e.kind === 'discloses');
      assert.equal(disclosed && node(disclosed.to)?.type === 'identifier' ? 'subscriber' : null, 'subscriber');
    });

    test('the trace draws a subscriber only where the opened answer named one (issue 13)', async () => {
      const disclosesFrom = (t: Trace, id: string) =>
        t.edges.some((e) => e.from === `rq:${id}` && e.kind === 'discloses');
      const answerOf = (t: Trace, id: string) => {
        const n = t.nodes.find((x) => x.id === `rq:${id}`);
        return n?.type === 'request' ? n.answer : undefined;
      };
      // Nothing read on the device: answered and sealed, no subscriber drawn.
      const sealed = await sato.call<Trace>('GET', `/v1/cases/${caseId}/trace`);
      assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
      assert.deepEqual(answerOf(sealed.body, warrantRequest), { reading: 'sealed', verdicts: [] });
      assert.equal(disclosesFrom(sealed.body, warrantRequest), false, 'a sealed answer is not a disclosed subscriber');
      assert.ok(!sealed.body.nodes.some((n) => n.type === 'identifier' && n.kind === 'subscriber'));

      // An ambiguous (or empty) finding read on the device: candidates, no subscriber.
      for (const verdict of ['ambiguous', 'none'] as const) {
        const t = await sato.call<Trace>('POST', `/v1/cases/${caseId}/trace`, {
          answers: [{ requestId: warrantRequest, items: [{ verdict, subscriber: false }] }],
        });
        assert.equal(t.status, 200, JSON.stringify(t.body));
        assert.equal(disclosesFrom(t.body, warrantRequest), false, `an ${verdict} answer discloses no subscriber`);
        assert.deepEqual(answerOf(t.body, warrantRequest), {
          reading: verdict === 'ambiguous' ? 'ambiguous' : 'not_identified',
          verdicts: [verdict],
        });
      }
      // A unique finding naming the subscriber.
      const unique = await sato.call<Trace>('POST', `/v1/cases/${caseId}/trace`, {
        answers: [{ requestId: warrantRequest, items: [{ verdict: 'unique', subscriber: true }] }],
      });
      assert.equal(disclosesFrom(unique.body, warrantRequest), true);
      assert.deepEqual(answerOf(unique.body, warrantRequest), { reading: 'subscriber', verdicts: ['unique'] });

      // A reading that contradicts itself, or of a request without an answer, is refused naming the field.
      const contradicts = await sato.call<ApiError>('POST', `/v1/cases/${caseId}/trace`, {
        answers: [{ requestId: warrantRequest, items: [{ verdict: 'ambiguous', subscriber: true }] }],
      });
      assert.equal(contradicts.status, 400, JSON.stringify(contradicts.body));
      assert.equal(contradicts.body.error.details?.field, 'answers.0.items.0.subscriber');
      const unanswered = await sato.call<{ id: string }>('POST', '/v1/requests', {
        caseId,
        content: {
          kind: 'inquiry',
          providerOrganisationId: orgs.board,
          caseReference: 'TRACE-1',
          offence: '脅迫',
          facts: '同じ掲示板への別の書き込み',
          necessity: '発信者を特定するため',
          // The board request's post, written with the post in the fragment: one post in the trace.
          targets: [{ type: 'url', url: 'https://Sakura-Board.example/t/42/#p-1234', postId: 'p-1234' }],
          categories: ['subscriber'],
        },
      });
      assert.equal(unanswered.status, 201, JSON.stringify(unanswered.body));
      const withBoth = await sato.call<Trace>('GET', `/v1/cases/${caseId}/trace`);
      const posts = withBoth.body.nodes.filter((n) => n.type === 'identifier' && n.kind === 'post');
      assert.equal(posts.length, 1, 'one post, however its URL is written');
      assert.deepEqual(
        withBoth.body.edges
          .filter((e) => e.to === posts[0]?.id && e.kind === 'asks_about')
          .map((e) => e.from)
          .sort(),
        [`rq:${boardRequest}`, `rq:${unanswered.body.id}`].sort(),
      );
      const notYet = await sato.call<ApiError>('POST', `/v1/cases/${caseId}/trace`, {
        answers: [{ requestId: unanswered.body.id, items: [{ subscriber: true }] }],
      });
      assert.equal(notYet.status, 400, JSON.stringify(notYet.body));
      assert.equal(notYet.body.error.details?.field, 'answers.0.requestId');
      // A record read under an ambiguous finding is not drawn as revealed: refused like draft-next.
      const rec = await sato.call<ApiError>('POST', `/v1/cases/${caseId}/trace`, {
        records: [{ requestId: boardRequest, record: BOARD_RECORD, finding: { verdict: 'ambiguous' } }],
      });
      assert.equal(rec.status, 400, JSON.stringify(rec.body));
      assert.equal(rec.body.error.details?.field, 'records.0.finding.verdict');
    });

    test('an ambiguous or empty finding is never followed to a next request (issue 13)', async () => {
      for (const verdict of ['ambiguous', 'none'] as const) {
        const from = { source: 'answer', requestId: boardRequest, record: BOARD_RECORD, finding: { verdict } };
        for (const path of ['proposals', 'drafts']) {
          const r = await sato.call<ApiError>('POST', `/v1/cases/${caseId}/trace/${path}`, { from });
          assert.equal(r.status, 400, JSON.stringify(r.body));
          assert.equal(r.body.error.details?.field, 'from.finding.verdict');
        }
      }
      const amb = await proposeNext<ApiError>(sato, caseId, {
        source: 'answer',
        requestId: boardRequest,
        record: BOARD_RECORD,
        finding: { verdict: 'ambiguous' },
      });
      assert.match(JSON.stringify(amb.body), /ポート/, 'the refusal says what would make it unique');
      const unique = await proposeNext(sato, caseId, {
        source: 'answer',
        requestId: boardRequest,
        record: BOARD_RECORD,
        finding: { verdict: 'unique' },
      });
      assert.equal(unique.status, 200, JSON.stringify(unique.body));
    });

    test('an internet café address gives a café-records request for a time window', async () => {
      const from = { source: 'answer', requestId: boardRequest, record: CAFE_RECORD };
      const d = await draftNext(sato, caseId, { from });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.equal(d.body.request.kind, 'cafe_records');
      assert.equal(d.body.request.provider?.id, orgs.cafe);
      assert.deepEqual(d.body.request.content?.targets, [
        { type: 'ip', ...CAFE_RECORD, toleranceSeconds: 0 },
        {
          type: 'terminal',
          terminal: '192.0.2.150:40001 を使用した端末',
          from: '2026-11-29T20:50:00.750+09:00',
          to: '2026-11-29T21:20:00.750+09:00',
        },
      ]);
      const issued = await submitApprove(sato, tanaka, d.body.request.id);
      assert.equal(issued.state, 'received');
      assert.equal((await cafe.call<RequestDetail>('GET', `/v1/requests/${d.body.request.id}`)).status, 200);
    });

    const foreignRelayTitle =
      'an e-mail relayed through a foreign server gives an MLAT package draft and a preservation suggestion';
    test(foreignRelayTitle, async () => {
      const a = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message: RELAYED_MAIL });
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.equal(a.body.originatingIp, '23.0.0.10');
      assert.ok(a.body.originatingTime);
      const from = { source: 'mail', record: { address: a.body.originatingIp, at: a.body.originatingTime } };
      const d = await draftNext(sato, caseId, { from });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.equal(d.body.proposal.holder.kind, 'foreign');
      assert.equal(d.body.proposal.holder.country, 'US');
      assert.ok(d.body.proposal.step.preservationFirst, 'expedited preservation is suggested');
      const mlat = d.body.request;
      assert.equal(mlat.kind, 'mlat');
      const content = mlat.content;
      assert.ok(content?.kind === 'mlat');
      assert.equal(content.mlat.requestedCountry, 'US');
      assert.match(content.mlat.foreignAuthority, /Department of Justice/);
      assert.equal(mlat.chain.follows[0]?.source, 'mail');
      await submitApprove(sato, tanaka, mlat.id);
      const pkg = await sato.call<MlatPackage>('GET', `/v1/requests/${mlat.id}/mlat-package`);
      assert.equal(pkg.status, 200, JSON.stringify(pkg.body));
      const tr = await sato.call<Trace>('GET', `/v1/cases/${caseId}/trace`);
      const mail = tr.body.nodes.find((n) => n.type === 'identifier' && n.kind === 'mail_message');
      assert.ok(mail && tr.body.edges.some((e) => e.from === mail.id && e.kind === 'origin_of'));
    });

    test('records that run out within days: preservation is suggested and, asked for, drafted first', async () => {
      const current = await run(hub.ctx, (uow) => readPolicy(uow, orgs.isp));
      await run(hub.ctx, publishPolicy, SYSTEM_CALLER, orgs.isp, { ...current.policy, retention: { access_log: 90 } });
      // Seen 85 days ago (in Tokyo time): the carrier's 90 days run out in about 5.
      const old = new Date(hub.ctx.clock().getTime() - 85 * 86400_000 + 9 * 3600_000).toISOString().slice(0, 19);
      const record = { address: '203.0.113.46', port: 40404, at: `${old}+09:00` };
      const from = { source: 'answer', requestId: boardRequest, record };
      const p = await proposeNext(sato, caseId, from);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      assert.equal(p.body.step.kind, 'warrant');
      assert.match(p.body.step.preservationFirst?.reason.en ?? '', /run out in about 4 days|run out in about 5 days/);
      const attested = await warrantForProposal(hub, judge, p.body, 'TRACE-W-2');
      const d = await draftNext(sato, caseId, { from, preserveFirst: true, warrant: attested });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const preservation = d.body.preservation;
      assert.ok(preservation);
      assert.equal(preservation.kind, 'preservation');
      assert.equal(preservation.provider?.id, orgs.isp);
      assert.deepEqual(preservation.content?.targets, p.body.step.targets);
      assert.equal(preservation.chain.follows[0]?.requestId, boardRequest);
      assert.equal(d.body.request.kind, 'warrant');
      assert.equal(
        (await submitApprove(sato, tanaka, preservation.id)).state,
        'received',
        'the preservation goes out first',
      );
    });

    const traceRevealsTitle =
      'the trace shows what an answer revealed, from the records the client read, before any request follows';
    test(traceRevealsTitle, async () => {
      const unread = { address: '203.0.113.99', port: 1234, at: '2026-11-30T22:00:00+09:00' };
      const tr = await sato.call<Trace>('POST', `/v1/cases/${caseId}/trace`, {
        records: [{ requestId: boardRequest, record: unread }],
      });
      assert.equal(tr.status, 200, JSON.stringify(tr.body));
      const node = tr.body.nodes.find(
        (n) => n.type === 'identifier' && n.target?.type === 'ip' && n.target.address === unread.address,
      );
      assert.ok(node);
      assert.ok(
        tr.body.edges.some((e) => e.from === `rq:${boardRequest}` && e.to === node.id && e.kind === 'revealed'),
      );
      assert.ok(!tr.body.edges.some((e) => e.to === node.id && e.kind === 'asks_about'), 'not followed yet');
      const noOffset = await sato.call<ApiError>('POST', `/v1/cases/${caseId}/trace`, {
        records: [{ requestId: boardRequest, record: { ...unread, at: '2026-11-30 22:00:00' } }],
      });
      assert.equal(noOffset.body.error.details?.field, 'records.0.record.at');
      const elsewhere = await sato.call<ApiError>('POST', `/v1/cases/${caseId}/trace`, {
        records: [{ requestId: 'req_not_here', record: unread }],
      });
      assert.equal(elsewhere.status, 400);
      assert.equal(elsewhere.body.error.details?.field, 'records.0.requestId');
      assert.equal((await osaka.call('POST', `/v1/cases/${caseId}/trace`, { records: [] })).status, 404);
    });

    test('another organisation, a provider and bad input are refused, naming the field', async () => {
      const from = { source: 'answer', requestId: boardRequest, record: BOARD_RECORD };
      assert.equal((await osaka.call('GET', `/v1/cases/${caseId}/trace`)).status, 404);
      assert.equal((await proposeNext(osaka, caseId, from)).status, 404);
      assert.equal((await draftNext(osaka, caseId, { from })).status, 404);
      assert.equal((await draftNext(board, caseId, { from })).status, 403);
      const noOffset = await proposeNext<ApiError>(sato, caseId, {
        ...from,
        record: { ...BOARD_RECORD, at: '2026-11-30T23:42:17' },
      });
      assert.equal(noOffset.status, 400);
      assert.equal(noOffset.body.error.code, 'INSTANT_WITHOUT_OFFSET');
      assert.equal(noOffset.body.error.details?.field, 'from.record.at');
      const badPort = await proposeNext<ApiError>(sato, caseId, { ...from, record: { ...BOARD_RECORD, port: 70000 } });
      assert.equal(badPort.body.error.details?.field, 'from.record.port');
    });
  });
}
