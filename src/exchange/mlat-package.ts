import type { JsonWebKey } from 'node:crypto';
import { coseToJwk } from '../crypto/webauthn.ts';
import { findUnit, findUser } from '../directory/directory.repository.ts';
import { requireSigningKey } from '../directory/keys.ts';
import type { Principal } from '../domain/access.ts';
import { payloadDigest, type SignedEnvelope, SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { treatyLabel } from '../domain/mlat.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { describeTarget } from '../domain/targets.ts';
import { DATA_CATEGORY_LABELS } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { mlatWithdrawn } from './mlat-route.ts';
import { loadVisible } from './requests.ts';

export const MLAT_PACKAGE_FORMAT = 'shokai-mlat-package/v1';

/** A key that signed what a package carries, with what a verifier abroad needs of it. */
export interface PackageSigner {
  keyId: string;
  /** 'Ed25519', or for an approver's own credential 'webauthn-ES256' (publicKey is then its COSE_Key). */
  algorithm: string;
  publicKey: string;
  /** For an approver's own credential: the relying-party id its assertion is scoped to. */
  rpId?: string;
  /** For an approver's own credential: its public key as a JWK (P-256), for a plain verifier. */
  publicKeyJwk?: JsonWebKey;
  fingerprint: string;
  validFrom: string;
  validTo: string | null;
  holder: string;
}

export interface MlatPackage {
  format: typeof MLAT_PACKAGE_FORMAT;
  createdAt: string;
  envelope: SignedEnvelope;
  digest: string;
  signers: Array<{ role: 'approver' | 'unit' } & PackageSigner>;
  verification: string;
  summary: { en: string; ja: string };
}

/**
 * The outgoing mutual-legal-assistance package: the signed request with the public keys that verify
 * it and a summary in English and Japanese, self-contained so that the central authority and the
 * foreign authority can check it offline (Ed25519 over the RFC 8785 form of `envelope.payload`).
 */
export async function mlatPackage(uow: UnitOfWork, p: Principal, id: string): Promise<MlatPackage> {
  const { tx, now } = uow;
  const { row, side } = await loadVisible(tx, p, id);
  if (row.kind !== 'mlat' || side !== 'agency' || !row.envelope) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: 'この要請には国際捜査共助の送付用パッケージがありません（承認済みの共助要請のみ）',
        en: 'this request has no MLAT package (approved mutual-legal-assistance requests only)',
      },
      { id },
    );
  }
  // A withdrawn request (then perhaps closed) is one its unit no longer stands by: a package made now would
  // still verify abroad, where nothing tells of the withdrawal.
  if (mlatWithdrawn(row)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: 'この国際捜査共助要請は取り下げられています。送付用パッケージは作成できません',
        en: 'this mutual-legal-assistance request was withdrawn: no package is made for it',
      },
      { field: 'state', value: row.state },
    );
  }
  const envelope = SignedEnvelopeSchema.parse(JSON.parse(row.envelope));
  const content = RequestContentSchema.parse(envelope.payload.content);
  if (content.kind !== 'mlat')
    throw new DomainError('INTERNAL', { ja: '内容の種別が一致しません', en: 'content kind mismatch' });
  const signers: MlatPackage['signers'] = [];
  for (const [role, sig] of [
    ['approver', envelope.signatures.approver],
    ['unit', envelope.signatures.unit],
  ] as const) {
    signers.push({ role, ...(await packageSigner(tx, sig.keyId, role === 'unit' ? 'unit' : 'person')) });
  }
  const targets = content.targets.map((t, i) => `  ${i + 1}. ${describeTarget(t, 'en')}`).join('\n');
  const targetsJa = content.targets.map((t, i) => `  ${i + 1}. ${describeTarget(t, 'ja')}`).join('\n');
  const summary = {
    en: [
      `Request for mutual legal assistance ${row.reference}`,
      `To: ${content.mlat.foreignAuthority} (${content.mlat.requestedCountry})` +
        `${content.mlat.foreignProvider ? `, concerning records held by ${content.mlat.foreignProvider}` : ''}`,
      `Legal basis: ${treatyLabel(content.mlat.treaty).en}`,
      `Offence: ${content.offence}`,
      `Facts: ${content.facts}`,
      `Necessity: ${content.necessity}`,
      `Data requested: ${content.categories.map((c) => DATA_CATEGORY_LABELS[c].en).join(', ')}`,
      `Identifiers:\n${targets}`,
      `Issued ${envelope.payload.issuedAt}, ` +
        `approved and signed by ${signers[0]?.holder ?? ''} (key ${signers[0]?.fingerprint ?? ''}) ` +
        `and by ${signers[1]?.holder ?? ''} (key ${signers[1]?.fingerprint ?? ''}).`,
    ].join('\n'),
    ja: [
      `国際捜査共助要請 ${row.reference}`,
      `宛先: ${content.mlat.foreignAuthority}（${content.mlat.requestedCountry}）` +
        `${content.mlat.foreignProvider ? `／対象事業者 ${content.mlat.foreignProvider}` : ''}`,
      `根拠: ${treatyLabel(content.mlat.treaty).ja}`,
      `罪名: ${content.offence}`,
      `被疑事実の要旨: ${content.facts}`,
      `必要性: ${content.necessity}`,
      `求めるデータ: ${content.categories.map((c) => DATA_CATEGORY_LABELS[c].ja).join('、')}`,
      `対象:\n${targetsJa}`,
      `発出 ${envelope.payload.issuedAt}`,
    ].join('\n'),
  };
  await uow.auditBy(p, 'request.viewed', ['request', id], { mlatPackage: true });
  return {
    format: MLAT_PACKAGE_FORMAT,
    createdAt: now.toISOString(),
    envelope,
    digest: payloadDigest(envelope.payload),
    signers,
    verification:
      envelope.v === 2
        ? 'The unit signature is Ed25519 over the UTF-8 bytes of "shokai/v1\\nrequest.unit\\n" + ' +
          'the RFC 8785 canonical JSON of envelope.payload. ' +
          'The approver signed on their own device (WebAuthn): ' +
          'the approver signature (ES256, DER) is over authenticatorData || SHA-256(clientDataJSON), ' +
          'where clientDataJSON.challenge is the base64url of SHA-256 of the canonical JSON of envelope.payload ' +
          'without envelopeId and issuedAt, authenticatorData starts with SHA-256(rpId) ' +
          'and has the user-verified flag (0x04) set; ' +
          'the public key is the COSE_Key given (publicKeyJwk: the same key as a JWK). ' +
          'digest is SHA-256 of the canonical payload.'
        : 'Each signature is Ed25519 over the UTF-8 bytes of "shokai/v1\\n" + purpose + "\\n" + ' +
          'the RFC 8785 canonical JSON of envelope.payload; ' +
          'purpose is "request.approval" for the approver and "request.unit" for the unit. ' +
          'digest is SHA-256 of the canonical payload.',
    summary,
  };
}

/**
 * The key `keyId` as a package names it: its public part (for a person's own credential its COSE_Key, the
 * relying party and a JWK), fingerprint, validity and holder (a person's name, or the unit's).
 */
export async function packageSigner(tx: Tx, keyId: string, holderKind: 'unit' | 'person'): Promise<PackageSigner> {
  const k = await requireSigningKey(tx, keyId);
  const holder =
    holderKind === 'person'
      ? ((await findUser(tx, k.owner_id))?.display_name ?? k.owner_id)
      : ((await findUnit(tx, k.owner_id))?.name_en ?? k.owner_id);
  return {
    keyId: k.id,
    algorithm: k.algorithm,
    publicKey: k.public_key,
    ...(k.rp_id ? { rpId: k.rp_id, publicKeyJwk: coseToJwk(k.public_key) ?? {} } : {}),
    fingerprint: k.fingerprint,
    validFrom: k.valid_from,
    validTo: k.valid_to,
    holder,
  };
}
