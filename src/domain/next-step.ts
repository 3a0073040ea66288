import { checkRequestAgainstPolicy, type ProviderPolicy } from './policy.ts';
import type { Target } from './targets.ts';
import { DAY_MS } from './time.ts';
import {
  type Bilingual,
  type DataCategory,
  type FindingVerdict,
  type ProviderCategory,
  RESOLVE_HINT_LABELS,
  type RequestKind,
  type TraceAnswerReading,
} from './vocabulary.ts';

/**
 * The chain of identification, as rules: from an identifier an answer (or an e-mail) revealed, and
 * who holds it, the next request — which kind the legal matrix and the holder's policy allow, for which
 * categories, and whether preservation must come first because the holder's logs run out. Pure: the
 * holder is found by the caller (declared networks, registry data, domain registrations).
 */

/** Who holds an identifier, as far as the directory and the registry data tell. */
export type Holder =
  | {
      kind: 'provider';
      providerOrganisationId: string;
      name: Bilingual;
      category: ProviderCategory;
      isTelecomCarrier: boolean;
      policy: ProviderPolicy;
      /** How the holder was found (a declared network, a registry record, a domain…). */
      foundBy: Bilingual;
    }
  | { kind: 'foreign'; country: string | null; name: string | null; foundBy: Bilingual }
  | { kind: 'unknown'; reason: Bilingual };

export interface NextStep {
  /** 'draft' a request to a provider in the directory; 'mlat' a package to a foreign authority; 'none'. */
  action: 'draft' | 'mlat' | 'none';
  kind: RequestKind | null;
  providerOrganisationId: string | null;
  categories: DataCategory[];
  targets: Target[];
  /** An inquiry cannot reach what is needed: a court's warrant is required first. */
  warrantNeeded: boolean;
  /** Ask the holder to preserve its records first: they run out before the next request can be answered. */
  preservationFirst: { days: number; reason: Bilingual } | null;
  /** Why this step, in both languages, for the investigator. */
  reasons: Bilingual[];
}

/** Preservation is suggested when the records run out within this many days (more when a warrant must be obtained). */
export const PRESERVATION_HORIZON_DAYS = 7;
export const PRESERVATION_HORIZON_WITH_WARRANT_DAYS = 14;

/** What to ask a holder about an identifier: who held it, and the record that shows it. */
function categoriesFor(_target: Target): DataCategory[] {
  return ['subscriber', 'access_log'];
}

/** The instant an identifier concerns (an address at a time, a terminal's period of use), if any. */
function instantOf(target: Target): Date | null {
  if (target.type === 'ip') return new Date(target.at);
  if (target.type === 'terminal') return new Date(target.from);
  return null;
}

function preservation(
  target: Target,
  policy: ProviderPolicy | null,
  warrantNeeded: boolean,
  now: Date,
): NextStep['preservationFirst'] {
  const at = instantOf(target);
  const keptDays = policy?.retention?.access_log;
  if (!at || keptDays === undefined) return null;
  const runsOut = at.getTime() + keptDays * DAY_MS;
  const horizon = (warrantNeeded ? PRESERVATION_HORIZON_WITH_WARRANT_DAYS : PRESERVATION_HORIZON_DAYS) * DAY_MS;
  const left = Math.floor((runsOut - now.getTime()) / DAY_MS);
  if (runsOut - now.getTime() > horizon) return null;
  return {
    days: 30,
    reason:
      left >= 0
        ? {
            ja: `保存期間（${keptDays}日）が残り約${left}日で切れます。先に保全要請を送ってください`,
            en:
              `the holder keeps these records ${keptDays} days: they ` +
              `run out in about ${left} days — ask for preservation first`,
          }
        : {
            ja: `保存期間（${keptDays}日）を過ぎている可能性があります。直ちに保全要請を送ってください`,
            en:
              `the holder keeps these records ${keptDays} days: ` +
              `they may already be gone — ask for preservation at once`,
          },
  };
}

/** The next request about `target`, held by `holder`, as of `now`. */
export function nextStep(target: Target, holder: Holder, now: Date): NextStep {
  const categories = categoriesFor(target);
  const step = (s: Pick<NextStep, 'action' | 'kind' | 'reasons'> & Partial<NextStep>): NextStep => ({
    providerOrganisationId: null,
    categories,
    targets: [target],
    warrantNeeded: false,
    preservationFirst: null,
    ...s,
  });
  const none = (reasons: Bilingual[]): NextStep => step({ action: 'none', kind: null, reasons });
  if (holder.kind === 'unknown') return none([holder.reason]);
  if (holder.kind === 'foreign') {
    return step({
      action: 'mlat',
      kind: 'mlat',
      preservationFirst: {
        days: 30,
        reason: {
          ja: '海外の事業者は記録を短期間しか保存しないことがあります。共助要請の前に、中央当局を通じて迅速な保全を求めてください',
          en:
            'foreign providers may keep records only briefly: ask for expedited ' +
            'preservation through the central authority before the request',
        },
      },
      reasons: [
        holder.foundBy,
        {
          ja: `保有者は国外${holder.country ? `（${holder.country}）` : ''}です: 国際捜査共助の要請書を作成します`,
          en:
            `the holder is abroad${holder.country ? ` (${holder.country})` : ''}: ` +
            `a mutual legal assistance package is drafted`,
        },
      ],
    });
  }
  /** A request of `kind` to the holder, with preservation first when its records run out before it is answered. */
  const draft = (kind: RequestKind, warrantNeeded: boolean, reasons: Bilingual[]): NextStep =>
    step({
      action: 'draft',
      kind,
      providerOrganisationId: holder.providerOrganisationId,
      warrantNeeded,
      preservationFirst: preservation(target, holder.policy, warrantNeeded, now),
      reasons,
    });
  const reasons: Bilingual[] = [holder.foundBy];
  const provider = { isTelecomCarrier: holder.isTelecomCarrier, policy: holder.policy };
  if (holder.category === 'cafe') {
    reasons.push({
      ja: '保有者はインターネットカフェです: 本人確認記録と端末の利用記録を照会します',
      en: 'the holder is an internet café: its ID-check and terminal-use records are asked for',
    });
    const check = checkRequestAgainstPolicy({ kind: 'cafe_records', categories }, provider);
    if (!check.ok) return none([...reasons, ...check.refusals.map((r) => r.message)]);
    return draft('cafe_records', false, reasons);
  }
  const inquiry = checkRequestAgainstPolicy({ kind: 'inquiry', categories }, provider);
  if (inquiry.ok) return draft('inquiry', false, reasons);
  const warrant = checkRequestAgainstPolicy({ kind: 'warrant', categories }, provider);
  if (!warrant.ok) return none([...reasons, ...warrant.refusals.map((r) => r.message)]);
  return draft('warrant', true, [...reasons, ...inquiry.refusals.map((r) => r.message)]);
}

/**
 * Whether an answer's finding may be followed to a next request. Only a unique finding (or an item
 * without one, answered by a person) names the one holder whose records a next request may ask
 * about; an ambiguous finding lists candidates — following one of them would name a person the
 * records did not identify — and an empty one has nothing to follow. The refusal says what would
 * make the finding unique, so the investigator asks for that instead.
 */
export function followable(
  verdict: FindingVerdict | undefined,
  resolveBy: readonly Bilingual[] = [],
): { ok: true } | { ok: false; reason: Bilingual } {
  if (verdict === undefined || verdict === 'unique') return { ok: true };
  if (verdict === 'none') {
    return {
      ok: false,
      reason: {
        ja: '回答の判定は「該当する記録なし」です。次の照会の対象になる記録はありません',
        en: 'the answer found no record: there is nothing to follow to a next request',
      },
    };
  }
  const hints =
    resolveBy.length > 0 ? resolveBy : [RESOLVE_HINT_LABELS.source_port, RESOLVE_HINT_LABELS.narrower_window];
  return {
    ok: false,
    reason: {
      ja: `回答の判定は「特定できず（複数の候補）」です。候補の一人を対象に次の照会を起案することはできません。一意にするには: ${hints.map((h) => h.ja).join('、')}`,
      en:
        `the answer is ambiguous (several candidates): no next request may name ` +
        `one of them. What would make it unique: ${hints.map((h) => h.en).join('; ')}`,
    },
  };
}

/**
 * One answer item as the client that opened the answer read it: its finding's verdict, and whether it
 * names a subscriber.
 */
export interface AnswerItemReading {
  verdict?: FindingVerdict | undefined;
  subscriber: boolean;
}

/**
 * Whether an item reading contradicts itself: an ambiguous or empty finding never names a subscriber
 * (the answer's own validation refuses it), so a client saying so misread the answer.
 */
export function contradictoryReading(item: AnswerItemReading): boolean {
  return item.subscriber && item.verdict !== undefined && item.verdict !== 'unique';
}

/**
 * What an opened answer says of who, for the trace: `subscriber` when an item names one (a unique
 * finding, or a person's answer without a finding); else `ambiguous` when a finding is ambiguous (its
 * candidates are not a subscriber); else `not_identified`. Without a reading from the client the
 * trace says `sealed` — never a subscriber it cannot see.
 */
export function answerReading(items: readonly AnswerItemReading[] | undefined): TraceAnswerReading {
  if (items === undefined) return 'sealed';
  if (items.some((i) => i.subscriber && !contradictoryReading(i))) return 'subscriber';
  if (items.some((i) => i.verdict === 'ambiguous')) return 'ambiguous';
  return 'not_identified';
}
