import { z } from 'zod';
import { getCase } from '../cases/case-service.ts';
import { canonicalJson } from '../crypto/canonical.ts';
import { listScope, type Principal } from '../domain/access.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { answerReading, contradictoryReading, followable } from '../domain/next-step.ts';
import { canonicalPost } from '../domain/post-target.ts';
import { type Target, TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  DATA_CATEGORIES,
  FINDING_VERDICTS,
  type FindingVerdict,
  LINK_SOURCES,
  REQUEST_KINDS,
  REQUEST_STATES,
  type RequestState,
  TRACE_ANSWER_READINGS,
  TRACE_EDGE_KINDS,
  TRACE_IDENTIFIER_KINDS,
  type TraceAnswerReading,
  type TraceIdentifierKind,
} from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { AccessRecordSchema, ReadFindingSchema } from './next-request.ts';
import { OrgRefSchema } from './read-models.ts';
import { caseChain } from './reads.ts';

/**
 * The trace of a case: a graph whose nodes are the identifiers of the chain (a post, an account, an
 * address with port and instant, an e-mail message, a subscriber, a café terminal) and the requests,
 * and whose edges say which request asks about which identifier, which answer revealed the
 * identifier the next request follows, and which answer disclosed a subscriber. Built from what the
 * hub holds — the requests, their targets and the stored links. The answers' content is sealed to
 * the unit: a revealed identifier enters the graph when a request follows it (the client that read
 * the answer supplies it, see next-request.ts), and what an answer found — a subscriber, candidates
 * only, nothing — is known only from the client that opened it (`answers`). Without that, an answered
 * request is drawn as answered and sealed, never as disclosing a subscriber.
 */

export const TraceNodeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('request'),
    id: z.string(),
    requestId: z.string(),
    reference: z.string(),
    kind: z.enum(REQUEST_KINDS),
    state: z.enum(REQUEST_STATES),
    provider: OrgRefSchema.nullable(),
    categories: z.array(z.enum(DATA_CATEGORIES)),
    createdAt: z.string(),
    /**
     * What the answer found, as far as the client that opened it said (`sealed` when it did not); null
     * while the request is not answered. `verdicts`: the verdicts of its items' findings, as read.
     */
    answer: z
      .object({ reading: z.enum(TRACE_ANSWER_READINGS), verdicts: z.array(z.enum(FINDING_VERDICTS)) })
      .nullable(),
  }),
  z.object({
    type: z.literal('identifier'),
    id: z.string(),
    kind: z.enum(TRACE_IDENTIFIER_KINDS),
    /** The identifier as a target (absent for a subscriber and an e-mail message: only their source is known). */
    target: TargetSchema.nullable(),
  }),
]);
export type TraceNode = z.infer<typeof TraceNodeSchema>;

export const TraceEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(TRACE_EDGE_KINDS),
  source: z.enum(LINK_SOURCES).nullable(),
  at: z.string().nullable(),
});
export type TraceEdge = z.infer<typeof TraceEdgeSchema>;

export const CaseTraceSchema = z
  .object({
    caseId: z.string(),
    reference: z.string(),
    nodes: z.array(TraceNodeSchema),
    edges: z.array(TraceEdgeSchema),
    /** How long building the graph took on the server (milliseconds). */
    builtInMs: z.number(),
  })
  .meta({ id: 'CaseTrace' });
export type CaseTrace = z.infer<typeof CaseTraceSchema>;

const KIND_OF_TARGET: Record<Target['type'], TraceIdentifierKind> = {
  url: 'post',
  account: 'account',
  ip: 'address',
  email: 'email',
  terminal: 'terminal',
  domain: 'domain',
  phone: 'phone',
};

/** States in which the requesting unit holds the provider's answer. */
const ANSWERED: ReadonlySet<RequestState> = new Set(['answered', 'closed']);

/**
 * The identity of a target in the graph: its canonical form, the tolerance window left aside; a post
 * in the one canonical form of posts (`…/t/100#5` is `…/t/100` + post `5`, see post-target.ts).
 */
function targetKey(t: Target): string {
  if (t.type === 'url') {
    const post = canonicalPost(t.url, t.postId);
    if (post) return canonicalJson({ type: 'url', url: post.url, postId: post.postId });
  }
  if (t.type === 'ip')
    return canonicalJson({ type: 'ip', address: t.address, port: t.port ?? null, at: Date.parse(t.at) });
  if (t.type === 'terminal') {
    return canonicalJson({ type: 'terminal', terminal: t.terminal, from: Date.parse(t.from), to: Date.parse(t.to) });
  }
  return canonicalJson(t);
}

/**
 * Access records the client read in the case's answers (opened on the member's side), to show what
 * each answer revealed even before a request follows it.
 */
export const TraceInput = z.strictObject({
  records: z
    .array(
      z.strictObject({
        requestId: z.string().min(1).max(200),
        record: AccessRecordSchema,
        /** The verdict of the item's finding the record was read in (an ambiguous or empty one is refused). */
        finding: ReadFindingSchema.optional(),
      }),
    )
    .max(500)
    .default([]),
  /**
   * What the client read in the answers it opened (issue 13): per answer item, the verdict of its
   * finding (when it had one) and whether it names a subscriber. Only these make the trace say an
   * answer disclosed a subscriber, or that it found candidates only.
   */
  answers: z
    .array(
      z.strictObject({
        requestId: z.string().min(1).max(200),
        items: z
          .array(z.strictObject({ verdict: z.enum(FINDING_VERDICTS).optional(), subscriber: z.boolean() }))
          .min(1)
          .max(1000),
      }),
    )
    .max(500)
    .default([]),
});

function readingOf(items: Parameters<typeof answerReading>[0]): {
  reading: TraceAnswerReading;
  verdicts: FindingVerdict[];
} {
  const verdicts: FindingVerdict[] = [];
  for (const i of items ?? []) if (i.verdict !== undefined) verdicts.push(i.verdict);
  return { reading: answerReading(items), verdicts };
}

/** The trace of one case of the caller's organisation (another organisation's case is not found). */
export async function caseTrace(uow: UnitOfWork, p: Principal, caseId: string, raw: unknown = {}): Promise<CaseTrace> {
  const started = performance.now();
  const cs = await getCase(uow, p, caseId);
  const input = parseOrThrow(TraceInput, raw);
  const chain = await caseChain(uow, p, cs.id);
  const nodes = new Map<string, TraceNode>();
  const edges: TraceEdge[] = [];
  const idOf = new Map<string, string>();
  const identifier = (t: Target): string => {
    const key = targetKey(t);
    let id = idOf.get(key);
    if (!id) {
      id = `id${idOf.size + 1}`;
      idOf.set(key, id);
      nodes.set(id, { type: 'identifier', id, kind: KIND_OF_TARGET[t.type], target: t });
    }
    return id;
  };
  const requestNode = (requestId: string) => `rq:${requestId}`;
  const answered = new Set(chain.requests.filter((r) => ANSWERED.has(r.state)).map((r) => r.id));
  const readings = new Map<string, (typeof input.answers)[number]['items']>();
  input.answers.forEach(({ requestId, items }, i) => {
    if (!answered.has(requestId)) {
      throw invalidField(
        `answers.${i}.requestId`,
        requestId,
        `照会 ${requestId} はこの事件の回答済みの照会ではありません`,
        `request ${requestId} is not an answered request of this case`,
      );
    }
    items.forEach((item, j) => {
      if (contradictoryReading(item)) {
        throw invalidField(
          `answers.${i}.items.${j}.subscriber`,
          item.subscriber,
          '判定が「特定できず」または「該当なし」の項目は契約者を示しません',
          'an item with an ambiguous or empty finding names no subscriber',
        );
      }
    });
    readings.set(requestId, items);
  });
  for (const r of chain.requests) {
    const id = requestNode(r.id);
    nodes.set(id, {
      type: 'request',
      id,
      requestId: r.id,
      reference: r.reference,
      kind: r.kind,
      state: r.state,
      provider: r.provider,
      categories: r.categories,
      createdAt: r.createdAt,
      answer: answered.has(r.id) ? readingOf(readings.get(r.id)) : null,
    });
    for (const t of r.targets) edges.push({ from: id, to: identifier(t), kind: 'asks_about', source: null, at: null });
    // A subscriber only where the client that opened the answer read one: the hub cannot see it.
    if (answerReading(readings.get(r.id)) === 'subscriber' && r.kind !== 'preservation') {
      const sid = `sub:${r.id}`;
      nodes.set(sid, { type: 'identifier', id: sid, kind: 'subscriber', target: null });
      edges.push({ from: id, to: sid, kind: 'discloses', source: null, at: null });
    }
  }
  input.records.forEach(({ requestId, record, finding }, i) => {
    const from = requestNode(requestId);
    const follow = followable(finding?.verdict, finding?.resolveBy);
    if (!follow.ok)
      throw invalidField(`records.${i}.finding.verdict`, finding?.verdict, follow.reason.ja, follow.reason.en);
    if (!nodes.has(from)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `照会 ${requestId} はこの事件の照会ではありません`,
          en: `request ${requestId} is not one of this case's`,
        },
        { field: `records.${i}.requestId`, value: requestId },
      );
    }
    const to = identifier({
      type: 'ip',
      address: record.address,
      ...(record.port === undefined ? {} : { port: record.port }),
      at: record.at,
      toleranceSeconds: 0,
    });
    if (!edges.some((e) => e.from === from && e.to === to && e.kind === 'revealed')) {
      edges.push({ from, to, kind: 'revealed', source: 'answer', at: null });
    }
  });
  const mails = new Map<string, string>();
  for (const l of chain.links) {
    const to = identifier(l.identifier);
    if (l.from !== null) {
      const from = requestNode(l.from);
      if (!edges.some((e) => e.from === from && e.to === to && e.kind === 'revealed')) {
        edges.push({ from, to, kind: 'revealed', source: l.source, at: l.at });
      }
    } else {
      // An e-mail the unit analysed: one node per origin it revealed.
      let mid = mails.get(to);
      if (!mid) {
        mid = `mail:${mails.size + 1}`;
        mails.set(to, mid);
        nodes.set(mid, { type: 'identifier', id: mid, kind: 'mail_message', target: null });
        edges.push({ from: mid, to, kind: 'origin_of', source: l.source, at: l.at });
      }
    }
  }
  await uow.auditBy(p, 'case.traced', ['case', cs.id], {
    requests: chain.requests.length,
    identifiers: idOf.size,
    suppliedRecords: input.records.length,
    suppliedReadings: input.answers.length,
    scope: listScope(p).kind,
  });
  return {
    caseId: cs.id,
    reference: cs.reference,
    nodes: [...nodes.values()],
    edges,
    builtInMs: Math.round((performance.now() - started) * 1000) / 1000,
  };
}
