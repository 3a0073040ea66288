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
}

const who = (s: SpfSubject): { en: string; ja: string } =>
  s.sender !== null
    ? { en: `the envelope sender ${s.sender}`, ja: `エンベロープ送信者 ${s.sender}` }
    : {
        en: `the HELO name ${s.helo ?? '?'} (the envelope sender was empty)`,
        ja: `HELO 名 ${s.helo ?? '?'}（エンベロープ送信者は空）`,
      };

/** The missing names said in words: TXT ones can be added; address records are not taken at all. */
function missingWords(missing: readonly string[]): { en: string; ja: string } {
  const txt = missing.filter((m) => m.endsWith(' (TXT)'));
  const other = missing.filter((m) => !m.endsWith(' (TXT)'));
  const en: string[] = [];
  const ja: string[] = [];
  if (txt.length > 0) {
    en.push(
      `the TXT records of ${txt.map((m) => m.slice(0, -6)).join(', ')} were not supplied ` +
        '(add them, or "name TXT NONE" for a name that has none)',
    );
    ja.push(
      `${txt.map((m) => m.slice(0, -6)).join('、')} の TXT レコードが提供されていません` +
        '（追加してください。レコードのない名前は「名前 TXT NONE」と書きます）',
    );
  }
  if (other.length > 0) {
    en.push(`the record needs address records (${other.join(', ')}), which are not taken here: only TXT records are`);
    ja.push(`レコードがアドレスのレコード（${other.join('、')}）を必要としますが、ここでは TXT レコードしか扱いません`);
  }
  return { en: en.join('; '), ja: ja.join('。') };
}

const POLICY_WORDS = {
  none: { en: 'take no action (monitoring only, p=none)', ja: '何もしない（監視のみ、p=none）' },
  quarantine: { en: 'treat it as suspicious (quarantine)', ja: '疑わしいものとして扱う（隔離、quarantine）' },
  reject: { en: 'refuse it (reject)', ja: '受け取らない（拒否、reject）' },
} as const;
export type DmarcPolicy = keyof typeof POLICY_WORDS;

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
  spfNoSender: (): Notice => ({
    code: 'SPF_NO_SENDER',
    en: 'Not checked: no envelope sender is recorded (no Return-Path, and no envelope-from at the boundary).',
    ja: '未判定: エンベロープ送信者の記録がありません（Return-Path も、境界の envelope-from もありません）。',
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
  dmarcError: (): Notice => ({
    code: 'DMARC_ERROR',
    en: 'Not decided: DMARC could not be evaluated (see the detail).',
    ja: '未判定: DMARC を評価できませんでした（詳細を参照）。',
  }),
  dmarcNoAuthor: (): Notice => ({
    code: 'DMARC_NO_AUTHOR',
    en: 'Not checked: the message has no single From domain (none, several From fields, or several domains).',
    ja: '未判定: このメールには From のドメインが一つに定まりません（なし、複数の From 欄、または複数のドメイン）。',
  }),
  dmarcNone: (from: string): Notice => ({
    code: 'DMARC_NONE',
    en: `None: the records supplied give ${from} no DMARC record (at _dmarc.${from} or a parent domain).`,
    ja: `なし: 提供されたレコードでは、${from} に DMARC レコードがありません（_dmarc.${from} にも親ドメインにも）。`,
  }),
  dmarcNotSupplied: (from: string, missing: readonly string[]): Notice => {
    const m = missingWords(missing);
    return {
      code: 'DMARC_NOT_SUPPLIED',
      en:
        `Not decided: DMARC of ${from} could not be evaluated: ${m.en}. DMARC looks for _dmarc at the From ` +
        'domain and at each parent domain.',
      ja: `未判定: ${from} の DMARC を評価できません。${m.ja}。DMARC は From のドメインと各親ドメインの _dmarc を参照します。`,
    };
  },
  dmarcPass: (from: string, recordAt: string, aligned: { en: string; ja: string }): Notice => ({
    code: 'DMARC_PASS',
    en:
      `Pass: ${aligned.en} aligns with the From domain ${from}, under the DMARC record at _dmarc.${recordAt} ` +
      'as supplied.',
    ja: `成功: ${aligned.ja}が From のドメイン ${from} と一致しています（提供された _dmarc.${recordAt} の DMARC レコードによる）。`,
  }),
  dmarcFail: (from: string, recordAt: string, policy: DmarcPolicy): Notice => ({
    code: 'DMARC_FAIL',
    en:
      `Fail: no passing DKIM signature or SPF result aligns with the From domain ${from}; the DMARC record at ` +
      `_dmarc.${recordAt}, as supplied, asks receivers to ${POLICY_WORDS[policy].en}.`,
    ja:
      `失敗: From のドメイン ${from} と一致する、検証に成功した DKIM 署名も SPF もありません。提供された ` +
      `_dmarc.${recordAt} の DMARC レコードは、受信側に「${POLICY_WORDS[policy].ja}」よう求めています。`,
  }),
  dmarcIncomplete: (from: string, unchecked: { en: string; ja: string }): Notice => ({
    code: 'DMARC_INCOMPLETE',
    en:
      `Not decided: nothing checked aligns with the From domain ${from}, but ${unchecked.en} could not be ` +
      'checked, and might have: supply the records they need.',
    ja:
      `未判定: 検証できたものの中に From のドメイン ${from} と一致するものはありませんが、${unchecked.ja}を` +
      '検証できておらず、それが一致した可能性があります。必要なレコードを提供してください。',
  }),
  /** What aligned, in words: "the DKIM signature of example.jp" / "SPF for example.jp". */
  aligned: (dkim: string | null, spf: string | null): { en: string; ja: string } => {
    const en = [dkim && `the DKIM signature of ${dkim}`, spf && `SPF for ${spf}`].filter(Boolean).join(' and ');
    const ja = [dkim && `${dkim} の DKIM 署名`, spf && `${spf} の SPF`].filter(Boolean).join('と');
    return { en, ja };
  },
  /** What could not be checked, in words. */
  unchecked: (dkim: readonly string[], spf: boolean): { en: string; ja: string } => {
    const en = [dkim.length > 0 && `the DKIM signature(s) of ${dkim.join(', ')}`, spf && 'SPF']
      .filter(Boolean)
      .join(' and ');
    const ja = [dkim.length > 0 && `${dkim.join('、')} の DKIM 署名`, spf && 'SPF'].filter(Boolean).join('と');
    return { en, ja };
  },
  policyWords: (p: DmarcPolicy) => POLICY_WORDS[p],
} as const;
