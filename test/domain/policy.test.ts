import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../src/domain/errors.ts';
import type { ProviderPolicy } from '../../src/domain/policy.ts';
import {
  assertRequestAllowed,
  checkRequestAgainstPolicy,
  defaultProviderPolicy,
  ProviderPolicySchema,
  policyLooserThanMatrix,
  requiresOpinionHearing,
} from '../../src/domain/policy.ts';
import type { DataCategory, RequestKind } from '../../src/domain/vocabulary.ts';
import { DATA_CATEGORIES, REQUEST_KINDS } from '../../src/domain/vocabulary.ts';

// Expected outcome of the DEFAULT policy, written by hand from DESIGN §3:
// Y = allowed, M = MATRIX_REFUSED, P = POLICY_REFUSED (the default carrier policy asks a warrant for
// access logs, which also covers a café flagged as a carrier). Two rows per kind: non-carrier / carrier.
// Columns: subscriber access_log traffic content.
const EXPECTED: Record<Exclude<RequestKind, 'mlat'>, { nonCarrier: string; carrier: string }> = {
  inquiry: { nonCarrier: 'Y Y M M', carrier: 'Y M M M' },
  warrant: { nonCarrier: 'Y Y Y Y', carrier: 'Y Y Y Y' },
  emergency: { nonCarrier: 'Y Y Y Y', carrier: 'Y Y Y Y' },
  civil_disclosure: { nonCarrier: 'Y Y M M', carrier: 'Y Y M M' },
  preservation: { nonCarrier: 'Y Y Y M', carrier: 'Y Y Y M' },
  cafe_records: { nonCarrier: 'Y Y M M', carrier: 'Y P M M' },
};

function provider(isTelecomCarrier: boolean, policy: ProviderPolicy = defaultProviderPolicy(isTelecomCarrier)) {
  return { isTelecomCarrier, policy };
}

describe('policy: default matrix, every kind × category × carrier', () => {
  for (const kind of REQUEST_KINDS) {
    for (const carrier of [false, true]) {
      it(`${kind} / ${carrier ? 'carrier' : 'non-carrier'}`, () => {
        for (const [i, category] of DATA_CATEGORIES.entries()) {
          const check = checkRequestAgainstPolicy({ kind, categories: [category] }, provider(carrier));
          if (kind === 'mlat') {
            assert.deepEqual(check, { ok: true, refusals: [], notices: [] });
            continue;
          }
          const want = (carrier ? EXPECTED[kind].carrier : EXPECTED[kind].nonCarrier).split(' ')[i];
          if (want === 'Y') {
            assert.equal(check.ok, true, `${kind} ${category} should be allowed`);
            assert.deepEqual(check.refusals, []);
          } else {
            assert.equal(check.ok, false, `${kind} ${category} should be refused`);
            assert.equal(check.refusals.length, 1);
            assert.equal(check.refusals[0]?.code, want === 'M' ? 'MATRIX_REFUSED' : 'POLICY_REFUSED');
            assert.equal(check.refusals[0]?.category, category);
          }
        }
      });
    }
  }
});

describe('policy: messages, notices and the stricter provider', () => {
  it('an inquiry for a carrier’s access logs explains the secrecy of communications', () => {
    const check = checkRequestAgainstPolicy(
      { kind: 'inquiry', categories: ['subscriber', 'access_log'] },
      provider(true),
    );
    assert.equal(check.ok, false);
    assert.deepEqual(
      check.refusals.map((r) => r.category),
      ['access_log'],
    );
    assert.match(check.refusals[0]?.message.en ?? '', /secrecy of communications.*warrant is required/);
    assert.match(check.refusals[0]?.message.ja ?? '', /通信の秘密/);
  });

  it('the policy flag alone makes a provider a carrier (stricter reading)', () => {
    const check = checkRequestAgainstPolicy(
      { kind: 'inquiry', categories: ['access_log'] },
      provider(false, defaultProviderPolicy(true)),
    );
    assert.equal(check.refusals[0]?.code, 'MATRIX_REFUSED');
  });

  it('a policy demanding a warrant refuses an inquiry with POLICY_REFUSED and says why', () => {
    const policy = defaultProviderPolicy(false);
    policy.categories.access_log.minimumBasis = 'warrant';
    const check = checkRequestAgainstPolicy({ kind: 'inquiry', categories: ['access_log'] }, provider(false, policy));
    assert.equal(check.refusals[0]?.code, 'POLICY_REFUSED');
    assert.equal(check.refusals[0]?.message.en, 'this provider answers access logs only under a warrant');
    assert.equal(check.refusals[0]?.message.ja, 'この事業者は通信履歴（接続記録）を令状によってのみ提供します');
    // the same policy still answers a warrant
    assert.equal(
      checkRequestAgainstPolicy({ kind: 'warrant', categories: ['access_log'] }, provider(false, policy)).ok,
      true,
    );
  });

  it('a policy cannot loosen the matrix: traffic by inquiry stays refused, and is reported', () => {
    const policy = defaultProviderPolicy(false);
    policy.categories.traffic.minimumBasis = 'inquiry';
    policy.categories.content.acceptsCivilDisclosure = true;
    const check = checkRequestAgainstPolicy({ kind: 'inquiry', categories: ['traffic'] }, provider(false, policy));
    assert.equal(check.refusals[0]?.code, 'MATRIX_REFUSED');
    const civil = checkRequestAgainstPolicy(
      { kind: 'civil_disclosure', categories: ['content'] },
      provider(false, policy),
    );
    assert.equal(civil.refusals[0]?.code, 'MATRIX_REFUSED');
    const loose = policyLooserThanMatrix(policy).map((l) => `${l.kind}:${l.category}`);
    assert.deepEqual(loose.sort(), ['civil_disclosure:content', 'inquiry:traffic'].sort());
    assert.deepEqual(policyLooserThanMatrix(defaultProviderPolicy(false)), []);
    assert.deepEqual(policyLooserThanMatrix(defaultProviderPolicy(true)), []);
  });

  it('never, no emergency, no civil disclosure', () => {
    const policy = defaultProviderPolicy(false);
    policy.categories.content.minimumBasis = 'never';
    policy.categories.traffic.acceptsEmergency = false;
    policy.categories.subscriber.acceptsCivilDisclosure = false;
    const p = provider(false, policy);
    const w = checkRequestAgainstPolicy({ kind: 'warrant', categories: ['content'] }, p);
    assert.equal(w.refusals[0]?.code, 'POLICY_REFUSED');
    assert.match(w.refusals[0]?.message.en ?? '', /under any request/);
    const e = checkRequestAgainstPolicy(
      { kind: 'emergency', categories: ['traffic', 'subscriber'], emergencyBasis: 'threat_to_life' },
      p,
    );
    assert.deepEqual(
      e.refusals.map((r) => [r.category, r.code]),
      [['traffic', 'POLICY_REFUSED']],
    );
    const c = checkRequestAgainstPolicy({ kind: 'civil_disclosure', categories: ['subscriber'] }, p);
    assert.equal(c.refusals[0]?.code, 'POLICY_REFUSED');
    // preservation is refused by a policy only for "never"
    policy.categories.traffic.minimumBasis = 'never';
    const pres = checkRequestAgainstPolicy(
      { kind: 'preservation', categories: ['subscriber', 'access_log', 'traffic'] },
      p,
    );
    assert.deepEqual(
      pres.refusals.map((r) => [r.category, r.code]),
      [['traffic', 'POLICY_REFUSED']],
    );
  });

  it('notices: opinion hearing for civil disclosure, per policy otherwise; emergency content limited', () => {
    const civil = checkRequestAgainstPolicy(
      { kind: 'civil_disclosure', categories: ['subscriber', 'access_log'] },
      provider(true),
    );
    assert.equal(civil.ok, true);
    assert.deepEqual(
      civil.notices.map((n) => [n.category, n.code]),
      [
        ['subscriber', 'OPINION_HEARING'],
        ['access_log', 'OPINION_HEARING'],
      ],
    );
    const policy = defaultProviderPolicy(false);
    policy.categories.subscriber.subscriberInvolvement = 'notify_after';
    policy.categories.access_log.subscriberInvolvement = 'opinion_hearing';
    const inq = checkRequestAgainstPolicy(
      { kind: 'inquiry', categories: ['subscriber', 'access_log'] },
      provider(false, policy),
    );
    assert.deepEqual(
      inq.notices.map((n) => [n.category, n.code]),
      [
        ['subscriber', 'SUBSCRIBER_NOTIFIED_AFTER'],
        ['access_log', 'OPINION_HEARING'],
      ],
    );
    const pres = checkRequestAgainstPolicy(
      { kind: 'preservation', categories: ['subscriber', 'access_log'] },
      provider(false, policy),
    );
    assert.deepEqual(pres.notices, []);
    const em = checkRequestAgainstPolicy(
      { kind: 'emergency', categories: ['content'], emergencyBasis: 'suicide_notice' },
      provider(true),
    );
    assert.deepEqual(
      em.notices.map((n) => n.code),
      ['LIMITED_TO_AVERTING_DANGER'],
    );
  });

  it('requiresOpinionHearing', () => {
    const policy = defaultProviderPolicy(false);
    assert.equal(requiresOpinionHearing('civil_disclosure', ['subscriber'], policy), true);
    assert.equal(requiresOpinionHearing('civil_disclosure', ['access_log'], policy), true);
    assert.equal(requiresOpinionHearing('inquiry', ['subscriber'], policy), false);
    policy.categories.subscriber.subscriberInvolvement = 'opinion_hearing';
    assert.equal(requiresOpinionHearing('inquiry', ['subscriber'], policy), true);
    // a warrant is the court's order: its subscriber is not heard, whatever the policy says
    assert.equal(requiresOpinionHearing('warrant', ['access_log', 'subscriber'], policy), false);
    assert.equal(requiresOpinionHearing('warrant', ['access_log'], policy), false);
    assert.equal(requiresOpinionHearing('emergency', ['subscriber'], policy), false);
    assert.equal(requiresOpinionHearing('preservation', ['subscriber'], policy), false);
  });

  it('assertRequestAllowed throws with all refusals; MATRIX_REFUSED wins over POLICY_REFUSED', () => {
    const policy = defaultProviderPolicy(false);
    policy.categories.subscriber.minimumBasis = 'warrant';
    const categories: DataCategory[] = ['subscriber', 'traffic'];
    assert.throws(
      () => assertRequestAllowed({ kind: 'inquiry', categories }, provider(false, policy)),
      (e: unknown) => {
        assert.ok(isDomainError(e));
        assert.equal(e.code, 'MATRIX_REFUSED');
        const refusals = e.details?.refusals as Array<{ category: string; code: string }>;
        assert.deepEqual(
          refusals.map((r) => [r.category, r.code]),
          [
            ['subscriber', 'POLICY_REFUSED'],
            ['traffic', 'MATRIX_REFUSED'],
          ],
        );
        assert.equal(e.details?.field, 'categories');
        // The words name the data in words; the category codes are for programs (details).
        assert.doesNotMatch(`${e.messages.ja} ${e.messages.en}`, /\b(subscriber|traffic) \(/);
        assert.match(e.messages.en, /traffic data is covered by the secrecy of communications/);
        return true;
      },
    );
    assert.throws(
      () => assertRequestAllowed({ kind: 'inquiry', categories: ['subscriber'] }, provider(false, policy)),
      { code: 'POLICY_REFUSED' },
    );
    assert.equal(assertRequestAllowed({ kind: 'warrant', categories }, provider(false, policy)).ok, true);
  });

  it('ProviderPolicySchema accepts the defaults and rejects unknown keys or a missing category', () => {
    assert.equal(ProviderPolicySchema.safeParse(defaultProviderPolicy(true)).success, true);
    const extra = { ...defaultProviderPolicy(false), foo: 1 };
    assert.equal(ProviderPolicySchema.safeParse(extra).success, false);
    const { content: _c, ...three } = defaultProviderPolicy(false).categories;
    assert.equal(ProviderPolicySchema.safeParse({ ...defaultProviderPolicy(false), categories: three }).success, false);
    const withRetention = {
      ...defaultProviderPolicy(false),
      retention: { access_log: 90 },
      notes: { ja: 'メモ', en: 'note' },
    };
    assert.equal(ProviderPolicySchema.safeParse(withRetention).success, true);
    assert.equal(ProviderPolicySchema.safeParse({ ...withRetention, retention: { bogus: 1 } }).success, false);
  });
});
