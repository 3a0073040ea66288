import { z } from 'zod';
import { DAY_MS } from '../../domain/time.ts';
import { WHOM_VERDICTS, type WhomVerdict } from '../../domain/vocabulary.ts';
import type { Address } from '../../net/address.ts';
import { type AddressClass, classifyAddress } from '../../net/classify.ts';
import type { AddressLookup } from '../registry/lookup.ts';
import { recordDateSpan } from '../registry/types.ts';
import { changedAfter } from './changed-after.ts';
import { notInternetSource } from './not-internet.ts';
import { transferReason } from './transferred.ts';

// "Whom to ask" about an address, decided from what the directory and the registry data say (pure:
// the use case in whom-service.ts reads them in its unit of work). The directory's declarations come
// first — a provider that declared the range is the one to ask, whatever the registry says save an RIR
// delegation of the part made after the declaration (a transfer, provider-join.ts); then the
// registry data: domestic (JP) but undeclared, foreign, or unknown.

const Bi = z.object({ ja: z.string(), en: z.string() });

export const WHOM_REASONS = [
  'declared',
  'cafe',
  'registry_domestic_undeclared',
  'registry_foreign',
  'registry_no_country',
  'no_data',
  'not_public',
  'port_needed',
  'instant_needed',
  'registry_dated',
  'registry_changed_after',
  'registry_undated',
  'registry_conflict',
  'declared_transferred',
] as const;
export type WhomReason = (typeof WHOM_REASONS)[number];

const RegistrySourceSchema = z.object({
  format: z.enum(['delegated', 'rdap', 'jpnic']),
  file: z.string(),
  sha256: z.string(),
  dataDate: z.string().nullable(),
  importedAt: z.string(),
  recordDate: z.string().nullable(),
  range: z.string(),
});

export const WhomAnswerSchema = z.object({
  /** The address in canonical form (IPv4 dotted quad, IPv6 RFC 5952). */
  address: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  port: z.number().int().nullable(),
  /** The instant as written (with its offset), and in UTC. */
  at: z.string().nullable(),
  atUtc: z.string().nullable(),
  addressClass: z.enum(['public', 'private', 'shared', 'loopback', 'documentation', 'link_local', 'other_special']),
  verdict: z.enum(WHOM_VERDICTS),
  /** The organisation in the directory to address the request to, when one declared the address. */
  holder: z
    .object({
      organisationId: z.string(),
      nameJa: z.string(),
      nameEn: z.string(),
      providerCategory: z.string().nullable(),
      isTelecomCarrier: z.boolean(),
      matchedBy: z.enum(['cidr', 'asn', 'domain']),
      /** The declared CIDR, `AS…` or domain that matched. */
      matched: z.string(),
    })
    .nullable(),
  /** What the imported registry data says (null: no registry data covers the address). */
  registry: z
    .object({
      registry: z.string().nullable(),
      country: z.string().nullable(),
      range: z.object({ start: z.string(), end: z.string(), cidrs: z.array(z.string()) }).nullable(),
      holder: z.object({ name: z.string().nullable(), handle: z.string().nullable() }).nullable(),
      abuse: z.string().nullable(),
      asns: z.array(z.number()),
      source: z.array(RegistrySourceSchema),
    })
    .nullable(),
  /** Why: each fact the verdict rests on, and what the investigator still needs. */
  reasons: z.array(z.object({ code: z.enum(WHOM_REASONS), message: Bi })),
  /** One sentence: whom to ask. */
  summary: Bi,
});
export type WhomAnswer = z.infer<typeof WhomAnswerSchema>;

/** The directory's facts about the declaring organisation (read by the use case). */
export interface HolderFacts {
  organisationId: string;
  nameJa: string;
  nameEn: string;
  providerCategory: string | null;
  isTelecomCarrier: boolean;
}

/** Registry data further than this from the instant is flagged: a range may have changed hands in between. */
const DATED_AFTER_DAYS = 180;

type Reason = WhomAnswer['reasons'][number];

/**
 * Decide whom to ask. `lookup` is the registry lookup joined with the directory (lookupAddresses);
 * `holder` the declaring organisation's directory entry when the join found one.
 */
export function decideWhom(input: {
  address: Address;
  port: number | null;
  at: string | null;
  atUtc: string | null;
  lookup: AddressLookup;
  holder: HolderFacts | null;
  /** Other holder records of the same range naming another holder, not older than the chosen one. */
  rivals?: ReadonlyArray<{ name: string; file: string; recordDate: string | null }>;
}): WhomAnswer {
  const { address, lookup } = input;
  const addressClass: AddressClass = classifyAddress(address);
  const reasons: Reason[] = [];
  const registry =
    lookup.range === null && lookup.registry === null
      ? null
      : {
          registry: lookup.registry,
          country: lookup.country,
          range: lookup.range ? { ...lookup.range, cidrs: [...lookup.range.cidrs] } : null,
          holder: lookup.holder ? { ...lookup.holder } : null,
          abuse: lookup.abuse,
          asns: [...lookup.asns],
          source: lookup.source.map((s) => ({ ...s })),
        };
  const p = lookup.provider;
  let verdict: WhomVerdict;
  let holder: WhomAnswer['holder'] = null;
  let summary: { ja: string; en: string };
  if (p.verdict === 'provider' && input.holder && p.matchedBy && p.matched) {
    const h = input.holder;
    holder = { ...h, matchedBy: p.matchedBy, matched: p.matched };
    const by = p.matchedBy === 'cidr' ? 'address range' : p.matchedBy === 'asn' ? 'AS number' : 'domain';
    const byJa = p.matchedBy === 'cidr' ? 'アドレス範囲' : p.matchedBy === 'asn' ? 'AS 番号' : 'ドメイン';
    reasons.push({
      code: 'declared',
      message: {
        ja: `${h.nameJa}がディレクトリに${byJa} ${p.matched} を届け出ています。`,
        en: `${h.nameEn} declared the ${by} ${p.matched} in the directory.`,
      },
    });
    if (h.providerCategory === 'cafe') {
      verdict = 'cafe';
      reasons.push({
        code: 'cafe',
        message: {
          ja: 'インターネットカフェです。利用記録（端末と利用時間帯）を照会してください。',
          en: 'An internet café: ask for its records of use (the terminal and the period of use).',
        },
      });
      summary = {
        ja: `インターネットカフェ（${h.nameJa}）に利用記録を照会してください。`,
        en: `Ask the internet café ${h.nameEn} for its records of use.`,
      };
    } else {
      verdict = 'domestic';
      summary = { ja: `照会先は${h.nameJa}です。`, en: `Ask ${h.nameEn}.` };
    }
  } else if (addressClass !== 'public' && !lookup.range) {
    verdict = 'not_public';
    reasons.push({
      code: 'not_public',
      message: notInternetSource(addressClass, address.text) ?? {
        ja: 'このアドレスはインターネット上で割り当てられるものではありません。',
        en: 'This address is not assigned on the internet.',
      },
    });
    summary = {
      ja: '照会先はありません。記録した側にその前の接続元を確認してください。',
      en: 'There is no one to ask: ask whoever recorded it for the connection before it.',
    };
  } else if (lookup.country !== null && lookup.country !== 'JP') {
    verdict = 'foreign';
    reasons.push({
      code: 'registry_foreign',
      message: {
        ja: `登録データでは ${lookup.country} のネットワークです（${lookup.registry ?? '登録機関不明'}）。国内事業者の届出はありません。`,
        en:
          `The registry data places the network in ${lookup.country} (${lookup.registry ?? 'registry unknown'}); ` +
          `no domestic provider declared it.`,
      },
    });
    summary = {
      ja: `国外（${lookup.country}）の保有者です。国際捜査共助、または条約が認める場合は直接の照会となります。保全要請を先に検討してください。`,
      en:
        `A foreign holder (${lookup.country}): mutual legal assistance, ` +
        `or a direct request where a treaty allows. Consider a preservation request first.`,
    };
  } else if (lookup.country === 'JP') {
    verdict = 'domestic';
    const name = lookup.holder?.name ?? null;
    reasons.push({
      code: 'registry_domestic_undeclared',
      message: {
        ja: `登録データでは国内（JP）のネットワークで${name ? `、保有者は ${name} です` : 'す'}。ディレクトリに届け出た事業者はありません。`,
        en:
          `The registry data places the network in Japan${name ? `, held by ${name}` : ''}; ` +
          `no provider in the directory declared it.`,
      },
    });
    summary = name
      ? {
          ja: `登録上の保有者 ${name} に照会してください（ディレクトリ未登録）。`,
          en: `Ask the registered holder ${name} (not in the directory).`,
        }
      : {
          ja: '国内のネットワークですが保有者は不明です。上位の割当先に照会してください。',
          en: 'A domestic network whose holder is not named: ask the holder of the enclosing allocation.',
        };
  } else {
    verdict = 'unknown';
    const known = lookup.range !== null;
    reasons.push(
      known
        ? {
            code: 'registry_no_country',
            message: {
              ja: '登録データは範囲を示していますが、国が記載されていません。',
              en: 'The registry data covers the address but names no country.',
            },
          }
        : {
            code: 'no_data',
            message: {
              ja: 'このアドレスを含む登録データも、事業者の届出もありません。登録データを取り込んでください。',
              en:
                'Neither imported registry data nor a provider declaration covers this address: ' +
                'import registry data.',
            },
          },
    );
    summary = { ja: '照会先を決められません。', en: 'Whom to ask cannot be decided.' };
  }
  if (verdict !== 'not_public') addNeeds(reasons, input, holder);
  // The registry data describes the range as the files saw it: two holders the dates do not order,
  // a record changed after the instant, or an undated one do not show who held the range then (a
  // transfer), so without a directory declaration the answer names no one as the one to ask.
  const fromRegistry = holder === null && verdict !== 'not_public';
  const rivals = input.rivals ?? [];
  if (fromRegistry && rivals.length > 0) {
    const chosen = lookup.holder?.name ?? '';
    const list = rivals.map((r) => `${r.name}（${r.file}、${r.recordDate ?? '日付なし'}）`).join('、');
    const listEn = rivals.map((r) => `${r.name} (${r.file}, ${r.recordDate ?? 'undated'})`).join(', ');
    reasons.push({
      code: 'registry_conflict',
      message: {
        ja: `登録データには同じ範囲について別の保有者の記録もあり、日付ではどちらが新しいか決められません: ${chosen} と ${list}。`,
        en:
          `The registry data also names another holder of the same range, and the dates do not tell which ` +
          `is current: ${chosen} and ${listEn}.`,
      },
    });
  }
  const moved = transferReason(lookup);
  if (moved) reasons.push(moved.reason);
  const inDoubt = fromRegistry && (registryInDoubt(reasons, input) || moved?.inDoubt === true);
  if (fromRegistry && (inDoubt || rivals.length > 0)) {
    const name = lookup.holder?.name ?? null;
    const country = lookup.country;
    summary = {
      ja:
        `登録データでは指定日時の保有者が定まりません（記録が指定日時より後に変更された、日付がない、` +
        `保有者の異なる記録がある、または届出の範囲の一部が移転された）。` +
        `当時の保有者を登録機関の履歴などで確かめてから照会先を決めてください` +
        `（現在の登録: ${name ?? '保有者の記載なし'}、${country ?? '国の記載なし'}）。`,
      en:
        `The registry data does not settle who held the range at the instant (a record changed after it, undated, ` +
        `records naming different holders, or part of a declared block transferred): establish who held the ` +
        `range at the instant (for example from the registry's history) before choosing whom to ask (registered now: ` +
        `${name ?? 'no holder named'}, ${country ?? 'no country'}).`,
    };
  }
  return {
    address: address.text,
    family: address.family,
    port: input.port,
    at: input.at,
    atUtc: input.atUtc,
    addressClass,
    verdict,
    holder,
    registry,
    reasons,
    summary,
  };
}

/**
 * Whether the registry record the answer rests on may not describe the range at the instant: the
 * holder record or the delegation changed (or made) at or after the instant, or on a day that may end
 * after it, or the holder record has no date at all. Adds the reasons; true when it added one.
 */
function registryInDoubt(
  reasons: Reason[],
  input: { at: string | null; atUtc: string | null; lookup: AddressLookup },
): boolean {
  const { lookup } = input;
  const holderSource = lookup.holder !== null ? lookup.source[0] : undefined;
  const delegation = lookup.source.find((s) => s.format === 'delegated');
  let doubt = false;
  if (input.atUtc !== null) {
    const at = Date.parse(input.atUtc);
    // An instant (RDAP) is compared exactly; a day, in a zone the data does not state, is after the
    // instant unless it ends before it in every zone (UTC+14 … UTC−12): in doubt, it is after.
    const after = [holderSource, delegation].find((s) => {
      const span = s?.recordDate == null ? null : recordDateSpan(s.recordDate);
      return span !== null && span.last >= at;
    });
    if (after?.recordDate != null) {
      doubt = true;
      reasons.push({ code: 'registry_changed_after', message: changedAfter(after, input.at) });
    }
  }
  if (holderSource !== undefined && holderSource.recordDate === null && holderSource.dataDate === null) {
    doubt = true;
    reasons.push({
      code: 'registry_undated',
      message: {
        ja: `保有者の登録記録（${holderSource.file}、${holderSource.range}）には日付がありません。指定日時の保有者かどうか分かりません。`,
        en:
          `The holder's registry record (${holderSource.file}, ${holderSource.range}) states no date: ` +
          `whether it held the range at the instant cannot be told.`,
      },
    });
  }
  return doubt;
}

/** What the investigator still needs to give the holder: the port behind shared addresses, the instant, dated data. */
function addNeeds(
  reasons: Reason[],
  input: { port: number | null; atUtc: string | null; lookup: AddressLookup },
  holder: WhomAnswer['holder'],
): void {
  const carrier =
    holder !== null &&
    (holder.isTelecomCarrier || holder.providerCategory === 'isp' || holder.providerCategory === 'mobile');
  if (carrier && input.port === null) {
    reasons.push({
      code: 'port_needed',
      message: {
        ja: '接続事業者は一つのアドレスを多数の利用者で共用します（CGNAT）。送信元ポート番号がなければ一人に絞れないことがあります。',
        en:
          'A carrier shares one address among many subscribers (CGNAT): ' +
          'without the source port it may not be able to name one.',
      },
    });
  }
  if (input.atUtc === null) {
    reasons.push({
      code: 'instant_needed',
      message: {
        ja: '日時（時差付き）がなければ、動的に割り当てられたアドレスの利用者は特定できません。',
        en: 'Without the instant (with its offset) the user of a dynamically assigned address cannot be identified.',
      },
    });
  }
  if (input.atUtc !== null) {
    const at = Date.parse(input.atUtc);
    const dates = input.lookup.source.map((s) => s.dataDate).filter((d): d is string => d !== null);
    const far = dates.find((d) => Math.abs(Date.parse(d) - at) > DATED_AFTER_DAYS * DAY_MS);
    if (far !== undefined) {
      const days = Math.round(Math.abs(Date.parse(far) - at) / DAY_MS);
      reasons.push({
        code: 'registry_dated',
        message: {
          ja: `登録データの日付（${far.slice(0, 10)}）は指定日時から ${days} 日離れています。その間に割当てが変わった可能性があります。`,
          en:
            `The registry data is dated ${far.slice(0, 10)}, ${days} days from the instant: ` +
            `the range may have changed hands in between.`,
        },
      });
    }
  }
}
