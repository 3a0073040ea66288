// A person's roles over time: each period a role was held, from its start (the person registered with it,
// granted it, a second person countersigning a privileged one) to its end (ended alone, or the person
// disabled), as the directory stores them (src/directory/role-periods.ts). Which roles a person held at an
// instant — a request's timeline names its own people by the roles they held at the act — and the words
// both the web and the command line say a period in. Pure: no I/O, no zod (the web imports it).
import { type Bilingual, type Locale, ROLE_LABELS, type Role } from './vocabulary.ts';

/** A person named where a period says who granted or ended a role (never their id). */
export interface PeriodPerson {
  name: string;
  login: string;
}

/**
 * Why a privileged role took effect with no second person's countersignature, as the store tells it:
 * `first_admin` — the organisation's first administrator, given the role at their registration by the
 * installation's operator (the audit log's entry of the grant says so), when nobody could countersign yet;
 * `before_two_person_rule` — held before grants took two people, recorded as a grant by migration 006 (no
 * entry of the audit log grants it); `unexplained` — neither: the store records no reason.
 */
export const UNCOUNTERSIGNED_REASONS = ['first_admin', 'before_two_person_rule', 'unexplained'] as const;
export type UncountersignedReason = (typeof UNCOUNTERSIGNED_REASONS)[number];

/** The words of each reason, where a grant or a period says why no second person countersigned it. */
export const UNCOUNTERSIGNED_WORDS: Record<UncountersignedReason, Bilingual> = {
  first_admin: {
    ja: '組織の最初の管理者として設置の運用者が登録時に付与、副署できる二人目はまだいなかった',
    en:
      "the organisation's first administrator, given the role at registration by the installation's operator " +
      'when there was no second person yet to countersign',
  },
  before_two_person_rule: {
    ja: '二人制の導入前から保持していた権限、導入時に付与として記録',
    en: 'held from before the two-person rule, recorded as a grant when the rule came in',
  },
  unexplained: { ja: '二人目の副署なし、理由の記録なし', en: 'no second person countersigned it, no reason recorded' },
};

/**
 * How a period began: `made` — the person was registered with the role; `granted` — granted to them later and
 * held at once; `countersigned` — a privileged role, held once a second person countersigned it; a privileged
 * role nobody countersigned, by why (UNCOUNTERSIGNED_REASONS; `uncountersigned` where the store records none).
 */
export const ROLE_PERIOD_STARTS = [
  'made',
  'granted',
  'countersigned',
  'first_admin',
  'before_two_person_rule',
  'uncountersigned',
] as const;
export type RolePeriodStart = (typeof ROLE_PERIOD_STARTS)[number];

/** The start of a period of a privileged role nobody countersigned, by why. */
export const uncountersignedStart = (why: UncountersignedReason): RolePeriodStart =>
  why === 'unexplained' ? 'uncountersigned' : why;

/** How a period ended: still held; the role ended alone (the account stays); the person disabled. */
export const ROLE_PERIOD_ENDS = ['held', 'ended', 'disabled'] as const;
export type RolePeriodEnd = (typeof ROLE_PERIOD_ENDS)[number];

/**
 * A privileged role granted to the person and awaiting a second person's countersignature: not held (no
 * period yet), shown beside the periods so nobody reads the person's roles without it.
 */
export interface PendingRole {
  role: Role;
  /** When it was granted (UTC ISO). */
  grantedAt: string;
  grantedBy: PeriodPerson | null;
}

/** A person's periods, and what awaits a countersignature (never among the periods: not held). */
export interface RolePeriods {
  items: RolePeriod[];
  pending: PendingRole[];
}

export interface RolePeriod {
  role: Role;
  /** When the role took effect (UTC ISO); null: the store does not record it. */
  from: string | null;
  start: RolePeriodStart;
  grantedBy: PeriodPerson | null;
  countersignedBy: PeriodPerson | null;
  /** When it ended (UTC ISO); null while held, or for a person disabled before disabling was dated. */
  to: string | null;
  end: RolePeriodEnd;
  endedBy: PeriodPerson | null;
}

/**
 * The roles of `periods` held at `at`: `held` — a period with a recorded start at or before `at` that had not
 * ended by then (an end at `at` itself is before the act: both are in one instant, the end first or the act
 * refused); `unsure` — a period whose start is not recorded that had not ended by `at`: held then, or granted
 * only later, the store cannot tell. A period of a person disabled with no date ended after every act of
 * theirs (a disabled person acts no more).
 */
export function rolesAt(periods: readonly RolePeriod[], at: string): { held: Role[]; unsure: Role[] } {
  const ms = Date.parse(at);
  const notEnded = (p: RolePeriod) => p.to === null || Date.parse(p.to) > ms;
  const held = new Set<Role>();
  const unsure = new Set<Role>();
  for (const p of periods) {
    if (!notEnded(p)) continue;
    if (p.from === null) unsure.add(p.role);
    else if (Date.parse(p.from) <= ms) held.add(p.role);
  }
  return { held: [...held], unsure: [...unsure].filter((r) => !held.has(r)) };
}

const who = (p: PeriodPerson, locale: Locale) =>
  locale === 'ja' ? `${p.name}（${p.login}）` : `${p.name} (${p.login})`;

/**
 * A period in words: the role, its start and its end, each instant as `instant` shows it (the viewer's zone
 * with its offset); who granted, countersigned or ended it where the store records them, and "not recorded"
 * where it does not — never a guess, an id or a code.
 */
export function rolePeriodWords(
  p: RolePeriod,
  locale: Locale,
  instant: (iso: string) => string,
): { role: string; start: string; end: string } {
  const ja = locale === 'ja';
  const by = (x: PeriodPerson | null, jaNone: string, enNone: string) => (x ? who(x, locale) : ja ? jaNone : enNone);
  // Nobody's name: the installation's operator (not a person of the directory), or a grant from before
  // granters were recorded; the store does not tell the two apart.
  const granter = by(p.grantedBy, '設置の運用者または記録なし', "the installation's operator, or not recorded");
  const how: Record<RolePeriodStart, string> = {
    made: ja ? '利用者の登録時から' : 'held since the person was registered',
    granted: ja ? `付与: ${granter}` : `granted by: ${granter}`,
    countersigned: ja
      ? `付与: ${granter}、副署: ${by(p.countersignedBy, '記録なし', 'not recorded')}`
      : `granted by: ${granter}; countersigned by: ${by(p.countersignedBy, 'not recorded', 'not recorded')}`,
    first_admin: UNCOUNTERSIGNED_WORDS.first_admin[locale],
    before_two_person_rule: ja
      ? `付与した者の記録なし、${UNCOUNTERSIGNED_WORDS.before_two_person_rule.ja}`
      : `granter not recorded; ${UNCOUNTERSIGNED_WORDS.before_two_person_rule.en}`,
    uncountersigned: ja
      ? `付与: ${granter}、${UNCOUNTERSIGNED_WORDS.unexplained.ja}`
      : `granted by: ${granter}; ${UNCOUNTERSIGNED_WORDS.unexplained.en}`,
  };
  const start =
    p.from === null
      ? ja
        ? `開始日時の記録なし（期間の記録が始まる前の付与）・${how[p.start]}`
        : `start not recorded (granted before periods were recorded); ${how[p.start]}`
      : ja
        ? `${instant(p.from)} から（${how[p.start]}）`
        : `from ${instant(p.from)} (${how[p.start]})`;
  const ender = by(p.endedBy, '設置の運用者', "the installation's operator");
  let end: string;
  if (p.end === 'held') end = ja ? '現在も保持' : 'held now';
  else if (p.end === 'ended' && p.to !== null) {
    end = ja ? `${instant(p.to)} に終了（${ender}）` : `ended ${instant(p.to)} (by: ${ender})`;
  } else if (p.to !== null) {
    end = ja ? `${instant(p.to)} に終了（利用者の無効化）` : `ended ${instant(p.to)} (the person was disabled)`;
  } else {
    end = ja ? '利用者の無効化で終了（日時の記録なし）' : 'ended when the person was disabled (when is not recorded)';
  }
  return { role: ROLE_LABELS[p.role][locale], start, end };
}

/**
 * A role awaiting its countersignature in words: the role, and that it is granted and not held — when, by
 * whom, waiting for a second administrator or the key officer.
 */
export function pendingRoleWords(
  p: PendingRole,
  locale: Locale,
  instant: (iso: string) => string,
): { role: string; state: string } {
  const granter = p.grantedBy
    ? who(p.grantedBy, locale)
    : locale === 'ja'
      ? '設置の運用者'
      : "the installation's operator";
  const state =
    locale === 'ja'
      ? `${instant(p.grantedAt)} に付与（${granter}）、二人目の管理者か鍵管理責任者の副署待ち — まだ保持していません`
      : `granted ${instant(p.grantedAt)} by ${granter}, awaiting a second administrator's or the key officer's ` +
        'countersignature — not held yet';
  return { role: ROLE_LABELS[p.role][locale], state };
}

/**
 * How a request's timeline names the roles a person held at the act: those held then, and apart those whose
 * start the store does not record (held then, or only later). Empty when neither.
 */
export function rolesThenWords(held: readonly Role[], unsure: readonly Role[], locale: Locale): string {
  const labels = (rs: readonly Role[]) => rs.map((r) => ROLE_LABELS[r][locale]);
  const parts: string[] = [];
  if (locale === 'ja') {
    if (held.length > 0) parts.push(`当時の役割: ${labels(held).join('、')}`);
    if (unsure.length > 0) parts.push(`開始の記録がない役割: ${labels(unsure).join('、')}`);
    return parts.join('。');
  }
  const s = (rs: readonly Role[]) => (rs.length === 1 ? '' : 's');
  if (held.length > 0) parts.push(`role${s(held)} then: ${labels(held).join(', ')}`);
  if (unsure.length > 0) parts.push(`role${s(unsure)} with no recorded start: ${labels(unsure).join(', ')}`);
  return parts.join('; ');
}
