import { z } from 'zod';
import { NetworksSignatureSchema } from '../domain/pinned-networks.ts';
import {
  type PendingRole,
  ROLE_PERIOD_ENDS,
  ROLE_PERIOD_STARTS,
  type RolePeriod,
  type RolePeriods,
  UNCOUNTERSIGNED_REASONS,
} from '../domain/role-periods.ts';
import { PhoneSchema } from '../domain/targets.ts';
import {
  ORGANISATION_KINDS,
  PROVIDER_CATEGORIES,
  type ProviderCategory,
  ROLE_GRANT_STATES,
  ROLES,
  type Role,
} from '../domain/vocabulary.ts';
import { STRICT_SYNTAX } from '../net/address.ts';
import { formatCidr, parseCidrAligned } from '../net/cidr.ts';
import type { OrganisationRow, UnitRow, UserRow } from '../store/schema.ts';
import { STORED, storedOptional, storedValue } from '../store/stored-values.ts';
import { ownerOf, storedRoles } from './stored-roles.ts';

// The directory as services hand it out, and the inputs that change it (the API and the CLI share them).

export const OrganisationSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  nameJa: z.string(),
  nameEn: z.string(),
  isTelecomCarrier: z.boolean(),
  /** For a provider: what kind of holder it is (the trace chooses the next request by it). */
  providerCategory: z.enum(PROVIDER_CATEGORIES).nullable(),
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const UnitSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** E.164: the number a provider calls back to check an emergency request of this unit. */
  callbackPhone: z.string().nullable(),
});
export type Unit = z.infer<typeof UnitSchema>;

/** A person's second factor locked after failed codes: how many in the window, and since when it counts. */
export const SecondFactorLockSchema = z.object({ failures: z.number().int(), since: z.string() });
/**
 * A lock lifted by an administrator within the last day (src/directory/second-factor-unlock.ts): when, the
 * lifter's name (null: the installation's operator), and what the lock had counted.
 */
export const SecondFactorUnlockSchema = z.object({
  at: z.string(),
  byName: z.string().nullable(),
  failures: z.number().int(),
  since: z.string(),
});

export const UserSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  unitId: z.string().nullable(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** A lawyer's registration number (弁護士登録番号) and bar association (所属弁護士会); null otherwise. */
  barRegistrationNumber: z.string().nullable(),
  barAssociation: z.string().nullable(),
  /**
   * Until when the person's one-time enrolment code may be used, while they have not yet chosen their
   * password and received their TOTP secret; null once they have (and for every account made before).
   */
  enrolmentExpiresAt: z.string().nullable(),
  /**
   * A new code for this person that waits for a second person (they hold or await a privileged role): who
   * asked (their user id) and when; null when none waits (listUsers drops one lapsed or no longer valid).
   */
  resetRequest: z.object({ by: z.string(), at: z.string() }).nullable(),
  /**
   * Codes that failed after the person's right password locked their second factor for every browser but
   * their usual one (src/auth/second-factor-lock.ts): how many within the day, and since when; null when not.
   */
  secondFactorLock: SecondFactorLockSchema.nullable(),
});
export type User = z.infer<typeof UserSchema>;

/** A key as the directory publishes it (domain/key-trust.ts PublicKeyRecord): never a private part. */
export const PublicKeySchema = z.object({
  id: z.string(),
  organisationId: z.string().nullable(),
  ownerType: z.string(),
  ownerId: z.string(),
  purpose: z.string(),
  algorithm: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  createdAt: z.string(),
  credential: z.object({ id: z.string(), rpId: z.string() }).optional(),
});

/**
 * A provider whose category column is NULL (recorded before categories were, or never set) is of category `other`:
 * one reading for the directory's lists and for the words an answer is said in (providerCategoryOf).
 */
export const UNRECORDED_CATEGORY = 'other' satisfies ProviderCategory;

export const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  kind: storedValue(STORED.organisationKind, r.kind, r.id),
  nameJa: r.name_ja,
  nameEn: r.name_en,
  isTelecomCarrier: r.is_telecom_carrier === 1,
  providerCategory:
    r.kind === 'provider'
      ? (storedOptional(STORED.providerCategory, r.provider_category, r.id) ?? UNRECORDED_CATEGORY)
      : null,
  createdAt: r.created_at,
});
export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  organisationId: r.organisation_id,
  nameJa: r.name_ja,
  nameEn: r.name_en,
  callbackPhone: r.callback_phone,
});
/** A person from a row; `roles` when the caller has read them already (by a lenient reader, for a list). */
export const toUser = (r: UserRow, roles: Role[] = storedRoles(r.roles, ownerOf(r))): User => ({
  id: r.id,
  organisationId: r.organisation_id,
  unitId: r.unit_id,
  login: r.login,
  displayName: r.display_name,
  roles,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  barRegistrationNumber: r.bar_registration_number ?? null,
  barAssociation: r.bar_association ?? null,
  enrolmentExpiresAt: r.enrolment_code_hash ? (r.enrolment_expires_at ?? null) : null,
  resetRequest:
    r.reset_requested_by && r.reset_requested_at ? { by: r.reset_requested_by, at: r.reset_requested_at } : null,
  secondFactorLock: null,
});

const Name = z.string().trim().min(1).max(200);
export const CreateOrganisationInput = z.strictObject({
  kind: z.enum(ORGANISATION_KINDS),
  nameJa: Name,
  nameEn: Name,
  isTelecomCarrier: z.boolean().default(false),
  providerCategory: z.enum(PROVIDER_CATEGORIES).optional(),
});
export const CreateUnitInput = z.strictObject({
  nameJa: Name,
  nameEn: Name,
  /** The number a provider calls back to check an emergency request (E.164 or a Japanese number). */
  callbackPhone: PhoneSchema.optional(),
});
// Checked by a refinement, so that the refusal can carry its Japanese, and stated in the API document too.
const LOGIN_NAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const BAR_NUMBER = /^\d{1,6}$/;

/**
 * A password a person chooses for themselves at their enrolment (src/auth/enrolment.ts): at least 12
 * characters. Nobody else sets one: the administrator who makes the account never sees it.
 */
export const NewPassword = z
  .string()
  .refine((v) => v.length >= 12, {
    message: 'the password must be at least 12 characters long',
    params: { code: 'VALIDATION_FAILED', ja: 'パスワードは 12 文字以上にしてください' },
  })
  .meta({ minLength: 12 })
  .max(200);

export const CreateUserInput = z.strictObject({
  organisationId: z.string().min(1),
  unitId: z.string().min(1).nullable().default(null),
  login: z
    .string()
    .trim()
    .refine((v) => LOGIN_NAME.test(v), {
      message: 'the login name is 2 to 63 characters of a–z, 0–9, ".", "_" and "-", starting with a letter or digit',
      params: {
        code: 'VALIDATION_FAILED',
        ja: 'ログイン名は半角の英小文字・数字・「.」「_」「-」で 2～63 文字にし、英小文字か数字で始めてください',
      },
    })
    .meta({ pattern: LOGIN_NAME.source }),
  displayName: Name,
  roles: z.array(z.enum(ROLES)).min(1),
  /** A lawyer's registration number with the Japan Federation of Bar Associations (digits). */
  barRegistrationNumber: z
    .string()
    .trim()
    .refine((v) => BAR_NUMBER.test(v), {
      message: 'the bar registration number is 1 to 6 digits',
      params: { code: 'VALIDATION_FAILED', ja: '弁護士の登録番号は 1～6 桁の数字で入力してください' },
    })
    .meta({ pattern: BAR_NUMBER.source })
    .optional(),
  /** The bar association the lawyer belongs to, e.g. 第一東京弁護士会. */
  barAssociation: Name.optional(),
});
export const NetworksInput = z.strictObject({
  /** Address blocks (written `address/length`), kept in their canonical form. */
  cidrs: z
    .array(
      z
        .string()
        .max(100)
        .transform((v, ctx) => {
          const p = v.includes('/') ? parseCidrAligned(v, STRICT_SYNTAX) : null;
          if (p?.aligned) return formatCidr(p.cidr);
          if (p) {
            // 192.0.2.77/24: masking it would declare a block the provider may not have meant
            const block = formatCidr(p.cidr);
            ctx.addIssue({
              code: 'custom',
              message: `${JSON.stringify(v)} has bits set after its length: write the block as ${block}`,
              params: {
                code: 'INVALID_ADDRESS',
                ja: `${JSON.stringify(v)} は長さより後のビットが 0 ではありません。ブロックは ${block} と書いてください`,
              },
              input: v,
            });
            return z.NEVER;
          }
          ctx.addIssue({
            code: 'custom',
            message: `${JSON.stringify(v)} is not an address block written address/length`,
            params: {
              code: 'INVALID_ADDRESS',
              ja: `${JSON.stringify(v)} は「アドレス/長さ」の形のアドレスブロックではありません`,
            },
            input: v,
          });
          return z.NEVER;
        }),
    )
    .max(10000)
    .default([]),
  asns: z.array(z.number().int().min(1).max(4294967295)).max(1000).default([]),
  domains: z.array(z.string().min(1).max(253)).max(1000).default([]),
});
export type Networks = z.infer<typeof NetworksInput>;

/** A declaration as sent: signed on the provider's installation (required once it holds an installation key). */
export const DeclareNetworksInput = NetworksInput.extend({ signature: NetworksSignatureSchema.optional() });

export const RoleGrantSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  userId: z.string(),
  userLogin: z.string(),
  userName: z.string(),
  role: z.enum(ROLES),
  state: z.enum(ROLE_GRANT_STATES),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
  countersignedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  uncountersigned: z
    .enum(UNCOUNTERSIGNED_REASONS)
    .nullable()
    .meta({
      description:
        'why a grant that took effect (active, or ended since) has no countersignature: the organisation’s first ' +
        'administrator, registered by the installation’s operator; a role held from before the two-person rule; ' +
        'or no reason recorded. Null when countersigned, or not in effect (pending, refused)',
    }),
});
export type RoleGrant = z.infer<typeof RoleGrantSchema>;

const PeriodPersonSchema = z.object({ name: z.string(), login: z.string() }).nullable();

/** A period a person held a role (src/domain/role-periods.ts): its start and end, who acted where recorded. */
export const RolePeriodSchema = z.object({
  role: z.enum(ROLES),
  from: z.string().nullable().meta({ description: 'when it took effect (UTC); null: the store does not record it' }),
  start: z.enum(ROLE_PERIOD_STARTS),
  grantedBy: PeriodPersonSchema,
  countersignedBy: PeriodPersonSchema,
  to: z
    .string()
    .nullable()
    .meta({ description: 'when it ended (UTC); null while held, or for a person disabled before it was dated' }),
  end: z.enum(ROLE_PERIOD_ENDS),
  endedBy: PeriodPersonSchema,
}) satisfies z.ZodType<RolePeriod>;

/** A privileged role granted and awaiting a second person's countersignature: not held, so no period. */
export const PendingRoleSchema = z.object({
  role: z.enum(ROLES),
  grantedAt: z.string().meta({ description: 'when it was granted (UTC)' }),
  grantedBy: PeriodPersonSchema,
}) satisfies z.ZodType<PendingRole>;

/** A person's role periods, and the roles granted to them that await a countersignature (not held). */
export const RolePeriodsSchema = z.object({
  items: z.array(RolePeriodSchema),
  pending: z.array(PendingRoleSchema),
}) satisfies z.ZodType<RolePeriods>;
