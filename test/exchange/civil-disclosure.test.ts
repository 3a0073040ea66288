// Civil sender-information disclosure through its real actors (issue 15): the claimant's lawyer files
// from a law office and signs on their own passkey, or presents a court's order; the police cannot
// draft one and a lawyer cannot draft a criminal kind; missing fields are named; the provider checks
// the lawyer's authority; the lawyer opens the answer sealed to the office.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { approve, hubWithHooks, openOnDevice, orgId } from '../support/exchange.ts';
import { answer, civilDisclosure, courtOrderRoute, draft, issue, submitted, subscriberFound } from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

interface ExportedDirectory {
  entries: Array<{ type: string; name?: string; registrationNumber?: string; barAssociation?: string; kind?: string }>;
}

for (const dialect of testDialects()) {
  describe(`civil disclosure by the claimant's lawyer (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, assistant, sato, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'law.assistant', 'sato', 'board.legal']);

    const civil = (n: string, extra: Record<string, unknown> = {}) => civilDisclosure(orgs.board, n, extra);

    test('the police cannot draft a civil disclosure: refused, naming the lawyer and the court route', async () => {
      const r = await sato.call<ApiError>('POST', '/v1/requests', { content: civil('9001') });
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'content.kind');
      assert.match(r.body.error.message.ja, /代理人弁護士/);
      assert.match(r.body.error.message.ja, /開示命令/);
    });

    test('a lawyer cannot draft a criminal kind', async () => {
      const r = await lawyer.call<ApiError>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: orgs.board,
          caseReference: 'x',
          offence: '名誉毀損',
          facts: 'x',
          necessity: 'x',
          targets: [{ type: 'url', url: 'https://sakura-board.example/thread/1#res-1' }],
          categories: ['subscriber'],
        },
      });
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'content.kind');
      assert.match(r.body.error.message.ja, /法律事務所/);
    });

    test('missing fields are named, all at once; categories must match the sender information sought', async () => {
      const content = civil('9002');
      const bare = {
        ...content,
        civil: { claimant: '甲野 花子', rightsInfringed: '名誉権の侵害' },
      };
      const r = await lawyer.call<ApiError>('POST', '/v1/requests', { content: bare });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.deepEqual(r.body.error.details?.missing, [
        'civil.route',
        'civil.rights',
        'civil.purposes',
        'civil.senderInformation',
      ]);
      assert.match(r.body.error.message.ja, /正当な理由/);
      const order = await lawyer.call<ApiError>('POST', '/v1/requests', {
        content: civil('9003', { route: 'court_order' }),
      });
      assert.equal(order.status, 400);
      assert.deepEqual(order.body.error.details?.missing, ['civil.courtOrder']);
      const mismatch = await lawyer.call<ApiError>('POST', '/v1/requests', {
        content: { ...content, categories: ['subscriber'] },
      });
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.body.error.details?.field, 'categories');
      const noOffset = await lawyer.call<ApiError>('POST', '/v1/requests', {
        content: civil(
          '9004',
          courtOrderRoute(orgs.court, { caseNumber: '令和8年(発チ)第10123号', orderedAt: '2026-11-20T10:00:00' }),
        ),
      });
      assert.equal(noOffset.status, 400, JSON.stringify(noOffset.body));
      assert.match(JSON.stringify(noOffset.body.error.details), /orderedAt/);
    });

    test('an assistant prepares, the lawyer signs on their passkey; the provider sees a lawyer signed it', async () => {
      const d = await submitted(assistant, civil('9005'));
      // The assistant cannot sign.
      assert.equal((await approve(assistant, d.id)).status, 403);
      const signed = await approve(lawyer, d.id);
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${d.id}`);
      assert.equal(seen.body.state, 'received');
      const authority = seen.body.verification?.checks.find((c) => c.name === 'approver_authority');
      assert.equal(authority?.status, 'pass');
      assert.match(authority?.message.ja ?? '', /弁護士登録番号 99999・第一東京弁護士会/);
      // The police see nothing of it.
      assert.equal((await sato.call('GET', `/v1/requests/${d.id}`)).status, 404);
    });

    test('a court order: no second hearing; the lawyer opens the answer sealed to the office', async () => {
      const orderedAt = new Date(hub.ctx.clock().getTime() - 86400_000).toISOString().replace('Z', '+00:00');
      const d = await issue(
        lawyer,
        lawyer,
        civil('9006', courtOrderRoute(orgs.court, { caseNumber: '令和8年(発チ)第10123号', orderedAt })),
      );
      const ans = await answer(board, d.id, [
        {
          ...subscriberFound({ email: 'poster@mail.example' }),
          accessLog: [{ at: orderedAt, address: '203.0.113.9', port: 50123, action: 'post' }],
        },
      ]);
      assert.equal(ans.state, 'answered');
      const opened = await openOnDevice(hub, 'lawyer', d.id);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.match(JSON.stringify(opened.body), /poster@mail\.example/);
    });

    test('a court order must name a court of the directory', async () => {
      const r = await lawyer.call<ApiError>('POST', '/v1/requests', {
        content: civil(
          '9007',
          courtOrderRoute(orgs.board, {
            caseNumber: '令和8年(発チ)第10124号',
            orderedAt: '2026-11-20T10:00:00+09:00',
            content: '開示せよ。',
          }),
        ),
      });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'civil.courtOrder.courtOrganisationId');
    });

    test('a civil draft the police kept from before is not sent on: submit refused, naming the route', async () => {
      const d = await draft(lawyer, civil('9008'));
      // As it was stored before issue 15: drafted by the police unit.
      const me = await sato.call<{ user: { id: string; unitId: string }; organisation: { id: string } }>(
        'GET',
        '/v1/me',
      );
      await hub.ctx.store.db
        .updateTable('requests')
        .set({
          agency_organisation_id: me.body.organisation.id,
          unit_id: me.body.user.unitId,
          drafted_by: me.body.user.id,
        })
        .where('id', '=', d.id)
        .execute();
      const r = await sato.call<ApiError>('POST', `/v1/requests/${d.id}/transitions`, { action: 'submit' });
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.match(r.body.error.message.ja, /代理人弁護士/);
      // The drafter withdraws it instead.
      const w = await sato.call<RequestDetail>('POST', `/v1/requests/${d.id}/transitions`, {
        action: 'withdraw',
        reason: '請求者の代理人弁護士による請求に改めるため',
      });
      assert.equal(w.body.state, 'withdrawn', JSON.stringify(w.body));
    });

    test('the directory publishes the law office and its lawyer with registration number and bar', async () => {
      const dir = await board.call<ExportedDirectory>('GET', '/v1/directory/export');
      assert.equal(dir.status, 200);
      assert.ok(dir.body.entries.some((e) => e.type === 'organisation' && e.kind === 'law_office'));
      const l = dir.body.entries.find((e) => e.type === 'lawyer');
      assert.equal(l?.registrationNumber, '99999');
      assert.equal(l?.barAssociation, '第一東京弁護士会');
    });

    test('a lawyer is registered with a registration number and bar association, named when missing', async () => {
      const admin = await hub.as('law.admin');
      const officeId = await orgId(hub, 'Otogawa Law Office');
      const r = await admin.call<ApiError>('POST', '/v1/users', {
        organisationId: officeId,
        login: 'lawyer2',
        displayName: '弁護士 二',
        roles: ['lawyer'],
      });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.deepEqual(r.body.error.details?.missing, ['barRegistrationNumber', 'barAssociation']);
      const police = await hub.as('mpd.admin');
      const wrong = await police.call<ApiError>('POST', '/v1/users', {
        organisationId: await orgId(hub, 'Tokyo Metropolitan Police Department'),
        login: 'notlawyer',
        displayName: 'x',
        roles: ['lawyer'],
        barRegistrationNumber: '1',
        barAssociation: 'x',
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.details?.field, 'roles');
    });
  });
}
