// A request's way through the hub as the HTTP tests arrange it: drafted, submitted, approved by the
// unit head (and so delivered, on one hub), reviewed and answered by the provider. Each step asserts
// that the hub accepted it, so a test that only arranges a request fails where the arrangement does.
import assert from 'node:assert/strict';
import { approve, attestedWarrant, type Client, openOnDevice, orgIds, type Reply, type TestHub } from './exchange.ts';
import type { NextRequestDraft, NextRequestProposal, RequestDetail } from './replies.ts';

/** The wording of the tests' inquiries about a threatening post. */
export const THREAT = {
  offence: '脅迫',
  facts: '掲示板への脅迫的な書き込み',
  necessity: '発信者の特定のため',
} as const;

/**
 * An inquiry to `providerOrganisationId` for the subscriber behind `targets` (the categories, offence,
 * facts and necessity as `o` says, else the subscriber and `THREAT`'s wording).
 */
export function inquiry(
  providerOrganisationId: string,
  o: {
    caseReference: string;
    targets: unknown[];
    categories?: string[];
    offence?: string;
    facts?: string;
    necessity?: string;
  },
) {
  return {
    kind: 'inquiry' as const,
    providerOrganisationId,
    caseReference: o.caseReference,
    offence: o.offence ?? THREAT.offence,
    facts: o.facts ?? THREAT.facts,
    necessity: o.necessity ?? THREAT.necessity,
    targets: o.targets,
    categories: o.categories ?? ['subscriber'],
  };
}

/**
 * A warrant request to `providerOrganisationId` presenting `warrant` (a court's, attested), worded as
 * `inquiry` takes it.
 */
export function warranted(providerOrganisationId: string, o: Parameters<typeof inquiry>[1] & { warrant: object }) {
  const { warrant, ...wording } = o;
  return { ...inquiry(providerOrganisationId, wording), kind: 'warrant' as const, warrant };
}

/**
 * A request to an internet café (`providerOrganisationId`) for who used the terminals `o.targets` and
 * when: the member and the use records, sent from a café's terminal unless `o` words it otherwise.
 */
export function cafeRecords(
  providerOrganisationId: string,
  o: { caseReference: string; targets: unknown[]; facts?: string; necessity?: string },
) {
  const wording = { facts: 'インターネットカフェの端末から送信', necessity: '送信者の特定', ...o };
  return {
    ...inquiry(providerOrganisationId, { ...wording, categories: ['subscriber', 'access_log'] }),
    kind: 'cafe_records' as const,
  };
}

/** The target of a post on the demo board, by the path of its address. */
export function boardPost(path: string): { type: 'url'; url: string } {
  return { type: 'url', url: `https://sakura-board.example/${path}` };
}

/**
 * An emergency request to `providerOrganisationId` about a suicide notice at `targets`: a protection case
 * (no offence, no case reference) meeting all four conditions; the categories, facts and statement as
 * `o` says, else the subscriber and the notice of tonight.
 */
export function suicideNotice(
  providerOrganisationId: string,
  targets: unknown[],
  o: { categories?: string[]; facts?: string; statement?: string } = {},
) {
  return {
    kind: 'emergency' as const,
    providerOrganisationId,
    facts: o.facts ?? '掲示板に今夜命を絶つとの書込み。',
    necessity: '人命保護のため直ちに発信者を特定する。',
    targets,
    categories: o.categories ?? ['subscriber'],
    emergency: {
      basis: 'suicide_notice',
      conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
      statement: o.statement ?? '今夜と時期が示され、方法も具体的。',
    },
  };
}

/**
 * An emergency request to `providerOrganisationId` about a threat to life posted at `target`: the
 * categories as given, else the subscriber.
 */
export function threatToLife(
  providerOrganisationId: string,
  caseReference: string,
  target: object,
  categories: string[] = ['subscriber'],
) {
  return {
    kind: 'emergency' as const,
    providerOrganisationId,
    caseReference,
    offence: '人命救助',
    facts: '具体的な自殺予告の書き込み',
    necessity: '人命を守るため直ちに特定が必要',
    targets: [target],
    categories,
    emergency: { basis: 'threat_to_life', statement: '具体的' },
  };
}

/** The seeds' threatening post on the board. */
export const THREAT_POST_TARGET = { type: 'url', url: 'https://sakura-board.example/t/42', postId: 'p-1234' } as const;

/** What a request about `THREAT_POST_TARGET` says of the offence, the facts and the need. */
export const THREAT_POST = {
  offence: '脅迫',
  facts: '掲示板に「明日、駅で刺す」との書き込みがあった',
  necessity: '発信者を特定するため',
} as const;

/** The inquiry to `providerOrganisationId` for the subscriber and access records behind the post. */
export function threatPostInquiry(providerOrganisationId: string, caseReference: string) {
  return inquiry(providerOrganisationId, {
    caseReference,
    ...THREAT_POST,
    targets: [THREAT_POST_TARGET],
    categories: ['subscriber', 'access_log'],
  });
}

/** A preservation (保全要請) of an access provider's connection record of `address`, held 30 days. */
export function accessLogPreservation(providerOrganisationId: string, caseReference: string, address: string) {
  return {
    kind: 'preservation',
    providerOrganisationId,
    caseReference,
    offence: '脅迫',
    facts: '脅迫の書込み。',
    necessity: '接続記録の消去を防ぐため。',
    targets: [{ type: 'ip', address, at: '2026-11-20T01:30:12+09:00' }],
    categories: ['access_log'],
    preservation: { days: 30 },
  };
}
/**
 * A claimant's lawyer's civil disclosure request to `providerOrganisationId` about the post in thread `n`:
 * by the lawyer's own request unless `civil` says otherwise (a court order's route and order, another
 * claimant).
 */
export function civilDisclosure(providerOrganisationId: string, n: string, civil: Record<string, unknown> = {}) {
  return {
    kind: 'civil_disclosure' as const,
    providerOrganisationId,
    caseReference: `当事務所 民-${n}`,
    facts: '掲示板で実名を挙げて虚偽の前科を摘示された。',
    necessity: '損害賠償請求の相手方を特定するため。',
    targets: [{ type: 'url', url: `https://sakura-board.example/thread/${n}#res-3` }],
    categories: ['subscriber', 'access_log'],
    civil: {
      route: 'lawyer_request',
      claimant: '甲野 花子',
      rights: ['honour'],
      rightsInfringed: '虚偽の前科の摘示により社会的評価が低下した。',
      purposes: ['damages'],
      senderInformation: ['email', 'ip_and_port', 'timestamp'],
      ...civil,
    },
  };
}

/**
 * The `civil` part of a civil request presenting a disclosure order (発信者情報開示命令) of the court
 * `courtOrganisationId`: its case number and the instant it was made, and its operative part (disclosure of
 * the information listed, unless `order.content` says otherwise).
 */
export function courtOrderRoute(
  courtOrganisationId: string,
  order: { caseNumber: string; orderedAt: string; content?: string },
) {
  return {
    route: 'court_order',
    courtOrder: {
      type: 'disclosure_order',
      courtOrganisationId,
      content: '相手方は申立人に対し別紙発信者情報目録記載の各情報を開示せよ。',
      ...order,
    },
  };
}

/**
 * The second stage of a civil disclosure: the claimant's lawyer asks the access provider
 * `providerOrganisationId` for the subscriber's name and address behind `targets` (the connection the
 * first answer disclosed, with or without the post of thread `n`), otherwise as `civilDisclosure` asks.
 */
export function civilToAccessProvider(providerOrganisationId: string, n: string, targets: unknown[]) {
  return {
    ...civilDisclosure(providerOrganisationId, n, { senderInformation: ['name', 'address'] }),
    categories: ['subscriber'],
    targets,
  };
}

/**
 * A lawyer's application for a disclosure order to the court against `providerOrganisationId` about the
 * post `civilDisclosure` names for thread `n` — the same claimant, rights, post and sender information —
 * so that a request drafted from the issued order matches the judge's signature.
 */
export function civilOrderApplication(courtOrganisationId: string, providerOrganisationId: string, n: string) {
  return {
    courtOrganisationId,
    providerOrganisationId,
    caseReference: `当事務所 民-${n}`,
    claimant: '甲野 花子',
    rights: ['honour'],
    rightsInfringed: '虚偽の前科の摘示により社会的評価が低下した。',
    purposes: ['damages'],
    senderInformation: ['email', 'ip_and_port', 'timestamp'],
    targets: [{ type: 'url', url: `https://sakura-board.example/thread/${n}#res-3` }],
    facts: '掲示板で実名を挙げて虚偽の前科を摘示された。',
    necessity: '損害賠償請求の相手方を特定するため。',
  };
}

/**
 * A lawyer's civil request to `providerOrganisationId` about the post in thread `n` that defames the
 * claimant, seeking the poster's name and address: the provider hears the subscriber before answering.
 */
export function defamationClaim(providerOrganisationId: string, n: string) {
  return {
    kind: 'civil_disclosure' as const,
    providerOrganisationId,
    caseReference: `民事 ${n}`,
    facts: '掲示板で実名を挙げて中傷された。',
    necessity: '損害賠償請求のため発信者を特定する。',
    targets: [{ type: 'url', url: `https://sakura-board.example/thread/${n}#res-1` }],
    categories: ['subscriber'],
    civil: {
      route: 'lawyer_request',
      claimant: '鈴木 花子',
      rights: ['honour'],
      rightsInfringed: '名誉権の侵害',
      purposes: ['damages'],
      senderInformation: ['name', 'address'],
    },
  };
}

/**
 * A lawyer's application for a disclosure order (発信者情報開示命令) to the court against
 * `providerOrganisationId`, about the post in thread `thread`, seeking `senderInformation`.
 */
export function orderApplication(
  courtOrganisationId: string,
  providerOrganisationId: string,
  thread: string,
  senderInformation: string[],
  claimant = '甲野 花子',
) {
  return {
    courtOrganisationId,
    providerOrganisationId,
    caseReference: `当事務所 民-P-${thread}`,
    claimant,
    rights: ['honour'],
    rightsInfringed: '虚偽の前科の摘示により社会的評価が低下した。',
    purposes: ['damages'],
    senderInformation,
    targets: [{ type: 'url', url: `https://sakura-board.example/thread/${thread}#res-2` }],
    facts: '掲示板で実名を挙げて虚偽の前科を摘示された。',
    necessity: '損害賠償請求の相手方を特定するため。',
  };
}

/** A case of the agency (`sato`'s) to hang requests on: its id. */
export async function newCase(hub: TestHub, reference: string): Promise<string> {
  const sato = await hub.as('sato');
  const c = await sato.call<{ id: string }>('POST', '/v1/cases', { reference, title: '掲示板への脅迫的な書き込み' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  return c.body.id;
}

/** Drafts `content` as `drafter` (in the case `caseId`, if given): the draft, asserted created. */
export async function draft(drafter: Client, content: object, caseId?: string): Promise<RequestDetail> {
  const d = await drafter.call<RequestDetail>('POST', '/v1/requests', { ...(caseId ? { caseId } : {}), content });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return d.body;
}

/** A transition of request `id` by `c`, asserted accepted: the request after it (`T`, the reply read). */
export async function transition<T = RequestDetail>(c: Client, id: string, body: object): Promise<T> {
  const r = await c.call<T>('POST', `/v1/requests/${id}/transitions`, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** Drafts `content` as `drafter` and submits it for approval, each asserted: the request awaiting it. */
export async function submitted(drafter: Client, content: object, caseId?: string): Promise<RequestDetail> {
  return transition(drafter, (await draft(drafter, content, caseId)).id, { action: 'submit' });
}

/** Submits draft `id` as `drafter` and has `head` approve it, each asserted: the approved request. */
export async function submitApprove(drafter: Client, head: Client, id: string): Promise<RequestDetail> {
  await transition(drafter, id, { action: 'submit' });
  const a = await approve(head, id);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  return a.body;
}

/** Drafts, submits and has `head` approve `content`: the issued request (received, on one hub). */
export async function issue(drafter: Client, head: Client, content: object, caseId?: string): Promise<RequestDetail> {
  return submitApprove(drafter, head, (await draft(drafter, content, caseId)).id);
}

/** The people one request passes through: who drafts it, the unit head who approves it, the provider. */
export interface Parties {
  drafter: Client;
  head: Client;
  provider: Client;
}

/** Issues `content` and has the provider start its review of it: the request's id. */
export async function underReview(p: Parties, content: object): Promise<string> {
  const { id } = await issue(p.drafter, p.head, content);
  await transition(p.provider, id, { action: 'start_review' });
  return id;
}

/** The provider starts its review of `id` and answers in full with `items`: the answered request. */
export async function answer<T = RequestDetail>(provider: Client, id: string, items: unknown[]): Promise<T> {
  await transition(provider, id, { action: 'start_review' });
  return transition<T>(provider, id, { action: 'answer', answer: { outcome: 'full', items } });
}

/** The answer item that names the subscriber of the first target. */
export function subscriberFound(subscriber: Record<string, unknown>) {
  return { targetIndex: 0, result: 'found' as const, subscriber };
}

/**
 * An inquiry to the board (`boardId`) about the post at `path` (by default one `name` names), issued and
 * answered with `name` as its subscriber: its id.
 */
export async function answeredAbout(
  p: Parties,
  boardId: string,
  o: { caseReference: string; name: string; path?: string },
): Promise<string> {
  const targets = [boardPost(o.path ?? `t/${encodeURIComponent(o.name)}`)];
  const { id } = await issue(p.drafter, p.head, inquiry(boardId, { caseReference: o.caseReference, targets }));
  await answer(p.provider, id, [subscriberFound({ name: o.name })]);
  return id;
}

/**
 * The start of a trace in the browser tests: a case, and in it the board's inquiry about the post at
 * `target`, issued and answered with the poster's access `record`. The request as issued.
 */
export async function answeredPostInCase(
  p: Parties,
  boardId: string,
  o: { reference: string; target: object; record: object },
): Promise<RequestDetail> {
  const c = await p.drafter.call<{ id: string }>('POST', '/v1/cases', {
    reference: o.reference,
    title: '掲示板の脅迫',
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const content = inquiry(boardId, {
    caseReference: o.reference,
    facts: '掲示板に脅迫の書き込みがあった',
    necessity: '発信者を特定するため',
    targets: [o.target],
    categories: ['subscriber', 'access_log'],
  });
  const issued = await issue(p.drafter, p.head, content, c.body.id);
  await answer(p.provider, issued.id, [
    { targetIndex: 0, result: 'found', accessLog: [{ ...o.record, action: 'post' }] },
  ]);
  return issued;
}

/**
 * Where a trace goes on from: the first access record of the answer to `requestId`, as `login`'s device
 * opens it (asserted opened).
 */
export async function fromAnswer(hub: TestHub, login: string, requestId: string) {
  const opened = await openOnDevice(hub, login, requestId);
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const log = opened.body.answer.items[0]?.accessLog ?? [];
  return { source: 'answer', requestId, record: { address: log[0]?.address, port: log[0]?.port, at: log[0]?.at } };
}

/** The trace's proposal of the case's next request from `from` (`T`, the reply read: an error, say). */
export function proposeNext<T = NextRequestProposal>(c: Client, caseId: string, from: object): Promise<Reply<T>> {
  return c.call<T>('POST', `/v1/cases/${caseId}/trace/proposals`, { from });
}

/** The case's next request drafted by the trace from `body` (`from`, and a warrant or `preserveFirst`). */
export function draftNext<T = NextRequestDraft>(
  c: Client,
  caseId: string,
  body: { from: object; warrant?: object; preserveFirst?: boolean },
): Promise<Reply<T>> {
  return c.call<T>('POST', `/v1/cases/${caseId}/trace/drafts`, body);
}

/**
 * The warrant `warrantNumber` for the step the trace proposed, attested by `judge`: for the demo's agency
 * (the MPD), to the holder the proposal names, from the demo's court.
 */
export async function warrantForProposal(
  hub: TestHub,
  judge: Client,
  proposal: NextRequestProposal,
  warrantNumber: string,
) {
  const orgs = await orgIds(hub);
  return attestedWarrant(hub, judge, {
    warrantNumber,
    agencyOrganisationId: orgs.mpd,
    providerOrganisationId: proposal.holder.organisationId ?? assert.fail('the proposal names its holder'),
    courtOrganisationId: orgs.court,
    step: proposal.step,
  });
}
