import type { AddressInfo } from 'node:net';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { type Principal, SYSTEM_CALLER } from '../domain/access.ts';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachments.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { repeatedKeyProblem } from '../domain/json-keys.ts';
import { purgeCafeRecords } from '../holders/cafe-service.ts';
import { decodeRecordFile } from '../holders/record-encoding.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, run } from '../kernel/unit-of-work.ts';
import { formatHostPort } from '../net/address.ts';
import { contentDisposition } from '../server/content-disposition.ts';
import { createHubServer } from '../server/socket-answers.ts';
import { addAnswerFile, noFileChosen, removeAnswerFile, tooLarge } from './answer-files.ts';
import { hubRequestFacts, recordCallBack } from './call-back.ts';
import { decideOwnKey } from './keys-monitor.ts';
import {
  importRecordsFile,
  MAX_RECORDS_FILE_BYTES,
  noRecordsFile,
  recordsFileTooLarge,
  recordsHistory,
} from './records.ts';
import type { Lang } from './render.ts';
import { readRequestFile } from './request-files.ts';
import { declineRequest, editDraft, editDraftFields, listForReview, viewForReview } from './review.ts';
import { type AgentRuntime, approve, type CycleSummary, type LastCycle } from './runner.ts';
import { agentStatus } from './status.ts';
import {
  crossOriginPage,
  foreignHostPage,
  fromOtherOrigin,
  loopbackName,
  refusal,
  registerErrorPages,
  underForeignName,
} from './web-errors.ts';
import { listPage, loginPage, type PlacedError, requestPage, statusPage } from './web-pages.ts';
import { registerProvisionPages } from './web-provision.ts';
import { type RecordsOutcome, recordsPage } from './web-records.ts';
import { reviewerSessions } from './web-sessions.ts';

// The installation's own review pages (server-rendered, served by `shokai agent run` on loopback by
// default): a reviewer signs in with the access code the operator gave them, reads the prepared
// findings (each view audited), edits, declines or approves; an approval is signed with the
// installation key, sealed, and sent at once. The status page shows counts and refusals only.

const langParam = (c: Context) => new URL(c.req.url).searchParams.get('lang');
/** The bad records a refused import names (the holders' check puts them in the error's details). */
const ShownProblems = z.array(
  z.object({
    line: z.number(),
    field: z.string(),
    value: z.unknown(),
    message: z.object({ ja: z.string(), en: z.string() }),
  }),
);

/** An approval posted without the box that the request was read and the answer checked. */
const notReviewed = () =>
  new DomainError(
    'VALIDATION_FAILED',
    {
      ja: '要請の内容を読み、回答案を確認したことにチェックしてから承認してください',
      en: 'tick that you have read the request and checked the answer, then approve',
    },
    { field: 'reviewed' },
  );

export interface AgentPages {
  url: string;
  close(): Promise<void>;
}

export function agentPagesApp(
  rt: AgentRuntime,
  options: {
    kick?: () => Promise<CycleSummary | null>;
    last?: () => LastCycle | null;
    /** Served on a loopback address: only requests under the machine's own names are answered. */
    loopback?: boolean;
  } = {},
): Hono {
  const app = new Hono();
  const langOf = (c: Context, cookie: string | undefined): Lang => {
    const q = langParam(c);
    if (q === 'en' || q === 'ja') return q;
    return cookie === 'en' ? 'en' : 'ja';
  };

  app.use('*', async (c, next) => {
    c.header('x-frame-options', 'DENY');
    c.header('content-security-policy', "default-src 'self'; style-src 'unsafe-inline'; form-action 'self'");
    c.header('cache-control', 'no-store');
    // Not the server's `no-referrer`: under it a browser posts these pages' own forms with `Origin: null`,
    // which the check below refuses; `same-origin` sends nothing to another site all the same.
    c.header('referrer-policy', 'same-origin');
    // Forms only from these pages: a POST from another origin is refused in words, and nothing else is done
    // (no route runs, no cookie is set); the SameSite cookies refuse it too.
    if (fromOtherOrigin(c)) return c.html(crossOriginPage(langOf(c, getCookie(c, 'lang'))), 403);
    if (options.loopback && underForeignName(c)) return c.html(foreignHostPage(langOf(c, getCookie(c, 'lang'))), 421);
    const q = langParam(c);
    if (q === 'en' || q === 'ja') setCookie(c, 'lang', q, { path: '/', sameSite: 'Strict', httpOnly: true });
    await next();
  });

  const { who, signIn, signOut } = reviewerSessions(app, rt);
  const lang = (c: Context) => langOf(c, getCookie(c, 'lang'));
  const shownAt = () => ({ now: rt.ctx.clock(), category: rt.providerCategory }); // a request page's clock, words

  app.get('/login', (c) => c.html(loginPage(lang(c), false)));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const code = typeof form.code === 'string' ? form.code : '';
    if (!(await signIn(c, code))) return c.html(loginPage(lang(c), true), 401);
    return c.redirect('/', 303);
  });
  app.post('/logout', (c) => {
    signOut(c);
    return c.redirect('/login', 303);
  });

  const status = () => inTransaction(rt.ctx, (uow) => agentStatus(uow, SYSTEM_CALLER));
  app.get('/status', async (c) => c.html(statusPage(lang(c), await status(), options.last?.() ?? null)));
  app.get('/status.json', async (c) => c.json({ ...(await status()), lastCycle: options.last?.() ?? null }));

  app.get('/', async (c) => {
    const p = who(c);
    if (!p) return c.redirect('/login', 303);
    return c.html(listPage(lang(c), await run(rt.ctx, listForReview, p, rt)));
  });

  /** A refusal's message alone (400; for the records area 403 or 413 by its code). */
  const failAs = (c: Context, err: unknown, byCode = false) => {
    // Anything else is no refusal: the pages' error page answers it (./web-errors.ts).
    if (!isDomainError(err)) throw err;
    return refusal(c, lang(c), err, { byCode, signedIn: who(c) !== undefined });
  };
  const fail = (c: Context, err: unknown) => failAs(c, err);

  app.get('/requests/:id', async (c) => {
    const p = who(c);
    if (!p) return c.redirect('/login', 303);
    try {
      const id = c.req.param('id');
      const v = await run(rt.ctx, viewForReview, p, id, rt);
      return c.html(requestPage(lang(c), v, null, await hubRequestFacts(rt.ctx, rt.hub, id), shownAt()));
    } catch (err) {
      return fail(c, err);
    }
  });
  // A requester's file, opened again here and checked against the signed SHA-256 (each read audited).
  app.get('/requests/:id/request-files/:fileId', async (c) => {
    const p = who(c);
    if (!p) return c.redirect('/login', 303);
    try {
      const f = await run(rt.ctx, readRequestFile, p, c.req.param('id'), c.req.param('fileId'), rt.device);
      return c.body(new Uint8Array(f.bytes), 200, {
        'content-type': f.mediaType,
        'content-disposition': contentDisposition(f.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    } catch (err) {
      return fail(c, err);
    }
  });
  /**
   * A reviewer's form on a request's page: signed in, `act` on the request with the form, then back to
   * the request's page; a refusal is answered by `refused` (by default its message alone).
   */
  const onRequest = (
    action: string,
    act: (p: Principal, id: string, form: Record<string, unknown>) => Promise<unknown>,
    refused: (c: Context, err: unknown, p: Principal, id: string) => Promise<Response> | Response = fail,
  ) =>
    app.post(`/requests/:id/${action}`, async (c) => {
      const p = who(c);
      if (!p) return c.redirect('/login', 303);
      const id = c.req.param('id');
      const form = await c.req.parseBody();
      try {
        await act(p, id, form);
      } catch (err) {
        return refused(c, err, p, id);
      }
      return c.redirect(`/requests/${id}`, 303);
    });

  // An approval or a decline is sent at once (the loop's next cycle would send it too; a kick never throws).
  onRequest('decline', async (p, id, form) => {
    await run(rt.ctx, declineRequest, p, id, {
      reason: form.reason,
      ...(typeof form.note === 'string' && form.note.trim() !== '' ? { note: form.note } : {}),
    });
    await options.kick?.();
  });
  /** Refused: nothing stored; the page again, with the message next to the control of `form` it is about. */
  const placed =
    (form: PlacedError['form'], codes: readonly string[]) =>
    async (c: Context, err: unknown, p: Principal, id: string) => {
      if (!isDomainError(err) || !codes.includes(err.code)) return fail(c, err);
      const field = typeof err.details?.field === 'string' ? err.details.field : '';
      try {
        const v = await run(rt.ctx, viewForReview, p, id, rt);
        const hub = await hubRequestFacts(rt.ctx, rt.hub, id);
        return c.html(requestPage(lang(c), v, { form, field, messages: err.messages }, hub, shownAt()), 400);
      } catch (again) {
        return fail(c, again);
      }
    };
  // An approval signs only once the reviewer ticked that they read the request and checked the answer.
  onRequest(
    'approve',
    async (p, id, form) => {
      if (form.reviewed !== 'yes') throw notReviewed();
      await approve(rt, p, id, typeof form.digest === 'string' ? form.digest : '');
      logger.info('agent.approved', { requestId: id, automatic: false });
      await options.kick?.();
    },
    placed('approve', ['VALIDATION_FAILED']),
  );
  // The call-back a reviewer made, recorded here (and at the hub when it asks one); then a cycle sends what waited.
  onRequest(
    'call-back',
    async (p, id, form) => {
      await recordCallBack(rt, p, id, {
        calledAt: form.calledAt,
        outcome: form.outcome,
        ...(form.confirmed !== undefined ? { confirmed: form.confirmed } : {}),
        ...(form.dialled !== undefined ? { dialled: form.dialled } : {}),
      });
      logger.info('agent.callback_recorded', { requestId: id });
      await options.kick?.();
    },
    placed('call-back', ['VALIDATION_FAILED', 'CONFLICT', 'ILLEGAL_TRANSITION']),
  );
  onRequest(
    'fields',
    (p, id, form) => run(rt.ctx, editDraftFields, p, id, form),
    placed('fields', ['VALIDATION_FAILED', 'CONFLICT']),
  );
  // A file for the answer: the body is read only up to the limit (and a little for the form around it).
  const fileRefused = placed('files', ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']);
  app.post(
    '/requests/:id/files',
    bodyLimit({
      maxSize: MAX_ATTACHMENT_BYTES + 64 * 1024,
      onError: (c) => {
        const p = who(c);
        if (!p) return c.redirect('/login', 303);
        return fileRefused(c, tooLarge(Number(c.req.header('content-length')) || null), p, c.req.param('id') ?? '');
      },
    }),
  );
  onRequest(
    'files',
    async (p, id, form) => {
      const file = form.file;
      if (!(file instanceof File) || file.name === '') throw noFileChosen();
      const bytes = new Uint8Array(await file.arrayBuffer());
      return run(rt.ctx, addAnswerFile, p, id, { fileName: file.name, mediaType: file.type, bytes });
    },
    fileRefused,
  );
  onRequest('files/remove', (p, id, form) =>
    run(rt.ctx, removeAnswerFile, p, id, typeof form.fileId === 'string' ? form.fileId : ''),
  );
  onRequest('edit', (p, id, form) => {
    const text = typeof form.answer === 'string' ? form.answer : '';
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = null;
    }
    // A key twice: the answer signed would be the last value, the reviewer may have read the first.
    const twice = answer === null ? undefined : repeatedKeyProblem(text, 'answer');
    if (twice) throw twice;
    return run(rt.ctx, editDraft, p, id, { answer });
  });

  // The holder's records: import a file, the history, the café's purge (needs `attribution.import`).
  const recordsView = async (c: Context, p: Principal, outcome: RecordsOutcome | null, status: 200 | 400 | 413) =>
    c.html(recordsPage(lang(c), await run(rt.ctx, recordsHistory, p), outcome), status);
  /** Refused: nothing stored; the records page again with why (each bad line, field and value). */
  const recordsRefused = async (c: Context, err: unknown, p: Principal) => {
    if (!isDomainError(err) || err.code === 'FORBIDDEN') return failAs(c, err, true);
    const problems = ShownProblems.safeParse(err.details?.problems);
    // The form as sent (Hono keeps the parsed body); unreadable when the body was over the limit.
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const kind = typeof form.kind === 'string' ? form.kind : undefined;
    const outcome = { type: 'refused' as const, messages: err.messages, problems: problems.data ?? [], kind };
    try {
      return await recordsView(c, p, outcome, err.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400);
    } catch (again) {
      return failAs(c, again, true);
    }
  };
  /** A records form: signed in, `act`, then the records page with what it did or why it was refused. */
  const onRecords = (action: string, maxSize: number, act: (p: Principal, c: Context) => Promise<RecordsOutcome>) =>
    app.post(
      `/records/${action}`,
      bodyLimit({
        maxSize,
        onError: (c) => {
          const p = who(c);
          return p ? recordsRefused(c, recordsFileTooLarge(), p) : c.redirect('/login', 303);
        },
      }),
      async (c) => {
        const p = who(c);
        if (!p) return c.redirect('/login', 303);
        try {
          return await recordsView(c, p, await act(p, c), 200);
        } catch (err) {
          return recordsRefused(c, err, p);
        }
      },
    );
  // A key in the provider's own name in the pin: a person signed in says it is ours or not (audited).
  for (const [act, decision] of [
    ['confirm', 'ours'],
    ['disown', 'not_ours'],
  ] as const) {
    app.post(`/own-keys/:keyId/${act}`, async (c) => {
      const p = who(c);
      if (!p) return c.redirect('/login', 303);
      try {
        await run(rt.ctx, decideOwnKey, p, c.req.param('keyId'), decision);
      } catch (err) {
        return fail(c, err);
      }
      return c.redirect('/status', 303);
    });
  }

  registerProvisionPages(app, rt, who, lang);
  registerErrorPages(app, lang, (c) => who(c) !== undefined);
  app.get('/records', async (c) => {
    const p = who(c);
    if (!p) return c.redirect('/login', 303);
    try {
      return await recordsView(c, p, null, 200);
    } catch (err) {
      return failAs(c, err, true);
    }
  });
  onRecords('import', MAX_RECORDS_FILE_BYTES + 64 * 1024, async (p, c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.name === '') throw noRecordsFile();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const input = { kind: form.kind, name: file.name, content: decodeRecordFile(file.name, bytes) };
    const result = await run(rt.ctx, importRecordsFile, p, input);
    logger.info('agent.records_imported', { kind: result.kind, taken: result.taken, present: result.present });
    return { type: 'imported', result };
  });
  // The café's purge: the first post counts what is due (audited as a dry run), the confirmed one deletes.
  onRecords('purge', 64 * 1024, async (p, c) => {
    const confirmed = (await c.req.parseBody()).confirm === 'yes';
    const purge = await run(rt.ctx, purgeCafeRecords, p, { dryRun: !confirmed });
    if (confirmed) logger.info('agent.records_purged', { terminalUse: purge.terminalUse, idChecks: purge.idChecks });
    return { type: confirmed ? 'purged' : 'confirm', purge };
  });
  return app;
}

/** Serves the review pages (loopback by default: a provider puts them behind its own access controls). */
export async function startAgentPages(
  rt: AgentRuntime,
  options: { host: string; port: number; kick?: () => Promise<CycleSummary | null>; last?: () => LastCycle | null },
): Promise<AgentPages> {
  const app = agentPagesApp(rt, { ...options, loopback: loopbackName(options.host) });
  // The hub's server: what is answered before the app runs (a path or Host the adapter cannot read, an
  // unknown Expect, a request that is no HTTP) carries the same security headers and the API's error.
  const server = createHubServer(app.fetch, { hostname: options.host });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${formatHostPort(options.host, port)}`,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            server.closeAllConnections();
          }),
      });
    });
  });
}
