import type { Notice } from '../messages.ts';
import { missingWords } from './policy-text.ts';

// What the DMARC check says, in English and Japanese; every sentence says "as supplied".

type Words = { en: string; ja: string };

const POLICY_WORDS = {
  none: { en: 'take no action (monitoring only, p=none)', ja: '何もしない（監視のみ、p=none）' },
  quarantine: { en: 'treat it as suspicious (quarantine)', ja: '疑わしいものとして扱う（隔離、quarantine）' },
  reject: { en: 'refuse it (reject)', ja: '受け取らない（拒否、reject）' },
} as const;
export type DmarcPolicy = keyof typeof POLICY_WORDS;

/** One level lower, as t=y (RFC 9989) and RFC 7489's pct sampling ask. */
export const LOWER: Record<DmarcPolicy, DmarcPolicy> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

/** The policy tags as written in the record (null: absent). */
export interface PublishedTags {
  p: string | null;
  sp: string | null;
  np: string | null;
  pct: string | null;
  t: string | null;
}

/** How the policy for this message follows from the published tags. */
export interface PolicyReading {
  recordAt: string;
  from: string;
  published: PublishedTags;
  /** The policy RFC 9989 applies to this message (after sp=, np=, t=y), as mailauth computed it. */
  policy: DmarcPolicy;
  /** The same before t=y lowered it: what a receiver of RFC 7489 (which has no t=) samples with pct=. */
  published7489: DmarcPolicy;
  /** p=, sp= or np= is not a policy value (the record asks for reports, so none applies). */
  invalid: boolean;
  /** The From domain is below the record's domain (sp= or np=). */
  subdomain: boolean;
  /** np= differs from sp= and whether the From domain exists is not known (its A records not supplied). */
  existenceUnknown: boolean;
}

/** Why the policy for this message is what it is: the tag that applies, then t=y and pct. */
function reasons(r: PolicyReading): { base: Words; adjusted: Words[] } {
  const t = r.published;
  let base: Words;
  const adjusted: Words[] = [];
  if (r.invalid)
    adjusted.push({
      en:
        'p=, sp= or np= is not none, quarantine or reject, and the record asks for aggregate reports, so RFC 9989 ' +
        '§4.10.1 applies none',
      ja: 'p=・sp=・np= のいずれかが none・quarantine・reject ではなく、集計レポートを求めているため、RFC 9989 §4.10.1 により none を適用します',
    });
  if (!r.subdomain)
    base = {
      en: "p= applies: the From domain is the record's own",
      ja: 'From のドメインがレコードのドメイン自身なので p= を適用します',
    };
  else if (r.existenceUnknown) {
    base = {
      en: `sp= or np= applies to the subdomain ${r.from}`,
      ja: `サブドメイン ${r.from} には sp= か np= を適用します`,
    };
    adjusted.push({
      en:
        `np= would apply if ${r.from} did not exist, which the records do not tell (its A records were not ` +
        'supplied): the weaker of the two is shown',
      ja:
        `${r.from} が存在しなければ np= になりますが、提供されたレコードでは分からない（A レコードが提供されて` +
        'いない）ため弱い方を示しています',
    });
  } else if (t.sp !== null)
    base = {
      en: `sp= applies: the From domain ${r.from} is a subdomain of ${r.recordAt}`,
      ja: `From のドメイン ${r.from} は ${r.recordAt} のサブドメインなので sp= を適用します`,
    };
  else
    base = {
      en: `p= applies to the subdomain ${r.from} too (no sp=)`,
      ja: `sp= がないため、サブドメイン ${r.from} にも p= を適用します`,
    };
  if ((t.t ?? '').toLowerCase() === 'y')
    adjusted.push({
      en: 'the domain is testing its policy (t=y), which RFC 9989 applies one level lower',
      ja: 'ドメインはポリシーを試験中（t=y）で、RFC 9989 により一段階弱めて適用します',
    });
  if (t.pct !== null) {
    const n = /^\d{1,3}$/.test(t.pct) ? Number(t.pct) : null;
    if (n === null || n > 100)
      adjusted.push({
        en: `pct=${t.pct} is not a percentage (0 to 100) and is not used`,
        ja: `pct=${t.pct} は 0〜100 の割合ではないため使いません`,
      });
    else if (n < 100 && r.published7489 !== 'none') {
      const [full, lower] = [POLICY_WORDS[r.published7489], POLICY_WORDS[LOWER[r.published7489]]];
      adjusted.push({
        en:
          `receivers still following RFC 7489 (which has no t=) sample: they ${full.en.replace(/ it /, ' ')} only ` +
          `${n} % of failing mail (pct=${n}) and ${lower.en.replace(/ it /, ' the rest ')}; RFC 9989 no longer has pct`,
        ja:
          `RFC 7489（t= はありません）に従う受信側は、失敗したメールの ${n} % にだけ「${full.ja}」を適用し` +
          `（pct=${n}）、残りは「${lower.ja}」とします。RFC 9989 には pct はありません`,
      });
    }
  }
  return { base, adjusted };
}

/** The tags quoted as written: `p=reject; sp=none; pct=0; t=y`. */
function quoted(t: PublishedTags): string {
  const tags = (['p', 'sp', 'np', 'pct', 't'] as const).filter((k) => t[k] !== null).map((k) => `${k}=${t[k]}`);
  return tags.length > 0 ? tags.join('; ') : '(p= absent)';
}

const join = (list: Words[], en: string, ja: string): Words => ({
  en: list.map((w) => w.en).join(en),
  ja: list.map((w) => w.ja).join(ja),
});

export const DMARC_TEXT = {
  policyWords: (p: DmarcPolicy) => POLICY_WORDS[p],
  /** The published tags, the policy for this message and why. */
  policy: (r: PolicyReading): Words => {
    const { base, adjusted } = reasons(r);
    const why = join([base, ...adjusted], '; ', '。');
    const w = POLICY_WORDS[r.policy];
    return {
      en: `Published at _dmarc.${r.recordAt}: ${quoted(r.published)}. For this message: ${w.en} — ${why.en}.`,
      ja: `_dmarc.${r.recordAt} の公開内容: ${quoted(r.published)}。このメールには「${w.ja}」を適用します。${why.ja}。`,
    };
  },
  error: (): Notice => ({
    code: 'DMARC_ERROR',
    en: 'Not decided: DMARC could not be evaluated (see the detail).',
    ja: '未判定: DMARC を評価できませんでした（詳細を参照）。',
  }),
  noAuthor: (): Notice => ({
    code: 'DMARC_NO_AUTHOR',
    en: 'Not checked: the message has no single From domain (none, several From fields, or several domains).',
    ja: '未判定: このメールには From のドメインが一つに定まりません（なし、複数の From 欄、または複数のドメイン）。',
  }),
  none: (from: string): Notice => ({
    code: 'DMARC_NONE',
    en: `None: the records supplied give ${from} no DMARC record (at _dmarc.${from} or a parent domain).`,
    ja: `なし: 提供されたレコードでは、${from} に DMARC レコードがありません（_dmarc.${from} にも親ドメインにも）。`,
  }),
  noneInvalid: (at: string, record: string): Notice => ({
    code: 'DMARC_NONE_INVALID',
    en:
      `None: the DMARC record at _dmarc.${at}, as supplied ("${record}"), gives no valid policy (p=, sp= and ` +
      'np= must be none, quarantine or reject) and asks for no aggregate reports: RFC 9989 §4.10.1 gives it ' +
      'no DMARC processing.',
    ja:
      `なし: 提供された _dmarc.${at} の DMARC レコード（「${record}」）には有効なポリシーがなく（p=・sp=・np= は ` +
      'none・quarantine・reject のいずれか）、集計レポートも求めていないため、RFC 9989 §4.10.1 により DMARC の処理の対象になりません。',
  }),
  noneSeveral: (at: string, count: number): Notice => ({
    code: 'DMARC_NONE_SEVERAL',
    en:
      `None: _dmarc.${at} has ${count} DMARC records as supplied; several records at one name are all ` +
      'discarded (RFC 9989 §4.10), and no other record applies.',
    ja:
      `なし: 提供されたレコードでは _dmarc.${at} に DMARC レコードが ${count} 件あります。一つの名前に複数ある` +
      'レコードはすべて捨てられ（RFC 9989 §4.10）、ほかに適用されるレコードもありません。',
  }),
  noneLiteral: (literal: string): Notice => ({
    code: 'DMARC_NONE_ADDRESS_LITERAL',
    en: `None: the From address has an address literal (${literal}), not a domain, so no DMARC record can apply.`,
    ja: `なし: From のアドレスはドメインではなくアドレスリテラル（${literal}）なので、DMARC レコードは適用されません。`,
  }),
  notSupplied: (from: string, missing: readonly string[]): Notice => {
    const m = missingWords(missing);
    return {
      code: 'DMARC_NOT_SUPPLIED',
      en:
        `Not decided: DMARC of ${from} could not be evaluated: ${m.en}. DMARC looks for _dmarc at the From ` +
        'domain and at each parent domain.',
      ja: `未判定: ${from} の DMARC を評価できません。${m.ja}。DMARC は From のドメインと各親ドメインの _dmarc を参照します。`,
    };
  },
  pass: (from: string, recordAt: string, aligned: Words): Notice => ({
    code: 'DMARC_PASS',
    en:
      `Pass: ${aligned.en} aligns with the From domain ${from}, under the DMARC record at _dmarc.${recordAt} ` +
      'as supplied.',
    ja: `成功: ${aligned.ja}が From のドメイン ${from} と一致しています（提供された _dmarc.${recordAt} の DMARC レコードによる）。`,
  }),
  /** Fail, with the policy for this message; what changed it from the published one is said beside it. */
  fail: (r: PolicyReading, testing: Words | null): Notice => {
    const { adjusted } = reasons(r);
    const w = POLICY_WORDS[r.policy];
    const why = join(adjusted, '; ', '。');
    return {
      code: 'DMARC_FAIL',
      en:
        `Fail: no passing DKIM signature or SPF result aligns with the From domain ${r.from}; the DMARC record at ` +
        `_dmarc.${r.recordAt}, as supplied, asks receivers to ${w.en}` +
        `${adjusted.length > 0 ? ` (published ${quoted(r.published)}: ${why.en})` : ''}.` +
        `${testing ? ` ${testing.en}` : ''}`,
      ja:
        `失敗: From のドメイン ${r.from} と一致する、検証に成功した DKIM 署名も SPF もありません。提供された ` +
        `_dmarc.${r.recordAt} の DMARC レコードは、受信側に「${w.ja}」よう求めています` +
        `${adjusted.length > 0 ? `（公開内容 ${quoted(r.published)}。${why.ja}）` : ''}。${testing ? testing.ja : ''}`,
    };
  },
  /** Nothing checked aligns, but some things were not checked: each said with what would check it. */
  incomplete: (from: string, unchecked: Words[], testing: Words | null): Notice => {
    const u = join(unchecked, '; ', '。');
    return {
      code: 'DMARC_INCOMPLETE',
      en:
        `Not decided: nothing checked aligns with the From domain ${from}, but what could not be checked might ` +
        `have: ${u.en}.${testing ? ` ${testing.en}` : ''}`,
      ja:
        `未判定: 検証できたものの中に From のドメイン ${from} と一致するものはありませんが、検証できなかったものが` +
        `一致した可能性があります。${u.ja}。${testing ? testing.ja : ''}`,
    };
  },
  uncheckedKey: (domain: string, key: string): Words => ({
    en: `the DKIM signature of ${domain} has no key (add ${key} to the records)`,
    ja: `${domain} の DKIM 署名は鍵がありません（${key} をレコードに追加してください）`,
  }),
  uncheckedBody: (domain: string): Words => ({
    en: `the DKIM signature of ${domain} needs the message body (supply the whole message, not the header block alone)`,
    ja: `${domain} の DKIM 署名の検証には本文が必要です（ヘッダだけでなくメール全体を入力してください）`,
  }),
  uncheckedSpfRecords: (): Words => ({
    en: 'SPF was not decided (add the records it names)',
    ja: 'SPF は未判定です（SPF が挙げるレコードを追加してください）',
  }),
  uncheckedSpf: (): Words => ({
    en: 'SPF was not checked (see why under SPF: more records would not decide it)',
    ja: 'SPF は判定していません（理由は SPF を参照。レコードを追加しても判定できません）',
  }),
  /** RFC 6376 §3.6.1: a testing key's signature is treated as unsigned — not counted, not "unchecked". */
  testingKeys: (domains: readonly string[]): Words => ({
    en:
      `The DKIM signature of ${domains.join(', ')} uses a key in testing mode (t=y): RFC 6376 §3.6.1 treats such ` +
      'mail as unsigned, so it does not count.',
    ja:
      `${domains.join('、')} の DKIM 署名は試験中（t=y）の鍵によるもので、RFC 6376 §3.6.1 により署名のないメールと` +
      '同じに扱うため、数えていません。',
  }),
  /** What aligned, in words: "the DKIM signature of example.jp" / "SPF for example.jp". */
  aligned: (dkim: string | null, spf: string | null): Words => {
    const en = [dkim && `the DKIM signature of ${dkim}`, spf && `SPF for ${spf}`].filter(Boolean).join(' and ');
    const ja = [dkim && `${dkim} の DKIM 署名`, spf && `${spf} の SPF`].filter(Boolean).join('と');
    return { en, ja };
  },
} as const;
