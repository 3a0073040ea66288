import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Principal } from '../domain/access.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { reviewerByCodeHash, reviewerCodeHash } from './reviewers.ts';
import type { AgentRuntime } from './runner.ts';

// The review pages' sessions: a reviewer signs in with their access code and gets a cookie for eight hours.
// A session lasts only as long as the code it began with: the operator giving the reviewer a new code (the
// way to cut an old one off) ends it, and each page acts with the reviewer's roles of now, not of sign-in.

const SESSION = 'shokai_agent';
/** How long a signed-in session of the review pages lasts. */
const SESSION_MS = 8 * 3600_000;

export interface ReviewerSessions {
  /** The signed-in reviewer of this request, if any (checked against the store before every route). */
  who(c: Context): Principal | undefined;
  /** Signs in with an access code: the reviewer, the cookie set; undefined (nothing set) for a wrong code. */
  signIn(c: Context, code: string): Promise<Principal | undefined>;
  signOut(c: Context): void;
}

export function reviewerSessions(app: Hono, rt: AgentRuntime): ReviewerSessions {
  const sessions = new Map<string, { codeHash: string; until: number }>();
  // The reviewer each request was checked to be, once, before its route: the one place a session's expiry
  // and code are judged (a request the check did not reach, or that failed it, has no reviewer).
  // Kept by the request's context, which every middleware and the route share (a body limit may replace
  // the raw request on its way).
  const checked = new WeakMap<Context, Principal>();
  app.use('*', async (c, next) => {
    const token = getCookie(c, SESSION);
    const s = token ? sessions.get(token) : undefined;
    if (token && s) {
      const now = await inTransaction(rt.ctx, (uow) => reviewerByCodeHash(uow, s.codeHash, rt.organisationId));
      if (now && s.until >= Date.now()) checked.set(c, now);
      else sessions.delete(token);
    }
    await next();
  });
  return {
    who: (c) => checked.get(c),
    async signIn(c, code) {
      const codeHash = reviewerCodeHash(code);
      const p = await inTransaction(rt.ctx, (uow) => reviewerByCodeHash(uow, codeHash, rt.organisationId));
      if (!p) return undefined;
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { codeHash, until: Date.now() + SESSION_MS });
      setCookie(c, SESSION, token, { path: '/', httpOnly: true, sameSite: 'Strict', maxAge: SESSION_MS / 1000 });
      return p;
    },
    signOut(c) {
      const token = getCookie(c, SESSION);
      if (token) sessions.delete(token);
    },
  };
}
