import { z } from 'zod';
import { clientSigningString } from '../client/signing.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { verify } from '../crypto/signatures.ts';
import { pendingPublicKeyOf } from '../directory/key-registration.repository.ts';
import { type KeyRegistration, submitKeyRegistration } from '../directory/key-registrations.ts';
import { storedRoles } from '../directory/stored-roles.ts';
import { type Caller, type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { parseInstant } from '../domain/instant.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { CLIENT_ROLES, ROLE_LABELS, ROLES } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { findClientKey, forgetNoncesBefore, rememberNonce } from './session.repository.ts';

// A provider's own system calls the API as a machine client: it signs every request with its Ed25519
// key (src/client/signing.ts says what is signed); the hub holds only the public key.

export const RegisterClientInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'publicKey: a raw Ed25519 public key, base64url'),
  roles: z.array(z.enum(ROLES)).min(1),
});

export async function registerClient(
  uow: UnitOfWork,
  caller: Caller,
  raw: unknown,
): Promise<{ clientId: string; keyId: string; fingerprint: string; registration: KeyRegistration }> {
  requirePermission(caller, 'client.register');
  if (caller.kind === 'system') {
    throw new DomainError('FORBIDDEN', {
      ja: 'クライアントは事業者の管理者が登録します',
      en: "a machine client is registered by the provider's administrator",
    });
  }
  const input = parseOrThrow(RegisterClientInput, raw);
  const foreign = input.roles.filter((r) => !CLIENT_ROLES.includes(r));
  if (foreign.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja:
          `連携システムには付与できない役割です: ${foreign.map((r) => ROLE_LABELS[r].ja).join('、')}（付与できるのは ` +
          `${CLIENT_ROLES.map((r) => ROLE_LABELS[r].ja).join('、')}）`,
        en:
          `a machine client cannot hold: ${foreign.map((r) => ROLE_LABELS[r].en).join(', ')} ` +
          `(it may hold ${CLIENT_ROLES.map((r) => ROLE_LABELS[r].en).join(', ')})`,
      },
      { field: 'roles', value: foreign, allowed: CLIENT_ROLES },
    );
  }
  const registration = await submitKeyRegistration(uow, caller, {
    kind: 'client',
    organisation_id: caller.organisationId,
    public_key: input.publicKey,
    fingerprint: keyFingerprint(input.publicKey),
    client_name: input.name,
    client_roles: input.roles,
  });
  return {
    clientId: registration.client?.id ?? '',
    keyId: registration.keyId,
    fingerprint: registration.fingerprint,
    registration,
  };
}

const CLIENT_SKEW_MS = 5 * 60 * 1000;

/**
 * Verifies a signed machine request (X-Shokai-Key, X-Shokai-Timestamp, X-Shokai-Nonce,
 * X-Shokai-Signature). A nonce is accepted once per key: a captured request cannot be replayed.
 */
export async function principalForClient(
  ctx: AppContext,
  h: { keyId: string; timestamp: string; nonce: string; signature: string },
  method: string,
  pathWithQuery: string,
  body: Uint8Array | string,
): Promise<Principal> {
  const now = ctx.clock();
  // An instant with its offset, like every time the hub takes (one without reads as the server's local time).
  const ts = parseInstant(h.timestamp, 'X-Shokai-Timestamp').epochMs;
  if (Math.abs(ts - now.getTime()) > CLIENT_SKEW_MS) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: '署名時刻がずれています（±5分以内）', en: 'the request timestamp is outside ±5 minutes' },
      { field: 'X-Shokai-Timestamp', value: h.timestamp },
    );
  }
  const r = await findClientKey(ctx.store.db, h.keyId);
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(h.nonce)) {
    throw new DomainError(
      'UNAUTHENTICATED',
      {
        ja: 'X-Shokai-Nonce は16〜128文字の英数字です',
        en: 'X-Shokai-Nonce must be 16–128 characters [A-Za-z0-9_-]',
      },
      { field: 'X-Shokai-Nonce' },
    );
  }
  const signed = clientSigningString(method, pathWithQuery, h.timestamp, h.nonce, body);
  if (!r) await refuseIfAwaitingConfirmation(ctx, h.keyId, signed, h.signature);
  if (!r || r.disabled || r.revoked_at !== null || !verify(r.public_key, signed, h.signature)) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: 'クライアント署名を確認できません', en: 'the client signature does not verify' },
      { keyId: h.keyId },
    );
  }
  if (!(await rememberNonce(ctx.store.db, h.keyId, h.nonce, now.toISOString()))) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: '同じ署名付き要求が再送されました（リプレイ）', en: 'this signed request was already used (replay)' },
      { keyId: h.keyId },
    );
  }
  // Nonces older than the accepted clock skew can never verify again: forget them.
  await forgetNoncesBefore(ctx.store.db, new Date(now.getTime() - 2 * CLIENT_SKEW_MS).toISOString());
  return clientPrincipal(r);
}

/**
 * A client whose registration still waits for a second person is told so — once its signature shows the
 * call is its own — rather than that its signature does not verify.
 */
async function refuseIfAwaitingConfirmation(
  ctx: AppContext,
  keyId: string,
  signed: string,
  signature: string,
): Promise<void> {
  const publicKey = await pendingPublicKeyOf(ctx.store.db, keyId);
  if (publicKey === undefined || !verify(publicKey, signed, signature)) return;
  throw new DomainError(
    'UNAUTHENTICATED',
    {
      ja: 'この連携システムの登録は、組織の二人目（別の管理者または鍵管理責任者）の確認を待っています',
      en:
        "this machine client's registration awaits a second person of the organisation " +
        '(another administrator or the key officer)',
    },
    { keyId },
  );
}

/**
 * The machine client behind a key as of now, for a response that outlives the signed call that opened
 * it (the live stream): null once the client is disabled or its key revoked.
 */
export async function clientPrincipalNow(ctx: AppContext, keyId: string): Promise<Principal | null> {
  const r = await findClientKey(ctx.store.db, keyId);
  return r && !r.disabled && r.revoked_at === null ? clientPrincipal(r) : null;
}

function clientPrincipal(r: {
  id: string;
  name: string;
  roles: string;
  organisation_id: string;
  kind: string;
}): Principal {
  return {
    kind: 'client',
    id: r.id,
    organisationId: r.organisation_id,
    organisationKind: storedValue(STORED.organisationKind, r.kind, r.organisation_id),
    unitId: null,
    roles: storedRoles(r.roles, { kind: 'client', id: r.id, name: r.name }),
    displayName: r.name,
  };
}
