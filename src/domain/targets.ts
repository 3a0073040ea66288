import { z } from 'zod';
import { formatHostPort } from '../net/address.ts';
import { targetHostProblem } from './deceptive-hosts.ts';
import { DomainError } from './errors.ts';
import { InstantSchema, parseInstant } from './instant.ts';
import { knownDomains, targetKnownLookalike } from './known-lookalikes.ts';
import { hiddenCharacter, shownInput } from './shown-text.ts';
import {
  canonicalIpAddress,
  checkUrl,
  hiddenInTargetWords,
  normaliseEmail,
  normaliseHostname,
  normalisePhone,
  PORT_MAX,
  TARGET_VALUE_MAX,
  TOLERANCE_MAX_SECONDS,
} from './target-values.ts';
import {
  type Bilingual,
  type Locale,
  REQUIRED_MESSAGE,
  TARGET_TYPE_LABELS,
  TARGET_TYPES,
  type TargetType,
} from './vocabulary.ts';

/**
 * What a request asks about: typed identifiers. Every target schema is strict (unknown keys are
 * refused) and each identifier is validated for its kind; some are normalised so that the same
 * identifier is always written the same way (normalisation is idempotent: re-parsing a parsed target
 * gives it back unchanged, which signature verification relies on).
 *
 * Failing checks add an issue whose `params.code` is `INVALID_ADDRESS` (IP addresses) or
 * `INVALID_IDENTIFIER` (anything else, including an unknown `type`), and `params.ja`.
 */

export { anyNonAsciiHost } from './known-lookalikes.ts';
export { canonicalIpAddress, checkUrl, normaliseEmail, normaliseHostname, normalisePhone } from './target-values.ts';
export { TARGET_TYPE_LABELS, TARGET_TYPES, type TargetType } from './vocabulary.ts';

type Bi = { ja: string; en: string };

/** A string field checked (and possibly normalised) by `normalise`, which returns a result or an error. */
function identifier(
  code: 'INVALID_ADDRESS' | 'INVALID_IDENTIFIER',
  max: number,
  normalise: (s: string) => string | Bi,
) {
  return z
    .string()
    .max(max)
    .transform((value, ctx) => {
      // Left empty: said to be required, as every other field is (not "\"\" is not an address").
      const result = value.trim() === '' ? REQUIRED_MESSAGE : normalise(value);
      if (typeof result === 'string') return result;
      ctx.addIssue({ code: 'custom', message: result.en, params: { code, ja: result.ja }, input: value });
      return z.NEVER;
    });
}

export const IpAddressSchema = identifier('INVALID_ADDRESS', TARGET_VALUE_MAX.ip, canonicalIpAddress);

/** A phone number, normalised to E.164 (the directory's call-back numbers, phone targets). */
export const PhoneSchema = identifier('INVALID_IDENTIFIER', TARGET_VALUE_MAX.phone, normalisePhone);

const text = (max: number) =>
  identifier('INVALID_IDENTIFIER', max, (s) => {
    const t = s.trim();
    return t.length === 0 ? REQUIRED_MESSAGE : t;
  });

/**
 * The refusal of a target whose text holds a control, zero-width or text-direction character, or
 * undefined: the approver and the provider would see another identifier than the one signed
 * (`U+202E orat_adamay` reads `yamada_taro`).
 */
export function hiddenCharacterProblem(t: object, field: string): DomainError | undefined {
  for (const [key, value] of Object.entries(t)) {
    const hidden = typeof value === 'string' ? hiddenCharacter(value) : undefined;
    if (hidden === undefined) continue;
    return new DomainError('INVALID_IDENTIFIER', hiddenInTargetWords(hidden), {
      field: `${field}.${key}`,
      value,
      character: hidden,
    });
  }
  return undefined;
}

/**
 * The refusal of a host name (a domain target's, an e-mail address's, a URL's) that reads as another one —
 * Latin mixed with Cyrillic, Greek or Armenian letters, a Cyrillic look-alike of a Latin name, full-width
 * letters (src/domain/deceptive-hosts.ts) — or undefined.
 */
export function deceptiveHostProblem(t: { type: string }, field: string): DomainError | undefined {
  const found = targetHostProblem(t);
  if (!found) return undefined;
  return new DomainError('INVALID_IDENTIFIER', found.words, { field: `${field}.${found.key}`, value: found.host });
}

/**
 * Refuses the first target whose host reads as one of `known` — the domains providers declare in the hub's
 * directory — without being it (INVALID_IDENTIFIER naming the target's field and host; ./deceptive-hosts.ts).
 */
export function refuseKnownLookalikes(targets: readonly { type: string }[], known: readonly string[]): void {
  const problem = knownLookalikeProblem(targets, known);
  if (problem) throw problem;
}

/** The refusal refuseKnownLookalikes throws, or undefined: for the provider's door, which refuses without throwing. */
export function knownLookalikeProblem(
  targets: readonly { type: string }[],
  known: readonly string[],
): DomainError | undefined {
  if (known.length === 0) return undefined;
  // The directory's domains by skeleton, made once for every target (not once per target).
  const bySkeleton = knownDomains(known);
  for (const [i, t] of targets.entries()) {
    const found = targetKnownLookalike(t, bySkeleton);
    if (found) {
      const details = { field: `targets.${i}.${found.key}`, value: found.host };
      return new DomainError('INVALID_IDENTIFIER', found.words, details);
    }
  }
  return undefined;
}

/** What the approver and the provider would not see as signed: a hidden character, or a host read as another. */
export function misleadingTargetProblem(t: { type: string }, field: string): DomainError | undefined {
  return hiddenCharacterProblem(t, field) ?? deceptiveHostProblem(t, field);
}

/** Refuses a target the approver or the provider would read as another (misleadingTargetProblem). */
export function refuseMisleadingTargets(t: { type: string }, field: string): void {
  const problem = misleadingTargetProblem(t, field);
  if (problem) throw problem;
}

/**
 * Refuses the first target of a type the request's kind does not take (INVALID_IDENTIFIER, naming
 * `targets.N.type`); `only` says in words what the kind names.
 */
export function refuseTargetTypes(
  targets: readonly { type: TargetType }[],
  allowed: readonly TargetType[],
  only: Bilingual,
): void {
  const wrong = targets.findIndex((t) => !allowed.includes(t.type));
  const t = targets[wrong];
  if (!t) return;
  throw new DomainError(
    'INVALID_IDENTIFIER',
    {
      ja: `対象 ${wrong + 1}: ${only.ja}（${TARGET_TYPE_LABELS[t.type].ja}は指定できません）`,
      en: `target ${wrong + 1}: ${only.en} (${TARGET_TYPE_LABELS[t.type].en} is not one of them)`,
    },
    { field: `targets.${wrong}.type`, value: t.type },
  );
}

// ---------------------------------------------------------------------------------------------------
// Target schemas

export const IpTargetSchema = z.strictObject({
  type: z.literal('ip'),
  address: IpAddressSchema,
  port: z.number().int().min(0).max(PORT_MAX).optional(),
  at: InstantSchema,
  /** Seconds either side of `at` (clock skew between the site's log and the ISP's). */
  toleranceSeconds: z.number().int().min(0).max(TOLERANCE_MAX_SECONDS).default(0),
});

export const AccountTargetSchema = z.strictObject({
  type: z.literal('account'),
  id: text(TARGET_VALUE_MAX.account),
  service: text(200).optional(),
});

export const EmailTargetSchema = z.strictObject({
  type: z.literal('email'),
  address: identifier('INVALID_IDENTIFIER', TARGET_VALUE_MAX.email, normaliseEmail),
});

export const PhoneTargetSchema = z.strictObject({
  type: z.literal('phone'),
  number: PhoneSchema,
});

export const DomainTargetSchema = z.strictObject({
  type: z.literal('domain'),
  name: identifier('INVALID_IDENTIFIER', TARGET_VALUE_MAX.domain, normaliseHostname),
});

export const UrlTargetSchema = z.strictObject({
  type: z.literal('url'),
  url: identifier('INVALID_IDENTIFIER', TARGET_VALUE_MAX.url, checkUrl),
  /** The post, comment or message id on the page, when the URL alone does not identify it. */
  postId: text(200).optional(),
});

/** A shared terminal (internet café booth, library PC) over a period of use. */
export const TerminalTargetSchema = z
  .strictObject({
    type: z.literal('terminal'),
    terminal: text(TARGET_VALUE_MAX.terminal),
    from: InstantSchema,
    to: InstantSchema,
  })
  .superRefine((t, ctx) => {
    if (!fromBeforeTo(t.from, t.to)) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the end of the period (${t.to}) must be after its start (${t.from})`,
        params: {
          code: 'VALIDATION_FAILED',
          ja: `期間の終わり（${t.to}）は始まり（${t.from}）より後でなければなりません`,
        },
        input: t.to,
      });
    }
  });

/** Both valid instants and from strictly before to (false when either does not parse). */
export function fromBeforeTo(from: string, to: string): boolean {
  try {
    return parseInstant(from, 'from').utc < parseInstant(to, 'to').utc;
  } catch {
    return false;
  }
}

const TargetUnion = z.discriminatedUnion('type', [
  IpTargetSchema,
  AccountTargetSchema,
  EmailTargetSchema,
  PhoneTargetSchema,
  DomainTargetSchema,
  UrlTargetSchema,
  TerminalTargetSchema,
]);

/**
 * A target, discriminated on `type`. An unknown or missing `type` gives one issue at `….type` with
 * params.code INVALID_IDENTIFIER (checked before the union, so the error names the allowed types).
 */
export const TargetSchema = z.preprocess((value, ctx) => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const type = (value as Record<string, unknown>).type;
    if (typeof type !== 'string' || !(TARGET_TYPES as readonly string[]).includes(type)) {
      const known = TARGET_TYPES.join(', ');
      // a missing type is said so, not shown as "undefined"
      const missing = type === undefined || type === null || type === '';
      const given = shownInput(String(JSON.stringify(type)));
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: missing
          ? `a target needs its type, one of ${known}`
          : `unknown target type ${given}; expected one of ${known}`,
        params: {
          code: 'INVALID_IDENTIFIER',
          ja: missing
            ? `対象の種別がありません（${known} のいずれか）`
            : `対象の種別 ${given} は不明です（${known} のいずれか）`,
        },
        input: type,
      });
    }
  }
  return value;
}, TargetUnion);

export type Target = z.output<typeof TargetUnion>;
export type TargetInput = z.input<typeof TargetUnion>;
export type IpTarget = z.output<typeof IpTargetSchema>;
export type TerminalTarget = z.output<typeof TerminalTargetSchema>;

// ---------------------------------------------------------------------------------------------------
// Description

/** One line describing a target, for documents and lists. */
export function describeTarget(t: Target, locale: Locale): string {
  const ja = locale === 'ja';
  switch (t.type) {
    case 'ip': {
      const host = formatHostPort(t.address, t.port);
      const tol =
        t.toleranceSeconds > 0 ? (ja ? `（前後${t.toleranceSeconds}秒）` : ` (±${t.toleranceSeconds} s)`) : '';
      return ja ? `IPアドレス ${host} 日時 ${t.at}${tol}` : `IP address ${host} at ${t.at}${tol}`;
    }
    case 'account':
      return t.service === undefined
        ? ja
          ? `アカウント ${t.id}`
          : `Account ${t.id}`
        : ja
          ? `アカウント ${t.id}（${t.service}）`
          : `Account ${t.id} (${t.service})`;
    case 'email':
      return ja ? `メールアドレス ${t.address}` : `E-mail address ${t.address}`;
    case 'phone':
      return ja ? `電話番号 ${t.number}` : `Phone number ${t.number}`;
    case 'domain':
      return ja ? `ドメイン ${t.name}` : `Domain ${t.name}`;
    case 'url':
      return t.postId === undefined
        ? ja
          ? `URL ${t.url}`
          : `URL ${t.url}`
        : ja
          ? `URL ${t.url}（投稿ID ${t.postId}）`
          : `URL ${t.url} (post ID ${t.postId})`;
    case 'terminal':
      return ja
        ? `端末 ${t.terminal} 利用時間 ${t.from} 〜 ${t.to}`
        : `Terminal ${t.terminal} from ${t.from} to ${t.to}`;
  }
}
