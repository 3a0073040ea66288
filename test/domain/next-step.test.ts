// The chain's rules: from an identifier and its holder to the next request.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Holder, nextStep } from '../../src/domain/next-step.ts';
import { defaultProviderPolicy, type ProviderPolicy } from '../../src/domain/policy.ts';
import type { Target } from '../../src/domain/targets.ts';

const now = new Date('2026-12-01T00:00:00.000Z');
const ip: Target = {
  type: 'ip',
  address: '203.0.113.45',
  port: 51234,
  at: '2026-11-30T23:42:17+09:00',
  toleranceSeconds: 0,
};
const found = { ja: '届出のネットワーク', en: 'a declared network' };
const provider = (
  category: 'isp' | 'board' | 'cafe',
  isTelecomCarrier: boolean,
  policy: ProviderPolicy = defaultProviderPolicy(isTelecomCarrier),
): Holder => ({
  kind: 'provider',
  providerOrganisationId: 'org_p',
  name: { ja: 'P', en: 'P' },
  category,
  isTelecomCarrier,
  policy,
  foundBy: found,
});

describe('the next request of the chain', () => {
  it('a board (not a carrier) is asked by an ordinary inquiry', () => {
    const s = nextStep(ip, provider('board', false), now);
    assert.equal(s.action, 'draft');
    assert.equal(s.kind, 'inquiry');
    assert.deepEqual(s.categories, ['subscriber', 'access_log']);
    assert.deepEqual(s.targets, [ip], 'the exact instant, offset and port carried over');
    assert.equal(s.warrantNeeded, false);
  });
  it("a carrier's access logs need a warrant (secrecy of communications)", () => {
    const s = nextStep(ip, provider('isp', true), now);
    assert.equal(s.kind, 'warrant');
    assert.equal(s.warrantNeeded, true);
    assert.ok(s.reasons.some((r) => /warrant/.test(r.en)));
  });
  it('an internet café is asked for its records', () => {
    const s = nextStep(ip, provider('cafe', false), now);
    assert.equal(s.kind, 'cafe_records');
  });
  it('preservation comes first when the holder keeps its logs only days longer', () => {
    const policy = { ...defaultProviderPolicy(true), retention: { access_log: 5 } };
    const s = nextStep(ip, provider('isp', true, policy), now);
    assert.equal(s.preservationFirst?.days, 30);
    assert.match(s.preservationFirst?.reason.en ?? '', /run out in about 4 days/);
    const longer = { ...defaultProviderPolicy(true), retention: { access_log: 180 } };
    assert.equal(nextStep(ip, provider('isp', true, longer), now).preservationFirst, null);
    // With a warrant to obtain first, the horizon is longer.
    const twelve = { ...defaultProviderPolicy(true), retention: { access_log: 12 } };
    assert.notEqual(nextStep(ip, provider('isp', true, twelve), now).preservationFirst, null);
    const boardTwelve = { ...defaultProviderPolicy(false), retention: { access_log: 12 } };
    assert.equal(nextStep(ip, provider('board', false, boardTwelve), now).preservationFirst, null);
  });
  it('a foreign holder gives an MLAT package with a preservation suggestion', () => {
    const s = nextStep(ip, { kind: 'foreign', country: 'US', name: 'Example Hosting', foundBy: found }, now);
    assert.equal(s.action, 'mlat');
    assert.equal(s.kind, 'mlat');
    assert.notEqual(s.preservationFirst, null);
    assert.match(s.reasons.map((r) => r.en).join(' '), /abroad \(US\)/);
  });
  it('an unknown holder gives no request, and says why', () => {
    const s = nextStep(ip, { kind: 'unknown', reason: { ja: '不明', en: 'no holder found' } }, now);
    assert.equal(s.action, 'none');
    assert.deepEqual(s.reasons, [{ ja: '不明', en: 'no holder found' }]);
  });
  it('a policy that refuses even a warrant gives no request', () => {
    const never = defaultProviderPolicy(true);
    never.categories.access_log.minimumBasis = 'never';
    const s = nextStep(ip, provider('isp', true, never), now);
    assert.equal(s.action, 'none');
  });
});
