import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { StatisticsReportSchema } from '../../statistics/model.ts';
import { requestStatistics } from '../../statistics/statistics-service.ts';
import { exportTransparencyReport, TransparencyReportSchema } from '../../statistics/transparency.ts';
import { type AppEnv, call, download, errorResponses, givenQuery, queryText } from '../env.ts';
import { routes } from '../route.ts';

// Statistics and transparency reports (issue 14: numbers). The query is handed to the service as it
// came: the service checks the caller's right first, then validates it (a caller without the right
// gets 403 whatever the query).

const StatisticsQuery = z.object({
  from: queryText(
    'start of the period, an instant with an offset (inclusive; requests count by when they were issued)',
  ),
  to: queryText('end of the period, an instant with an offset (exclusive)'),
  groupBy: queryText('none | provider | agency | unit | period'),
  period: queryText('month | quarter | half | year (calendar periods in JST), when grouped by period'),
  providerId: queryText('only requests to this provider'),
  agencyId: queryText('only requests of this agency'),
  unitId: queryText('only requests of this unit'),
});

export function registerStatisticsRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'statistics');
  route(
    {
      method: 'get',
      path: '/v1/statistics',
      summary:
        'Counts by kind, outcome, category and decline reason, response-time percentiles, overdue, disclosure ' +
        'rate, emergencies and paper saved — over the requests the caller may count, derived from the records ' +
        'and recounted from the audit log',
      query: StatisticsQuery,
      ok: StatisticsReportSchema,
    },
    (c, { query }) => call(c, requestStatistics, givenQuery(query)),
  );

  // The report is a download in one of three formats: documented here, served by a plain handler.
  const TransparencyQuery = z.object({
    half: queryText('the half-year, 2026-H1 (January–June, JST) or 2026-H2'),
    format: queryText('json (default) | csv | html'),
    providerId: queryText("the provider (the oversight body names one; a provider's own by default)"),
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/statistics/transparency',
    tags: ['statistics'],
    summary:
      "A provider's half-year transparency report — JSON, CSV (UTF-8 with BOM) or a self-contained HTML document " +
      'with charts — counted from the records; each export is audited with its digest',
    request: { query: TransparencyQuery },
    responses: {
      200: {
        description: 'The report, as an attachment',
        content: {
          'application/json': { schema: TransparencyReportSchema },
          'text/csv': { schema: z.string() },
          'text/html': { schema: z.string() },
        },
      },
      ...errorResponses,
    },
  });
  app.get('/v1/statistics/transparency', async (c) => {
    const q = TransparencyQuery.parse(Object.fromEntries(new URL(c.req.url).searchParams));
    const r = await call(c, exportTransparencyReport, givenQuery(q));
    return download(c, r.body, r.contentType, r.fileName);
  });
}
