// The one rule of a request's printable documents (src/domain/documents.ts): what the request page
// offers (documentsOffered) and what issuing allows (documentStanding, refused through documentRefused)
// are the same rule, for every side, kind, document type and state a request can be in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Side } from '../../src/domain/access.ts';
import {
  type DocumentFacts,
  type DocumentRefusal,
  documentRefused,
  documentStanding,
  documentsOffered,
} from '../../src/domain/documents.ts';
import { DOCUMENT_TYPES, DOCUMENTS_OF_KIND, REQUEST_KINDS } from '../../src/domain/vocabulary.ts';

const SIDES: Side[] = ['agency', 'provider', 'oversight'];
const BOOLS = [false, true];

function* everyFacts(): Generator<DocumentFacts> {
  for (const kind of REQUEST_KINDS)
    for (const signed of BOOLS)
      for (const answered of BOOLS)
        for (const hearingLetterSent of BOOLS)
          for (const opensAnswer of BOOLS) yield { kind, signed, answered, hearingLetterSent, opensAnswer };
}

test('every side × kind × state × type: offered exactly when issuing allows it', () => {
  let cases = 0;
  for (const side of SIDES) {
    for (const facts of everyFacts()) {
      const offered = documentsOffered(side, facts);
      for (const type of [...DOCUMENT_TYPES, 'no_such']) {
        const standing = documentStanding(side, facts, type);
        const at = `${side} ${JSON.stringify(facts)} ${type}`;
        assert.equal('offered' in standing, (offered as string[]).includes(type), at);
        if ('offered' in standing) assert.equal(standing.offered, type, at);
        cases++;
      }
      // Nothing is offered that the kind does not have, and in the kind's order.
      assert.deepEqual(
        offered,
        DOCUMENTS_OF_KIND[facts.kind].filter((t) => offered.includes(t)),
      );
    }
  }
  assert.equal(cases, SIDES.length * REQUEST_KINDS.length * 16 * (DOCUMENT_TYPES.length + 1));
});

test('the refusal names the first reason, most specific last', () => {
  const civil: DocumentFacts = {
    kind: 'civil_disclosure',
    signed: true,
    answered: false,
    hearingLetterSent: false,
    opensAnswer: true,
  };
  const refusal = (side: Side, facts: DocumentFacts, type: string) => {
    const s = documentStanding(side, facts, type);
    return 'refused' in s ? s.refused : 'offered';
  };
  assert.equal(refusal('oversight', civil, 'no_such'), 'not_a_party', 'the oversight body learns nothing of the type');
  assert.equal(refusal('agency', civil, 'no_such'), 'no_such_type');
  assert.equal(refusal('agency', civil, 'inquiry'), 'not_of_kind');
  assert.equal(refusal('agency', { ...civil, signed: false }, 'answer'), 'unsigned');
  assert.equal(refusal('agency', { ...civil, signed: false, removed: true }, 'answer'), 'removed');
  assert.equal(refusal('agency', civil, 'answer'), 'not_answered');
  assert.equal(refusal('agency', { ...civil, answered: true, opensAnswer: false }, 'answer'), 'answer_closed');
  assert.equal(refusal('provider', civil, 'opinion'), 'no_hearing_letter');
  assert.equal(refusal('provider', { ...civil, hearingLetterSent: true }, 'opinion'), 'offered');
  assert.equal(refusal('agency', { ...civil, answered: true }, 'answer'), 'offered');
});

test('each refusal reads as its own reason, in Japanese and English, with the status it has', () => {
  const expected: Record<DocumentRefusal, [string, RegExp]> = {
    not_a_party: ['FORBIDDEN', /only the parties/],
    no_such_type: ['VALIDATION_FAILED', /there is no document type/],
    not_of_kind: ['NOT_FOUND', /has no Letter of inquiry$/],
    removed: ['PURGED', /removed after its retention period/],
    unsigned: ['NOT_FOUND', /not signed yet/],
    not_answered: ['NOT_FOUND', /no answer yet/],
    answer_closed: ['FORBIDDEN', /may open the answer/],
    no_hearing_letter: ['CONFLICT', /hearing letter/],
  };
  const seen = new Set<string>();
  for (const [refusal, [code, en]] of Object.entries(expected) as Array<[DocumentRefusal, [string, RegExp]]>) {
    const e = documentRefused(refusal, { id: 'r-1', kind: 'civil_disclosure' }, 'inquiry');
    assert.equal(e.code, code, refusal);
    assert.match(e.messages.en, en, refusal);
    assert.match(e.messages.ja, /[ぁ-んァ-ヶ一-龠]/, `${refusal}: Japanese`);
    seen.add(e.messages.ja).add(e.messages.en);
  }
  assert.equal(seen.size, Object.keys(expected).length * 2, 'no two refusals read the same');
});
