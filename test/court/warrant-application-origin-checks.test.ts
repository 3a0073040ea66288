import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { auditDetailLines } from '../../src/domain/audit-details.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';
import { followedRecord, warrantOrigins } from '../support/warrant-origin.ts';

type Application = Schemas['WarrantApplication'];

// A warrant application's origin, audited and tied to its case: the `warrant_application.drafted` audit names what
// it follows as `request.linked` does, and its case reference is the case's it follows from.
for (const dialect of testDialects()) {
  describe(`a warrant application's origin, audited and tied to its case (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const record = followedRecord;
    const { answeredCase, application } = warrantOrigins(sato, tanaka, orgs);

    test('the drafted audit names the origin, in words', async () => {
      const { kase, board, follows } = await answeredCase('ONE-3');
      const d = await sato.call<Application>('POST', '/v1/warrant-applications', application('ONE-3', { follows }));
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const [details] = await auditDetails(hub.ctx.store.db, 'warrant_application.drafted', d.body.id);
      assert.deepEqual(details, {
        reference: d.body.reference,
        courtOrganisationId: orgs.court,
        source: 'answer',
        from: board.id,
        targetType: 'ip',
        caseId: kase.id,
      });
      const lines = (locale: 'ja' | 'en') =>
        auditDetailLines('warrant_application.drafted', details, { locale, instant: (s) => s }).map(
          (l) => `${l.label}: ${l.value}`,
        );
      assert.ok(lines('ja').includes('きっかけ: 回答から'), JSON.stringify(lines('ja')));
      assert.ok(
        lines('en').some((l) => l === 'Followed from: From an answer'),
        JSON.stringify(lines('en')),
      );
      assert.ok(!JSON.stringify(lines('ja')).includes(kase.id), 'no raw case id shown');
      // From scratch: no origin in the details.
      const plain = await sato.call<Application>('POST', '/v1/warrant-applications', application('ONE-3'));
      const [none] = await auditDetails(hub.ctx.store.db, 'warrant_application.drafted', plain.body.id);
      assert.deepEqual(none, { reference: plain.body.reference, courtOrganisationId: orgs.court });
    });

    test("the case reference is the case's it follows from, on draft and on edit", async () => {
      const { kase, follows } = await answeredCase('ONE-4');
      const wrong = await sato.call<ApiError>('POST', '/v1/warrant-applications', application('OTHER-9', { follows }));
      assert.equal(wrong.status, 400, JSON.stringify(wrong.body));
      assert.equal(wrong.body.error.details?.field, 'caseReference');
      assert.match(wrong.body.error.message.ja, /OTHER-9.*ONE-4/);
      assert.match(wrong.body.error.message.en, /OTHER-9.*ONE-4/);
      const mail = { source: 'mail', identifier: record };
      const wrongMail = await sato.call<ApiError>(
        'POST',
        '/v1/warrant-applications',
        application('OTHER-9', { follows: mail, caseId: kase.id }),
      );
      assert.equal(wrongMail.status, 400, JSON.stringify(wrongMail.body));
      assert.equal(wrongMail.body.error.details?.field, 'caseReference');

      const d = await sato.call<Application>('POST', '/v1/warrant-applications', application('ONE-4', { follows }));
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const edited = await sato.call<ApiError>('PUT', `/v1/warrant-applications/${d.body.id}`, application('OTHER-9'));
      assert.equal(edited.status, 400, JSON.stringify(edited.body));
      assert.equal(edited.body.error.details?.field, 'caseReference');
      const kept = await sato.call<Application>('PUT', `/v1/warrant-applications/${d.body.id}`, application('ONE-4'));
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      // From scratch, any reference, as before.
      const plain = await sato.call<Application>('POST', '/v1/warrant-applications', application('OTHER-9'));
      assert.equal(plain.status, 201, JSON.stringify(plain.body));
    });
  });
}
