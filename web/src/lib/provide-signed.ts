// A provision order carried out in the page: the hub previews the notices (one per access provider,
// exactly as they are to be signed); when the provider holds its own key the person's passkey signs each
// one's digest here, in this browser, and the hub seals them as signed (src/court/provision-pages.ts).
// When the hub still holds the provider's key it signs with that, and nothing is asked of the passkey.
import { passkeySigner } from '#shokai/answer-seal';
import type { Schemas } from '#shokai/client';
import { signedNoticesOf } from '#shokai/provision-notice-seal';
import { api } from '../api/client.ts';
import { ShownError } from './error-text.ts';
import { passkeyAssertion } from './passkey.ts';

type ProvideBody = Schemas['ProvideUnderOrder'];

/** Carries out the order; `noPasskey` is said when the provider must sign and the person has no passkey. */
export async function provideSigned(orderId: string, body: ProvideBody, noPasskey: string) {
  const plan = await api.provisionPreview(orderId, body);
  const passkey = plan.passkey;
  if (plan.signWith === 'provider' && plan.notices.length > 0 && !passkey) throw new ShownError(noPasskey);
  const signer =
    passkey &&
    passkeySigner(passkey.keyId, async (challenge) => {
      const a = await passkeyAssertion(challenge, passkey);
      return { id: a.id, response: a.response };
    });
  return api.provideUnderOrder(orderId, { ...body, ...(await signedNoticesOf(plan, signer)) });
}
