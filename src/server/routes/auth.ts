import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginInput, login, logout, SESSION_HOURS, whoAmI } from '../../auth/auth-service.ts';
import { DEVICE_COOKIE_DAYS } from '../../auth/device-cookie.ts';
import { enrol } from '../../auth/enrolment.ts';
import { PERMISSIONS } from '../../domain/access.ts';
import { ROLES } from '../../domain/vocabulary.ts';
import { type AppEnv, call, errorResponses, json } from '../env.ts';
import { routes } from '../route.ts';
import { jsonBody, Organisation, orNull, SecondFactorLock, SecondFactorUnlock, Unit, User } from '../schemas.ts';

export const SESSION_COOKIE = 'shokai_session';
/** The browser's sign-in device cookie (src/auth/device-cookie.ts), named as the session cookie is. */
export const DEVICE_COOKIE = 'shokai_device';

/** Whether the browser reached the hub over https: its own TLS, or a proxy in SHOKAI_TRUSTED_PROXIES saying so. */
function overHttps(c: Context<AppEnv>): boolean {
  return c.get('https');
}

/**
 * The session cookie's name. Over https it is `__Host-shokai_session`, which a browser accepts only Secure,
 * for this host alone and the whole path: a site on a sibling name (other.example.jp, for example.jp's hub)
 * can set a cookie for the parent domain, and one of the plain name with a longer path is sent first, so
 * the person would act in the other site's chosen session ("cookie tossing"). Over plain http (a hub on
 * localhost) browsers refuse the prefix, and the plain name is used.
 */
export function sessionCookieName(c: Context<AppEnv>): string {
  return overHttps(c) ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

/** The device cookie's name: `__Host-` over https, for the same reasons as the session cookie's. */
function deviceCookieName(c: Context<AppEnv>): string {
  return overHttps(c) ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
}

const MeSchema = z
  .object({
    user: z.object({
      id: z.string(),
      kind: z.enum(['user', 'client']),
      displayName: z.string(),
      roles: z.array(z.enum(ROLES)),
      organisationId: z.string(),
      unitId: z.string().nullable(),
    }),
    organisation: Organisation,
    unit: orNull(Unit),
    /** What this person may do, from the one permission table: the screens offer only these. */
    permissions: z.array(z.enum(PERMISSIONS)),
    /** Whether any request is theirs to read (their list scope is not empty). */
    readsRequests: z.boolean(),
    /** Whether this installation's records are their organisation's to look up (who held an address). */
    holdsRecords: z.boolean(),
    /**
     * Codes that failed after this person's right password locked their second factor for other browsers
     * (src/auth/second-factor-lock.ts): how many in the window, and since when; null when not locked.
     */
    secondFactorLock: orNull(SecondFactorLock),
    /**
     * The lock lifted by an administrator of their organisation within the last day: when, by whom, and
     * what it had counted (if the codes were not theirs, their password is known: a reset is the remedy).
     */
    secondFactorUnlock: orNull(SecondFactorUnlock),
  })
  .meta({ id: 'Me' });

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  const route = routes(app, 'auth');
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/login',
      tags: ['auth'],
      summary:
        'Sign in with password and TOTP; sets the session cookie and the device cookie (a sign-in from this ' +
        'browser later is counted apart from tries elsewhere); returns the bearer token only when ' +
        '`returnToken` is true',
      request: { body: jsonBody('Login') },
      responses: {
        200: json(
          z.object({
            /** Only when the sign-in asked for it (`returnToken`): a browser's session is its HttpOnly cookie. */
            token: z.string().optional(),
            expiresAt: z.string(),
            user: User,
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = await c.req.json<unknown>();
      const r = await login(c.get('ctx'), body, {
        client: c.get('client'),
        deviceCookie: getCookie(c, deviceCookieName(c)),
      });
      setCookie(c, sessionCookieName(c), r.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: SESSION_HOURS * 3600,
        secure: overHttps(c),
      });
      setCookie(c, deviceCookieName(c), r.deviceCookie, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: DEVICE_COOKIE_DAYS * 24 * 3600,
        secure: overHttps(c),
      });
      // login() has parsed the body: it is a LoginInput.
      const { returnToken } = LoginInput.parse(body);
      return c.json({ ...(returnToken ? { token: r.token } : {}), expiresAt: r.expiresAt, user: r.user }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/enrolment',
      tags: ['auth'],
      summary:
        "A person's enrolment with the one-time code their administrator handed them: they choose their " +
        'password and receive their TOTP secret (once, also as an otpauth URI); no session is opened',
      request: { body: jsonBody('Enrol') },
      responses: {
        200: json(z.object({ user: User, totpSecret: z.string(), otpauthUri: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await enrol(c.get('ctx'), await c.req.json<unknown>(), { client: c.get('client') }), 200),
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
      const token = header?.startsWith('Bearer ') ? header.slice(7) : getCookie(c, sessionCookieName(c));
      if (token) await logout(c.get('ctx'), token);
      deleteCookie(c, sessionCookieName(c), { path: '/', secure: overHttps(c) });
      return c.json({ ok: true }, 200);
    },
  );

  route(
    {
      method: 'get',
      path: '/v1/me',
      summary: 'The signed-in user, their organisation and unit',
      ok: MeSchema,
    },
    (c) => call(c, whoAmI),
  );
}
