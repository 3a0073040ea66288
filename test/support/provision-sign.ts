// A provision order carried out as the hub's pages do it (src/court/provision-pages.ts, web/src/lib/
// provide-signed.ts): the notices previewed, each signed with the person's own passkey (the demo's
// software authenticator) when the provider holds its own key, then given with the communications.
import type { Schemas } from '#shokai/client';
import { passkeySigner } from '../../src/client/answer-seal.ts';
import { signedNoticesOf } from '../../src/client/provision-notice-seal.ts';
import { type SoftCredential, softAssert } from '../../src/demo/soft-authenticator.ts';

type Reply<T = unknown> = { status: number; body: T };
type RawCall = <T = unknown>(m: string, p: string, b?: unknown) => Promise<Reply<T>>;

/**
 * For `POST …/provide` without signed notices: the body with each previewed notice signed by `passkey`
 * (nothing added when the hub signs, or when the person has no passkey: the hub then says why); a refused
 * preview is the reply. Undefined for any other call.
 */
export async function signedInPage(
  raw: RawCall,
  method: string,
  path: string,
  body: unknown,
  who: { passkey: SoftCredential | undefined; origin: string },
): Promise<{ body: unknown } | { reply: Reply } | undefined> {
  const m = /^\/v1\/ancillary-orders\/([^/?]+)\/provide$/.exec(path);
  if (method !== 'POST' || !m || typeof body !== 'object' || body === null || 'signedNotices' in body) {
    return undefined;
  }
  const plan = await raw<Schemas['ProvisionToSign']>('POST', `${path}-preview`, body);
  if (plan.status !== 200) return { reply: plan };
  const { passkey } = who;
  const key = plan.body.passkey;
  const signer =
    passkey && key ? passkeySigner(key.keyId, async (challenge) => softAssert(passkey, challenge, who.origin)) : null;
  return { body: { ...body, ...(await signedNoticesOf(plan.body, signer)) } };
}
