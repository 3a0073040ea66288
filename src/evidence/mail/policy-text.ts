import type { Notice } from '../messages.ts';

// What the SPF and DMARC checks say, in English and Japanese. Every sentence says "as supplied": the
// records are the analyst's capture, not the DNS of the day the message was sent.

/** Whose SPF record was checked: the envelope sender's domain, or the HELO name's for an empty sender. */
export interface SpfSubject {
  domain: string;
  ip: string;
  /** The envelope sender, or null when it was empty (`<>`) and the HELO name was checked. */
  sender: string | null;
  helo: string | null;
  /** Where the envelope sender was read. */
  source: 'return-path' | 'received';
}

const SOURCE = {
  'return-path': {
    en: 'from the Return-Path a trusted server added',
    ja: '信頼できるサーバが付けた Return-Path による',
  },
  received: {
    en: 'from the envelope-from the boundary server recorded in its Received field',
    ja: '境界のサーバが Received 欄に記録した envelope-from による',
  },
} as const;

const who = (s: SpfSubject): { en: string; ja: string } => {
  const from = SOURCE[s.source];
  return s.sender !== null
    ? { en: `the envelope sender ${s.sender} (${from.en})`, ja: `エンベロープ送信者 ${s.sender}（${from.ja}）` }
    : {
        en: `the HELO name ${s.helo ?? '?'} (the envelope sender was empty, ${from.en})`,
        ja: `HELO 名 ${s.helo ?? '?'}（エンベロープ送信者は空、${from.ja}）`,
      };
};

/**
 * The missing records said in words, by type in the order first needed (`the TXT records of a, b; the A
 * records of c`), with how to add them: the records, or `name TYPE NONE` for a name that has none.
 */
export function missingWords(missing: readonly string[]): { en: string; ja: string } {
  const byType = new Map<string, string[]>();
  for (const m of missing) {
    const at = m.lastIndexOf(' (');
    const type = at > 0 && m.endsWith(')') ? m.slice(at + 2, -1) : '?';
    byType.set(type, [...(byType.get(type) ?? []), at > 0 ? m.slice(0, at) : m]);
  }
  const types = [...byType.keys()];
  const en = types.map((t) => `the ${t} records of ${(byType.get(t) ?? []).join(', ')}`).join(' and ');
  const ja = types.map((t) => `${(byType.get(t) ?? []).join('、')} の ${t} レコード`).join('、');
  const one = types.length === 1 ? types[0] : null;
  const how =
    one !== null
      ? { en: `"name ${one} NONE" for a name that has none`, ja: `レコードのない名前は「名前 ${one} NONE」` }
      : {
          en: '"name TYPE NONE" for a name that has none of that type',
          ja: 'その種類のレコードのない名前は「名前 種類 NONE」',
        };
  return {
    en: `${en} were not supplied (add them, or ${how.en})`,
    ja: `${ja}が提供されていません（追加してください。${how.ja}と書きます）`,
  };
}

export const POLICY_TEXT = {
  recordsNote: (): Notice => ({
    code: 'MAIL_POLICY_RECORDS_AS_SUPPLIED',
    en:
      'SPF and DMARC are judged against the records as supplied, not as they stood when the message was sent: ' +
      'a domain may have changed its records since.',
    ja:
      'SPF と DMARC は提供されたレコードで判定しており、メール送信時のレコードとは限りません。' +
      'ドメインがその後レコードを変えている可能性があります。',
  }),
  spfNoOrigin: (): Notice => ({
    code: 'SPF_NO_ORIGIN',
    en:
      'Not checked: the address from which the message entered the receiving organisation was not established ' +
      '(see the warnings).',
    ja: '未判定: 受信側組織にメールが入った接続元アドレスを特定できていません（警告を参照）。',
  }),
  spfNoSender: (belowBoundary: boolean): Notice => ({
    code: 'SPF_NO_SENDER',
    en:
      'Not checked: the envelope sender is not recorded by a trusted server (no Return-Path above the trust ' +
      "boundary, and no envelope-from in the boundary server's Received field)" +
      (belowBoundary
        ? '. The Return-Path present sits below the boundary: the sender wrote it, so it is not used.'
        : '.'),
    ja:
      '未判定: 信頼できるサーバによるエンベロープ送信者の記録がありません（信頼の境界より上の Return-Path も、' +
      '境界のサーバの Received 欄の envelope-from もありません）。' +
      (belowBoundary ? 'ある Return-Path は境界より下にあり、送信者が書いたものなので使いません。' : ''),
  }),
  spfNotADomain: (s: { sender: string | null; helo: string | null }, value: string): Notice =>
    s.sender !== null
      ? {
          code: 'SPF_SENDER_NOT_A_DOMAIN',
          en:
            `Not checked: the envelope sender's domain (${value}, in ${s.sender}) is not a domain name, ` +
            'so it has no SPF record.',
          ja: `未判定: エンベロープ送信者（${s.sender}）のドメイン部分 ${value} はドメイン名ではないため、SPF レコードを持ちません。`,
        }
      : {
          code: 'SPF_HELO_NOT_A_DOMAIN',
          en:
            `Not checked: the envelope sender was empty and the HELO name (${value}) is not a domain name, ` +
            'so it has no SPF record.',
          ja: `未判定: エンベロープ送信者は空で、HELO 名 ${value} はドメイン名ではないため、SPF レコードを持ちません。`,
        },
  spfTimeLimit: (seconds: number): Notice => ({
    code: 'SPF_TIME_LIMIT',
    en: `Not decided: evaluating the SPF record took longer than the limit of ${seconds} s (RFC 7208 §4.6.4).`,
    ja: `未判定: SPF レコードの評価が上限の ${seconds} 秒を超えました（RFC 7208 §4.6.4）。`,
  }),
  spf: (verdict: string, s: SpfSubject): Notice => {
    const w = who(s);
    const t: Record<string, { en: string; ja: string }> = {
      pass: {
        en: `Pass: ${s.domain}'s SPF record, as supplied, permits ${s.ip} to send for ${w.en}.`,
        ja: `成功: 提供された ${s.domain} の SPF レコードは、${w.ja}について ${s.ip} からの送信を許可しています。`,
      },
      fail: {
        en:
          `Fail: ${s.domain}'s SPF record, as supplied, does not permit ${s.ip} to send for ${w.en}, ` +
          'and asks receivers to refuse such mail (-all).',
        ja:
          `失敗: 提供された ${s.domain} の SPF レコードは、${w.ja}について ${s.ip} からの送信を許可しておらず、` +
          'そのようなメールの拒否を求めています（-all）。',
      },
      softfail: {
        en:
          `Soft fail: ${s.domain}'s SPF record, as supplied, does not permit ${s.ip} to send for ${w.en}, ` +
          'but asks only that such mail be treated with suspicion (~all).',
        ja:
          `弱い失敗: 提供された ${s.domain} の SPF レコードは、${w.ja}について ${s.ip} からの送信を許可していませんが、` +
          '疑わしいものとして扱うよう求めるだけです（~all）。',
      },
      neutral: {
        en: `Neutral: ${s.domain}'s SPF record, as supplied, says nothing either way about ${s.ip} (?).`,
        ja: `中立: 提供された ${s.domain} の SPF レコードは、${s.ip} について許可も不許可も示していません（?）。`,
      },
      none: {
        en: `None: the records supplied give ${s.domain} no SPF record (for ${w.en}).`,
        ja: `なし: 提供されたレコードでは、${s.domain} に SPF レコードがありません（${w.ja}）。`,
      },
      permerror: {
        en:
          `Record error: ${s.domain}'s SPF record, as supplied, cannot be evaluated (a syntax error, several ` +
          'SPF records, or more lookups than the limit of 10).',
        ja:
          `レコードの誤り: 提供された ${s.domain} の SPF レコードは評価できません（構文の誤り、複数の SPF レコード、` +
          'または上限 10 回を超える参照）。',
      },
    };
    const words = t[verdict] ?? t.permerror;
    return { code: `SPF_${verdict.toUpperCase()}`, en: words?.en ?? '', ja: words?.ja ?? '' };
  },
  spfNotSupplied: (s: SpfSubject, missing: readonly string[]): Notice => {
    const m = missingWords(missing);
    return {
      code: 'SPF_NOT_SUPPLIED',
      en: `Not decided: SPF of ${s.domain} for ${s.ip} could not be evaluated: ${m.en}.`,
      ja: `未判定: ${s.ip} についての ${s.domain} の SPF を評価できません。${m.ja}。`,
    };
  },
  spfError: (): Notice => ({
    code: 'SPF_ERROR',
    en: 'Not decided: SPF could not be evaluated (see the detail).',
    ja: '未判定: SPF を評価できませんでした（詳細を参照）。',
  }),
} as const;
