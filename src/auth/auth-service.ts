import { createHash, randomBytes } from 'node:crypto';
import { TOTP } from 'otpauth';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { actorOf, type Principal, requireRole } from '../app/principal.ts';
import { inTransaction, newId } from '../app/unit-of-work.ts';
import { hashPassword, unwrapKey, verifyPassword } from '../crypto/key-wrap.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { verify } from '../crypto/signatures.ts';
import { totpAad, toUser, type User } from '../directory/directory-service.ts';
import { DomainError } from '../domain/errors.ts';
import { CLIENT_ROLES, type OrganisationKind, ROLES, type Role } from '../domain/vocabulary.ts';

export const SESSION_HOURS = 12;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

export const LoginInput = z.strictObject({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'totp: six digits')
    .optional(),
});

const failures = new Map<string, { count: number; first: number }>();

/** A hash to verify against when the login does not exist, so that timing does not reveal it. */
let dummyHash: Promise<string> | undefined;

/**
 * Counts an attempt BEFORE the slow password check (so that parallel guesses are counted too) and
 * says whether the login is locked. Old entries are pruned so the map cannot grow without bound.
 */
function countAttempt(login: string, nowMs: number): boolean {
  if (failures.size > 10_000) for (const [k, v] of failures) if (nowMs - v.first >= LOCK_MS) failures.delete(k);
  const cur = failures.get(login);
  if (!cur || nowMs - cur.first >= LOCK_MS) {
    failures.set(login, { count: 1, first: nowMs });
    return false;
  }
  cur.count++;
  return cur.count > LOCK_AFTER_FAILURES;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', {
    ja: 'ログイン名、パスワードまたは確認コードが違います',
    en: 'wrong login, password or code',
  });

export const TOTP_PERIOD_SECONDS = 30;

export function totpFor(secret: string): TOTP {
  return new TOTP({
    issuer: 'shokai',
    label: 'shokai',
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret,
  });
}

/**
 * Password, then the second factor (TOTP, each time step usable once). Five attempts in 15 minutes
 * lock the login — attempts are counted before the password is checked, so parallel guessing is
 * counted too. Failures are audited; the response never says which factor was wrong.
 */
export async function login(ctx: AppContext, raw: unknown): Promise<{ token: string; expiresAt: string; user: User }> {
  const input = LoginInput.parse(raw);
  const now = ctx.clock();
  if (countAttempt(input.login, now.getTime())) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: '失敗が続いたため15分間ログインできません', en: 'too many attempts: login is locked for 15 minutes' },
      { login: input.login },
    );
  }
  const row = await ctx.store.db.selectFrom('users').selectAll().where('login', '=', input.login).executeTakeFirst();
  dummyHash ??= hashPassword('shokai-dummy-password-for-timing');
  const passwordOk = await verifyPassword(input.password, row ? row.password_hash : await dummyHash);
  const fail = async (reason: string): Promise<never> => {
    await inTransaction(ctx, async (_tx, audit) => {
      await audit({
        actor: row
          ? { type: 'user', id: row.id, organisationId: row.organisation_id }
          : { type: 'system', id: null, organisationId: null },
        action: 'user.login_failed',
        subjectType: 'user',
        subjectId: row?.id ?? null,
        details: { login: input.login, reason },
      });
    });
    throw unauthenticated();
  };
  if (!row || !passwordOk || row.disabled) return fail(!row ? 'unknown_login' : row.disabled ? 'disabled' : 'password');
  if (!input.totp) {
    throw new DomainError('SECOND_FACTOR_REQUIRED', {
      ja: '確認コード（ワンタイムパスワード）を入力してください',
      en: 'enter the one-time code from your authenticator',
    });
  }
  if (!row.totp_secret_wrapped) return fail('no_second_factor');
  const secret = unwrapKey(ctx.kek, row.totp_secret_wrapped, totpAad(row.id));
  const delta = totpFor(secret).validate({ token: input.totp, timestamp: now.getTime(), window: 1 });
  if (delta === null) return fail('totp');
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
  failures.delete(input.login);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  const used = await inTransaction(ctx, async (tx, audit) => {
    // A code (time step) is accepted once: the update succeeds only for a newer step.
    const r = await tx
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', row.id)
      .where('totp_last_step', '<', step)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await tx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: row.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        second_factor: 1,
      })
      .execute();
    await audit({
      actor: { type: 'user', id: row.id, organisationId: row.organisation_id },
      action: 'user.login',
      subjectType: 'user',
      subjectId: row.id,
    });
    return true;
  });
  if (!used) return fail('totp_reused');
  return { token, expiresAt, user: toUser(row) };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const s = await tx
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['u.id', 'u.organisation_id'])
      .where('s.id', '=', hashToken(token))
      .executeTakeFirst();
    if (!s) return;
    await tx.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
    await audit({
      actor: { type: 'user', id: s.id, organisationId: s.organisation_id },
      action: 'user.logout',
      subjectType: 'user',
      subjectId: s.id,
    });
  });
}

/** The principal of a session token; null when unknown, expired or the user is disabled. */
export async function principalForToken(ctx: AppContext, token: string): Promise<Principal | null> {
  const r = await ctx.store.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.organisation_id',
      'u.unit_id',
      'u.roles',
      'u.display_name',
      'u.disabled',
      'o.kind',
      's.expires_at',
    ])
    .where('s.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!r || r.disabled || r.expires_at <= ctx.clock().toISOString()) return null;
  return {
    kind: 'user',
    id: r.id,
    organisationId: r.organisation_id,
    organisationKind: r.kind as OrganisationKind,
    unitId: r.unit_id,
    roles: JSON.parse(r.roles) as Role[],
    displayName: r.display_name,
  };
}

// ---------- machine clients (a provider's own system) ----------
export const RegisterClientInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'publicKey: a raw Ed25519 public key, base64url'),
  roles: z.array(z.enum(ROLES)).min(1),
});

export async function registerClient(
  ctx: AppContext,
  p: Principal,
  raw: unknown,
): Promise<{ clientId: string; keyId: string; fingerprint: string }> {
  requireRole(p, ['admin'], ['provider']);
  const input = RegisterClientInput.parse(raw);
  const foreign = input.roles.filter((r) => !CLIENT_ROLES.includes(r));
  if (foreign.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `クライアントに付与できない役割です: ${foreign.join(', ')}`,
        en: `a machine client cannot hold: ${foreign.join(', ')}`,
      },
      { field: 'roles', value: foreign, allowed: CLIENT_ROLES },
    );
  }
  return inTransaction(ctx, async (tx, audit, now) => {
    const clientId = newId('cli');
    const keyId = newId('key');
    const at = now.toISOString();
    await tx
      .insertInto('clients')
      .values({
        id: clientId,
        organisation_id: p.organisationId,
        name: input.name,
        roles: JSON.stringify(input.roles),
        disabled: 0,
        created_at: at,
      })
      .execute();
    const fingerprint = keyFingerprint(input.publicKey);
    await tx
      .insertInto('keys')
      .values({
        id: keyId,
        organisation_id: p.organisationId,
        owner_type: 'client',
        owner_id: clientId,
        purpose: 'signing',
        algorithm: 'Ed25519',
        public_key: input.publicKey,
        private_key_wrapped: null,
        fingerprint,
        valid_from: at,
        valid_to: null,
        revoked_at: null,
        revocation_reason: null,
        created_at: at,
      })
      .execute();
    await audit({
      actor: actorOf(p),
      action: 'key.created',
      subjectType: 'key',
      subjectId: keyId,
      details: { ownerType: 'client', ownerId: clientId, name: input.name, fingerprint, custody: 'client' },
    });
    return { clientId, keyId, fingerprint };
  });
}

/** The string a machine client signs: method, path with query, timestamp, a fresh nonce, SHA-256 of the body. */
export function clientSigningString(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: Uint8Array | string,
): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return `shokai-client-v1\n${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${digest}`;
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
  const ts = new Date(h.timestamp);
  if (Number.isNaN(ts.getTime()) || Math.abs(ts.getTime() - now.getTime()) > CLIENT_SKEW_MS) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: '署名時刻がずれています（±5分以内）', en: 'the request timestamp is outside ±5 minutes' },
      { field: 'X-Shokai-Timestamp', value: h.timestamp },
    );
  }
  const r = await ctx.store.db
    .selectFrom('keys as k')
    .innerJoin('clients as c', 'c.id', 'k.owner_id')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['k.public_key', 'k.revoked_at', 'c.id', 'c.name', 'c.roles', 'c.disabled', 'c.organisation_id', 'o.kind'])
    .where('k.id', '=', h.keyId)
    .where('k.owner_type', '=', 'client')
    .executeTakeFirst();
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(h.nonce)) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: 'X-Shokai-Nonce は16〜128文字の英数字です', en: 'X-Shokai-Nonce must be 16–128 characters [A-Za-z0-9_-]' },
      { field: 'X-Shokai-Nonce' },
    );
  }
  if (
    !r ||
    r.disabled ||
    r.revoked_at !== null ||
    !verify(r.public_key, clientSigningString(method, pathWithQuery, h.timestamp, h.nonce, body), h.signature)
  ) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: 'クライアント署名を確認できません', en: 'the client signature does not verify' },
      { keyId: h.keyId },
    );
  }
  const seen = await ctx.store.db
    .insertInto('client_nonces')
    .values({ key_id: h.keyId, nonce: h.nonce, seen_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['key_id', 'nonce']).doNothing())
    .executeTakeFirst();
  if (Number(seen.numInsertedOrUpdatedRows ?? 0) !== 1) {
    throw new DomainError(
      'UNAUTHENTICATED',
      { ja: '同じ署名付き要求が再送されました（リプレイ）', en: 'this signed request was already used (replay)' },
      { keyId: h.keyId },
    );
  }
  // Nonces older than the accepted clock skew can never verify again: forget them.
  await ctx.store.db
    .deleteFrom('client_nonces')
    .where('seen_at', '<', new Date(now.getTime() - 2 * CLIENT_SKEW_MS).toISOString())
    .execute();
  return {
    kind: 'client',
    id: r.id,
    organisationId: r.organisation_id,
    organisationKind: r.kind as OrganisationKind,
    unitId: null,
    roles: JSON.parse(r.roles) as Role[],
    displayName: r.name,
  };
}
