import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { auditCsv } from '../../audit/audit-csv.ts';
import { AuditLogPageSchema, exportAuditLog, searchAuditLog } from '../../audit/audit-search.ts';
import { consistencyProof, currentTreeHead, verifyAudit } from '../../audit/audit-service.ts';
import { SignedTreeHeadSchema } from '../../crypto/tree-head.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { attestWarrant } from '../../exchange/warrants.ts';
import { type AppEnv, call, download, errorResponses, givenQuery, langQuery, principal, queryText } from '../env.ts';
import { routes } from '../route.ts';

export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    checkpoints: z.number(),
    headHash: z.string(),
    treeSize: z.number(),
    rootHash: z.string(),
    treeHeads: z.number(),
    trust: z.object({ source: z.enum(['pinned', 'database']), fingerprints: z.array(z.string()) }),
    firstBad: z
      .object({
        seq: z.number(),
        problem: z.string(),
        expected: z.string().optional(),
        found: z.string().optional(),
        message: BilingualSchema,
      })
      .optional(),
  })
  .meta({ id: 'AuditVerification' });

const PublishedTreeHead = z
  .object({
    treeHead: SignedTreeHeadSchema.meta({ id: 'SignedTreeHead' }),
    publicKey: z.string(),
    fingerprint: z.string(),
  })
  .meta({ id: 'PublishedTreeHead' });

const AuditSearchQuery = z.object({
  from: queryText('entries at or after this instant, with an offset (a time without one is refused)'),
  to: queryText('entries before this instant, with an offset'),
  person: queryText("the acting person's login name"),
  group: queryText(
    'a group of actions: personal_data_reads | subscriber_lookups | answer_opens | break_glass | sign_ins | ' +
      'administration',
  ),
  action: queryText('one audit action (e.g. attribution.looked_up)'),
  request: queryText('entries about the request with this reference'),
  before: queryText('the next page: entries older than this seq (the previous page’s `next`)'),
  limit: queryText('at most this many (1–200, default 50)'),
});

const ConsistencyProof = PublishedTreeHead.extend({
  from: z.number(),
  proof: z.array(z.string()).nullable(),
}).meta({ id: 'AuditConsistencyProof' });

export function registerOversightRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'audit');
  route(
    {
      method: 'get',
      path: '/v1/audit/head',
      summary:
        "The audit log's latest signed tree head (size, root, time, signature) and the public key that verifies " +
        'it; any signed-in party',
      ok: z.object({ head: z.union([PublishedTreeHead, z.null()]) }),
    },
    async (c) => ({ head: await currentTreeHead(c.get('ctx'), principal(c)) }),
  );

  route(
    {
      method: 'get',
      path: '/v1/audit/consistency',
      summary:
        'RFC 9162 consistency proof from the log of `from` entries (a receipt) to the latest signed tree head; ' +
        'proof is null when the log is now shorter',
      query: z.object({ from: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
      ok: z.object({ consistency: z.union([ConsistencyProof, z.null()]) }),
    },
    async (c, { query }) => ({ consistency: await consistencyProof(c.get('ctx'), principal(c), query.from) }),
  );

  route(
    {
      method: 'get',
      path: '/v1/audit/verify',
      summary: 'Verify the whole audit chain and its signed checkpoints (oversight body)',
      ok: AuditVerificationSchema,
    },
    async (c) => verifyAudit(c.get('ctx'), principal(c)),
  );

  route(
    {
      method: 'get',
      path: '/v1/audit/entries',
      summary:
        "The audit log read for oversight: an organisation's auditor reads its own people's acts and, of others' " +
        "acts on its requests, what its side of the request's timeline shows (the oversight body's auditor the " +
        'whole log), filtered by period, person, action group and request, newest first, paged by seq; the read ' +
        'is audited',
      query: AuditSearchQuery,
      ok: AuditLogPageSchema.meta({ id: 'AuditLogPage' }),
    },
    (c, { query }) => call(c, searchAuditLog, givenQuery(query)),
  );

  const ExportQuery = AuditSearchQuery.omit({ before: true, limit: true }).extend({
    lang: langQuery('the headings and the words'),
    zone: queryText('the IANA zone the times are written in, with their offset (default Asia/Tokyo)'),
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/audit/export',
    tags: ['audit'],
    summary:
      'The same read of the audit log as CSV (UTF-8 with BOM, CRLF), every matching entry (at most 10,000: ' +
      'narrow the period beyond), details in words; the export is audited',
    request: { query: ExportQuery },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
  });
  app.get('/v1/audit/export', async (c) => {
    // Every parameter is the service's to read, after its access check (one without the right gets 403).
    const r = await call(c, exportAuditLog, givenQuery(Object.fromEntries(new URL(c.req.url).searchParams)));
    return download(c, auditCsv(r, r.zone, r.lang), 'text/csv; charset=utf-8', 'audit-log.csv');
  });

  route(
    {
      method: 'post',
      path: '/v1/warrants/attest',
      tag: 'court',
      summary:
        'A judge attests an electronic warrant with their own passkey (the hub signs for no court); the provider ' +
        'verifies it on receipt',
      body: 'AttestWarrant',
      ok: z.object({ courtOrganisationId: z.string(), keyId: z.string(), signature: z.string() }),
    },
    (c, { body }) => call(c, attestWarrant, body),
  );
}
