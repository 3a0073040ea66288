// What the request page offers and what issuing allows are one rule (src/domain/documents.ts): for every
// request of the demo, a draft and a civil request before its hearing letter, every party and the
// oversight body, and every document type, a document is offered on the page exactly when asking for it
// renders it; what is not offered is refused with its own reason.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { DOCUMENT_TYPES } from '../../src/domain/vocabulary.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, draft, inquiry, underReview } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { documentOf } from './support.ts';

// Most people here may open the answers their side holds; the board's intake clerk and the lawyer's
// assistant are of a party's side but may not, so the 回答書 is neither offered to them nor issued.
const LOGINS = [
  'sato',
  'board.legal',
  'isp.legal',
  'cafe.staff',
  'lawyer',
  'auditor',
  'board.intake',
  'law.assistant',
] as const;
const REFUSED = new Map([
  [400, 'VALIDATION_FAILED'],
  [403, 'FORBIDDEN'],
  [404, 'NOT_FOUND'],
  [409, 'CONFLICT'],
]);

for (const dialect of testDialects()) {
  describe(`the documents offered are the documents issued (${dialect})`, () => {
    // Answers in the hub's legacy custody render on the hub, so every offered 回答書 can be issued here.
    const { hub, people, orgs } = hubWithHooks(dialect, LOGINS, { deviceCustody: false });
    const ids: string[] = [];
    before(async () => {
      const [sato, board, , , lawyer] = people;
      ids.push(...hub.demo.requests.map((r) => r.id));
      ids.push(
        (await draft(sato, inquiry(orgs.board, { caseReference: 'DOC-1', targets: [{ type: 'account', id: 'u-1' }] })))
          .id,
      );
      ids.push(
        await underReview({ drafter: lawyer, head: lawyer, provider: board }, defamationClaim(orgs.board, '7301')),
      );
    });

    test('offered ⇔ issued, for every request, person and type', async () => {
      const refusals = new Set<string>();
      const closedAnswers = new Set<string>();
      let issued = 0;
      for (const id of ids) {
        for (const [i, c] of people.entries()) {
          const detail = await c.call<RequestDetail>('GET', `/v1/requests/${id}`);
          if (detail.status === 404) continue;
          assert.equal(detail.status, 200, JSON.stringify(detail.body));
          const offered: string[] = detail.body.documents;
          for (const type of [...DOCUMENT_TYPES, 'no_such']) {
            const r = await documentOf(hub.url, c.token, id, type);
            const at =
              `${LOGINS[i]} ${detail.body.kind}/${detail.body.state} ${type}: ` +
              `${r.bytes.toString('utf8').slice(0, 300)}`;
            if (offered.includes(type)) {
              assert.equal(r.status, 200, at);
              issued++;
            } else {
              const code = REFUSED.get(r.status);
              assert.ok(code, at);
              assert.equal((JSON.parse(r.bytes.toString('utf8')) as { error: { code: string } }).error.code, code, at);
              refusals.add(`${r.status}`);
              const party = detail.body.documents.length > 0;
              if (type === 'answer' && party && detail.body.answeredAt && r.status === 403)
                closedAnswers.add(LOGINS[i] ?? '');
            }
          }
        }
      }
      // The cases reach every way of refusing, and documents are issued.
      assert.deepEqual([...refusals].sort(), ['400', '403', '404', '409']);
      assert.ok(issued > 5, `${issued} issued`);
      // An answered request's 回答書 is withheld, as offered, from a party's person who may not open its
      // answer (the demo answers none of the law office's requests, so only the board's clerk meets one).
      assert.deepEqual([...closedAnswers], ['board.intake']);
    });
  });
}
