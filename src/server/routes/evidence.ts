import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AttributionLookupSchema, lookupAttribution } from '../../attribution/attribution-lookup.ts';
import {
  importDomainRegistrations,
  WhomDomainAnswerSchema,
  whomForDomain,
} from '../../evidence/domains/domain-service.ts';
import { MAIL_LIMITS } from '../../evidence/mail/headers.ts';
import { MailAnalysisSchema } from '../../evidence/mail/schema.ts';
import { analyzeMail } from '../../evidence/mail-service.ts';
import { WhomAnswerSchema, whomToAsk } from '../../evidence/whom/whom-service.ts';
import { BilingualSchema } from '../../exchange/read-models.ts';
import { type AppEnv, call, err } from '../env.ts';
import { MAX_LARGE_MAIL_ANALYSES, MAX_MAIL_BODY_BYTES } from '../mail-limit.ts';
import { routes } from '../route.ts';

export function registerEvidenceRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'evidence');
  route(
    {
      method: 'post',
      path: '/v1/evidence/mail',
      summary:
        'Analyse an e-mail’s headers: the originating address and time, the trust boundary, authentication ' +
        'results and warnings (nothing is stored; the analysis is audited). The one route taking more than ' +
        `1 MiB: a whole message with its attachments up to ${MAIL_LIMITS.maxMessageBytes} bytes (40 MiB), ` +
        `the body up to ${MAX_MAIL_BODY_BYTES} bytes (${MAX_MAIL_BODY_BYTES / (1024 * 1024)} MiB)`,
      body: 'AnalyzeMail',
      ok: MailAnalysisSchema.meta({ id: 'MailAnalysis' }),
      also: {
        413: err(`Body over ${MAX_MAIL_BODY_BYTES} bytes (PAYLOAD_TOO_LARGE), refused before it is read whole`),
        408: err('A body over 1 MiB that came slower than the pace (REQUEST_TIMEOUT): cut off, its slot freed'),
        503: err(`${MAX_LARGE_MAIL_ANALYSES} bodies over 1 MiB are being analysed (BUSY; Retry-After)`),
      },
    },
    (c, { body }) => call(c, analyzeMail, body),
  );
  route(
    {
      method: 'post',
      path: '/v1/evidence/whom',
      summary:
        'Whom to ask about an address (optionally with port and instant): the directory’s declared networks ' +
        'first, then the registry data; domestic, foreign or internet café, the holder in the directory and why ' +
        '(audited)',
      body: 'WhomRequest',
      ok: WhomAnswerSchema.meta({ id: 'WhomAnswer' }),
    },
    (c, { body }) => call(c, whomToAsk, body),
  );
  route(
    {
      method: 'post',
      path: '/v1/attribution/lookup',
      summary:
        "Who held this address (and port) at that instant, from this installation's ingested logs: unique, " +
        "ambiguous or none, with candidates and source records (the records' owner only; audited)",
      body: 'AttributionLookupRequest',
      ok: AttributionLookupSchema.meta({ id: 'AttributionLookup' }),
    },
    (c, { body }) => call(c, lookupAttribution, body),
  );
  route(
    {
      method: 'post',
      path: '/v1/evidence/whom-domain',
      summary:
        'Whom to ask about a site (URL or domain) whose operator is unknown: registrar and registrant from ' +
        'imported RDAP data, and the hosting provider of each address the name resolves to through the ' +
        'configured resolver (audited)',
      body: 'WhomDomainRequest',
      ok: WhomDomainAnswerSchema.meta({ id: 'WhomDomainAnswer' }),
    },
    (c, { body }) => call(c, whomForDomain, body),
  );

  route(
    {
      method: 'post',
      path: '/v1/registry/domains',
      summary:
        'Import domain registration data (saved RDAP domain answers); each file parsed before any is stored ' +
        "(audited). The oversight body's administrators only: the data answers every organisation's lookups",
      body: 'ImportDomains',
      ok: z
        .array(
          z.object({
            file: z.string(),
            sha256: z.string(),
            domains: z.number(),
            skipped: z.number(),
            /** Why objects were skipped, each naming its object: the first 20. */
            problems: z.array(BilingualSchema),
            /** Reasons past the first 20, counted but not kept. */
            problemsNotKept: z.number(),
          }),
        )
        .meta({ id: 'DomainImportSummary' }),
    },
    (c, { body }) => call(c, importDomainRegistrations, body),
  );
}
