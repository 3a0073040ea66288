import { formatDate, JAPAN_ZONE } from '../../domain/time.ts';
import { addressToBigInt, HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import type { AddressLookup } from '../registry/lookup.ts';

/**
 * A declared CIDR set aside because the RIR delegated the part holding the address on its own after
 * the declaration (`ProviderMatch.transferred`): the reason that says so, and whether the answer is in
 * doubt — the registry's holder record then does not settle who held the part — which it is unless
 * that record lies inside the delegation (written for it). Null when no declaration was set aside.
 */
export function transferReason(lookup: AddressLookup): {
  reason: { code: 'declared_transferred'; message: { ja: string; en: string } };
  inDoubt: boolean;
} | null {
  const t = lookup.provider.transferred;
  if (!t) return null;
  const { start, end, recordDate, type } = t.delegation;
  // which record showed it: the RIR statistics, or an RDAP record of a provider-independent type
  const shown =
    type === undefined
      ? {
          ja: `登録機関はその後 ${recordDate} にその中の ${start}–${end} を別に割り振っています（移転）。`,
          en: `the registry delegated ${start}–${end} inside it on its own on ${recordDate}, after that`,
        }
      : {
          ja:
            `登録機関の RDAP 記録はその中の ${start}–${end} を事業者から独立した資源（種別 ${type}）としており、` +
            `その日付 ${recordDate} は届出より後です（移転）。`,
          en:
            `the registry's RDAP record of ${start}–${end} inside it, of type ${type} (held independently ` +
            `of any provider), is dated ${recordDate}, after that`,
        };
  // Since when the provider has declared the block: its day in Japan, with the era year in Japanese.
  const since = new Date(t.declaredSince);
  const reason = {
    code: 'declared_transferred' as const,
    message: {
      ja:
        `${t.nameJa}は ${t.cidr} を ${formatDate(since, 'ja', JAPAN_ZONE)} から届け出ていますが、` +
        `${shown.ja}この届出では照会先を決めませんでした。`,
      en:
        `${t.nameEn} has declared ${t.cidr} since ${formatDate(since, 'en', JAPAN_ZONE)}, ` +
        `but ${shown.en} (a transfer): the declaration does not decide whom to ask.`,
    },
  };
  const range = lookup.holder !== null ? lookup.source[0]?.range : undefined;
  const [rs, re] = (range ?? '').split('-').map((x) => parseAddress(x, HEADER_SYNTAX));
  const [ds, de] = [start, end].map((x) => parseAddress(x, HEADER_SYNTAX));
  const inDoubt =
    !rs || !re || !ds || !de || addressToBigInt(rs) < addressToBigInt(ds) || addressToBigInt(re) > addressToBigInt(de);
  return { reason, inDoubt };
}
