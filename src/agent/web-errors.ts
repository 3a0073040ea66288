import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type DomainError, isDomainError } from '../domain/errors.ts';
import { logger } from '../kernel/logger.ts';
import { STATUS_OF } from '../server/errors.ts';
import { esc, type Lang } from './render.ts';
import { WEB_ERROR_TEXTS, type WebErrorText } from './web-error-texts.ts';
import { page } from './web-pages.ts';

// The installation's pages when no page answers as asked, in the pages' own layout and the viewer's
// language: an address with no page (404), a form posted from another origin (403, refused before
// anything else is done), a refusal of the domain that no route caught (its message, as the routes show
// one), and a failure nobody expected (500: in words, with a reference; the error itself goes to the
// installation's log only, never to the page).

const say = (k: WebErrorText, lang: Lang) => WEB_ERROR_TEXTS[k][lang];
/** A page of a title and its words (`more` after them, already HTML). */
const wordsPage = (lang: Lang, title: WebErrorText, body: WebErrorText, signedIn: boolean, more = '') =>
  page(lang, say(title, lang), `<p role="alert">${esc(say(body, lang))}</p>${more}`, signedIn);

export const notFoundPage = (lang: Lang, signedIn: boolean): string =>
  wordsPage(lang, 'notFound.title', 'notFound.body', signedIn);
export const crossOriginPage = (lang: Lang): string => wordsPage(lang, 'crossOrigin.title', 'crossOrigin.body', false);
export const foreignHostPage = (lang: Lang): string => wordsPage(lang, 'foreignHost.title', 'foreignHost.body', false);
export const unreadablePage = (lang: Lang, signedIn: boolean): string =>
  wordsPage(lang, 'unreadable.title', 'unreadable.body', signedIn);
export const unexpectedPage = (lang: Lang, reference: string, signedIn: boolean): string =>
  wordsPage(
    lang,
    'unexpected.title',
    'unexpected.body',
    signedIn,
    `<p>${esc(say('unexpected.reference', lang))}: <code id="error-reference">${esc(reference)}</code></p>`,
  );

/**
 * A request under a name other than the machine's own, to pages served on loopback: what a web page the
 * reviewer visits sends after pointing its own name at 127.0.0.1 (DNS rebinding) to read them. Pages bound
 * to another address are behind the provider's own proxy and names, and are not asked.
 */
export function underForeignName(c: Context): boolean {
  const host = c.req.header('host');
  if (!host || !URL.canParse(`http://${host}`)) return true;
  return !loopbackName(new URL(`http://${host}`).hostname);
}

/** A name of this machine itself: `localhost`, an address of 127.0.0.0/8, or `::1` (bracketed or not). */
export function loopbackName(name: string): boolean {
  return name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** A POST whose Origin is another origin than the pages' own (an Origin that is no URL, `null`, included). */
export function fromOtherOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  if (c.req.method !== 'POST' || !origin || !host) return false;
  return !URL.canParse(origin) || new URL(origin).host !== host;
}

/** The status of a refusal in the records area, by its code (else 400). */
const REFUSAL_STATUS: Record<string, 403 | 413> = { FORBIDDEN: 403, PAYLOAD_TOO_LARGE: 413 };

/**
 * A refusal's message alone, on a page drawn as the viewer stands (signed in or not): 400, or by its code
 * when `byCode`. The words may repeat what the caller gave.
 */
export const refusal = (
  c: Context,
  lang: Lang,
  err: DomainError,
  o: { byCode?: boolean; status?: ContentfulStatusCode; signedIn: boolean },
): Response =>
  c.html(
    page(lang, err.messages[lang], `<p role="alert">${esc(err.messages[lang])}</p>`, o.signedIn),
    o.status ?? (o.byCode ? (REFUSAL_STATUS[err.code] ?? 400) : 400),
  );

/**
 * The pages' answers when no route answers (404) and when a route throws: a refusal of the domain as the
 * routes show one; a request Hono could not read (its 4xx status); anything else logged with a reference
 * (`agent.page_failed`: the method, the path, the error and its stack) and answered 500 in words.
 */
export function registerErrorPages(app: Hono, lang: (c: Context) => Lang, signedIn: (c: Context) => boolean): void {
  app.notFound((c) => c.html(notFoundPage(lang(c), signedIn(c)), 404));
  app.onError((err, c) => {
    const l = lang(c);
    // A refusal no route caught: the status the hub's API gives its code (404 for NOT_FOUND, …).
    if (isDomainError(err)) return refusal(c, l, err, { status: STATUS_OF[err.code], signedIn: signedIn(c) });
    if (err instanceof HTTPException && err.status < 500) return c.html(unreadablePage(l, signedIn(c)), err.status);
    const reference = randomBytes(4).toString('hex').toUpperCase();
    logger.error('agent.page_failed', {
      reference,
      method: c.req.method,
      path: c.req.path,
      error: `${err.name}: ${err.message}`,
      stack: err.stack,
    });
    return c.html(unexpectedPage(l, reference, signedIn(c)), 500);
  });
}
