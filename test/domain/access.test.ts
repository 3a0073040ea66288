// The one permission table and the access rules of requests (src/domain/access.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTION_SIDES,
  actionRefusal,
  actionsFor,
  auditScope,
  can,
  listScope,
  mayOpenAnswer,
  mayReadContent,
  type Principal,
  permissionsOf,
  type RequestAccessFacts,
  ROLE_PERMISSIONS,
  requestSide,
  requirePermission,
  SYSTEM_CALLER,
  statisticsScope,
  timelineRule,
  timelineShows,
} from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { LIFECYCLE_ACTIONS, PRIVILEGED_ROLES, ROLES_BY_ORGANISATION_KIND } from '../../src/domain/vocabulary.ts';

const who = (p: Partial<Principal>): Principal => ({
  kind: 'user',
  id: 'usr_x',
  organisationId: 'org_a',
  organisationKind: 'agency',
  unitId: 'unit_1',
  roles: ['investigator'],
  displayName: 'x',
  ...p,
});
const request: RequestAccessFacts = {
  agencyOrganisationId: 'org_a',
  unitId: 'unit_1',
  providerOrganisationId: 'org_p',
  draftedBy: 'usr_drafter',
  origin: 'local',
  receivedAt: '2026-11-30T00:00:00.000Z',
};
const investigator = who({ id: 'usr_drafter' });
const head = who({ id: 'usr_head', roles: ['unit_head'] });
const headElsewhere = who({ id: 'usr_head2', roles: ['unit_head'], unitId: 'unit_2' });
const legal = who({
  id: 'usr_l',
  organisationId: 'org_p',
  organisationKind: 'provider',
  unitId: null,
  roles: ['provider_legal'],
});
const intake = who({
  id: 'usr_i',
  organisationId: 'org_p',
  organisationKind: 'provider',
  unitId: null,
  roles: ['provider_intake'],
});
const auditor = who({
  id: 'usr_o',
  organisationId: 'org_o',
  organisationKind: 'oversight',
  unitId: null,
  roles: ['auditor'],
});
const stranger = who({ id: 'usr_s', organisationId: 'org_b' });

describe('the permission table', () => {
  it('grants only roles an organisation of that kind may hold', () => {
    for (const [kind, roles] of Object.entries(ROLE_PERMISSIONS)) {
      const allowed = ROLES_BY_ORGANISATION_KIND[kind as keyof typeof ROLES_BY_ORGANISATION_KIND];
      for (const role of Object.keys(roles)) assert.ok(allowed.includes(role as never), `${kind}: ${role}`);
    }
  });
  it('the same role name means what its organisation kind gives it', () => {
    assert.equal(can(who({ organisationKind: 'oversight', roles: ['admin'] }), 'organisation.create'), true);
    assert.equal(can(who({ organisationKind: 'provider', roles: ['admin'] }), 'organisation.create'), false);
    assert.equal(can(who({ organisationKind: 'provider', roles: ['admin'] }), 'policy.publish'), true);
    assert.equal(can(who({ organisationKind: 'agency', roles: ['admin'] }), 'policy.publish'), false);
  });
  const auditorPartTitle =
    "an organisation's auditor reads its part of the audit log; the oversight body's the whole; no administrator";
  it(auditorPartTitle, () => {
    const sides = { agency: 'agency', provider: 'provider', court: null, law_office: 'agency' } as const;
    for (const [kind, side] of Object.entries(sides) as Array<
      [keyof typeof sides, (typeof sides)[keyof typeof sides]]
    >) {
      const own = who({ organisationKind: kind, roles: ['auditor'] });
      // Of others' acts on its requests, what its side of the request's timeline shows.
      assert.deepEqual(auditScope(own), {
        kind: 'organisation',
        organisationId: 'org_a',
        requests: side === null ? null : { side, timeline: timelineRule(side) },
      });
      assert.equal(can(own, 'request.read_all'), false, `${kind}: an auditor reads the log, not the requests`);
      assert.equal(can(who({ organisationKind: kind, roles: ['admin'] }), 'audit.read'), false, `${kind} admin`);
    }
    assert.deepEqual(auditScope(auditor), { kind: 'all' });
    assert.deepEqual(auditScope(SYSTEM_CALLER), { kind: 'all' });
    assert.equal(can(who({ organisationKind: 'oversight', roles: ['admin'] }), 'audit.read'), false);
    assert.throws(
      () => auditScope(investigator),
      (e: unknown) => e instanceof DomainError && e.code === 'FORBIDDEN',
    );
  });
  it("a provider's legal (its installation's machine client) lists its own people; intake does not", () => {
    // The installation says a person's key in the pinned log by the name the hub gives (the log has none).
    assert.equal(can(legal, 'user.list'), true);
    assert.equal(can(intake, 'user.list'), false);
    assert.equal(can(who({ organisationKind: 'provider', roles: ['provider_operator'] }), 'user.list'), false);
  });
  it('refuses with FORBIDDEN naming the roles that may, in both languages', () => {
    assert.throws(
      () => requirePermission(investigator, 'request.approve'),
      (e: unknown) =>
        e instanceof DomainError &&
        e.code === 'FORBIDDEN' &&
        /所属長/.test(e.messages.ja) &&
        /Unit head/.test(e.messages.en),
    );
  });
  it('the local operator holds the administrative permissions and none of a request', () => {
    assert.equal(can(SYSTEM_CALLER, 'organisation.create'), true);
    assert.equal(can(SYSTEM_CALLER, 'request.approve'), false);
    assert.equal(can(SYSTEM_CALLER, 'answer.open'), false);
  });
});

describe('sides and scopes of a request', () => {
  it('the issuing agency, the addressed provider once delivered, the oversight body; nobody else', () => {
    assert.equal(requestSide(investigator, request), 'agency');
    assert.equal(requestSide(legal, request), 'provider');
    assert.equal(requestSide(legal, { ...request, receivedAt: null }), null, 'not before delivery');
    assert.equal(requestSide(auditor, request), 'oversight');
    assert.equal(requestSide(stranger, request), null);
    assert.equal(requestSide(investigator, { ...request, origin: 'intake' }), null, 'an envelope claiming to be ours');
    for (const roles of [['admin'], ['key_officer']] as const) {
      const member = { ...legal, id: 'usr_pa', roles: [...roles] };
      assert.equal(requestSide(member, request), null, `a provider's ${roles[0]} handles no request`);
      assert.deepEqual(listScope(member), { kind: 'none' });
    }
  });
  it("the provider's timeline: its own acts, the system's and the exchange's; no match for either party", () => {
    const entry = (action: string, organisationId: string | null) => ({ action, organisationId });
    assert.equal(timelineShows('provider', entry('request.viewed', 'org_p'), 'org_p'), true);
    assert.equal(timelineShows('provider', entry('request.received', null), 'org_p'), true);
    assert.equal(timelineShows('provider', entry('request.transition', 'org_a'), 'org_p'), true);
    for (const action of ['request.viewed', 'request.shared', 'answer.read', 'document.issued']) {
      assert.equal(timelineShows('provider', entry(action, 'org_a'), 'org_p'), false, action);
    }
    assert.equal(timelineShows('provider', entry('request.break_glass', 'org_o'), 'org_p'), false);
    assert.equal(timelineShows('agency', entry('request.break_glass', 'org_o'), 'org_p'), true);
    for (const side of ['agency', 'provider'] as const) {
      assert.equal(timelineShows(side, entry('overlap.matched', null), 'org_p'), false, side);
    }
    assert.equal(timelineShows('oversight', entry('overlap.held', null), 'org_p'), true);
  });
  it('the oversight body reads content only through a live break-glass', () => {
    assert.equal(mayReadContent('oversight', request), false);
    assert.equal(mayReadContent('oversight', { ...request, breakGlassForViewer: true }), true);
    assert.equal(mayReadContent('agency', request), true);
    assert.equal(mayReadContent('provider', request), true);
  });
  it('lists follow the organisation kind', () => {
    assert.deepEqual(listScope(investigator), {
      kind: 'agency',
      organisationId: 'org_a',
      unitId: 'unit_1',
      userId: 'usr_drafter',
    });
    assert.deepEqual(listScope(legal), { kind: 'provider', organisationId: 'org_p' });
    assert.deepEqual(listScope(auditor), { kind: 'all' });
    assert.deepEqual(listScope(who({ organisationKind: 'court', roles: ['judge'] })), { kind: 'none' });
  });
});

describe('who may take each action', () => {
  it('every action has its sides; either party closes a settled request', () => {
    assert.deepEqual(Object.keys(ACTION_SIDES).sort(), [...LIFECYCLE_ACTIONS].sort());
    assert.deepEqual(ACTION_SIDES.close, ['agency', 'provider']);
    assert.deepEqual(ACTION_SIDES.deliver, ['system']);
    assert.equal(actionRefusal(investigator, request, 'close'), null);
    assert.equal(actionRefusal(intake, request, 'close'), null);
    assert.equal(actionRefusal(auditor, request, 'close'), 'other_side');
  });
  it('a unit head of the same unit approves, never the drafter, never another unit', () => {
    assert.equal(actionRefusal(head, request, 'approve'), null);
    assert.equal(actionRefusal(investigator, request, 'approve'), 'self_approval');
    assert.equal(actionRefusal(head, { ...request, draftedBy: 'usr_head' }, 'approve'), 'self_approval');
    // Need-to-know: another unit does not even see the request; shared with it, it may read, not act.
    assert.equal(requestSide(headElsewhere, request), null);
    assert.equal(actionRefusal(headElsewhere, request, 'approve'), 'other_side');
    assert.equal(requestSide(headElsewhere, { ...request, sharedWithViewer: true }), 'agency');
    assert.equal(actionRefusal(headElsewhere, { ...request, sharedWithViewer: true }, 'approve'), 'other_unit');
    assert.equal(actionRefusal(headElsewhere, { ...request, sharedWithViewer: true }, 'withdraw'), 'other_unit');
    assert.equal(actionRefusal(legal, request, 'approve'), 'other_side');
  });
  it('the provider hears the subscriber through its legal staff only', () => {
    assert.equal(actionRefusal(legal, request, 'start_opinion_hearing'), null);
    assert.equal(actionRefusal(intake, request, 'start_opinion_hearing'), 'no_permission');
    assert.equal(actionRefusal(intake, request, 'answer'), 'no_permission');
    assert.equal(actionRefusal(legal, request, 'answer'), null);
  });
  it('nobody delivers by hand', () => {
    for (const p of [investigator, head, legal, intake, auditor])
      assert.notEqual(actionRefusal(p, request, 'deliver'), null);
  });
  it('actionsFor filters what the lifecycle allows now', () => {
    assert.deepEqual(actionsFor(legal, request, ['start_review', 'decline', 'withdraw', 'close']), [
      'start_review',
      'decline',
      'close',
    ]);
  });
  it('answers open only in the requesting unit', () => {
    assert.equal(mayOpenAnswer(investigator, request), true);
    assert.equal(mayOpenAnswer(head, request), true);
    assert.equal(mayOpenAnswer(headElsewhere, request), false);
    assert.equal(mayOpenAnswer(legal, request), false);
    assert.equal(mayOpenAnswer(auditor, request), false);
  });
});

describe("a force's statistics officer (統計担当)", () => {
  const officer = who({ id: 'usr_stat', unitId: null, roles: ['statistician'] });
  it('counts every unit of its own organisation, and reads no request', () => {
    assert.deepEqual(statisticsScope(officer), { kind: 'organisation', organisationId: 'org_a' });
    // Placed in a unit, still the whole organisation: the role is the force's numbers.
    assert.deepEqual(statisticsScope({ ...officer, unitId: 'unit_2' }), {
      kind: 'organisation',
      organisationId: 'org_a',
    });
    assert.deepEqual(listScope(officer), { kind: 'none' });
    assert.equal(requestSide(officer, request), null);
    assert.equal(requestSide({ ...officer, unitId: 'unit_1' }, request), null);
    assert.equal(mayOpenAnswer({ ...officer, unitId: 'unit_1' }, request), false);
    assert.deepEqual([...permissionsOf(officer)].sort(), [
      'credential.read_own',
      'statistics.read',
      'statistics.read_organisation',
    ]);
  });
  it('everyone else keeps their scope', () => {
    assert.deepEqual(statisticsScope(investigator), { kind: 'unit', organisationId: 'org_a', unitId: 'unit_1' });
    assert.deepEqual(statisticsScope(headElsewhere), { kind: 'unit', organisationId: 'org_a', unitId: 'unit_2' });
    assert.deepEqual(statisticsScope(legal), { kind: 'provider', organisationId: 'org_p' });
    assert.deepEqual(statisticsScope(auditor), { kind: 'all' });
  });
  it('is held only in an agency, and granted by two people', () => {
    for (const [kind, roles] of Object.entries(ROLES_BY_ORGANISATION_KIND))
      assert.equal(roles.includes('statistician'), kind === 'agency', kind);
    assert.ok(PRIVILEGED_ROLES.includes('statistician'));
  });
});
