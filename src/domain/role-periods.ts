// A person's roles over time: each period a role was held, from its start (the person registered with it,
// granted it, a second person countersigning a privileged one) to its end (ended alone, or the person
// disabled), as the directory stores them (src/directory/role-periods.ts). Which roles a person held at an
// instant — a request's timeline names its own people by the roles they held at the act — and the words
// both the web and the command line say a period in. Pure: no I/O, no zod (the web imports it).
import { type Locale, ROLE_LABELS, type Role } from './vocabulary.ts';

/** A person named where a period says who granted or ended a role (never their id). */
export interface PeriodPerson {
  name: string;
  login: string;
}

/**
 * How a period began: `made` — the person was registered with the role; `granted` — granted to them later and
 * held at once; `countersigned` — a privileged role, held once a second person countersigned it;
 * `uncountersigned` — a privileged role nobody countersigned: an organisation's first administrator, whom the
 * installation's operator registers, or one held from before the two-person rule (migration 006).
 */
export const ROLE_PERIOD_STARTS = ['made', 'granted', 'countersigned', 'uncountersigned'] as const;
export type RolePeriodStart = (typeof ROLE_PERIOD_STARTS)[number];

/** How a period ended: still held; the role ended alone (the account stays); the person disabled. */
export const ROLE_PERIOD_ENDS = ['held', 'ended', 'disabled'] as const;
export type RolePeriodEnd = (typeof ROLE_PERIOD_ENDS)[number];

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
    uncountersigned: ja
      ? `付与: ${granter}、二人目の副署なし（組織の最初の管理者、または二人制の導入前からの権限）`
      : `granted by: ${granter}; no second person countersigned it (an organisation's first administrator, ` +
        'or held from before the two-person rule)',
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
