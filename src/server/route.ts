import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Principal } from '../domain/access.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { type AppEnv, call, errorResponses, IdParam, json } from './env.ts';
import { jsonBody, type RequestBodyName } from './schemas.ts';

type Params = z.ZodObject;

/** What a route declares: its place, what it takes, and the JSON it answers with. */
export interface RouteSpec<P extends Params | undefined, Q extends Params | undefined, S extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  /** The OpenAPI tag, when not the one of the routes' group. */
  tag?: string;
  params?: P;
  query?: Q;
  /** A request body, by its registered name; the service validates it (after its access check). */
  body?: RequestBodyName;
  /** The JSON answered (200, or `status`). */
  ok: S;
  status?: 200 | 201;
  description?: string;
  /** Responses beyond the shared error responses (e.g. 410 for what retention removed). */
  also?: RouteConfig['responses'];
}

/** The parsed inputs a handler gets: path and query as their schemas give them, the body as sent. */
export interface RouteInput<P extends Params | undefined, Q extends Params | undefined> {
  param: P extends Params ? z.output<P> : undefined;
  query: Q extends Params ? z.output<Q> : undefined;
  body: unknown;
}

type Handler<P extends Params | undefined, Q extends Params | undefined, S extends z.ZodType> = (
  c: Context<AppEnv>,
  input: RouteInput<P, Q>,
) => Promise<z.input<S>>;

/**
 * The one shape of a JSON route: declare the contract (the shared error responses are always added)
 * and a handler that parses nothing itself and returns what the service gave; the answer is sent as
 * JSON with the declared status. `routes(app, 'cases')` returns the registrar for one group.
 */
export function routes(app: OpenAPIHono<AppEnv>, tag: string) {
  function route<
    S extends z.ZodType,
    P extends Params | undefined = undefined,
    Q extends Params | undefined = undefined,
  >(spec: RouteSpec<P, Q, S>, handler: Handler<P, Q, S>): void {
    const status = spec.status ?? 200;
    const config: RouteConfig = createRoute({
      method: spec.method,
      path: spec.path,
      tags: [spec.tag ?? tag],
      summary: spec.summary,
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body ? { body: jsonBody(spec.body) } : {}),
      },
      responses: {
        [status]: json(spec.ok, spec.description),
        ...errorResponses,
        ...spec.also,
      },
    });
    // Validated by the route's own schemas before this runs: what `valid` gives is their output.
    app.openapi<RouteConfig, { out: { param: object; query: object } }>(config, async (c) => {
      const input = {
        param: spec.params ? c.req.valid('param') : undefined,
        query: spec.query ? c.req.valid('query') : undefined,
        body: spec.body ? await c.req.json<unknown>() : undefined,
      } as RouteInput<P, Q>;
      return c.json(await handler(c, input), status);
    });
  }

  /**
   * A list route: it answers `{ items }`, each item of the declared schema, from a handler that
   * returns the items the service gave.
   */
  function list<
    I extends z.ZodType,
    P extends Params | undefined = undefined,
    Q extends Params | undefined = undefined,
  >(
    { item, ...spec }: Omit<RouteSpec<P, Q, z.ZodType>, 'ok'> & { item: I },
    handler: (c: Context<AppEnv>, input: RouteInput<P, Q>) => Promise<z.input<I>[]>,
  ): void {
    route({ ...spec, ok: z.object({ items: z.array(item) }) }, async (c, input) => ({
      items: await handler(c, input),
    }));
  }

  /**
   * An act on one thing named by the id in its path: a POST whose body (if it declares one) the
   * service gets, unparsed, after the id.
   */
  function act<S extends z.ZodType>(
    spec: Omit<RouteSpec<typeof IdParam, undefined, S>, 'method' | 'params' | 'query'>,
    service: (uow: UnitOfWork, p: Principal, id: string, raw: unknown) => Promise<z.input<S>>,
  ): void {
    route({ ...spec, method: 'post', params: IdParam }, (c, { param, body }) => call(c, service, param.id, body));
  }

  return Object.assign(route, { list, act });
}
