import { SIGNATURE_PURPOSES, verifyCanonical } from '../crypto/signatures.ts';
import { verifyWebAuthnAssertion, type WebAuthnProblem } from '../crypto/webauthn.ts';
import {
  type AttestingCourt,
  attestationDigest,
  hubNotJudgeMessage,
  judgeSignatureVerifies,
  type OwnerCheck,
  unpackOwnerSignature,
  warrantAttested,
} from './attestation.ts';
import { courtOrderCheck } from './disclosure-order.ts';
import type { DesignatorFacts } from './duty.ts';
import { approvalDigest, type SignedEnvelope } from './envelope.ts';
import type { ErrorCode } from './errors.ts';
import { keyCompromisedBy, keyRevokedBy, keyValidAt, type PublicKeyRecord, signingKeyOf } from './key-trust.ts';
import { setAsideMessage } from './order-standing.ts';
import type { WebAuthnSignature } from './owner-signature.ts';
import { passkeyProblemMessages } from './passkey-problems.ts';
import { type RequestContent, WARRANT_ATTESTATION_PURPOSE, warrantAttestationPayload } from './request-content.ts';
import { shownFingerprint } from './shown-text.ts';
import { type AuthorityFacts, approverAuthority } from './signer-authority.ts';
import type { Bilingual, SetAsideGround, VerificationCheckName } from './vocabulary.ts';

/** A key in a check's words: its fingerprint as people read it (never like an address). */
const keyShown = (k: PublicKeyRecord | undefined) => (k ? shownFingerprint(k.fingerprint) : '-');

export { VERIFICATION_CHECKS, type VerificationCheckName } from './vocabulary.ts';

export interface VerificationCheck {
  name: VerificationCheckName;
  status: 'pass' | 'fail' | 'not_applicable';
  message: Bilingual;
}
/** What a provider is shown of the approver's credential: how old it was, and who countersigned it. */
export interface ApproverCredential {
  keyFingerprint: string;
  validFrom: string;
  /** Hours between the credential's start and the signing. */
  ageHoursAtSigning: number;
  /** The second person who countersigned the approver's role; null for a role held from before. */
  countersignedBy: string | null;
  countersignedAt: string | null;
}

/**
 * A second check a provider makes before answering an emergency signed with a new (or never
 * countersigned) approver credential: a call-back to the number the directory registers for the unit.
 */
export interface SecondCheck {
  required: boolean;
  reason: Bilingual;
  callbackPhone: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  note: string | null;
}

export interface VerificationReport {
  ok: boolean;
  verifiedAt: string;
  checks: VerificationCheck[];
  approverCredential?: ApproverCredential;
}

/** What the provider side knows from the directory when it verifies an envelope. */
export interface VerificationFacts {
  approverKey: PublicKeyRecord | undefined;
  unitKey: PublicKeyRecord | undefined;
  approver: AuthorityFacts['approver'];
  /** The kind of the issuing organisation (a police force, or a law office for civil disclosure). */
  requesterKind?: string | undefined;
  /**
   * The approver's active signing grant — unit head, or lawyer at a law office: who countersigned it
   * and when (undefined: no such grant).
   */
  approverGrant: { countersignedBy: string | null; countersignedAt: string | null } | undefined;
  /** When the envelope carries a duty designation (当直責任者): what the directory says of its designator. */
  designator?: DesignatorFacts;
  courtKey: PublicKeyRecord | undefined;
  courtIsCourt: boolean;
  /** The court a warrant names, by its directory name, and the judge whose own credential attested it. */
  court?: AttestingCourt | undefined;
  /** A civil request's court order signed in the system: the judge's key it names, and whether its court is one. */
  orderJudgeKey?: PublicKeyRecord | undefined;
  orderCourtIsCourt?: boolean;
  /** Whoever signed the warrant, or the order, held no judge's role at its court then (hubJudgeRefusal). */
  courtSignerNotJudge?: boolean;
  orderSignerNotJudge?: boolean;
  /** The court set the presented order aside on an objection suit (when it issued it on this hub). */
  orderSetAside?: { at: string; ground: SetAsideGround } | undefined;
  alreadySeen: boolean;
  /** The warrant named by this envelope was already used by another request. */
  warrantUsedElsewhere: boolean;
  receivingProviderId: string;
  /** The parsed content, or undefined when the payload content does not parse. */
  content: RequestContent | undefined;
  /**
   * Why the content fails the rules a local draft must meet (content validation, the legal matrix,
   * the receiving provider's published policy), or null when it meets them.
   */
  contentProblem: { code: ErrorCode; message: Bilingual } | null;
}

/**
 * Whether a court's attestation of a warrant verifies for the agency that presents it: the key is the
 * court's own, valid and not revoked when the warrant was issued, and its signature covers this
 * warrant, these targets and categories, this provider AND this agency — so no other agency can
 * present (or use up) it.
 */
export function warrantAttestationVerifies(
  content: RequestContent | undefined,
  agencyOrganisationId: string,
  courtKey: PublicKeyRecord | undefined,
  courtIsCourt: boolean,
): boolean {
  if (content?.kind !== 'warrant' || !courtKey || !courtIsCourt) return false;
  const w = content.warrant;
  const issued = new Date(w.issuedAt).toISOString();
  const own = unpackOwnerSignature(w.attestation.signature);
  if (own) {
    // The judge's own credential (a user of the court), over the attestation digest.
    const digest = attestationDigest(content, agencyOrganisationId);
    return judgeSignatureVerifies(courtKey, w.courtOrganisationId, issued, digest, own, ownerSignatureVerifies);
  }
  return (
    signingKeyOf(courtKey, { ownerType: 'organisation', organisationId: w.courtOrganisationId }) &&
    keyValidAt(courtKey, issued) &&
    !keyRevokedBy(courtKey, issued) &&
    verifyCanonical(
      courtKey.publicKey,
      WARRANT_ATTESTATION_PURPOSE,
      warrantAttestationPayload(content, agencyOrganisationId),
      w.attestation.signature,
    )
  );
}

/** Why a signature made on the owner's own device does not verify, in words for people. */
export const WEBAUTHN_PROBLEM_MESSAGES: Record<WebAuthnProblem | 'not_a_credential', Bilingual> = {
  not_a_credential: {
    ja: '署名者の鍵は本人の認証器として登録されたものではありません',
    en: "the signer's key is not a registered credential of their own",
  },
  ...passkeyProblemMessages({ ja: '要請', en: 'this content' }),
};

/**
 * Why a signature made with an owner-held credential over `digestHex` does not verify, or null when
 * it does: the key must be a registered credential, the same one the signature names.
 */
export function ownerSignatureProblem(
  key: PublicKeyRecord,
  digestHex: string,
  sig: Pick<WebAuthnSignature, 'credentialId' | 'authenticatorData' | 'clientDataJSON' | 'signature'>,
): WebAuthnProblem | 'not_a_credential' | null {
  if (!key.credential || key.credential.id !== sig.credentialId) return 'not_a_credential';
  return verifyWebAuthnAssertion(key.publicKey, key.credential.rpId, digestHex, sig);
}

/** ownerSignatureProblem as the yes-or-no check the pure modules take (./attestation.ts's OwnerCheck). */
export const ownerSignatureVerifies: OwnerCheck = (key, digestHex, sig) =>
  ownerSignatureProblem(key, digestHex, sig) === null;

/**
 * Whether the approver's signature over an envelope verifies under `key` (whoever owns it), and for a
 * passkey's that does not, why in words for people. v2: the approver's own credential signed the
 * approval digest (WebAuthn, checked offline); v1: an Ed25519 key the hub held signed the payload.
 */
export function approverSignature(env: SignedEnvelope, key: PublicKeyRecord): { ok: boolean; why?: Bilingual } {
  if (env.v === 2) {
    const problem = ownerSignatureProblem(key, approvalDigest(env.payload), env.signatures.approver);
    return problem === null ? { ok: true } : { ok: false, why: WEBAUTHN_PROBLEM_MESSAGES[problem] };
  }
  const sig = env.signatures.approver.signature;
  return {
    ok: !key.credential && verifyCanonical(key.publicKey, SIGNATURE_PURPOSES.requestApproval, env.payload, sig),
  };
}

/** Whether the unit's signature over an envelope's payload verifies under `key` (whoever owns it). */
export function unitSignatureVerifies(env: SignedEnvelope, key: PublicKeyRecord): boolean {
  return verifyCanonical(key.publicKey, SIGNATURE_PURPOSES.requestUnit, env.payload, env.signatures.unit.signature);
}

/** Allowed clock skew between the issuing server and the receiver (the hub's, and a provider's installation's). */
export const SKEW_MS = 5 * 60 * 1000;

/**
 * The approver's authority over an envelope (the check `approver_authority`) from what a directory says
 * of the signers: the hub's live directory, or a provider's pinned copy (./pinned-authority.ts).
 */
export function envelopeAuthority(
  env: SignedEnvelope,
  facts: AuthorityFacts,
  now: Date,
): ReturnType<typeof approverAuthority> {
  const p = env.payload;
  const issuedDate = new Date(p.issuedAt);
  const issuedOk = !Number.isNaN(issuedDate.getTime()) && issuedDate.getTime() <= now.getTime() + SKEW_MS;
  const duty = p.dutyDesignation;
  return approverAuthority(
    p,
    facts,
    issuedOk,
    issuedDate,
    (key, digest) => duty?.v === 2 && ownerSignatureProblem(key, digest, duty.signature) === null,
  );
}

/**
 * Verifies a signed request envelope before anyone reads it: both signatures, the keys' validity at
 * signing time, revocation, the approver's authority, the court's warrant attestation, replay and
 * addressee. Pure: the facts come from the directory. Every check is reported, failed or not.
 */
export function verifyEnvelope(env: SignedEnvelope, facts: VerificationFacts, now: Date): VerificationReport {
  const p = env.payload;
  const checks: VerificationCheck[] = [];
  const add = (name: VerificationCheckName, ok: boolean | null, pass: Bilingual, fail: Bilingual): void => {
    checks.push({
      name,
      status: ok === null ? 'not_applicable' : ok ? 'pass' : 'fail',
      message: ok === false ? fail : pass,
    });
  };

  const ak = facts.approverKey;
  const approverOwnsKey =
    !!ak && signingKeyOf(ak, { ownerType: 'user', userId: p.approverUserId, organisationId: p.agencyOrganisationId });
  const approverSig = ak ? approverSignature(env, ak) : undefined;
  const approverSigOk = approverOwnsKey && approverSig?.ok === true;
  add(
    'signature_approver',
    approverSigOk,
    env.v === 2
      ? {
          ja: `決裁者本人の認証器による署名は有効です（本人確認済み・鍵 ${keyShown(ak)}）`,
          en: `the approver's own credential signed it, with user verification (key ${keyShown(ak)})`,
        }
      : {
          ja: `決裁者の署名は有効です（鍵 ${keyShown(ak)}）`,
          en: `the approver's signature is valid (key ${keyShown(ak)})`,
        },
    ak
      ? (approverSig?.why ?? {
          ja: '決裁者の署名が内容と一致しません（改ざんまたは偽造）',
          en: "the approver's signature does not match the content (altered or forged)",
        })
      : {
          ja: `決裁者の署名鍵 ${env.signatures.approver.keyId} は登録されていません`,
          en: `the approver's key ${env.signatures.approver.keyId} is not in the directory`,
        },
  );

  const uk = facts.unitKey;
  const unitSigOk =
    !!uk &&
    signingKeyOf(uk, { ownerType: 'unit', unitId: p.unitId, organisationId: p.agencyOrganisationId }) &&
    unitSignatureVerifies(env, uk);
  add(
    'signature_unit',
    unitSigOk,
    {
      ja: `所属の署名は有効です（鍵 ${keyShown(uk)}）`,
      en: `the unit's signature is valid (key ${keyShown(uk)})`,
    },
    uk
      ? {
          ja: '所属の署名が内容と一致しません（改ざんまたは偽造）',
          en: "the unit's signature does not match the content (altered or forged)",
        }
      : {
          ja: `所属の署名鍵 ${env.signatures.unit.keyId} は登録されていません`,
          en: `the unit's key ${env.signatures.unit.keyId} is not in the directory`,
        },
  );

  // Compare instants, not strings: an envelope from elsewhere may write its time with an offset.
  const issuedDate = new Date(p.issuedAt);
  const issuedOk = !Number.isNaN(issuedDate.getTime()) && issuedDate.getTime() <= now.getTime() + SKEW_MS;
  const issued = issuedOk ? issuedDate.toISOString() : p.issuedAt;
  const validity = issuedOk && !!ak && !!uk && keyValidAt(ak, issued) && keyValidAt(uk, issued);
  add(
    'key_validity',
    validity,
    { ja: '署名時点で両方の鍵が有効期間内でした', en: 'both keys were within their validity period at signing time' },
    issuedOk
      ? { ja: '署名時点で有効期間外の鍵が使われています', en: 'a key was outside its validity period at signing time' }
      : {
          ja: `発出時刻 ${issued} が不正です（未来または解釈不能）`,
          en: `the issue time ${issued} is invalid (in the future or unreadable)`,
        },
  );

  const revoked =
    (ak && keyRevokedBy(ak, issuedOk ? issuedDate : now)) ||
    (uk && keyRevokedBy(uk, issuedOk ? issuedDate : now)) ||
    (ak && keyCompromisedBy(ak, now)) ||
    (uk && keyCompromisedBy(uk, now));
  add(
    'revocation',
    !!ak && !!uk && !revoked,
    { ja: '署名に使われた鍵は失効していません', en: 'the signing keys were not revoked' },
    { ja: '署名に使われた鍵は失効しています', en: 'a signing key has been revoked' },
  );

  const authority = envelopeAuthority(env, facts, now);
  add('approver_authority', authority.ok, authority.pass, authority.fail);
  if (p.kind === 'warrant') {
    const c = facts.content;
    const w = c && c.kind === 'warrant' ? c.warrant : undefined;
    const n = w?.warrantNumber ?? '-';
    const ok =
      !facts.warrantUsedElsewhere &&
      !facts.courtSignerNotJudge &&
      !!w &&
      warrantAttestationVerifies(c, p.agencyOrganisationId, facts.courtKey, facts.courtIsCourt) &&
      new Date(w.validUntil).getTime() >= issuedDate.getTime();
    add(
      'warrant_attestation',
      ok,
      warrantAttested(n, facts.court),
      facts.warrantUsedElsewhere
        ? { ja: 'この令状は既に別の要請で使用されています', en: 'this warrant was already used by another request' }
        : facts.courtSignerNotJudge
          ? hubNotJudgeMessage({ ja: `令状 ${n} `, en: `warrant ${n}` })
          : {
              ja: '令状の裁判所署名を確認できません（鍵・署名・有効期間）',
              en: "the court's warrant attestation does not verify (key, signature or validity)",
            },
    );
  } else {
    add('warrant_attestation', null, { ja: '令状ではありません', en: 'not a warrant' }, { ja: '', en: '' });
  }

  const order = courtOrderCheck(
    facts.content,
    p.agencyOrganisationId,
    facts.orderJudgeKey,
    !!facts.orderCourtIsCourt,
    ownerSignatureVerifies,
  );
  const setAside = facts.orderSetAside;
  const n = facts.content?.kind === 'civil_disclosure' ? (facts.content.civil.courtOrder?.caseNumber ?? '-') : '-';
  const why =
    order.ok === true && facts.orderSignerNotJudge
      ? hubNotJudgeMessage({ ja: `開示命令（${n}）`, en: `the disclosure order (${n})` })
      : setAside && order.ok !== false
        ? setAsideMessage(n, setAside.at, setAside.ground)
        : undefined;
  add('court_order', why ? false : order.ok, order.pass, why ?? order.fail);

  add(
    'replay',
    !facts.alreadySeen,
    { ja: 'この要請を受け取るのは初めてです', en: 'this request has not been received before' },
    {
      ja: '同じ署名済み要請を既に受け取っています（再送・リプレイ）',
      en: 'this signed request was already received (replay)',
    },
  );

  const cp = facts.contentProblem;
  add(
    'content_rules',
    cp === null,
    {
      ja: '内容は法令の類型と当社の対応方針に適合しています',
      en: 'the content meets the rules, the legal matrix and our published policy',
    },
    cp?.message ?? { ja: '', en: '' },
  );

  add(
    'addressee',
    p.providerOrganisationId === facts.receivingProviderId,
    { ja: '宛先は当社です', en: 'the request is addressed to this provider' },
    { ja: '宛先が当社ではありません', en: 'the request is addressed to another organisation' },
  );

  const approverCredential: ApproverCredential | undefined =
    ak && issuedOk
      ? {
          keyFingerprint: ak.fingerprint,
          validFrom: ak.validFrom,
          ageHoursAtSigning: Math.max(0, (issuedDate.getTime() - Date.parse(ak.validFrom)) / 3_600_000),
          countersignedBy: facts.approverGrant?.countersignedBy ?? null,
          countersignedAt: facts.approverGrant?.countersignedAt ?? null,
        }
      : undefined;
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    verifiedAt: now.toISOString(),
    checks,
    ...(approverCredential ? { approverCredential } : {}),
  };
}
