import type { AgentRequestView } from '../../src/agent/review.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import { type RequestContent, RequestContentSchema } from '../../src/domain/request-content.ts';
import { threatPostInquiry } from './flow.ts';

/** A board's inquiry R8-0001, about a post, as its installation holds it. */
export const boardInquiry = (): RequestContent => RequestContentSchema.parse(threatPostInquiry('org_board', 'R8-0001'));

/**
 * That inquiry (or `content` in its place) on the installation, prepared, its answer drafted as `draft`:
 * the fields the review's words and the review page read, built by hand with no hub or store behind it.
 */
export function draftedView(draft: AnswerContent, content: RequestContent = boardInquiry()): AgentRequestView {
  const view: Partial<AgentRequestView> = {
    requestId: 'req_1',
    reference: 'R8-0001',
    kind: 'inquiry',
    state: 'prepared',
    hubEnded: null,
    orderLog: null,
    contentRule: null,
    sendRefused: null,
    findings: null,
    receivedAt: '2026-03-02T01:00:00Z',
    agencyOrganisationId: 'org_mpd',
    unitId: 'unit_1',
    requester: { agency: null, unit: null, issuedAt: '2026-03-02T00:00:00Z' },
    content,
    draft,
    draftDigest: 'abc',
    files: [],
    requestFiles: [],
  };
  return view as AgentRequestView;
}
