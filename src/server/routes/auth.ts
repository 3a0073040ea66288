import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginInput, login, logout, SESSION_HOURS } from '../../auth/auth-service.ts';
import { getOrganisation, getUnit } from '../../directory/directory-service.ts';
import { type AppEnv, body, errorResponses, json, principal } from '../env.ts';

export const SESSION_COOKIE = 'shokai_session';

export const UserSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    unitId: z.string().nullable(),
    login: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');
const OrgSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    nameJa: z.string(),
    nameEn: z.string(),
    isTelecomCarrier: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Organisation');
const UnitSchema = z
  .object({ id: z.string(), organisationId: z.string(), nameJa: z.string(), nameEn: z.string() })
  .openapi('Unit');

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/login',
      tags: ['auth'],
      summary: 'Sign in with password and TOTP; returns a bearer token and sets the session cookie',
      request: { body: body(LoginInput) },
      responses: {
        200: json(z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const r = await login(c.get('ctx'), c.req.valid('json'));
      setCookie(c, SESSION_COOKIE, r.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: SESSION_HOURS * 3600,
        secure: c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https',
      });
      return c.json(r, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/logout',
      tags: ['auth'],
      summary: 'Sign out',
      responses: { 200: json(z.object({ ok: z.boolean() })), ...errorResponses },
    }),
    async (c) => {
      const header = c.req.header('authorization');
      const token = header?.startsWith('Bearer ') ? header.slice(7) : getCookie(c, SESSION_COOKIE);
      if (token) await logout(c.get('ctx'), token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      tags: ['auth'],
      summary: 'The signed-in user, their organisation and unit',
      responses: {
        200: json(
          z.object({
            user: z.object({
              id: z.string(),
              kind: z.string(),
              displayName: z.string(),
              roles: z.array(z.string()),
              organisationId: z.string(),
              unitId: z.string().nullable(),
            }),
            organisation: OrgSchema,
            unit: UnitSchema.nullable(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const p = principal(c);
      const ctx = c.get('ctx');
      const organisation = await getOrganisation(ctx.store.db, p.organisationId);
      const unit = p.unitId ? await getUnit(ctx.store.db, p.unitId) : null;
      return c.json(
        {
          user: {
            id: p.id,
            kind: p.kind,
            displayName: p.displayName,
            roles: p.roles,
            organisationId: p.organisationId,
            unitId: p.unitId,
          },
          organisation,
          unit,
        },
        200,
      );
    },
  );
}

export { OrgSchema, UnitSchema };
