import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../src/domain/errors.ts';
import {
  allowedActions,
  isOpen,
  isTerminal,
  LIFECYCLE_ACTION_LABELS,
  LIFECYCLE_ACTIONS,
  NO_OPINION_HEARING,
  nextState,
} from '../../src/domain/lifecycle.ts';
import type { RequestKind, RequestState } from '../../src/domain/vocabulary.ts';
import { declineReasonsFor, REQUEST_KINDS, REQUEST_STATE_LABELS, REQUEST_STATES } from '../../src/domain/vocabulary.ts';

// The expected machine, written out by hand from DESIGN §4 and the API brief — deliberately not
// derived from the implementation. One line per legal transition: "from action to".
const COMMON = `
draft submit awaiting_approval
draft withdraw withdrawn
awaiting_approval approve issued
awaiting_approval reject_approval draft
awaiting_approval withdraw withdrawn
issued deliver received
issued withdraw withdrawn
received start_review under_review
received decline declined
received withdraw withdrawn
under_review request_clarification clarification_requested
under_review start_opinion_hearing awaiting_opinion
under_review answer answered
under_review decline declined
under_review withdraw withdrawn
clarification_requested clarify clarified
clarification_requested withdraw withdrawn
clarified start_review under_review
clarified decline declined
clarified withdraw withdrawn
awaiting_opinion record_opinion under_review
awaiting_opinion decline declined
awaiting_opinion withdraw withdrawn
answered close closed
declined close closed
withdrawn close closed
`;

const MLAT = `
draft submit awaiting_approval
draft withdraw withdrawn
awaiting_approval approve issued
awaiting_approval reject_approval draft
awaiting_approval withdraw withdrawn
issued close closed
issued withdraw withdrawn
withdrawn close closed
`;

// An emergency cannot wait two weeks for a subscriber's opinion, and a preservation discloses nothing:
// neither ever hears the subscriber (意見照会).
const NO_HEARING = COMMON.split('\n')
  .filter((l) => !/ (start_opinion_hearing|record_opinion) /.test(l))
  .join('\n');

// A warrant is the court's order: the provider does not weigh the subscriber's opinion against it, and telling
// the suspect would defeat it — no hearing is started; one started before this rule still has its opinion
// recorded (or is declined or withdrawn), so that it does not stay in the hearing for ever.
const WARRANT = COMMON.split('\n')
  .filter((l) => !/ start_opinion_hearing /.test(l))
  .join('\n');

const EXPECTED: Record<RequestKind, string> = {
  inquiry: COMMON,
  warrant: WARRANT,
  civil_disclosure: COMMON,
  cafe_records: COMMON,
  preservation: `${NO_HEARING}\nanswered extend_preservation answered`,
  emergency:
    `${NO_HEARING}\nreceived answer answered\nreceived confirm_second_check received\n` +
    `under_review confirm_second_check under_review`,
  mlat: MLAT,
};

function table(text: string): Map<string, RequestState> {
  const m = new Map<string, RequestState>();
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    const [from, action, to] = line.trim().split(/\s+/);
    assert.ok(from && action && to, `bad line ${line}`);
    assert.ok((REQUEST_STATES as readonly string[]).includes(from), `unknown state ${from}`);
    assert.ok((LIFECYCLE_ACTIONS as readonly string[]).includes(action), `unknown action ${action}`);
    assert.ok((REQUEST_STATES as readonly string[]).includes(to), `unknown state ${to}`);
    const key = `${from} ${action}`;
    assert.ok(!m.has(key), `duplicate ${key}`);
    m.set(key, to as RequestState);
  }
  return m;
}

describe('lifecycle: every kind × state × action', () => {
  let legal = 0;
  let illegal = 0;
  for (const kind of REQUEST_KINDS) {
    const expected = table(EXPECTED[kind]);
    it(`${kind}: legal transitions give the exact next state, all others throw ILLEGAL_TRANSITION`, () => {
      for (const state of REQUEST_STATES) {
        for (const action of LIFECYCLE_ACTIONS) {
          const to = expected.get(`${state} ${action}`);
          if (to !== undefined) {
            assert.equal(nextState(kind, state, action), to, `${kind}: ${state} --${action}-->`);
            legal++;
          } else {
            assert.throws(
              () => nextState(kind, state, action),
              (e: unknown) => {
                assert.ok(isDomainError(e));
                assert.equal(e.code, 'ILLEGAL_TRANSITION');
                assert.equal(e.details?.state, state);
                assert.equal(e.details?.action, action);
                // Named in words (the codes stay in the details).
                assert.ok(e.messages.en.includes(REQUEST_STATE_LABELS[state].en), e.messages.en);
                assert.ok(e.messages.en.includes(LIFECYCLE_ACTION_LABELS[action].en), e.messages.en);
                assert.ok(e.messages.ja.includes(`「${LIFECYCLE_ACTION_LABELS[action].ja}」`), e.messages.ja);
                return true;
              },
              `${kind}: ${state} --${action}--> must be illegal`,
            );
            illegal++;
          }
        }
      }
    });
    it(`${kind}: allowedActions lists exactly the expected actions per state`, () => {
      for (const state of REQUEST_STATES) {
        const want = LIFECYCLE_ACTIONS.filter((a) => expected.has(`${state} ${a}`));
        assert.deepEqual(allowedActions(kind, state), want, `${kind} in ${state}`);
      }
    });
  }
  it('covered all combinations', () => {
    assert.equal(legal + illegal, REQUEST_KINDS.length * REQUEST_STATES.length * LIFECYCLE_ACTIONS.length);
    // three kinds follow the common machine; a warrant starts no hearing (one fewer); preservation and
    // emergency hear no subscriber (two fewer) and add one and three; mlat has its own.
    assert.equal(legal, 26 * 3 + 25 + 25 + 27 + 8);
  });
});

describe('lifecycle: error details and helpers', () => {
  it("a kind whose subscriber is never heard is never declined on the subscriber's objection", () => {
    for (const kind of ['warrant', 'emergency', 'preservation', 'mlat'] as const) {
      assert.ok(NO_OPINION_HEARING.includes(kind), kind);
      assert.ok(!declineReasonsFor(kind).includes('subscriber_objection_upheld'), kind);
    }
    for (const kind of ['inquiry', 'cafe_records', 'civil_disclosure'] as const) {
      assert.ok(declineReasonsFor(kind).includes('subscriber_objection_upheld'), kind);
    }
  });

  it('ILLEGAL_TRANSITION names the allowed actions', () => {
    try {
      nextState('inquiry', 'received', 'answer');
      assert.fail('should throw');
    } catch (e) {
      assert.ok(isDomainError(e));
      assert.deepEqual(e.details?.allowed, ['start_review', 'decline', 'withdraw']);
      // People read the message: the actions and the state in words, never their codes.
      assert.equal(
        e.messages.ja,
        '捜査関係事項照会が「受付済み」の状態では「回答する」はできません。可能な操作: 審査を開始する、回答を拒否する、照会を取り下げる',
      );
      assert.match(
        e.messages.en,
        /"Answer" is not possible .*possible now: Start review, Decline, Withdraw the request$/,
      );
      assert.doesNotMatch(`${e.messages.ja} ${e.messages.en}`, /start_review|_/);
    }
  });
  it('a closed request allows nothing', () => {
    for (const kind of REQUEST_KINDS) assert.deepEqual(allowedActions(kind, 'closed'), []);
    assert.throws(() => nextState('mlat', 'closed', 'close'), /possible now: none/);
  });
  it('isTerminal only for closed; isOpen until answered/declined/withdrawn', () => {
    const open: Record<RequestState, boolean> = {
      draft: true,
      awaiting_approval: true,
      issued: true,
      received: true,
      under_review: true,
      clarification_requested: true,
      clarified: true,
      awaiting_opinion: true,
      answered: false,
      declined: false,
      withdrawn: false,
      closed: false,
    };
    for (const s of REQUEST_STATES) {
      assert.equal(isTerminal(s), s === 'closed', s);
      assert.equal(isOpen(s), open[s], s);
    }
  });
});
