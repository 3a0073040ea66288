/**
 * A post, as a board's post log and a request's URL target name it, in one canonical form: the thread's
 * URL and the post's number. A request may write the post into the URL (`…/t/100#5`, `…/t/100/5`)
 * where the board's export writes the thread's URL and the post ID (`…/t/100` + `5`); both are turned
 * into the same form by this one function, at import and at lookup, so that they match.
 *
 * - The URL must be http(s) with a host; the scheme and host are lower-cased, a default port is
 *   dropped (the URL parser's form); the query is kept as written.
 * - The fragment never reaches the board's server: it is dropped. When it is a post number (`#5`,
 *   `#p5`, `#post-5`, `#res5`, `#comment-5` …) that number is the post ID.
 * - A last path segment of digits right after another segment of digits (`/t/100/5`,
 *   `/read.cgi/news/1700000000/5`) is the post number: it is taken off the path and is the post ID.
 * - A trailing slash (other than the root's) is dropped: `/t/100/` is `/t/100`.
 * - When the post ID is given as well and differs from the number in the URL, the given ID wins: a
 *   fragment is dropped all the same, a path is then kept whole (its last segment is not the post).
 */
export interface CanonicalPost {
  url: string;
  postId: string | null;
}

const FRAGMENT_POST = /^(?:(?:post|p|res|r|comment|c|msg|m|no)[-_]?)?(\d{1,20})$/i;
const DIGITS = /^\d{1,20}$/;

/** The canonical form of a post (URL and optional post ID), or null when the URL is not an http(s) URL. */
export function canonicalPost(url: string, postId?: string | null): CanonicalPost | null {
  if (/\s/.test(url) || !URL.canParse(url)) return null;
  const u = new URL(url);
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return null;
  const given = postId?.trim() || null;
  const fragment = decodeURIComponentSafe(u.hash.slice(1));
  u.hash = '';
  const segments = u.pathname.split('/');
  if (segments.length > 2 && segments[segments.length - 1] === '') segments.pop();
  let inUrl: string | null = null;
  const fromFragment = FRAGMENT_POST.exec(fragment)?.[1] ?? null;
  if (fromFragment !== null) {
    if (given === null || given === fromFragment || given === fragment) inUrl = given ?? fromFragment;
  } else {
    const last = segments[segments.length - 1] ?? '';
    const before = segments[segments.length - 2] ?? '';
    if (segments.length > 2 && DIGITS.test(last) && DIGITS.test(before) && (given === null || given === last)) {
      segments.pop();
      inUrl = last;
    }
  }
  u.pathname = segments.join('/') || '/';
  return { url: u.href, postId: inUrl ?? given };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
