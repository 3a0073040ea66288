import { DomainError } from '../domain/errors.ts';
import { toDate } from '../domain/instant.ts';
import { type DeclaredNetworks, type NetworksSignature, networksSignatureVerifies } from '../domain/pinned-networks.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { signedNetworkDeclarationInstants } from './directory.repository.ts';
import { currentKey } from './key.repository.ts';

// A declaration of networks signed on the provider's own installation (`shokai provider networks
// declare`) with its installation key: the hub checks it against the key registered with proof of
// possession, before it is kept and logged. A provider that holds an installation key declares only so:
// an unsigned declaration (the hub's admin page) is refused for it, since the hub could make one.

/** How far the instant a declaration was signed at may lie from the hub's clock. */
export const SIGNED_AT_WINDOW_MS = 5 * 60_000;

const FROM_INSTALLATION = {
  ja:
    'この事業者は設置鍵を登録しているため、保有ネットワークは事業者の設置から署名して申告します' +
    '（shokai provider networks declare）。ハブの画面からの署名のない申告は受け付けません',
  en:
    'this provider has registered an installation key, so its networks are declared signed from its own installation' +
    " (shokai provider networks declare); an unsigned declaration from the hub's page is not accepted",
};

/** The provider's installation key: its current organisation signing key whose private part the hub never held. */
export async function installationKeyOf(uow: UnitOfWork, organisationId: string) {
  const k = await currentKey(uow.tx, 'organisation', organisationId, 'signing', uow.now);
  return k && !k.private_key_wrapped ? k : undefined;
}

/**
 * The signature checked, or null for an unsigned declaration of a provider without an installation key;
 * every refusal names the field (signature, signature.keyId, signature.signedAt, signature.value).
 */
export async function checkDeclarationSignature(
  uow: UnitOfWork,
  declared: DeclaredNetworks,
  signature: NetworksSignature | undefined,
): Promise<NetworksSignature | null> {
  const key = await installationKeyOf(uow, declared.organisationId);
  if (!signature) {
    if (key) throw new DomainError('FORBIDDEN', FROM_INSTALLATION, { field: 'signature', reason: 'from_installation' });
    return null;
  }
  if (!key) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: `事業者 ${declared.organisationId} は設置鍵を登録していません（shokai provider key register）`,
        en: `provider ${declared.organisationId} has no installation key registered (shokai provider key register)`,
      },
      { field: 'signature.keyId', value: signature.keyId },
    );
  }
  if (signature.keyId !== key.id) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: `鍵 ${signature.keyId} はこの事業者の現在の設置鍵ではありません（${key.id}）`,
        en: `key ${signature.keyId} is not this provider's current installation key (${key.id})`,
      },
      { field: 'signature.keyId', value: signature.keyId },
    );
  }
  const signedAt = toDate(signature.signedAt, 'signature.signedAt').getTime();
  if (Math.abs(signedAt - uow.now.getTime()) > SIGNED_AT_WINDOW_MS) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `署名の時刻 ${signature.signedAt} がハブの時刻から 5 分以上離れています（古い申告の再送か、時計のずれ）`,
        en:
          `the signing time ${signature.signedAt} is more than 5 minutes ` +
          `from the hub's clock (an old declaration sent again, or a clock off)`,
      },
      { field: 'signature.signedAt', value: signature.signedAt },
    );
  }
  const last = (await signedNetworkDeclarationInstants(uow.tx, declared.organisationId))
    .map((at) => ({ at, ms: toDate(at).getTime() }))
    .find((x) => x.ms >= signedAt);
  if (last) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `この申告は既に受け付けた申告（${last.at} 署名）より新しくありません（再送）`,
        en: `this declaration is not newer than one already accepted (signed ${last.at}): sent again`,
      },
      { field: 'signature.signedAt', value: signature.signedAt },
    );
  }
  if (!networksSignatureVerifies(key.public_key, declared, signature)) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '申告の署名が設置鍵で検証できません（内容が署名したものと違うか、別の鍵）',
        en:
          "the declaration's signature does not verify under the " +
          'installation key (not what was signed, or another key)',
      },
      { field: 'signature.value' },
    );
  }
  return signature;
}
