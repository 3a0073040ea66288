import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { updateApplicationRow } from '../../src/court/application-kind.repository.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { auditAbout } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  approve,
  assertRefusedNamingField,
  type Client,
  hubWithHooks,
  passkeyAssertion,
  previewAndSign,
} from '../support/exchange.ts';
import type { ApiError, List, RequestDetail } from '../support/replies.ts';
import { declinedWithReason } from './support.ts';

type Application = Schemas['WarrantApplication'];
type Summary = Schemas['WarrantApplicationSummary'];

// Warrant applications (令状請求, issue 15 item 5): the police apply to the court in the system, the
// unit head sends the application signed with his passkey, a judge of the court attests it with his
// own passkey or declines it, and the request is drafted from the issued warrant with nothing copied.
for (const dialect of testDialects()) {
  describe(`warrant applications (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, judge, isp, osaka, courtAdmin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'judge', 'isp.legal', 'osaka', 'court.admin']);
    const target = { type: 'ip', address: '203.0.113.60', port: 41000, at: '2026-11-28T21:15:00+09:00' };

    const application = (over: Record<string, unknown> = {}) => ({
      courtOrganisationId: orgs.court,
      providerOrganisationId: orgs.isp,
      warrantType: 'seizure',
      caseReference: '令和8年 第2001号 脅迫被疑事件',
      offence: '脅迫（刑法222条）',
      facts: '被疑者は、令和8年11月28日午後9時15分頃、掲示板に被害者を害する旨の書き込みをしたものである。',
      necessity: '書き込みの発信者を特定するため、接続記録と契約者情報が必要である。',
      targets: [target],
      categories: ['subscriber', 'access_log'],
      ...over,
    });

    /** Drafted by sato, submitted, sent by tanaka with his passkey. */
    async function sent(over: Record<string, unknown> = {}): Promise<Application> {
      const d = await sato.call<Application>('POST', '/v1/warrant-applications', application(over));
      assert.equal(d.status, 201, JSON.stringify(d.body));
      assert.equal((await sato.call('POST', `/v1/warrant-applications/${d.body.id}/submit`)).status, 200);
      const preview = await tanaka.call<{ digest: string }>(
        'GET',
        `/v1/warrant-applications/${d.body.id}/send-preview`,
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const s = await tanaka.call<Application>('POST', `/v1/warrant-applications/${d.body.id}/send`, {
        digest: preview.body.digest,
        assertion: passkeyAssertion(tanaka, preview.body.digest),
      });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      return s.body;
    }

    const decision = (over: Record<string, unknown> = {}) => {
      const now = hub.ctx.clock();
      return {
        warrantNumber: `令和8年(む)第${Math.floor(Math.random() * 1e6)}号`,
        issuedAt: now.toISOString(),
        validUntil: new Date(now.getTime() + 7 * 86400_000).toISOString(),
        ...over,
      };
    };

    async function attestAs(c: Client, id: string, body: Record<string, unknown>) {
      const path = `/v1/warrant-applications/${id}`;
      return (await previewAndSign<Application & ApiError>(c, `${path}/attestation-preview`, `${path}/attest`, body))
        .reply;
    }

    test('bad applications are refused with the field named; nothing is stored', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ courtOrganisationId: orgs.mpd }, 'VALIDATION_FAILED', 'courtOrganisationId'],
        [{ providerOrganisationId: orgs.court }, 'NOT_A_PROVIDER', 'providerOrganisationId'],
        [{ validDays: 14 }, 'VALIDATION_FAILED', 'validityReason'],
        [
          { recordsPeriod: { from: '2026-11-28T00:00:00+09:00', to: '2026-11-01T00:00:00+09:00' } },
          'VALIDATION_FAILED',
          'recordsPeriod.to',
        ],
        [
          { recordsPeriod: { from: '2026-11-01T00:00:00', to: '2026-11-28T00:00:00+09:00' } },
          'INSTANT_WITHOUT_OFFSET',
          'recordsPeriod.from',
        ],
        [{ facts: '' }, 'VALIDATION_FAILED', 'facts'],
        [{ categories: [] }, 'VALIDATION_FAILED', 'categories'],
      ];
      await assertRefusedNamingField(
        sato,
        '/v1/warrant-applications',
        cases.map(([over, code, field]) => [application(over), code, field]),
      );
      // A longer validity with its reason is accepted.
      const longer = await sato.call<Application>(
        'POST',
        '/v1/warrant-applications',
        application({ validDays: 14, validityReason: '事業者の記録の抽出に時間を要するため' }),
      );
      assert.equal(longer.status, 201, JSON.stringify(longer.body));
      assert.equal(longer.body.validDays, 14);
      // Only the applying unit and (once sent) the court see it; no other role drafts one.
      assert.equal((await osaka.call('GET', `/v1/warrant-applications/${longer.body.id}`)).status, 404);
      assert.equal((await judge.call('GET', `/v1/warrant-applications/${longer.body.id}`)).status, 404);
      assert.equal((await isp.call('POST', '/v1/warrant-applications', application())).status, 403);
      assert.equal((await judge.call('POST', '/v1/warrant-applications', application())).status, 403);
    });

    const applicationFlowTitle =
      'applied for, sent with the head’s passkey, attested with the judge’s, the request pre-filled and verified';
    test(applicationFlowTitle, async () => {
      const d = await sato.call<Application>('POST', '/v1/warrant-applications', application());
      const id = d.body.id;
      assert.match(d.body.reference, /^WA-\d{4}-\d{6}$/);
      assert.deepEqual(d.body.actions, ['edit', 'submit', 'withdraw']);
      // The investigator cannot send his own application; the head sends only what he reviewed.
      assert.equal((await sato.call('GET', `/v1/warrant-applications/${id}/send-preview`)).status, 403);
      await sato.call('POST', `/v1/warrant-applications/${id}/submit`);
      const preview = await tanaka.call<{ digest: string; canonical: string; passkey: unknown }>(
        'GET',
        `/v1/warrant-applications/${id}/send-preview`,
      );
      assert.ok(preview.body.passkey, 'the head signs with his passkey');
      assert.match(preview.body.canonical, /被疑者は/);
      const stale = await tanaka.call<ApiError>('POST', `/v1/warrant-applications/${id}/send`, {
        digest: '0'.repeat(64),
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.details?.field, 'digest');
      const unsigned = await tanaka.call<ApiError>('POST', `/v1/warrant-applications/${id}/send`, {
        digest: preview.body.digest,
      });
      assert.equal(unsigned.status, 400);
      assert.equal(unsigned.body.error.details?.field, 'assertion');
      // Until it is sent, the court does not see it.
      const inboxBefore = await judge.call<{ items: Summary[] }>('GET', '/v1/warrant-applications');
      assert.equal(
        inboxBefore.body.items.some((a) => a.id === id),
        false,
      );
      const s = await tanaka.call<Application>('POST', `/v1/warrant-applications/${id}/send`, {
        digest: preview.body.digest,
        assertion: passkeyAssertion(tanaka, preview.body.digest),
      });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      assert.equal(s.body.state, 'sent');
      assert.equal(s.body.sentWithPasskey, true);

      // The judge's inbox; the court's administrator has no inbox.
      const inbox = await judge.call<{ items: Summary[] }>('GET', '/v1/warrant-applications?state=sent');
      assert.ok(inbox.body.items.some((a) => a.id === id));
      assert.equal((await courtAdmin.call('GET', '/v1/warrant-applications')).status, 403);
      assert.equal((await courtAdmin.call('GET', `/v1/warrant-applications/${id}`)).status, 404);
      const seen = await judge.call<Application>('GET', `/v1/warrant-applications/${id}`);
      assert.equal(seen.body.side, 'court');
      assert.deepEqual(seen.body.actions, ['decline', 'attest']);
      assert.equal(seen.body.sentBy?.displayName, '田中 課長');

      // Issue times in the future, or before the application reached the court, are refused.
      const future = new Date(hub.ctx.clock().getTime() + 3600_000).toISOString();
      const tooSoon = await attestAs(judge, id, decision({ issuedAt: future }));
      assert.equal(tooSoon.status, 400);
      assert.equal(tooSoon.body.error.details?.field, 'issuedAt');
      const beforeSent = new Date(Date.parse(s.body.sentAt ?? '') - 60_000).toISOString();
      const early = await attestAs(judge, id, decision({ issuedAt: beforeSent }));
      assert.equal(early.status, 400);
      assert.equal(early.body.error.details?.field, 'issuedAt');
      const noZone = await judge.call<ApiError>('POST', `/v1/warrant-applications/${id}/attestation-preview`, {
        ...decision(),
        issuedAt: '2026-11-30T10:00:00',
      });
      assert.equal(noZone.body.error.code, 'INSTANT_WITHOUT_OFFSET');
      assert.equal(noZone.body.error.details?.field, 'issuedAt');
      // Without his own signature nothing is attested: the hub signs for no court.
      const bare = await judge.call<ApiError>('POST', `/v1/warrant-applications/${id}/attest`, decision());
      assert.equal(bare.status, 400);
      assert.equal(bare.body.error.details?.field, 'assertion');
      // The police cannot attest their own application.
      assert.equal((await sato.call('POST', `/v1/warrant-applications/${id}/attest`, decision())).status, 403);

      const att = await attestAs(judge, id, decision({ warrantNumber: '令和8年(む)第2001号' }));
      assert.equal(att.status, 200, JSON.stringify(att.body));
      assert.equal(att.body.state, 'attested');
      assert.match(att.body.warrant?.attestation.signature ?? '', /^wa1\./);
      const again = await attestAs(judge, id, decision());
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'ILLEGAL_TRANSITION');
      assert.equal(again.body.error.details?.field, 'state');

      // The investigator drafts the request from the warrant: nothing typed again.
      const mine = await sato.call<Application>('GET', `/v1/warrant-applications/${id}`);
      assert.deepEqual(mine.body.actions, ['open_request']);
      assert.equal((await tanaka.call('POST', `/v1/warrant-applications/${id}/request`, {})).status, 403);
      const opened = await sato.call<Application>('POST', `/v1/warrant-applications/${id}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const requestId = opened.body.requestId ?? assert.fail('a request was drafted');
      const twice = await sato.call<ApiError>('POST', `/v1/warrant-applications/${id}/request`, {});
      assert.equal(twice.status, 409);
      // A concurrent opening that read the row before this one committed sees the state it needs, but
      // cannot set a second request id: the store sets it once.
      const racing = await inTransaction(hub.ctx, (uow) =>
        updateApplicationRow(uow.tx, 'warrant_applications', id, 'attested', { request_id: 'req_racing' }),
      );
      assert.equal(racing, false);
      const r = await sato.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      const c = r.body.content;
      assert.equal(c?.kind, 'warrant');
      if (c?.kind !== 'warrant') return;
      assert.equal(c.warrant?.courtOrganisationId, orgs.court);
      assert.equal(c.warrant?.warrantNumber, '令和8年(む)第2001号');
      assert.equal(c.warrant?.type, 'seizure');
      assert.deepEqual(c.warrant?.attestation, att.body.warrant?.attestation);
      assert.deepEqual(c.targets, [{ ...target, toleranceSeconds: 0 }]);
      assert.deepEqual(c.categories, ['subscriber', 'access_log']);
      assert.equal(c.providerOrganisationId, orgs.isp);
      assert.equal(c.facts, application().facts);

      await sato.call('POST', `/v1/requests/${requestId}/transitions`, { action: 'submit' });
      const issued = await approve(tanaka, requestId);
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const atIsp = await isp.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(atIsp.body.verification?.checks.find((x) => x.name === 'warrant_attestation')?.status, 'pass');
      // The provider sees the request; the application stays between the unit and the court.
      assert.equal((await isp.call('GET', `/v1/warrant-applications/${id}`)).status, 404);
    });

    test('the records period the judge read is what he attests, and what the provider reads', async () => {
      const period = { from: '2026-11-01T00:00:00+09:00', to: '2026-11-28T23:59:59+09:00' };
      const a = await sent({ recordsPeriod: period, targets: [{ ...target, port: 41001 }] });
      const path = `/v1/warrant-applications/${a.id}`;
      const signed = await previewAndSign<Application>(judge, `${path}/attestation-preview`, `${path}/attest`, {
        ...decision(),
      });
      assert.equal(signed.reply.status, 200, JSON.stringify(signed.reply.body));
      assert.deepEqual(JSON.parse(signed.preview.body.canonical).recordsPeriod, period);
      // The same warrant typed by hand without its period (records of any time) does not verify. Drafted first,
      // it is the request of the warrant (one warrant, one request) until withdrawn.
      const attestedApp = signed.reply.body;
      const w = attestedApp.warrant ?? assert.fail('attested');
      const wider = {
        type: attestedApp.warrantType,
        courtOrganisationId: orgs.court,
        warrantNumber: w.number,
        issuedAt: w.issuedAt,
        validUntil: w.validUntil,
        attestation: w.attestation,
      };
      const typed = await sato.call<RequestDetail>('POST', '/v1/requests', {
        content: {
          kind: 'warrant',
          providerOrganisationId: orgs.isp,
          caseReference: attestedApp.caseReference,
          offence: attestedApp.offence,
          facts: attestedApp.facts,
          necessity: attestedApp.necessity,
          targets: attestedApp.targets,
          categories: attestedApp.categories,
          warrant: wider,
        },
      });
      assert.equal(typed.status, 201, JSON.stringify(typed.body));
      await sato.call('POST', `/v1/requests/${typed.body.id}/transitions`, { action: 'submit' });
      const refused = await approve<ApiError>(tanaka, typed.body.id);
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'WARRANT_ATTESTATION_INVALID');
      const withdrawn = await sato.call('POST', `/v1/requests/${typed.body.id}/transitions`, {
        action: 'withdraw',
        reason: '令状の記録の期間の記載漏れ',
      });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      const opened = await sato.call<Application>('POST', `${path}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const requestId = opened.body.requestId ?? assert.fail('a request was drafted');
      const r = await sato.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      const c = r.body.content;
      if (c?.kind !== 'warrant') return assert.fail('a warrant request');
      assert.deepEqual(c.warrant?.recordsPeriod, period);
      await sato.call('POST', `/v1/requests/${requestId}/transitions`, { action: 'submit' });
      assert.equal((await approve(tanaka, requestId)).status, 200);
      const atIsp = await isp.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.equal(atIsp.body.verification?.checks.find((x) => x.name === 'warrant_attestation')?.status, 'pass');
      const seen = atIsp.body.content;
      assert.deepEqual(seen?.kind === 'warrant' ? seen.warrant?.recordsPeriod : null, period);
    });

    test('a judge declines with a reason the police read; a declined application cannot be attested', async () => {
      const a = await sent();
      const reason = '被疑事実と求める記録の関連性の疎明が不十分です。';
      const mine = await declinedWithReason<Application>(
        judge,
        sato,
        `/v1/warrant-applications/${a.id}`,
        { reason: ' ' },
        reason,
      );
      assert.equal(mine.decidedBy?.displayName, '裁判官 山本');
      const late = await attestAs(judge, a.id, decision());
      assert.equal(late.status, 409);
      assert.equal(late.body.error.details?.field, 'state');
      assert.equal((await sato.call('POST', `/v1/warrant-applications/${a.id}/request`, {})).status, 409);
    });

    test('the head returns an application with a note; the unit withdraws one; every step is audited', async () => {
      const d = await sato.call<Application>('POST', '/v1/warrant-applications', application());
      await sato.call('POST', `/v1/warrant-applications/${d.body.id}/submit`);
      const self = await sato.call<ApiError>('POST', `/v1/warrant-applications/${d.body.id}/return`, { note: 'x' });
      assert.equal(self.status, 403);
      const back = await tanaka.call<Application>('POST', `/v1/warrant-applications/${d.body.id}/return`, {
        note: '被疑事実の日時を特定してください。',
      });
      assert.equal(back.body.state, 'draft');
      assert.equal(back.body.returnedNote, '被疑事実の日時を特定してください。');
      const edited = await sato.call<Application>(
        'PUT',
        `/v1/warrant-applications/${d.body.id}`,
        application({ offence: '脅迫（刑法222条1項）' }),
      );
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.offence, '脅迫（刑法222条1項）');
      const w = await sato.call<Application>('POST', `/v1/warrant-applications/${d.body.id}/withdraw`, {
        reason: '被疑者が出頭したため',
      });
      assert.equal(w.body.state, 'withdrawn');
      const edit = await sato.call<ApiError>('PUT', `/v1/warrant-applications/${d.body.id}`, application());
      assert.equal(edit.status, 409);
      const actions = (await auditAbout(hub.ctx.store.db, d.body.id)).map((x) => x.action);
      for (const a of ['drafted', 'submitted', 'returned', 'updated', 'withdrawn']) {
        assert.ok(actions.includes(`warrant_application.${a}`), `${a} is audited`);
      }
    });

    test('the hub holds no court key: no organisation key, no private part of any court member key', async () => {
      const keys = await hub.ctx.store.db
        .selectFrom('keys')
        .selectAll()
        .where('organisation_id', '=', orgs.court)
        .execute();
      assert.ok(keys.length > 0);
      for (const k of keys) assert.equal(k.private_key_wrapped, null, `court key ${k.id} has no private part here`);
      assert.equal(
        keys.some((k) => k.owner_type === 'organisation'),
        false,
        'a court gets no organisation key',
      );
      // Nor can the court's administrator have the hub make one.
      const made = await courtAdmin.call<ApiError>('POST', '/v1/keys', {
        ownerType: 'organisation',
        ownerId: orgs.court,
        purpose: 'signing',
      });
      assert.equal(made.status, 400, JSON.stringify(made.body));
      assert.equal(made.body.error.details?.field, 'ownerType');
      const list = await judge.call<List<unknown>>('GET', '/v1/warrant-applications');
      assert.equal(list.status, 200);
    });
  });
}
