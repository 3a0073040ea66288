import { z } from 'zod';
import { verifyProviderSignature } from '../client/answer-seal.ts';
import { canonicalJson } from '../crypto/canonical.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../crypto/signatures.ts';
import { ownPasskey } from '../directory/credentials.ts';
import { currentKey } from '../directory/key.repository.ts';
import { unwrapPrivateKey } from '../directory/keys.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseInstant } from '../domain/instant.ts';
import {
  noticeSignatureRefused,
  noticeSigningInput,
  type SignedNoticeBody,
  SignedNoticeBodySchema,
  type SignedProvisionNotice,
  SignedProvisionNoticeSchema,
  signedNoticeBody,
} from '../domain/provision-notice.ts';
import { whomToAsk } from '../evidence/whom/whom-service.ts';
import { providerSigningKeys } from '../exchange/custody-reads.ts';
import { providerRecordKey, sealTo } from '../exchange/sealing.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AncillaryOrderApplicationRow, ProvisionNoticeRow } from '../store/schema.ts';
import { type AncillaryOrder, toAncillaryView } from './ancillary-order-models.ts';
import { organisationRef } from './application-kind.ts';
import { findProvisionNotice } from './provision.repository.ts';
import { orderToCarryOut, preparedNotice, recordProvision } from './provision.ts';
import {
  type Communication,
  checkFromNotice,
  namedAccessProvider,
  noticeAad,
  ProvidedCommunication,
} from './provision-chain.ts';
import { OrgRef } from './read-models.ts';

// A provision order (提供命令, art. 15(1)) carried out in the hub's pages: the person typed or picked the
// communications there and the hub finds each one's access provider and seals each access provider's
// notice to its key. What goes in the box must be signed by the content provider. The hub signs with the
// content provider's organisation key only while it holds that key; a content provider holding its own
// key signs in the page: `provide-preview` gives exactly the notices to sign (one per access provider,
// each naming its order, both providers, the instant and the communications), the person's passkey
// signs each one's digest in the browser, and `provide` checks each signature against the directory (the
// key is the person's own, of the content provider, valid now; the person may carry out the order now)
// and that each is exactly one of the plan's notices, before sealing it as signed.

export const ProvideInput = z.strictObject({
  /** The sender's communications from the provider's own records (the posts' source, or a notice's). */
  communications: z.array(ProvidedCommunication).min(1).max(50),
  /** An access provider carrying out its own order from a notice: the notice the communications come from. */
  noticeId: z.string().min(1).max(100).optional(),
  /**
   * The notices of `provide-preview`, each signed in the page by the person's own passkey: required when
   * the content provider holds its own key (the hub cannot sign in its name).
   */
  signedNotices: z.array(SignedNoticeBodySchema).min(1).max(50).optional(),
});

/** What the person signs in the page before carrying out the order (`provide-preview`). */
export const ProvisionToSignSchema = z.object({
  /** 'hub': the hub signs with the content provider's key it still holds; 'provider': the person signs each. */
  signWith: z.enum(['hub', 'provider']),
  /** The person's own passkey that signs (null: none registered; they register one first). */
  passkey: z.object({ keyId: z.string(), credentialId: z.string(), rpId: z.string() }).nullable(),
  /** One notice per access provider, exactly as it is to be signed. */
  notices: z.array(z.object({ accessProvider: OrgRef, signed: SignedProvisionNoticeSchema })),
});
export type ProvisionToSign = z.infer<typeof ProvisionToSignSchema>;

/** The sign-window: a notice signed longer ago than this (or later than the hub's clock allows) is refused. */
const SIGNED_WITHIN_MS = 15 * 60_000;
const CLOCK_SKEW_MS = 2 * 60_000;

/** Per access provider, the communications given for it (the giver's own records name it, else whom to ask). */
async function holdersOf(
  uow: UnitOfWork,
  p: Principal,
  row: AncillaryOrderApplicationRow,
  input: z.infer<typeof ProvideInput>,
): Promise<Map<string, Communication[]>> {
  if (input.noticeId !== undefined) await checkFromNotice(uow, p, row, input.noticeId, input.communications);
  const byHolder = new Map<string, Communication[]>();
  for (const [i, { accessProviderOrganisationId: named, ...c }] of input.communications.entries()) {
    const holder = named
      ? await namedAccessProvider(uow, p, named, i)
      : (await whomToAsk(uow, p, { address: c.address, ...(c.port === undefined ? {} : { port: c.port }), at: c.at }))
          .holder?.organisationId;
    if (holder && holder !== p.organisationId) byHolder.set(holder, [...(byHolder.get(holder) ?? []), c]);
  }
  return byHolder;
}

/**
 * The notices the person is to sign for these communications: one per access provider, each with a new
 * id and the instant now. Nothing is stored or audited: the same order and communications are given to
 * `provide` with the signatures, and checked there again.
 */
export async function provisionPreview(uow: UnitOfWork, p: Principal, id: string, raw: unknown) {
  const { row, input } = await orderToCarryOut(uow, p, id, ProvideInput, raw);
  const byHolder = await holdersOf(uow, p, row, input);
  const onHub = byHolder.size > 0 && (await hubHoldsKey(uow, p));
  const notices: ProvisionToSign['notices'] = [];
  for (const [holder, communications] of byHolder) {
    const signed = noticeToSign(uow, p, row, holder, communications, newId('prov'));
    notices.push({ accessProvider: await organisationRef(uow, holder), signed });
  }
  const own = await ownPasskey(uow, p);
  const key = own ? await currentKey(uow.tx, 'user', p.id, 'signing', uow.now) : undefined;
  return {
    signWith: onHub ? 'hub' : 'provider',
    passkey: own && key ? { keyId: key.id, ...own } : null,
    notices,
  } satisfies ProvisionToSign;
}

function noticeToSign(
  uow: UnitOfWork,
  p: Principal,
  row: AncillaryOrderApplicationRow,
  holder: string,
  communications: Communication[],
  noticeId: string,
): SignedProvisionNotice {
  return {
    noticeId,
    orderId: row.id,
    orderReference: row.reference,
    contentProviderOrganisationId: p.organisationId,
    accessProviderOrganisationId: holder,
    signedAt: uow.now.toISOString(),
    communications,
  };
}

/**
 * The content provider carries out the order: whom to ask for each communication, the access
 * providers' names to the lawyer, and per access provider a notice signed by the content provider and
 * sealed to the access provider (held until the lawyer's notice). Only after it received the order.
 */
export async function provideUnderOrder(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<AncillaryOrder> {
  const { row, main, input } = await orderToCarryOut(uow, p, id, ProvideInput, raw);
  const byHolder = await holdersOf(uow, p, row, input);
  const signer = byHolder.size > 0 ? await contentProviderKeyOnHub(uow, p) : null;
  const bodies = signer
    ? [...byHolder].map(([holder, communications]) => {
        const signed = noticeToSign(uow, p, row, holder, communications, newId('prov'));
        const signature = signCanonical(signer.privateKey, SIGNATURE_PURPOSES.provisionNotice, signed);
        return { body: { signed, signature, keyId: signer.keyId }, fingerprint: signer.fingerprint };
      })
    : await signedInPage(uow, p, row, byHolder, input.signedNotices);
  const notices: ProvisionNoticeRow[] = [];
  for (const { body } of bodies) {
    const { noticeId, accessProviderOrganisationId: holder, communications } = body.signed;
    const sealed = await sealTo(await providerRecordKey(uow, p, holder), canonicalJson(body), noticeAad(noticeId));
    notices.push(
      preparedNotice(row, p.organisationId, { id: noticeId, holder, sealed, count: communications.length }, uow.now),
    );
  }
  const moved = await recordProvision(uow, p, row, notices, {
    communications: input.communications.length,
    named: input.communications.filter((c) => c.accessProviderOrganisationId).length,
    fromNotice: input.noticeId ?? null,
    ...(bodies[0] ? { signedBy: bodies[0].fingerprint } : {}),
  });
  return toAncillaryView(uow, p, moved, main, 'provider');
}

const signedWrong = (field: string, value: unknown, ja: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { ja, en }, { field, value });

/**
 * The notices as the person signed them in the page, each checked: exactly one per access provider of
 * the plan, over exactly its communications, of this order and this content provider, a new notice id,
 * signed within the last minutes; the signature by one key, the person's own passkey (or the content
 * provider's organisation key), valid now, over exactly that notice. Refused in words otherwise.
 */
async function signedInPage(
  uow: UnitOfWork,
  p: Principal,
  row: AncillaryOrderApplicationRow,
  byHolder: Map<string, Communication[]>,
  given: readonly unknown[] | undefined,
): Promise<Array<{ body: SignedNoticeBody; fingerprint: string }>> {
  if (byHolder.size === 0) return [];
  if (!given) {
    throw signedWrong(
      'signedNotices',
      null,
      'この提供者は自社の鍵を持っているため、ハブは提供の通知に代わりに署名できません。' +
        '通知の内容を確認し、経由プロバイダごとの通知に、あなたの認証器（パスキー）で署名してください',
      'this provider holds its own key, so the hub cannot sign the provision notices in its name: review the ' +
        'notices and sign each access provider’s notice with your own passkey',
    );
  }
  const bodies = given.map((g) => signedNoticeBody(g));
  const keys = await providerSigningKeys(uow, p.organisationId);
  const out: Array<{ body: SignedNoticeBody; fingerprint: string }> = [];
  for (const [i, b] of bodies.entries()) {
    const field = `signedNotices.${i}`;
    const s = b?.signed;
    const planned = s && byHolder.get(s.accessProviderOrganisationId);
    if (
      !b ||
      !s ||
      !planned ||
      s.orderId !== row.id ||
      s.orderReference !== row.reference ||
      s.contentProviderOrganisationId !== p.organisationId ||
      canonicalJson(s.communications) !== canonicalJson(planned) ||
      bodies.some((o, j) => j !== i && o?.signed.accessProviderOrganisationId === s.accessProviderOrganisationId)
    ) {
      throw signedWrong(
        field,
        s?.noticeId ?? null,
        '署名された通知が、この命令で提供する内容（経由プロバイダごとに1通、その通信）と一致しません。確認し直して署名してください',
        'a signed notice is not one of what this order gives (one per access provider, over its communications): ' +
          'review again and sign',
      );
    }
    // An instant with its offset (a time without one is read nine hours apart in Japan and on the hub).
    const at = parseInstant(s.signedAt, `${field}.signed.signedAt`).epochMs;
    const now = uow.now.getTime();
    const again = bodies.some((o, j) => j < i && o?.signed.noticeId === s.noticeId);
    if (!/^prov_[0-9a-f-]{36}$/.test(s.noticeId) || again || (await findProvisionNotice(uow.tx, s.noticeId))) {
      throw signedWrong(
        `${field}.signed.noticeId`,
        s.noticeId,
        '通知の番号が新しいものではありません',
        'not a new notice id',
      );
    }
    if (at < now - SIGNED_WITHIN_MS || at > now + CLOCK_SKEW_MS) {
      throw signedWrong(
        `${field}.signed.signedAt`,
        s.signedAt,
        '署名の時刻が古すぎるか未来です（15分以内に署名してください）。確認し直して署名してください',
        'signed too long ago or in the future (sign within 15 minutes): review again and sign',
      );
    }
    const verdict = await verifyProviderSignature(b, p.organisationId, keys, uow.now, () => ({
      input: noticeSigningInput(s),
      signedAt: s.signedAt,
    }));
    if (!verdict.valid || !verdict.key) throw noticeSignatureRefused(verdict.problem ?? 'signature', s.noticeId);
    const own = verdict.signer === 'organisation' || (p.kind === 'user' && verdict.key.ownerId === p.id);
    if (!own || (out[0] && out[0].body.keyId !== b.keyId)) {
      throw signedWrong(
        `${field}.keyId`,
        b.keyId,
        '提供の通知には、この操作をするあなた自身の認証器（パスキー）で、すべての通知に署名してください',
        'sign every provision notice with your own passkey: you are the one carrying out the order',
      );
    }
    out.push({ body: b, fingerprint: verdict.key.fingerprint });
  }
  if (out.length !== byHolder.size) {
    throw signedWrong(
      'signedNotices',
      out.length,
      '経由プロバイダごとの通知のすべてに署名してください',
      'sign the notice of every access provider',
    );
  }
  return out;
}

/** Whether the hub still holds the content provider's organisation key (a provider without its own). */
async function hubHoldsKey(uow: UnitOfWork, p: Principal): Promise<boolean> {
  const key = await currentKey(uow.tx, 'organisation', p.organisationId, 'signing', uow.now);
  return !!key?.private_key_wrapped;
}

/**
 * The key the hub signs a notice with on its own path: the content provider's organisation key, only
 * while the hub still holds it (as for a legacy answer, src/exchange/answers.ts). A content provider
 * that holds its own key signs in the page (`signedInPage`) or on its installation (provision-sealed.ts).
 */
async function contentProviderKeyOnHub(
  uow: UnitOfWork,
  p: Principal,
): Promise<{ keyId: string; privateKey: string; fingerprint: string } | null> {
  const key = await currentKey(uow.tx, 'organisation', p.organisationId, 'signing', uow.now);
  if (!key?.private_key_wrapped) return null;
  return { keyId: key.id, privateKey: unwrapPrivateKey(uow.ctx, key), fingerprint: key.fingerprint };
}
