import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { exportSearch, searchRequests } from '../../exchange/search.ts';
import { type AppEnv, call, download, errorResponses, givenQuery, langQuery, queryText } from '../env.ts';
import { routes } from '../route.ts';
import { RequestSummary } from '../schemas.ts';

// Search over the requests the caller may see (issue 14: numbers). The query goes to the service as
// it came; the service validates it and names a bad field.

const SearchQuery = z.object({
  q: queryText('words that must all appear: reference, case reference, identifiers, parties (case-insensitive)'),
  providerId: queryText('only requests to this provider'),
  from: queryText("the request's date (issued, or created while a draft) from this instant, with an offset"),
  to: queryText('up to this instant (exclusive), with an offset'),
  sort: queryText('updated_desc (default) | updated_asc | issued_desc | issued_asc | reference_asc'),
  limit: queryText('at most this many (1–500, default 50)'),
});

export function registerSearchRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'requests');
  route(
    {
      method: 'get',
      path: '/v1/search',
      summary:
        'Free-text search over the requests the caller may see, with filters by provider and date and a sort ' +
        'order; the oversight body searches references and parties only',
      query: SearchQuery,
      ok: z.object({ items: z.array(RequestSummary), truncated: z.boolean() }).meta({ id: 'SearchResult' }),
    },
    (c, { query }) => call(c, searchRequests, givenQuery(query)),
  );

  const ExportQuery = SearchQuery.extend({
    lang: langQuery('the headings and labels'),
    zone: queryText('the IANA zone the times are written in, with their offset (default Asia/Tokyo)'),
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/search/export',
    tags: ['requests'],
    summary: 'The same search as CSV (UTF-8 with BOM, CRLF), one row per request, as an attachment',
    request: { query: ExportQuery },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
  });
  app.get('/v1/search/export', async (c) => {
    const csv = await call(c, exportSearch, givenQuery(Object.fromEntries(new URL(c.req.url).searchParams)));
    return download(c, csv, 'text/csv; charset=utf-8', 'requests.csv');
  });
}
