import { Secret } from 'otpauth';
import { z } from 'zod';
import { hashPassword, wrapKey } from '../crypto/key-wrap.ts';
import { completeEnrolment, findUserByLogin } from '../directory/directory.repository.ts';
import {
  enrolmentCodeHash,
  enrolmentCodeMatches,
  isEnrolmentCode,
  normalisedEnrolmentCode,
} from '../directory/enrolment-code.ts';
import { NewPassword, toUser, type User } from '../directory/model.ts';
import { totpAad } from '../directory/users.ts';
import { DomainError } from '../domain/errors.ts';
import { formatDateTime, JAPAN_ZONE } from '../domain/time.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { SignInRefusal } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { UserRow } from '../store/schema.ts';
import { auditRefusal, countAttempt, forgetAttempts, LoginInput, type SignInSource } from './auth-service.ts';

// A person's enrolment: with the one-time code their administrator handed them, they choose their own
// password and receive their own TOTP secret. It comes before there is a principal, like sign-in: it
// takes the application context, counts its attempts with sign-in's (per login and per address, before
// anything slow), audits every refusal past the counter, and answers a wrong login and a wrong code alike.

export const EnrolInput = z.strictObject({
  login: LoginInput.shape.login,
  code: z
    .string()
    .max(100)
    .refine((typed) => isEnrolmentCode(normalisedEnrolmentCode(typed)), {
      message: 'the enrolment code is 20 letters and digits, as your administrator gave it (hyphens may be left out)',
      params: {
        ja: '登録コードは管理者から渡された英数字 20 文字です（ハイフンは省いても構いません）',
      },
    }),
  password: NewPassword,
});

/** What an enrolled person receives, once: the TOTP secret for their authenticator app, also as its URI. */
export interface Enrolled {
  user: User;
  totpSecret: string;
  otpauthUri: string;
}

/** The `otpauth://` URI of a person's TOTP secret (what a QR code for an authenticator app holds). */
export function otpauthUri(login: string, secret: string): string {
  return (
    `otpauth://totp/shokai:${encodeURIComponent(login)}?secret=${secret}` +
    '&issuer=shokai&algorithm=SHA1&digits=6&period=30'
  );
}

const refused = () =>
  new DomainError('UNAUTHENTICATED', {
    ja: 'ログイン名または登録コードが違います（使用済みのコードも使えません）',
    en: 'wrong login or enrolment code (a code that was used cannot be used again)',
  });

// The person's zone is not known before they sign in: the lapse is written in Japan's time, with its offset.
const lapsed = (until: string) =>
  new DomainError(
    'UNAUTHENTICATED',
    {
      ja:
        `この登録コードは期限（${formatDateTime(new Date(until), 'ja', JAPAN_ZONE)}）を過ぎています。` +
        '管理者に新しいコードを発行してもらってください',
      en:
        `this enrolment code lapsed at ${formatDateTime(new Date(until), 'en', JAPAN_ZONE)}: ` +
        'ask your administrator for a new one',
    },
    { field: 'code' },
  );

/**
 * Enrols the person with `login` whose outstanding code is `code`: their password (hashed) and a new TOTP
 * secret (wrapped) replace the code, which is spent. Refused alike for an unknown login, a disabled
 * person, a person with no code outstanding and a wrong code; a code that lapsed is named as such (only
 * its holder learns that).
 */
export async function enrol(ctx: AppContext, raw: unknown, source: SignInSource): Promise<Enrolled> {
  const input = parseOrThrow(EnrolInput, raw);
  const now = ctx.clock();
  await countAttempt(ctx, input.login, source.client, now, 'user.enrolment_failed');
  const row = await findUserByLogin(ctx.store.db, input.login);
  const fail = async (reason: SignInRefusal, error: DomainError = refused()): Promise<never> => {
    await auditRefusal(ctx, row, 'user.enrolment_failed', { login: input.login, reason });
    throw error;
  };
  if (!row) return fail('unknown_login');
  if (row.disabled) return fail('disabled');
  const stored = row.enrolment_code_hash;
  if (!stored) return fail('no_code');
  if (!enrolmentCodeMatches(row.id, input.code, stored)) return fail('code');
  const until = row.enrolment_expires_at ?? now.toISOString();
  if (until <= now.toISOString()) return fail('expired', lapsed(until));
  const passwordHash = await hashPassword(input.password);
  const totpSecret = new Secret({ size: 20 }).base32;
  const done = await inTransaction(ctx, (uow) =>
    completeWith(uow, row, { code: input.code, client: source.client }, passwordHash, totpSecret),
  );
  if (!done) return fail('code_spent');
  await forgetAttempts(ctx, input.login, source.client);
  return { user: toUser(done), totpSecret, otpauthUri: otpauthUri(row.login, totpSecret) };
}

/** The change of an enrolment, audited with the person as its actor; undefined when the code was spent meanwhile. */
async function completeWith(
  uow: UnitOfWork,
  row: UserRow,
  { code, client }: { code: string; client: string },
  passwordHash: string,
  totpSecret: string,
): Promise<UserRow | undefined> {
  const completed = await completeEnrolment(uow.tx, row.id, enrolmentCodeHash(row.id, code), {
    passwordHash,
    totpSecretWrapped: wrapKey(uow.ctx.kek, totpSecret, totpAad(row.id)),
  });
  if (!completed) return undefined;
  await uow.audit({
    actor: { type: 'user', id: row.id, organisationId: row.organisation_id },
    action: 'user.enrolled',
    subjectType: 'user',
    subjectId: row.id,
    // Where it came from: the person, or someone in their place, is told apart by this if by anything.
    details: { login: row.login, client },
  });
  return { ...row, enrolment_code_hash: null, enrolment_expires_at: null };
}
