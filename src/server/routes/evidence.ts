import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AttributionLookupSchema, lookupAttribution } from '../../attribution/attribution-lookup.ts';
import {
  importDomainRegistrations,
  WhomDomainAnswerSchema,
  whomForDomain,
} from '../../evidence/domains/domain-service.ts';
import { MailAnalysisSchema } from '../../evidence/mail/schema.ts';
import { analyzeMail } from '../../evidence/mail-service.ts';
import { WhomAnswerSchema, whomToAsk } from '../../evidence/whom/whom-service.ts';
import { type AppEnv, call, errorResponses, json } from '../env.ts';
import { jsonBody } from '../schemas.ts';

export function registerEvidenceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evidence/mail',
      tags: ['evidence'],
      summary:
        'Analyse an e-mail’s headers: the originating address and time, the trust boundary, authentication results and warnings (nothing is stored; the analysis is audited)',
      request: { body: jsonBody('AnalyzeMail') },
      responses: { 200: json(MailAnalysisSchema.meta({ id: 'MailAnalysis' })), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, analyzeMail, input), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evidence/whom',
      tags: ['evidence'],
      summary:
        'Whom to ask about an address (optionally with port and instant): the directory’s declared networks first, then the registry data; domestic, foreign or internet café, the holder in the directory and why (audited)',
      request: { body: jsonBody('WhomRequest') },
      responses: { 200: json(WhomAnswerSchema.meta({ id: 'WhomAnswer' })), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, whomToAsk, input), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/attribution/lookup',
      tags: ['evidence'],
      summary:
        "Who held this address (and port) at that instant, from this installation's ingested logs: unique, ambiguous or none, with candidates and source records (the records' owner only; audited)",
      request: { body: jsonBody('AttributionLookupRequest') },
      responses: { 200: json(AttributionLookupSchema.meta({ id: 'AttributionLookup' })), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, lookupAttribution, input), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/evidence/whom-domain',
      tags: ['evidence'],
      summary:
        'Whom to ask about a site (URL or domain) whose operator is unknown: registrar and registrant from imported RDAP data, and the hosting provider of each address the name resolves to through the configured resolver (audited)',
      request: { body: jsonBody('WhomDomainRequest') },
      responses: { 200: json(WhomDomainAnswerSchema.meta({ id: 'WhomDomainAnswer' })), ...errorResponses },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, whomForDomain, input), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/registry/domains',
      tags: ['evidence'],
      summary:
        'Import domain registration data (saved RDAP domain answers); each file parsed before any is stored (audited)',
      request: { body: jsonBody('ImportDomains') },
      responses: {
        200: json(
          z
            .array(
              z.object({
                file: z.string(),
                sha256: z.string(),
                domains: z.number(),
                skipped: z.number(),
                problems: z.array(z.string()),
              }),
            )
            .meta({ id: 'DomainImportSummary' }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const input = await c.req.json<unknown>();
      return c.json(await call(c, importDomainRegistrations, input), 200);
    },
  );
}
