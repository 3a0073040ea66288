import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { judgeOrderVerifies, type OwnerCheck } from './attestation.ts';
import type { CourtOrder } from './civil-disclosure.ts';
import type { PublicKeyRecord } from './key-trust.ts';
import type { CivilDisclosureRequestContent, RequestContent } from './request-content.ts';
import type { Target } from './targets.ts';
import type { Bilingual, SenderInformation } from './vocabulary.ts';

// A court's sender-information disclosure order (発信者情報開示命令) issued in the system: what the judge
// signs with his own passkey (the same wa1 owner-signature format as a warrant's attestation, under its
// own purpose string), and the check a provider makes of it.

export const DISCLOSURE_ORDER_PURPOSE = 'disclosure-order';

/**
 * What the judge attests: the order (court, case number, time, operative part) and exactly whom it
 * binds for what — the law office presenting it, the provider, the claimant, the posts and the sender
 * information — so it cannot be presented by another office, to another provider, or for other posts.
 */
export interface DisclosureOrderPayload {
  purpose: typeof DISCLOSURE_ORDER_PURPOSE;
  courtOrganisationId: string;
  caseNumber: string;
  orderedAt: string;
  content: string;
  lawOfficeOrganisationId: string;
  providerOrganisationId: string;
  claimant: string;
  targets: Target[];
  senderInformation: SenderInformation[];
}

export function disclosureOrderDigest(payload: DisclosureOrderPayload): string {
  return sha256Hex(canonicalJson(payload));
}

/** The payload a civil request's court order stands for, as the provider rebuilds it from the request. */
export function disclosureOrderPayloadOf(
  order: CourtOrder,
  request: {
    lawOfficeOrganisationId: string;
    providerOrganisationId: string;
    claimant: string;
    targets: Target[];
    senderInformation: readonly SenderInformation[];
  },
): DisclosureOrderPayload {
  return {
    purpose: DISCLOSURE_ORDER_PURPOSE,
    courtOrganisationId: order.courtOrganisationId,
    caseNumber: order.caseNumber,
    orderedAt: order.orderedAt,
    content: order.content,
    lawOfficeOrganisationId: request.lawOfficeOrganisationId,
    providerOrganisationId: request.providerOrganisationId,
    claimant: request.claimant,
    targets: request.targets,
    senderInformation: [...request.senderInformation],
  };
}

/**
 * The payload of the court order a civil request presents, rebuilt from the request as it states it
 * (`lawOfficeOrganisationId`: the office that sent it).
 */
export function presentedOrderPayload(
  content: CivilDisclosureRequestContent,
  order: CourtOrder,
  lawOfficeOrganisationId: string,
): DisclosureOrderPayload {
  return disclosureOrderPayloadOf(order, {
    lawOfficeOrganisationId,
    providerOrganisationId: content.providerOrganisationId,
    claimant: content.civil.claimant,
    targets: content.targets,
    senderInformation: content.civil.senderInformation ?? [],
  });
}

/**
 * Whether a judge's signature over a disclosure order verifies: the key is a judge's own credential
 * of the named court, valid and not revoked when the order was made, and its WebAuthn assertion signs
 * the digest of exactly this payload (the office, provider, claimant, posts and information sought).
 */
export function disclosureOrderVerifies(
  payload: DisclosureOrderPayload,
  attestation: { keyId: string; signature: string },
  judgeKey: PublicKeyRecord | undefined,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
): boolean {
  if (!courtIsCourt) return false;
  return judgeOrderVerifies(payload, disclosureOrderDigest(payload), attestation, judgeKey, verifyOwner);
}

/** How a civil request's court order stands: signed by a judge and verifying, altered, or hand-entered. */
export function courtOrderStatus(
  content: RequestContent | undefined,
  lawOfficeOrganisationId: string,
  judgeKey: PublicKeyRecord | undefined,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
): 'verified' | 'failed' | 'unsigned' | 'none' {
  if (content?.kind !== 'civil_disclosure' || content.civil.route !== 'court_order' || !content.civil.courtOrder) {
    return 'none';
  }
  const order = content.civil.courtOrder;
  if (!order.attestation) return 'unsigned';
  const payload = presentedOrderPayload(content, order, lawOfficeOrganisationId);
  return disclosureOrderVerifies(payload, order.attestation, judgeKey, courtIsCourt, verifyOwner)
    ? 'verified'
    : 'failed';
}

/**
 * The provider's check of a presented order, for the verification panel. A hand-entered order is
 * shown, not refused (not applicable, worded as unverified): the court may not use the system, and the
 * provider checks such an order with the court as before.
 */
export function courtOrderCheck(
  content: RequestContent | undefined,
  lawOfficeOrganisationId: string,
  judgeKey: PublicKeyRecord | undefined,
  courtIsCourt: boolean,
  verifyOwner: OwnerCheck,
): { ok: boolean | null; pass: Bilingual; fail: Bilingual } {
  const status = courtOrderStatus(content, lawOfficeOrganisationId, judgeKey, courtIsCourt, verifyOwner);
  const no = { ja: '', en: '' };
  const n = content?.kind === 'civil_disclosure' ? (content.civil.courtOrder?.caseNumber ?? '-') : '-';
  if (status === 'none') {
    return { ok: null, pass: { ja: '裁判所の命令の提示ではありません', en: 'no court order presented' }, fail: no };
  }
  if (status === 'unsigned') {
    return {
      ok: null,
      pass: {
        ja: `未確認: 命令（${n}）は代理人が入力したもので、裁判官の電子署名がありません。裁判所に確認してください`,
        en:
          `unverified: the order (${n}) was entered by the lawyer, ` +
          `without a judge's signature; check it with the court`,
      },
      fail: no,
    };
  }
  return {
    ok: status === 'verified',
    pass: {
      ja: `開示命令（${n}）の裁判官の電子署名は有効です`,
      en: `the judge's signature over the disclosure order (${n}) is valid`,
    },
    fail: {
      ja: `開示命令（${n}）の裁判官の署名を確認できません（改ざん・別の命令・鍵の不一致）`,
      en:
        `the judge's signature over the disclosure order (${n}) ` +
        `does not verify (altered, another order, or wrong key)`,
    },
  };
}
