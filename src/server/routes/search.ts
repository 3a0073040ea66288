import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { searchCsv, searchRequests } from '../../exchange/search.ts';
import { type AppEnv, call, errorResponses } from '../env.ts';
import { routes } from '../route.ts';
import { RequestSummary } from '../schemas.ts';

// Search over the requests the caller may see (issue 14: numbers). The query goes to the service as
// it came; the service validates it and names a bad field.

const text = (description: string) => z.string().optional().openapi({ description });
const SearchQuery = z.object({
  q: text('words that must all appear: reference, case reference, identifiers, parties (case-insensitive)'),
  providerId: text('only requests to this provider'),
  from: text("the request's date (issued, or created while a draft) from this instant, with an offset"),
  to: text('up to this instant (exclusive), with an offset'),
  sort: text('updated_desc (default) | updated_asc | issued_desc | issued_asc | reference_asc'),
  limit: text('at most this many (1–500, default 50)'),
});

const given = (q: Record<string, string | undefined>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v));

export function registerSearchRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'requests');
  route(
    {
      method: 'get',
      path: '/v1/search',
      summary:
        'Free-text search over the requests the caller may see, with filters by provider and date and a sort order; the oversight body searches references and parties only',
      query: SearchQuery,
      ok: z.object({ items: z.array(RequestSummary), truncated: z.boolean() }).meta({ id: 'SearchResult' }),
    },
    (c, { query }) => call(c, searchRequests, given(query)),
  );

  const ExportQuery = SearchQuery.extend({ lang: text('ja (default) | en: the language of the headings and labels') });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/search/export',
    tags: ['requests'],
    summary: 'The same search as CSV (UTF-8 with BOM, CRLF), one row per request, as an attachment',
    request: { query: ExportQuery },
    responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
  });
  app.get('/v1/search/export', async (c) => {
    const { lang, ...q } = ExportQuery.parse(Object.fromEntries(new URL(c.req.url).searchParams));
    const r = await call(c, searchRequests, given(q));
    return c.body(searchCsv(r.items, lang === 'en' ? 'en' : 'ja'), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="requests.csv"',
      'cache-control': 'no-store',
    });
  });
}
