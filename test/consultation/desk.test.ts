// The consultation desk over HTTP, on each dialect: intake by category, urgency detection, advice
// with referrals, one action from a consultation to a case with its first request, statistics.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { approve, hubWithHooks } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

interface Consultation {
  id: string;
  reference: string;
  state: string;
  urgency: string;
  urgencySignals: string[];
  caseId: string | null;
  firstStep: string;
  firstRequests: string[];
  referrals: string[];
  mailOrigin: { originatingIp: string | null } | null;
  person: { name: string | null };
  playbook: { referrals: string[]; steps: { ja: string; en: string }[] };
}
interface Opened {
  consultation: Consultation;
  caseId: string;
  requestIds: string[];
}

const POST = 'https://sakura-board.example/thread/4410#res-12';
const MAIL = [
  'Received: from sender (unknown [153.120.5.23]) by mail.victim.example (Postfix)',
  '  with ESMTP id 2; Tue, 1 Dec 2026 08:59:58 +0900',
  'From: "請求" <billing@spam.example>',
  'To: victim@victim.example',
  'Subject: 未納料金のお知らせ',
  'Date: Tue, 1 Dec 2026 08:59:57 +0900',
  'Message-ID: <1@spam.example>',
  '',
].join('\r\n');

for (const dialect of testDialects()) {
  describe(`consultation desk (${dialect})`, () => {
    const {
      people: [sato, tanaka, board, osaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'osaka']);

    test('a threatening post: recorded, urgency raised, case opened with the board inquiry drafted', async () => {
      const rec = await sato.call<Consultation>('POST', '/v1/consultations', {
        category: 'defamation_threat',
        channel: 'visit',
        person: { name: '鈴木 花子', contact: '090-0000-0000' },
        account: '掲示板に自分の実名と「家に行って殺す」という書込みがされた。',
        targets: [{ type: 'url', url: POST, postId: '4410-12' }],
      });
      assert.equal(rec.status, 201, JSON.stringify(rec.body));
      assert.match(rec.body.reference, /^CON-\d{4}-\d{6}$/);
      assert.equal(rec.body.urgency, 'threat_to_life');
      assert.ok(rec.body.urgencySignals.includes('殺す'));
      assert.equal(rec.body.firstStep, 'board_inquiry');
      assert.deepEqual(rec.body.playbook.referrals, ['human_rights_desk', 'houterasu']);

      // Another organisation's desk sees nothing of it; a provider may not use the desk at all.
      assert.equal((await osaka.call('GET', `/v1/consultations/${rec.body.id}`)).status, 404);
      assert.equal((await board.call('GET', '/v1/consultations')).status, 403);

      const opened = await sato.call<Opened>('POST', `/v1/consultations/${rec.body.id}/case`, {
        caseReference: `令和8年 第4410号 脅迫 ${dialect}`,
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      assert.equal(opened.body.consultation.state, 'case_opened');
      assert.equal(opened.body.requestIds.length, 1);
      const draft = await sato.call<RequestDetail>('GET', `/v1/requests/${opened.body.requestIds[0]}`);
      assert.equal(draft.body.kind, 'inquiry');
      assert.equal(draft.body.state, 'draft');
      assert.equal(draft.body.caseId, opened.body.caseId);
      // The addressee was found from the post's host among the providers' declared domains.
      assert.equal(draft.body.provider?.id, orgs.board);
      const again = await sato.call<ApiError>('POST', `/v1/consultations/${rec.body.id}/case`, {
        caseReference: 'x',
      });
      assert.equal(again.status, 409);
    });

    test('a suicide notice: the four conditions decide, then the emergency request is answered', async () => {
      const rec = await sato.call<Consultation>('POST', '/v1/consultations', {
        category: 'leak_suicide_safety',
        channel: 'phone',
        account: '友人が掲示板に「今夜、練炭で死にます」と書き込んでいると通報があった。',
        targets: [{ type: 'url', url: 'https://sakura-board.example/thread/9990#res-3' }],
      });
      assert.equal(rec.body.urgency, 'suicide_notice');
      const half = await sato.call<ApiError>('POST', `/v1/consultations/${rec.body.id}/case`, {
        caseReference: `緊急 保護 ${dialect}`,
        emergency: {
          conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: false },
          statement: '今夜と時期が示されている。',
        },
      });
      assert.equal(half.status, 422);
      assert.equal(half.body.error.code, 'EMERGENCY_CONDITIONS_MISSING');
      // Nothing of the refused attempt stayed: the consultation is still open, no case was made.
      const still = await sato.call<Consultation>('GET', `/v1/consultations/${rec.body.id}`);
      assert.equal(still.body.state, 'open');
      assert.equal(still.body.caseId, null);

      const opened = await sato.call<Opened>('POST', `/v1/consultations/${rec.body.id}/case`, {
        caseReference: `緊急 保護 ${dialect}`,
        emergency: {
          conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
          statement: '今夜・練炭と時期と方法が具体的で、冗談をうかがわせる事情はない。',
        },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const id = opened.body.requestIds[0] ?? '';
      const submitted = await sato.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(submitted.body.kind, 'emergency');
      assert.equal(submitted.body.state, 'awaiting_approval');
      assert.equal((await approve(tanaka, id)).status, 200);
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(seen.body.state, 'received');
    });

    test('an e-mail: the case opens with the headers analysed; advice closes another with referrals', async () => {
      const rec = await sato.call<Consultation>('POST', '/v1/consultations', {
        category: 'spam',
        channel: 'online',
        account: '身に覚えのない料金請求のメールが届いた。',
        mailHeaders: MAIL,
      });
      assert.equal(rec.body.firstStep, 'mail_analysis');
      assert.equal(rec.body.urgency, 'none');
      const opened = await sato.call<Opened>('POST', `/v1/consultations/${rec.body.id}/case`, {
        caseReference: `迷惑メール ${dialect}`,
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      assert.equal(opened.body.consultation.mailOrigin?.originatingIp, '153.120.5.23');

      const other = await sato.call<Consultation>('POST', '/v1/consultations', {
        category: 'fraud',
        channel: 'visit',
        account: 'ワンクリックで登録完了と表示され、料金を請求された。',
      });
      const advised = await sato.call<Consultation>('POST', `/v1/consultations/${other.body.id}/advice`, {
        referrals: ['consumer_hotline', 'houterasu'],
        note: '支払わず、業者に連絡しないよう助言した。',
      });
      assert.equal(advised.status, 200);
      assert.equal(advised.body.state, 'advised');
      assert.deepEqual(advised.body.referrals, ['consumer_hotline', 'houterasu']);
    });

    test('bad input names the field; a future receipt time is refused', async () => {
      /** A fraud consultation at the desk, with `change` made to it. */
      const receive = (change: object) =>
        sato.call<ApiError>('POST', '/v1/consultations', {
          category: 'fraud',
          channel: 'visit',
          account: 'x',
          ...change,
        });
      const bad = await receive({ category: 'gossip' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.details?.field, 'category');
      const future = await receive({ receivedAt: '2099-01-01T00:00:00+09:00' });
      assert.equal(future.status, 400);
      assert.equal(future.body.error.details?.field, 'receivedAt');
      const naive = await receive({ receivedAt: '2026-01-01T00:00:00' });
      assert.equal(naive.status, 400);
      assert.equal(naive.body.error.code, 'INSTANT_WITHOUT_OFFSET');
    });

    test('statistics count by category, channel and outcome', async () => {
      const s = await sato.call<{
        total: number;
        urgent: number;
        caseOpened: number;
        byCategory: { category: string; total: number; caseOpened: number; advised: number }[];
        byChannel: { channel: string; total: number }[];
      }>('GET', '/v1/consultations/statistics');
      assert.equal(s.status, 200, JSON.stringify(s.body));
      assert.equal(s.body.total, 4);
      assert.equal(s.body.urgent, 2);
      assert.equal(s.body.caseOpened, 3);
      assert.equal(s.body.byCategory.length, 12);
      assert.equal(s.body.byCategory.find((c) => c.category === 'fraud')?.advised, 1);
      assert.equal(s.body.byChannel.find((c) => c.channel === 'visit')?.total, 2);
      const other = await osaka.call<{ total: number }>('GET', '/v1/consultations/statistics');
      assert.equal(other.body.total, 0);
    });
  });
}
