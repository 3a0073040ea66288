import { z } from 'zod';
import { getCase } from '../cases/case-service.ts';
import { canonicalJson } from '../crypto/canonical.ts';
import { listScope, type Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { type Target, TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  DATA_CATEGORIES,
  LINK_SOURCES,
  REQUEST_KINDS,
  REQUEST_STATES,
  type RequestState,
  TRACE_EDGE_KINDS,
  TRACE_IDENTIFIER_KINDS,
  type TraceIdentifierKind,
} from '../domain/vocabulary.ts';
import { actorOf } from '../kernel/principal.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { AccessRecordSchema } from './next-request.ts';
import { OrgRefSchema } from './read-models.ts';
import { caseChain } from './reads.ts';

/**
 * The trace of a case: a graph whose nodes are the identifiers of the chain (a post, an account, an
 * address with port and instant, an e-mail message, a subscriber, a café terminal) and the requests,
 * and whose edges say which request asks about which identifier, which answer revealed the
 * identifier the next request follows, and which answer disclosed a subscriber. Built from what the
 * hub holds — the requests, their targets and the stored links. The answers' content is sealed to
 * the unit: a revealed identifier enters the graph when a request follows it (the client that read
 * the answer supplies it, see next-request.ts).
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

/** The identity of a target in the graph: its canonical form, the tolerance window left aside. */
function targetKey(t: Target): string {
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
    .array(z.strictObject({ requestId: z.string().min(1).max(200), record: AccessRecordSchema }))
    .max(500)
    .default([]),
});

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
    });
    for (const t of r.targets) edges.push({ from: id, to: identifier(t), kind: 'asks_about', source: null, at: null });
    if (ANSWERED.has(r.state) && r.categories.includes('subscriber') && r.kind !== 'preservation') {
      const sid = `sub:${r.id}`;
      nodes.set(sid, { type: 'identifier', id: sid, kind: 'subscriber', target: null });
      edges.push({ from: id, to: sid, kind: 'discloses', source: null, at: null });
    }
  }
  input.records.forEach(({ requestId, record }, i) => {
    const from = requestNode(requestId);
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
  await uow.audit({
    actor: actorOf(p),
    action: 'case.traced',
    subjectType: 'case',
    subjectId: cs.id,
    details: {
      requests: chain.requests.length,
      identifiers: idOf.size,
      suppliedRecords: input.records.length,
      scope: listScope(p).kind,
    },
  });
  return {
    caseId: cs.id,
    reference: cs.reference,
    nodes: [...nodes.values()],
    edges,
    builtInMs: Math.round((performance.now() - started) * 1000) / 1000,
  };
}
