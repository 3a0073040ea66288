// What the tests of a warrant application's origin share: the record an answer gave, a case of sato's unit with
// the board's inquiry in it (the request whose answer gave the record), and a warrant application about it.
import assert from 'node:assert/strict';
import type { Client, HubWith } from './exchange.ts';
import { inquiry, issue } from './flow.ts';

/** The access record the board's answer gave: the address, port and instant the application follows. */
export const followedRecord = {
  type: 'ip',
  address: '203.0.113.71',
  port: 52071,
  at: '2026-11-30T23:05:09+09:00',
} as const;

/** Cases answered for `drafter` (approved by `head`), and applications following them, at the hub of `orgs`. */
export function warrantOrigins(drafter: Client, head: Client, orgs: HubWith<[]>['orgs']) {
  /** A case of the drafter's unit and the board's inquiry in it, and what an application from it follows. */
  async function answeredCase(reference: string, title = 't') {
    const kase = await drafter.call<{ id: string; reference: string; title: string }>('POST', '/v1/cases', {
      reference,
      title,
    });
    assert.equal(kase.status, 201, JSON.stringify(kase.body));
    const content = inquiry(orgs.board, {
      caseReference: reference,
      targets: [{ type: 'url', url: `https://sakura-board.example/t/${reference}` }],
    });
    const board = await issue(drafter, head, content, kase.body.id);
    return { kase: kase.body, board, follows: { source: 'answer', requestId: board.id, identifier: followedRecord } };
  }

  /** A seizure warrant application to the court about the record, at the carrier, in the case `caseReference`. */
  const application = (caseReference: string, over: Record<string, unknown> = {}) => ({
    courtOrganisationId: orgs.court,
    providerOrganisationId: orgs.isp,
    warrantType: 'seizure',
    caseReference,
    offence: '脅迫',
    facts: '回答により発信元が判明した。',
    necessity: '発信者の特定のため',
    targets: [followedRecord],
    categories: ['subscriber', 'access_log'],
    ...over,
  });

  return { answeredCase, application };
}
