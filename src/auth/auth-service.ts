import { createHash, randomBytes } from 'node:crypto';
import { TOTP } from 'otpauth';
import { z } from 'zod';
import { ownsRecords } from '../attribution/attribution-service.ts';
import { unwrapKey, verifyPassword } from '../crypto/key-wrap.ts';
import { findUserByLogin, findUserWithKindByLogin, useTotpStep } from '../directory/directory.repository.ts';
import { getOrganisation, getUnit } from '../directory/lookups.ts';
import { toUser, type User } from '../directory/model.ts';
import { recentSecondFactorUnlock } from '../directory/second-factor-unlock.ts';
import { ownerOf, storedRoles } from '../directory/stored-roles.ts';
import { totpAad, withLiveResetRequest } from '../directory/users.ts';
import { listScope, PERMISSIONS, type Principal, permissionsOf } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { hiddenCharacter, shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { SignInRefusal } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { STORED, storedValue } from '../store/stored-values.ts';
import { issueDeviceCookie, trustedDevice } from './device-cookie.ts';
import { ATTEMPT_WINDOW_MS, counterSubject, scopesOfWindow } from './door-count.ts';
import {
  countSecondFactorTry,
  giveSecondFactorTryBack,
  SECOND_FACTOR_FAILURES,
  secondFactorLocks,
} from './second-factor-lock.ts';
import {
  countSignInAttempt,
  deleteSession,
  findSessionPrincipal,
  forgetSignInAttempts,
  forgetSignInAttemptsBefore,
  insertSession,
  refundSignInAttempt,
} from './session.repository.ts';

// Sign-in comes before there is a principal: these entry points take the application context, and
// keep the slow password check outside any transaction. The attempt counters are bookkeeping of the
// door (like machine clients' nonces), not a change of the directory: they are written without an
// audit entry; every refused sign-in past the counter is audited.

export const SESSION_HOURS = 12;
/**
 * Attempts per login, and per client address, within one window (docs/security.md §5); and per device
 * cookie: a sign-in from a browser the person signed in from before counts on its cookie, not the login.
 */
export const LOGIN_ATTEMPTS = 5;
export const CLIENT_ATTEMPTS = 30;
export const DEVICE_ATTEMPTS = 5;
export { ATTEMPT_WINDOW_MS };

export const LoginInput = z.strictObject({
  // A login holds no control or unseen character (none can: user creation allows a-z 0-9 . _ -), so one
  // that does is refused before anything is counted, looked up or recorded — whatever the login — and
  // never reaches the audit log, where a newline would start a forged line of `shokai audit list`.
  login: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((s) => hiddenCharacter(s) === undefined, {
      message: 'login: holds a control or unseen character, which no login does',
      params: { ja: '制御文字や見えない文字はログイン名に使えません（そのようなログイン名はありません）' },
    }),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .trim()
    .refine((s) => /^\d{6}$/.test(s), {
      message: 'six digits are expected (the code the authenticator app shows)',
      params: { ja: '6桁の数字を入力してください（認証アプリに表示される確認コード）' },
    })
    .optional(),
  // A client without a browser (the CLI's user, a script, a test) asks for the session token in the answer
  // and sends it as a bearer token; a browser does not ask, and its session stays in the HttpOnly cookie,
  // out of reach of any script on the page.
  returnToken: z
    .boolean()
    .optional()
    .describe(
      'true: the session token is returned in the body, for a client without a browser (Authorization: Bearer); ' +
        'a browser leaves it out and keeps its session in the HttpOnly cookie alone',
    ),
});

/**
 * Where a sign-in comes from: the client's address (an IPv6 client's /64), as the server sees it; and the
 * device cookie the browser presented, if any (src/auth/device-cookie.ts; only sign-in reads it).
 */
export interface SignInSource {
  client: string;
  deviceCookie?: string | undefined;
}

/**
 * Counts an attempt against the login (or, from a trusted device, against its device cookie instead) and
 * against the client BEFORE the slow password check (so that guesses sent in parallel are counted too),
 * in the store (so that a restart forgets nothing and every process serving the store counts together).
 * Refuses when either is past its limit. The first refusal of a window is audited (`action`, reason
 * `login_locked`, `device_locked` or `address_locked`): a person kept out, or an address guessing on,
 * shows in the log; the refusals after it in the same window are not, so a caller cannot fill the log by
 * knocking. `device` is the nonce of a device cookie `trustedDevice` accepted for this login.
 */
export async function countAttempt(
  ctx: AppContext,
  login: string,
  client: string,
  now: Date,
  action: 'user.login_failed' | 'user.enrolment_failed' = 'user.login_failed',
  device?: string,
): Promise<void> {
  const at = now.toISOString();
  const expiredAt = new Date(now.getTime() - ATTEMPT_WINDOW_MS).toISOString();
  await forgetSignInAttemptsBefore(ctx.store.db, expiredAt, scopesOfWindow(ATTEMPT_WINDOW_MS));
  const perLogin = device
    ? await countSignInAttempt(ctx.store.db, 'device', counterSubject('device', device), at, expiredAt)
    : await countSignInAttempt(ctx.store.db, 'login', counterSubject('login', login), at, expiredAt);
  const loginLimit = device ? DEVICE_ATTEMPTS : LOGIN_ATTEMPTS;
  const perClient = await countSignInAttempt(ctx.store.db, 'client', counterSubject('client', client), at, expiredAt);
  // The count is taken in one statement: exactly one attempt sees the limit first passed.
  const locked: SignInRefusal[] = [
    ...(perLogin === loginLimit + 1 ? [device ? ('device_locked' as const) : ('login_locked' as const)] : []),
    ...(perClient === CLIENT_ATTEMPTS + 1 ? (['address_locked'] as const) : []),
  ];
  if (locked.length > 0) {
    const row = await findUserByLogin(ctx.store.db, login);
    // The address that crossed the limit is recorded; an address kept out is the system's act, not the person's.
    for (const reason of locked) {
      await auditRefusal(ctx, reason === 'address_locked' ? undefined : row, action, { login, reason, client }, row);
    }
  }
  if (perLogin > loginLimit) {
    throw new DomainError(
      'UNAUTHENTICATED',
      device
        ? {
            ja: '失敗が続いたため、このブラウザーからは15分間ログインできません',
            en: 'too many attempts from this browser: login is locked for 15 minutes',
          }
        : { ja: '失敗が続いたため15分間ログインできません', en: 'too many attempts: login is locked for 15 minutes' },
      { login },
    );
  }
  if (perClient > CLIENT_ATTEMPTS) {
    throw new DomainError('UNAUTHENTICATED', {
      ja: 'この接続元からの試行が多すぎるため、15分間ログインできません',
      en: 'too many attempts from this address: sign-in is locked for 15 minutes',
    });
  }
}

/**
 * A person who got in (signed in, or enrolled) starts afresh; their address gets back the attempt it spent.
 * Through a trusted device, the device's counter starts afresh and the login's is left as it stands: it
 * counts the tries from elsewhere, and the person's own sign-in does not hand a guesser five more.
 */
export async function forgetAttempts(ctx: AppContext, login: string, client: string, device?: string): Promise<void> {
  if (device) await forgetSignInAttempts(ctx.store.db, 'device', counterSubject('device', device));
  else await forgetSignInAttempts(ctx.store.db, 'login', counterSubject('login', login));
  await refundSignInAttempt(ctx.store.db, 'client', counterSubject('client', client));
}

export function hashToken(token: string): string {
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
 * A try at the door refused (a sign-in, an enrolment), recorded in a transaction of its own: as the person's
 * when the login names one, else as the system's, with the login as typed and why.
 */
export async function auditRefusal(
  ctx: AppContext,
  row: { id: string; organisation_id: string } | undefined,
  action: 'user.login_failed' | 'user.enrolment_failed',
  details: { login: string; reason: SignInRefusal; client?: string },
  /** The person the refusal concerns, when it is not theirs (an address locked out): the subject, not the actor. */
  subject: { id: string } | undefined = row,
): Promise<void> {
  await inTransaction(ctx, async (uow) => {
    await uow.audit({
      actor: row
        ? { type: 'user', id: row.id, organisationId: row.organisation_id }
        : { type: 'system', id: null, organisationId: null },
      action,
      subjectType: 'user',
      subjectId: subject?.id ?? null,
      details,
    });
  });
}

/** Why a sign-in with this row failed before its code was checked, as the audit log records it. */
function failure(row: { disabled: number; enrolment_code_hash?: string | null } | undefined): SignInRefusal {
  if (!row) return 'unknown_login';
  if (row.disabled) return 'disabled';
  return row.enrolment_code_hash ? 'not_enrolled' : 'password';
}

/**
 * Login, password and one-time code, checked together. The answer never tells which was wrong: with
 * no code, SECOND_FACTOR_REQUIRED comes before anything is checked, whatever the login and password;
 * with a code, every failure is the same UNAUTHENTICATED. Attempts are counted per login and per
 * client before the password is checked; failures are audited.
 */
export async function login(
  ctx: AppContext,
  raw: unknown,
  source: SignInSource,
): Promise<{ token: string; expiresAt: string; user: User; deviceCookie: string }> {
  const input = parseOrThrow(LoginInput, raw);
  if (!input.totp) {
    throw new DomainError('SECOND_FACTOR_REQUIRED', {
      ja: '確認コード（ワンタイムパスワード）を入力してください',
      en: 'enter the one-time code from your authenticator',
    });
  }
  const now = ctx.clock();
  const device = trustedDevice(ctx.kek, source.deviceCookie, input.login, now);
  await countAttempt(ctx, input.login, source.client, now, 'user.login_failed', device);
  const row = await findUserByLogin(ctx.store.db, input.login);
  // An unknown login, and an account with no password yet (awaiting its enrolment, or reset), cost the
  // same scrypt as any other (verifyPassword), so the time a refusal takes tells none of them apart.
  const passwordOk = await verifyPassword(input.password, row?.password_hash ?? '');
  const fail = async (reason: SignInRefusal): Promise<never> => {
    const client = reason === 'second_factor_locked' ? { client: source.client } : {};
    await auditRefusal(ctx, row, 'user.login_failed', { login: input.login, reason, ...client });
    throw unauthenticated();
  };
  if (!row || !passwordOk || row.disabled) return fail(failure(row));
  if (!row.totp_secret_wrapped) return fail('no_second_factor');
  // The right password: the code is counted against the person before it is compared. Past the lock, a
  // code from anywhere but their usual browser is not compared at all, and refused as a wrong one.
  const tries = await countSecondFactorTry(ctx, row.id, now);
  if (tries > SECOND_FACTOR_FAILURES && !device) return fail('second_factor_locked');
  const secret = unwrapKey(ctx.kek, row.totp_secret_wrapped, totpAad(row.id));
  const delta = totpFor(secret).validate({ token: input.totp, timestamp: now.getTime(), window: 1 });
  if (delta === null) return fail(tries === SECOND_FACTOR_FAILURES ? 'second_factor_locked' : 'totp');
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  const used = await inTransaction(ctx, async (uow) => {
    // A code (time step) is accepted once: the update succeeds only for a newer step, and only while the
    // password checked above is still the person's (a reset meanwhile opens no session).
    if (!(await useTotpStep(uow.tx, row.id, step, row.password_hash))) return false;
    await insertSession(uow.tx, {
      id: hashToken(token),
      user_id: row.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      second_factor: 1,
    });
    await uow.audit({
      actor: { type: 'user', id: row.id, organisationId: row.organisation_id },
      action: 'user.login',
      subjectType: 'user',
      subjectId: row.id,
    });
    return true;
  });
  if (!used) {
    const after = await findUserByLogin(ctx.store.db, input.login);
    return fail(after?.password_hash === row.password_hash ? 'totp_reused' : 'reset_meanwhile');
  }
  await forgetAttempts(ctx, input.login, source.client, device);
  await giveSecondFactorTryBack(ctx, row.id);
  return {
    token,
    expiresAt,
    user: withLiveResetRequest(toUser(row), now),
    deviceCookie: issueDeviceCookie(ctx.kek, row.login, now),
  };
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await inTransaction(ctx, async (uow) => {
    const s = await findSessionPrincipal(uow.tx, hashToken(token));
    if (!s) return;
    await deleteSession(uow.tx, hashToken(token));
    await uow.audit({
      actor: { type: 'user', id: s.id, organisationId: s.organisation_id },
      action: 'user.logout',
      subjectType: 'user',
      subjectId: s.id,
    });
  });
}

/** The principal of a session token; null when unknown, expired or the user is disabled. */
export async function principalForToken(ctx: AppContext, token: string): Promise<Principal | null> {
  const r = await findSessionPrincipal(ctx.store.db, hashToken(token));
  if (!r || r.disabled || r.expires_at <= ctx.clock().toISOString()) return null;
  return userPrincipal(r);
}

/** The principal of a user by login (the CLI and the demo act as a named user through the same services). */
export async function principalOfLogin(db: Db | Tx, login: string): Promise<Principal> {
  const r = await findUserWithKindByLogin(db, login);
  if (!r || r.disabled) throw unknownLogin(login);
  return userPrincipal(r);
}

/** The refusal of a login no one (or no one active) holds, naming it as typed. */
export function unknownLogin(login: string): DomainError {
  return new DomainError(
    'NOT_FOUND',
    { ja: `利用者 ${shownInput(login)} は存在しません`, en: `user ${shownInput(login)} does not exist` },
    { field: 'login', value: login },
  );
}

/** A user's row, with their organisation's kind, as the principal the services take. */
function userPrincipal(r: {
  id: string;
  organisation_id: string;
  organisation_kind: string;
  unit_id: string | null;
  login: string;
  roles: string;
  display_name: string;
}): Principal {
  return {
    kind: 'user',
    id: r.id,
    organisationId: r.organisation_id,
    organisationKind: storedValue(STORED.organisationKind, r.organisation_kind, r.organisation_id),
    unitId: r.unit_id,
    roles: storedRoles(r.roles, ownerOf(r)),
    displayName: r.display_name,
  };
}

/** The signed-in caller, their organisation and unit (the web's first call). */
export async function whoAmI(uow: UnitOfWork, p: Principal) {
  const organisation = await getOrganisation(uow.tx, p.organisationId);
  const unit = p.unitId ? await getUnit(uow.tx, p.unitId) : null;
  const held = permissionsOf(p);
  // Failed codes after the right password locked the person's second factor: they are told on their screen.
  const lock = p.kind === 'user' ? (await secondFactorLocks(uow.tx, uow.now)).get(p.id) : undefined;
  return {
    user: {
      id: p.id,
      kind: p.kind,
      displayName: p.displayName,
      roles: p.roles,
      organisationId: p.organisationId,
      unitId: p.unitId,
    },
    organisation,
    unit,
    // What the screens offer follows the one permission table: what this person may do (in the table's
    // order), and whether any request is theirs to read (an auditor, an administrator or a key officer
    // reads none, though its organisation has many).
    permissions: PERMISSIONS.filter((x) => held.has(x)),
    readsRequests: listScope(p).kind !== 'none',
    // Whether this installation's records (address logs, a board's post log) are their organisation's to
    // look up: the lookup's screen and links are offered to those only (the owner rule, src/attribution).
    holdsRecords: held.has('attribution.lookup') && (await ownsRecords(uow, p)),
    secondFactorLock: lock ?? null,
    secondFactorUnlock: p.kind === 'user' && !lock ? await recentSecondFactorUnlock(uow.tx, p.id, uow.now) : null,
  };
}
