import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { approval, hubWithHooks } from '../support/exchange.ts';
import type { ApiError, List, RequestDetail, RequestSummary, SigningPreview } from '../support/replies.ts';

// A target's time later than now — a mistyped year, the classic way of naming the wrong subscriber —
// is refused at drafting, at submission and at approval (the hub's clock); a request stored before the
// rule is told to its approver in words on the preview, and refused at approval without harm.
const FUTURE = '2036-12-03T16:40:16+09:00';

for (const dialect of testDialects()) {
  describe(`a target's time in the future (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const past = () => new Date(Date.now() - 2 * 24 * 3600_000).toISOString();
    const inquiry = (at: string, address = '203.0.113.9') => ({
      kind: 'inquiry',
      providerOrganisationId: orgs.isp,
      caseReference: '令和8年 第4040号',
      offence: '脅迫',
      facts: '掲示板への書込み',
      necessity: '発信者の特定のため',
      targets: [{ type: 'ip', address, port: 40211, at }],
      categories: ['subscriber'],
    });
    const count = async () => (await sato.call<List<RequestSummary>>('GET', '/v1/requests')).body.items.length;
    /** The refusal names the target's time in words (both languages) and the field for programs. */
    const refusedNamingTheTime = (r: { status: number; body: ApiError }, field = 'targets.0.at') => {
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.equal(r.body.error.details?.field, field);
      assert.equal(r.body.error.details?.value, FUTURE);
      for (const said of [r.body.error.message.ja, r.body.error.message.en]) {
        assert.ok(said.includes(FUTURE), said);
        assert.doesNotMatch(said, /targets\.\d/);
      }
      assert.match(r.body.error.message.ja, /未来/);
      assert.match(r.body.error.message.en, /later than now/);
    };

    test('drafting and editing refuse it, and store nothing', async () => {
      const before = await count();
      refusedNamingTheTime(await sato.call<ApiError>('POST', '/v1/requests', { content: inquiry(FUTURE) }));
      assert.equal(await count(), before);
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: inquiry(past()) });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const edit = await sato.call<ApiError>('PATCH', `/v1/requests/${d.body.id}`, { content: inquiry(FUTURE) });
      refusedNamingTheTime(edit);
    });

    test('a warrant application naming it is refused before it reaches the judge', async () => {
      const r = await sato.call<ApiError>('POST', '/v1/warrant-applications', {
        courtOrganisationId: orgs.court,
        providerOrganisationId: orgs.isp,
        warrantType: 'seizure',
        caseReference: '令和8年 第4041号',
        offence: '脅迫',
        facts: '掲示板への書込み',
        necessity: '発信者の特定のため',
        targets: [{ type: 'ip', address: '203.0.113.9', at: past() }, inquiry(FUTURE).targets[0]],
        categories: ['subscriber'],
      });
      refusedNamingTheTime(r, 'targets.1.at');
    });

    test('a request stored before the rule: refused at submission, told on the preview and at approval', async () => {
      // Drafted with a plausible time and a private address, then stored as if before the rule existed.
      const content = inquiry(past(), '10.1.2.3');
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const id = d.body.id;
      const stored = { ...content, targets: [{ ...content.targets[0], at: FUTURE, toleranceSeconds: 0 }] };
      const write = () =>
        hub.ctx.store.db
          .updateTable('requests')
          .set({ content: JSON.stringify(stored) })
          .where('id', '=', id)
          .execute();
      await write();
      refusedNamingTheTime(await sato.call<ApiError>('POST', `/v1/requests/${id}/transitions`, { action: 'submit' }));

      // Sent for approval with a good time, then the stored content changed under it again.
      await hub.ctx.store.db
        .updateTable('requests')
        .set({ content: JSON.stringify(content) })
        .where('id', '=', id)
        .execute();
      const submitted = await sato.call('POST', `/v1/requests/${id}/transitions`, { action: 'submit' });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      await write();

      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${id}/signing-preview`);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.ok(preview.body.refusal, 'the approver is told before signing');
      assert.ok(preview.body.refusal.ja.includes(FUTURE) && preview.body.refusal.en.includes(FUTURE));
      // The address warning the drafter saw in the editor, shown to the approver too.
      const [warned] = preview.body.addressees;
      assert.equal(warned?.address, '10.1.2.3');
      assert.match(warned?.notInternet?.ja ?? '', /プライベートアドレス/);
      assert.match(warned?.notInternet?.en ?? '', /a private address/);

      const signed = await tanaka.call<ApiError>(
        'POST',
        `/v1/requests/${id}/transitions`,
        approval(tanaka, preview.body.digest),
      );
      refusedNamingTheTime(signed);
      const after = await tanaka.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(after.status, 200);
      assert.equal(after.body.state, 'awaiting_approval');
      const back = await tanaka.call('POST', `/v1/requests/${id}/transitions`, {
        action: 'reject_approval',
        reason: '対象の日時が未来です',
      });
      assert.equal(back.status, 200, JSON.stringify(back.body));
    });

    test('a valid request shows no refusal on the preview', async () => {
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: inquiry(past()) });
      await sato.call('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      const preview = await tanaka.call<SigningPreview>('GET', `/v1/requests/${d.body.id}/signing-preview`);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.refusal, null);
      assert.equal(preview.body.addressees[0]?.notInternet, null);
      assert.equal(preview.body.addressees[0]?.holds, 'yes');
    });
  });
}
