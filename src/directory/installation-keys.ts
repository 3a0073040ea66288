import { z } from 'zod';
import { keyFingerprint } from '../crypto/keys.ts';
import { verify } from '../crypto/signatures.ts';
import { type Caller, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { installationKeyProofInput } from '../domain/answer-signing.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { findOrganisation } from './directory.repository.ts';
import { type KeyRegistration, refuseRegisteredInstallationKey, submitKeyRegistration } from './key-registrations.ts';

// The provider's installation key (issue 11): an Ed25519 key pair generated on the provider's own
// machine (`shokai provider key init`), whose public part a provider administrator registers here
// (`shokai provider key register`). It becomes the provider's organisation signing key — in the
// directory, hence in the transparency log that other installations pin — and any signing key the hub
// held for the provider is destroyed: from then on only the provider can sign its answers. One
// administrator's registration waits for a second person (./key-registrations.ts).

const B64u = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, `${what}: base64url`)
    .refine(
      (s) => Buffer.from(s, 'base64url').length === bytes && Buffer.from(s, 'base64url').toString('base64url') === s,
      {
        message: `${what}: expected ${bytes} bytes of base64url`,
      },
    );

export const RegisterInstallationKeyInput = z.strictObject({
  /** The Ed25519 public key, raw 32 bytes, base64url. */
  publicKey: B64u(32, 'publicKey'),
  /** The new key's signature over {organisationId, publicKey} (purpose installation-key): proof of possession. */
  proof: B64u(64, 'proof'),
});

export async function registerInstallationKey(
  uow: UnitOfWork,
  caller: Caller,
  organisationId: string,
  raw: unknown,
): Promise<KeyRegistration> {
  requirePermission(caller, 'key.manage');
  requireSameOrganisation(caller, organisationId);
  const input = parseOrThrow(RegisterInstallationKeyInput, raw);
  const org = await findOrganisation(uow.tx, organisationId);
  if (org?.kind !== 'provider') {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `組織 ${organisationId} は事業者ではありません（設置鍵は事業者の回答の署名用です）`,
        en: `organisation ${organisationId} is not a provider (an installation key signs a provider's answers)`,
      },
      { field: 'organisationId', value: organisationId },
    );
  }
  if (!verify(input.publicKey, installationKeyProofInput(organisationId, input.publicKey), input.proof)) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '設置鍵の所持の証明（署名）を確認できません。shokai provider key register で登録してください',
        en:
          'the proof of possession of the installation key does ' +
          'not verify (register it with shokai provider key register)',
      },
      { field: 'proof' },
    );
  }
  await refuseRegisteredInstallationKey(uow.tx, organisationId, input.publicKey);
  return submitKeyRegistration(uow, caller, {
    kind: 'installation_key',
    organisation_id: organisationId,
    public_key: input.publicKey,
    fingerprint: keyFingerprint(input.publicKey),
  });
}
