import { followUpStatus } from './follow-up.ts';
import { DAY_MS } from './time.ts';
import {
  type Bilingual,
  type DeadlineStatus,
  isOneOf,
  labelOf,
  MLAT_EVENT_LABELS,
  MLAT_HOP_LABELS,
  MLAT_TREATIES,
  MLAT_TREATY_LABELS,
  type MlatEvent,
  type MlatHop,
  type MlatTreaty,
} from './vocabulary.ts';

/**
 * Outgoing mutual legal assistance (国際捜査共助, issue 15): the treaty or agreement a request rests on,
 * the route it travels — the unit, Japan's central authority (the National Police Agency for the
 * National Public Safety Commission, or the Ministry of Justice), the Ministry of Foreign Affairs when
 * no treaty applies — to the foreign authority, and the foreign reply tracked with reminders.
 * Pure: the events come from the store, `now` from the caller.
 */

/** The EU Member States the Japan–EU agreement covers (ISO 3166-1 alpha-2; Greece is GR). */
export const EU_MEMBER_STATES =
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');

export interface TreatyFacts {
  /** Who the treaty is with: country codes, or null when any foreign country can be asked. */
  countries: readonly string[] | null;
  /** In force for Japan since (a date, for the record; nothing is computed from it). */
  inForce: string | null;
  /** What may be asked under it: evidence (records), preservation only, or both. */
  assistance: readonly ('evidence' | 'preservation')[];
  /** Japan's central authorities the request may go through (the first is the default). */
  central: readonly ('npa' | 'moj')[];
  /** Days to wait for an acknowledgement after sending, then for the answer, before a reminder is due. */
  ackDays: number;
  answerDays: number;
}

/**
 * The closed list. Bilateral instruments: a request goes from central authority to central authority
 * (for Japan the Minister of Justice or the National Public Safety Commission, or their designees),
 * not through diplomatic channels. Without one, Japan asks on comity through diplomatic channels (via
 * the Ministry of Foreign Affairs). The Budapest Convention's 24/7 network (arts. 29 and 35) carries
 * expedited preservation, pending the formal request.
 */
export const MLAT_TREATY_FACTS: Record<MlatTreaty, TreatyFacts> = {
  jp_us_mlat: mutual(['US'], '2006-07-21'),
  jp_kr_mlat: mutual(['KR'], '2007-01-26'),
  jp_cn_mlat: mutual(['CN'], '2008-11-23'),
  jp_hk_mla: mutual(['HK'], '2009-09-24'),
  jp_eu_mla: mutual(EU_MEMBER_STATES, '2011-01-02'),
  jp_ru_mlat: mutual(['RU'], '2011-02-11'),
  budapest_24_7: {
    countries: null,
    inForce: '2012-11-01',
    assistance: ['preservation'],
    central: ['npa'],
    ackDays: 2,
    answerDays: 7,
  },
  diplomatic: {
    countries: null,
    inForce: null,
    assistance: ['evidence', 'preservation'],
    central: ['npa', 'moj'],
    ackDays: 45,
    answerDays: 180,
  },
};

function mutual(countries: readonly string[], inForce: string): TreatyFacts {
  return {
    countries,
    inForce,
    assistance: ['evidence', 'preservation'],
    central: ['npa', 'moj'],
    ackDays: 30,
    answerDays: 120,
  };
}

export type MlatProblem = { field: string; message: Bilingual };

/** Why the treaty, country, assistance and central authority do not fit together, or null. */
export function mlatChoiceProblem(m: {
  treaty: string;
  requestedCountry: string;
  assistance?: 'evidence' | 'preservation' | undefined;
  centralAuthority?: 'npa' | 'moj' | undefined;
}): MlatProblem | null {
  const treaty = m.treaty;
  if (!isOneOf(MLAT_TREATIES, treaty)) {
    const list = Object.entries(MLAT_TREATY_LABELS);
    return {
      field: 'content.mlat.treaty',
      message: {
        ja: `根拠条約は一覧から選んでください: ${list.map(([, l]) => l.ja).join('、')}`,
        en: `choose the treaty from the list: ${list.map(([, l]) => l.en).join('; ')}`,
      },
    };
  }
  const facts = MLAT_TREATY_FACTS[treaty];
  const label = MLAT_TREATY_LABELS[treaty];
  if (facts.countries && !facts.countries.includes(m.requestedCountry)) {
    return {
      field: 'content.mlat.requestedCountry',
      message: {
        ja: `${label.ja}の相手国・地域ではありません（${m.requestedCountry}）。対象: ${facts.countries.join('、')}`,
        en: `${m.requestedCountry} is not a party to the ${label.en} (parties: ${facts.countries.join(', ')})`,
      },
    };
  }
  const assistance = m.assistance ?? 'evidence';
  if (!facts.assistance.includes(assistance)) {
    return {
      field: 'content.mlat.assistance',
      message: {
        ja: `${label.ja}で求められるのは迅速な保全のみです（正式な共助要請は条約または外交ルートで）`,
        en:
          `the ${label.en} carries expedited preservation only ` +
          `(the formal request goes by treaty or diplomatic channel)`,
      },
    };
  }
  if (m.centralAuthority && !facts.central.includes(m.centralAuthority)) {
    return {
      field: 'content.mlat.centralAuthority',
      message: {
        ja: `${label.ja}の窓口は${facts.central.map((c) => MLAT_HOP_LABELS[c].ja).join('・')}です`,
        en: `the ${label.en} goes through ${facts.central.map((c) => MLAT_HOP_LABELS[c].en).join(' or ')}`,
      },
    };
  }
  return null;
}

/** One hop of the route: who holds the request there and who approves passing it on. */
export interface MlatRouteHop {
  hop: MlatHop;
  holder: Bilingual;
  approves: Bilingual;
}

const APPROVER: Record<MlatHop, Bilingual> = {
  unit: { ja: '所属長（決裁・電子署名）', en: 'the unit head (approval, signed)' },
  npa: {
    ja: '警察庁 国際捜査管理官（国家公安委員会の指定する中央当局として審査・承認）',
    en:
      'NPA, Director for International Investigative Operations (reviews and ' +
      'approves as central authority for the National Public Safety Commission)',
  },
  npa_24_7: {
    ja: '警察庁 24時間連絡窓口（サイバー犯罪条約第35条）の当直責任者',
    en: 'the duty officer of the NPA 24/7 point of contact (Budapest Convention art. 35)',
  },
  moj: {
    ja: '法務省刑事局 国際課（法務大臣＝中央当局として審査・承認）',
    en:
      'Ministry of Justice, Criminal Affairs Bureau, International ' +
      'Affairs Division (reviews and approves as central authority)',
  },
  mofa: {
    ja: '外務省（外交ルートでの送達を承認）',
    en: 'Ministry of Foreign Affairs (approves transmission through diplomatic channels)',
  },
  foreign: {
    ja: '相手国の中央当局・捜査当局（受理・回答または拒否）',
    en: 'the foreign central or investigating authority (accepts, answers or refuses)',
  },
};

/** The route of a request under `treaty`, by way of `central` (default: the treaty's first). */
export function mlatRoute(treaty: MlatTreaty, central?: 'npa' | 'moj'): MlatRouteHop[] {
  const facts = MLAT_TREATY_FACTS[treaty];
  const via = central && facts.central.includes(central) ? central : (facts.central[0] ?? 'npa');
  const hops: MlatHop[] =
    treaty === 'budapest_24_7'
      ? ['unit', 'npa_24_7', 'foreign']
      : treaty === 'diplomatic'
        ? ['unit', via, 'mofa', 'foreign']
        : ['unit', via, 'foreign'];
  return hops.map((hop) => ({ hop, holder: MLAT_HOP_LABELS[hop], approves: APPROVER[hop] }));
}

/** A recorded event of the route (the store's row, in the domain's words). */
export interface MlatEventRecord {
  event: MlatEvent;
  hop: MlatHop | null;
  at: string;
}

/** The domestic hops between the unit and the foreign authority. */
function domesticHops(route: MlatRouteHop[]): MlatHop[] {
  return route.map((h) => h.hop).filter((h) => h !== 'unit' && h !== 'foreign');
}

/** Where the request stands on its route, derived from the events (never stored). */
export type MlatStage =
  | { stage: 'domestic'; at: MlatHop }
  | { stage: 'ready'; at: MlatHop }
  | { stage: 'returned'; at: MlatHop }
  | { stage: 'sent' }
  | { stage: 'acknowledged' }
  | { stage: 'answered' }
  | { stage: 'refused' };

export function mlatStage(route: MlatRouteHop[], events: readonly MlatEventRecord[]): MlatStage {
  const last = (e: MlatEvent) => events.some((x) => x.event === e);
  if (last('answered')) return { stage: 'answered' };
  if (last('refused')) return { stage: 'refused' };
  const returned = events.find((x) => x.event === 'returned');
  if (returned?.hop) return { stage: 'returned', at: returned.hop };
  if (last('acknowledged')) return { stage: 'acknowledged' };
  if (last('sent')) return { stage: 'sent' };
  const forwarded = new Set(events.filter((x) => x.event === 'approved').map((x) => x.hop));
  const hops = domesticHops(route);
  const pending = hops.find((h) => !forwarded.has(h));
  // Every domestic hop approved: the last of them sends it abroad.
  return pending ? { stage: 'domestic', at: pending } : { stage: 'ready', at: hops.at(-1) ?? 'unit' };
}

/**
 * Why `event` (at `hop`) cannot be recorded now, or null: the domestic hops approve in order, the
 * request is sent abroad only after the last of them, acknowledged and answered only once sent, and
 * nothing follows an answer, a refusal or a return.
 */
export function mlatEventProblem(
  route: MlatRouteHop[],
  events: readonly MlatEventRecord[],
  event: MlatEvent,
  hop: MlatHop | null,
  at: Date,
  issuedAt: Date,
  now: Date,
): Bilingual | null {
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    return { ja: '未来の日時は記録できません', en: 'an event cannot be recorded in the future' };
  }
  if (at.getTime() < issuedAt.getTime()) {
    return { ja: '要請の発出より前の日時です', en: 'the time is before the request was issued' };
  }
  const previous = events.at(-1);
  if (previous && at.getTime() < Date.parse(previous.at)) {
    return { ja: '前の記録より前の日時です', en: 'the time is before the previous event' };
  }
  const stage = mlatStage(route, events);
  if (stage.stage === 'answered' || stage.stage === 'refused' || stage.stage === 'returned') {
    return {
      ja: `この要請の経路は終了しています（${MLAT_EVENT_LABELS[stage.stage === 'returned' ? 'returned' : stage.stage].ja}）`,
      en:
        `this request's route has ended ` +
        `(${MLAT_EVENT_LABELS[stage.stage === 'returned' ? 'returned' : stage.stage].en})`,
    };
  }
  const domestic = stage.stage === 'domestic';
  switch (event) {
    case 'approved':
    case 'returned':
      if (!domestic || hop !== stage.at) {
        return domestic
          ? {
              ja: `次に審査するのは${MLAT_HOP_LABELS[stage.at].ja}です`,
              en: `the next to review is ${MLAT_HOP_LABELS[stage.at].en}`,
            }
          : { ja: '国内の審査は終わっています', en: 'the domestic review is over' };
      }
      return null;
    case 'sent':
      return domestic
        ? {
            ja: `相手国へ送付する前に${MLAT_HOP_LABELS[stage.at].ja}の承認が必要です`,
            en: `${MLAT_HOP_LABELS[stage.at].en} must approve before it is sent abroad`,
          }
        : stage.stage === 'ready'
          ? null
          : { ja: '既に送付済みです', en: 'it was already sent' };
    case 'acknowledged':
      return stage.stage === 'sent' ? null : notSent(stage);
    case 'reminded':
      return null;
    case 'answered':
    case 'refused':
      return stage.stage === 'sent' || stage.stage === 'acknowledged' ? null : notSent(stage);
  }
}

function notSent(stage: MlatStage): Bilingual {
  return stage.stage === 'acknowledged'
    ? { ja: '受理の連絡は記録済みです', en: 'the acknowledgement is already recorded' }
    : { ja: 'まだ相手国へ送付されていません', en: 'it has not been sent abroad yet' };
}

/** Domestic hops are chased after two weeks. */
export const MLAT_DOMESTIC_DAYS = 14;

/** What is awaited next and when a reminder is due, with its status now (null: nothing is awaited). */
export function mlatReminder(
  treaty: MlatTreaty,
  route: MlatRouteHop[],
  events: readonly MlatEventRecord[],
  issuedAt: Date,
  now: Date,
): { awaiting: MlatEvent; from: MlatHop; dueAt: string; status: DeadlineStatus } | null {
  const facts = MLAT_TREATY_FACTS[treaty];
  const stage = mlatStage(route, events);
  const lastAt = new Date(events.length > 0 ? Date.parse(events.at(-1)?.at ?? '') : issuedAt.getTime());
  let awaiting: MlatEvent;
  let from: MlatHop;
  let days: number;
  if (stage.stage === 'domestic') {
    [awaiting, from, days] = ['approved', stage.at, MLAT_DOMESTIC_DAYS];
  } else if (stage.stage === 'ready') {
    [awaiting, from, days] = ['sent', stage.at, MLAT_DOMESTIC_DAYS];
  } else if (stage.stage === 'sent') {
    [awaiting, from, days] = ['acknowledged', 'foreign', facts.ackDays];
  } else if (stage.stage === 'acknowledged') {
    [awaiting, from, days] = ['answered', 'foreign', facts.answerDays];
  } else {
    return null;
  }
  // A reminder restarts the wait; so does every other event.
  const due = new Date(lastAt.getTime() + days * DAY_MS);
  const { status } = followUpStatus(due, now, false, Math.min(7, days / 2) * DAY_MS, days * DAY_MS);
  return { awaiting, from, dueAt: due.toISOString(), status };
}

/** The treaty's name in both languages (a request drafted before the closed list keeps its own words). */
export function treatyLabel(treaty: string): Bilingual {
  return labelOf(MLAT_TREATY_LABELS, treaty);
}
