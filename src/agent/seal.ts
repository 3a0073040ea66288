import {
  type AnswerRecipientKey,
  type AnswerSigner,
  buildSealedAnswer,
  importInstallationKey,
  installationKeySigner,
} from '../client/answer-seal.ts';
import { sealAnswerFile } from '../client/attachment-seal.ts';
import { unwrap } from '../client/client.ts';
import { b64uToBytes, CUSTODY_KEY_ALGORITHM } from '../crypto/device-seal.ts';
import { publicKeyFromPrivate } from '../crypto/keys.ts';
import { importDirectory } from '../directory/transparency.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { keyRevokedBy, keyValidAt, type PublicKeyRecord } from '../domain/key-trust.ts';
import { type DirectoryExport, directoryKeys } from '../domain/pinned-directory.ts';
import type { AppContext } from '../kernel/context.ts';
import { inTransaction, run } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { fetchDirectory, type HubLink } from './hub.ts';
import { pinnedDirectory } from './intake.ts';
import { ownKeysWatch } from './keys-monitor.ts';
import { envelopeOf } from './request-row.ts';
import type { Sealer } from './review.ts';

// Sealing an approved answer on the provider's installation (src/client/answer-seal.ts builds it): the
// installation key signs, the box goes to the requesting unit's current answer key and to the provider's
// own record key. Those keys are taken ONLY from the pinned directory: when the hub names a key (its
// answer-keys call), the agent seals to it only if the pinned directory — refreshed, if need be, with
// a newer directory that verifies under the pinned hub key and appends to the pinned log — lists it as a
// current encryption key of that very unit or of this provider. A hub that substituted a key of its own
// would get nothing it can open.

export interface SealKeys {
  unitKey: AnswerRecipientKey;
  ownKey: AnswerRecipientKey;
}

const KEY_REFUSED = (whose: string, keyId: string) =>
  new DomainError(
    'KEY_UNKNOWN',
    {
      ja: `${whose === 'unit' ? '要請元所属' : '自社'}の暗号化鍵 ${keyId} は固定済みディレクトリにないか、現在有効ではありません。封緘しません`,
      en:
        `the ${whose === 'unit' ? "requesting unit's" : "provider's own"} encryption ` +
        `key ${keyId} is not a current key in the pinned directory: nothing is sealed`,
    },
    { field: whose === 'unit' ? 'unitKey' : 'ownKey', value: keyId },
  );

/**
 * A current encryption key of that owner — and not a key the hub holds (legacy X25519) for an owner whose answer
 * key the log shows on its members' devices: custody never moves back to the hub, so such a key is one the hub
 * slipped in to open the answer.
 */
function current(
  dir: DirectoryExport,
  k: PublicKeyRecord | undefined,
  ownerType: string,
  ownerId: string,
  now: Date,
): boolean {
  if (
    !k ||
    k.ownerType !== ownerType ||
    k.ownerId !== ownerId ||
    k.purpose !== 'encryption' ||
    k.validTo !== null ||
    keyRevokedBy(k, now) ||
    !keyValidAt(k, now)
  ) {
    return false;
  }
  if (k.algorithm === CUSTODY_KEY_ALGORITHM) return true;
  return ![...directoryKeys(dir).values()].some(
    (o) =>
      o.ownerType === ownerType &&
      o.ownerId === ownerId &&
      o.purpose === 'encryption' &&
      o.algorithm === CUSTODY_KEY_ALGORITHM,
  );
}

/** The newest current encryption key of an owner in the pinned directory. */
export function currentKeyIn(
  dir: DirectoryExport,
  ownerType: string,
  ownerId: string,
  now: Date,
): AnswerRecipientKey | undefined {
  const keys = [...directoryKeys(dir).values()].filter((k) => current(dir, k, ownerType, ownerId, now));
  keys.sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom));
  const k = keys[0];
  return k ? { id: k.id, publicKey: k.publicKey, algorithm: k.algorithm } : undefined;
}

function check(dir: DirectoryExport, key: AnswerRecipientKey, ownerType: string, ownerId: string, now: Date) {
  const k = directoryKeys(dir).get(key.id);
  return current(dir, k, ownerType, ownerId, now) && k?.publicKey === key.publicKey && k.algorithm === key.algorithm;
}

/**
 * The keys to seal an answer to. Online: the keys the hub names, accepted only as current keys of the
 * envelope's unit and of this provider in the pinned directory (refreshed once if needed). Offline (file
 * mode): the pinned directory's current keys.
 */
export async function resolveSealKeys(
  ctx: AppContext,
  hub: HubLink | null,
  row: AgentRequestRow,
  organisationId: string,
): Promise<SealKeys> {
  const unitId = envelopeOf(row).payload.unitId;
  const now = ctx.clock();
  let dir = await inTransaction(ctx, (uow) => pinnedDirectory(uow));
  if (!dir) throw KEY_REFUSED('unit', '-');
  if (!hub) {
    const unitKey = currentKeyIn(dir, 'unit', unitId, now);
    const ownKey = currentKeyIn(dir, 'organisation', organisationId, now);
    if (!unitKey) throw KEY_REFUSED('unit', '-');
    if (!ownKey) throw KEY_REFUSED('own', '-');
    await requireOwnKeyConfirmed(ctx, dir, ownKey.id);
    return { unitKey, ownKey };
  }
  const listed = await unwrap(
    hub.api.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: row.request_id } } }),
  );
  const ok = (d: DirectoryExport) =>
    check(d, listed.unitKey, 'unit', unitId, now) && check(d, listed.ownKey, 'organisation', organisationId, now);
  if (!ok(dir)) {
    // Perhaps a key newer than the pin: take the hub's directory only if it extends the pinned one.
    await run(ctx, importDirectory, SYSTEM_CALLER, await fetchDirectory(hub));
    dir = (await inTransaction(ctx, (uow) => pinnedDirectory(uow))) ?? dir;
    if (!check(dir, listed.unitKey, 'unit', unitId, now)) throw KEY_REFUSED('unit', listed.unitKey.id);
    if (!check(dir, listed.ownKey, 'organisation', organisationId, now)) throw KEY_REFUSED('own', listed.ownKey.id);
  }
  await requireOwnKeyConfirmed(ctx, dir, listed.ownKey.id);
  return {
    unitKey: { id: listed.unitKey.id, publicKey: listed.unitKey.publicKey, algorithm: listed.unitKey.algorithm },
    ownKey: { id: listed.ownKey.id, publicKey: listed.ownKey.publicKey, algorithm: listed.ownKey.algorithm },
  };
}

/**
 * The provider's own copy goes only to a key of its own it knows: one in the pin when its watch of the keys in
 * its name began, or one a person of the provider confirmed since (./keys-monitor.ts). A key the hub slipped
 * into the log in the provider's name — unconfirmed, or said "not ours" — would let the hub open every answer.
 */
async function requireOwnKeyConfirmed(ctx: AppContext, dir: DirectoryExport, keyId: string): Promise<void> {
  const watch = await inTransaction(ctx, (uow) => ownKeysWatch(uow, dir));
  const disowned = watch?.disowned.some((k) => k.id === keyId) ?? false;
  if (!disowned && !watch?.unconfirmed.some((k) => k.id === keyId)) return;
  throw new DomainError(
    'KEY_UNKNOWN',
    disowned
      ? {
          ja: `自社の暗号化鍵 ${keyId} は、自社の人が「自社のものではない」とした鍵です。封緘しません`,
          en: `the provider's own encryption key ${keyId} is one your people said is not yours: nothing is sealed`,
        }
      : {
          ja:
            `自社の暗号化鍵 ${keyId} は、監視の開始後に固定済みログに入り、まだ自社の人が確認していません。` +
            '自社の鍵なら確認してから（shokai agent own-keys confirm、または状況のページ）、もう一度承認してください。封緘しません',
          en:
            `the provider's own encryption key ${keyId} entered the pinned log after the watch began and none ` +
            'of your people has confirmed it: if it is yours, confirm it (shokai agent own-keys confirm, or the ' +
            'status page), then approve again. Nothing is sealed',
        },
    { field: 'ownKey', value: keyId },
  );
}

/** The installation key from its file: the PKCS#8 private part (base64url) and the id the hub gave it. */
export async function installationSigner(file: { keyId: string; privateKey: string }): Promise<AnswerSigner> {
  const pkcs8 = b64uToBytes(file.privateKey);
  if (!pkcs8) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '設置鍵ファイルの privateKey が読めません', en: 'the installation key file has an unreadable privateKey' },
      { field: 'installationKeyFile' },
    );
  }
  // Its public part from the private one (never the file's word): the watch of the keys in the provider's
  // own name knows the installation key by it (./keys-monitor.ts).
  return installationKeySigner(file.keyId, await importInstallationKey(pkcs8), publicKeyFromPrivate(file.privateKey));
}

/**
 * A sealer for approvals: signs with the installation key, seals the answer and each of its files to
 * the keys resolved beforehand (the files with the browser's library, src/client/attachment-seal.ts).
 */
export function sealerFor(signer: AnswerSigner, keys: SealKeys, organisationId: string): Sealer {
  return {
    async answer(row, answer, answeredAt) {
      const sealed = await buildSealedAnswer({
        request: { id: row.request_id, reference: row.reference, providerOrganisationId: organisationId },
        answer,
        answeredAt,
        unitKey: keys.unitKey,
        ownKey: keys.ownKey,
        signer,
      });
      return { action: 'answer', sealed };
    },
    async file(requestId, file, attachmentId) {
      return (await sealAnswerFile(requestId, file, keys, attachmentId)).body;
    },
  };
}
