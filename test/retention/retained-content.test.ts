import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RequestContent, RequestContentSchema } from '../../src/domain/request-content.ts';
import { contentRetained } from '../../src/domain/retained.ts';
import { retainedContent } from '../../src/domain/retention.ts';
import { contentOf } from '../../src/exchange/requests.ts';
import type { RequestRow } from '../../src/store/schema.ts';

// What retention leaves of each kind's content (docs/decisions.md, "Retention empties the request's own
// text"): no identifier and no word a person wrote — every one below carries 山田 — while the kind, the
// case reference, the categories, the dates and the codes stay, and the request still reads.

const person = '山田';
const common = {
  providerOrganisationId: 'org_board',
  caseReference: '令和8年第1234号',
  offence: `被害者${person}花子に対する脅迫被疑事件`,
  facts: `${person}花子の掲示板に脅迫の投稿があった`,
  necessity: `${person}花子の安全のため`,
  targets: [{ type: 'account', id: `yamada-${person}`, service: 'Sakura Board' }],
  categories: ['subscriber'],
  requestedBy: '2099-01-01T00:00:00+09:00',
};
const { providerOrganisationId: _addressee, ...withoutProvider } = common;
const secret = { confidentiality: { doNotNotify: true, basis: 'ccp_197_5', reason: `${person}が報復を受けるおそれ` } };

const samples: RequestContent[] = [
  { kind: 'inquiry', ...common, ...secret },
  {
    kind: 'emergency',
    ...common,
    ...secret,
    emergency: {
      basis: 'suicide_notice',
      conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
      statement: `${person}花子が今夜自殺すると書き込んだ`,
    },
  },
  {
    kind: 'cafe_records',
    ...common,
    targets: [
      { type: 'terminal', terminal: 'PC-7', from: '2026-03-01T10:00:00+09:00', to: '2026-03-01T11:00:00+09:00' },
    ],
    cafe: { storeName: `${person}ネットカフェ` },
  },
  {
    kind: 'civil_disclosure',
    ...common,
    offence: '',
    civil: {
      route: 'court_order',
      claimant: `${person} 花子`,
      claimantAddress: `東京都千代田区${person}町1-2-3`,
      counsel: `弁護士 ${person}次郎`,
      rights: ['honour'],
      rightsInfringed: `${person}花子の実名を挙げた中傷`,
      purposes: ['damages'],
      senderInformation: ['name', 'address'],
      courtOrder: {
        type: 'disclosure_order',
        courtOrganisationId: 'org_court',
        caseNumber: '令和8年(発チ)第10123号',
        orderedAt: '2026-03-01T10:00:00+09:00',
        content: `相手方は、申立人${person}花子に対し、発信者情報を開示せよ`,
      },
    },
  },
  {
    kind: 'mlat',
    ...withoutProvider,
    mlat: {
      requestedCountry: 'US',
      foreignAuthority: 'U.S. Department of Justice',
      treaty: 'jp_us_mlat',
      language: 'en',
    },
  },
].map((c) => RequestContentSchema.parse(c));

for (const content of samples) {
  test(`${content.kind}: the identifiers and the words go, the record stays, and it still reads`, () => {
    const left = retainedContent(content);
    assert.equal(JSON.stringify(left).includes(person), false, JSON.stringify(left));
    assert.ok(contentRetained(left));
    assert.equal(contentRetained(content), false);
    assert.deepEqual(
      [left.kind, left.caseReference, left.categories, left.requestedBy],
      [content.kind, '令和8年第1234号', ['subscriber'], '2099-01-01T00:00:00+09:00'],
    );
    if (left.kind === 'emergency' && left.emergency.basis === 'suicide_notice') {
      assert.equal(Object.values(left.emergency.conditions).every(Boolean), true, 'the four conditions, as affirmed');
    }
    if (left.kind === 'civil_disclosure') assert.equal(left.civil.courtOrder?.caseNumber, '令和8年(発チ)第10123号');
    if (left.kind === 'mlat') assert.equal(left.mlat.treaty, 'jp_us_mlat');
    if (left.kind === 'inquiry') assert.equal(left.confidentiality?.basis, 'ccp_197_5');
    // Every reader goes through contentOf: a closed request's retained content reads as it was left.
    const row = { state: 'closed', content: JSON.stringify(left) } as RequestRow;
    assert.deepEqual(contentOf(row), left);
  });
}
