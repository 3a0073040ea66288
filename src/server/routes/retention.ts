import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { ArchivedConsultationSchema, ArchivedFileSchema } from '../../domain/retention.ts';
import { TargetSchema } from '../../domain/targets.ts';
import { readArchive } from '../../exchange/retention.ts';
import { type AppEnv, call, IdParam, purgedResponse } from '../env.ts';
import { routes } from '../route.ts';
import { RequestContent } from '../schemas.ts';

// Retention: the requesting unit opens what was archived sealed of a closed request.
export function registerRetentionRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'requests');
  route(
    {
      method: 'get',
      path: '/v1/requests/{id}/archive',
      summary: "Open a closed request's sealed archive (the requesting unit; every opening is audited)",
      params: IdParam,
      ok: z
        .object({
          requestId: z.string(),
          archivedAt: z.string(),
          targets: z.array(TargetSchema),
          messages: z.array(z.object({ purpose: z.string(), body: z.string(), createdAt: z.string() })),
          links: z.array(TargetSchema),
          envelope: z.string().nullable(),
          /** The consultation the request was opened from, as it stood when archived. */
          consultation: ArchivedConsultationSchema.extend({ targets: z.array(TargetSchema) }).nullable(),
          /** The request's content as it stood, its text included (null in boxes sealed before it was kept). */
          content: z.union([RequestContent, z.null()]),
          /** The provider's note when it declined (null if none, or sealed before it was kept). */
          declineNote: z.string().nullable(),
          /** The files' names, by id, which retention took from their rows (none in older boxes). */
          files: z.array(ArchivedFileSchema),
          /** The provider's note of its call-back on an emergency (null if none, or sealed before it was kept). */
          secondCheckNote: z.string().nullable(),
        })
        .meta({ id: 'RequestArchive' }),
      also: { ...purgedResponse },
    },
    (c, { param }) => call(c, readArchive, param.id),
  );
}
