import type { Notice } from '../messages.ts';

/** What the signature check says, in English and Japanese. */
export const SIGNATURE_TEXT = {
  dkimPass: (key: string): Notice => ({
    code: 'DKIM_PASS',
    en: `Pass: the signature verifies with the supplied key ${key}.`,
    ja: `検証成功: 提供された鍵 ${key} で署名を検証できました。`,
  }),
  dkimNoKey: (key: string): Notice => ({
    code: 'DKIM_NO_KEY',
    en: `Not verified: no key supplied for ${key} (add its DNS TXT record to verify).`,
    ja: `未検証: ${key} の鍵が提供されていません（検証するには DNS の TXT レコードを追加してください）。`,
  }),
  dkimNoBody: (): Notice => ({
    code: 'DKIM_NO_BODY',
    en: 'Not verified: only the header block was given, and the signature covers the body too.',
    ja: '未検証: ヘッダ部分しか渡されておらず、署名は本文も対象としています。',
  }),
  dkimBodyHash: (): Notice => ({
    code: 'DKIM_BODY_HASH',
    en: 'Fail: the body hash does not match (the body was changed after signing, or is not the one signed).',
    ja: '検証失敗: 本文のハッシュが一致しません（署名後に本文が変更されたか、署名された本文ではありません）。',
  }),
  dkimSignature: (key: string): Notice => ({
    code: 'DKIM_SIGNATURE',
    en: `Fail: the signature does not verify with the supplied key ${key} (signed headers changed, or another key).`,
    ja: `検証失敗: 提供された鍵 ${key} で署名を検証できません（署名対象のヘッダが変更されたか、別の鍵です）。`,
  }),
  dkimExpired: (expires: string | null): Notice => ({
    code: 'DKIM_EXPIRED',
    en: `Fail: the signature had expired (x=${expires ?? '?'}) when the message was received.`,
    ja: `検証失敗: 受信時点で署名の有効期限（x=${expires ?? '?'}）が切れていました。`,
  }),
  dkimWeakKey: (): Notice => ({
    code: 'DKIM_WEAK_KEY',
    en: 'Fail: the supplied key is shorter than 1024 bits.',
    ja: '検証失敗: 提供された鍵が 1024 ビットより短いものです。',
  }),
  dkimKeyUnusable: (key: string): Notice => ({
    code: 'DKIM_KEY_UNUSABLE',
    en: `Fail: the supplied record for ${key} is not a usable key (revoked, wrong type or restricted).`,
    ja: `検証失敗: 提供された ${key} のレコードは使える鍵ではありません（失効、種類違い、または用途の制限）。`,
  }),
  dkimUnreadable: (): Notice => ({
    code: 'DKIM_UNREADABLE',
    en: 'Fail: the DKIM-Signature field cannot be read (d= or s= missing).',
    ja: '検証失敗: DKIM-Signature 欄を読み取れません（d= または s= がありません）。',
  }),
  dkimOther: (): Notice => ({
    code: 'DKIM_OTHER',
    en: 'Fail: the signature could not be verified (see the detail).',
    ja: '検証失敗: 署名を検証できませんでした（詳細を参照）。',
  }),
  arcNone: (): Notice => ({
    code: 'ARC_NONE',
    en: 'The message has no ARC set.',
    ja: 'このメールに ARC の記録はありません。',
  }),
  arcPass: (n: number): Notice => ({
    code: 'ARC_PASS',
    en: `Pass: the ARC chain (${n} set(s)) verifies with the supplied keys.`,
    ja: `検証成功: ARC チェーン（${n} 組）を提供された鍵で検証できました。`,
  }),
  arcNoKey: (keys: string): Notice => ({
    code: 'ARC_NO_KEY',
    en: `Not verified: no key supplied for ${keys}.`,
    ja: `未検証: ${keys} の鍵が提供されていません。`,
  }),
  arcNoBody: (): Notice => ({
    code: 'ARC_NO_BODY',
    en:
      'Not verified: the seals verify, but only the header block was given, so the newest ' +
      'ARC-Message-Signature (which covers the body) cannot be checked.',
    ja: '未検証: 封印（ARC-Seal）は検証できましたが、ヘッダ部分しか渡されていないため、本文を対象とする最新の ARC-Message-Signature を検証できません。',
  }),
  arcFail: (): Notice => ({
    code: 'ARC_FAIL',
    en: 'Fail: the ARC chain does not verify (see the detail and each seal).',
    ja: '検証失敗: ARC チェーンを検証できません（詳細と各封印を参照）。',
  }),
  arcBroken: (): Notice => ({
    code: 'ARC_BROKEN',
    en: 'Fail: the ARC header fields do not form a chain (see the detail).',
    ja: '検証失敗: ARC の各欄がチェーンになっていません（詳細を参照）。',
  }),
  sealOfUsedSet: (instance: number, verdict: 'pass' | 'fail' | 'not_verified', key: string): Notice => ({
    code: `MAIL_AUTH_RESULTS_ARC_SEAL_${verdict.toUpperCase()}`,
    en:
      verdict === 'pass'
        ? `The ARC-Seal of set i=${instance}, whose results are used, verifies with the supplied key ${key}.`
        : verdict === 'fail'
          ? `The ARC-Seal of set i=${instance}, whose results are used, does NOT verify with the supplied key ` +
            `${key}: the results are still read for their place above the boundary; check the key.`
          : `The ARC-Seal of set i=${instance}, whose results are used, was not verified: no key supplied for ${key}.`,
    ja:
      verdict === 'pass'
        ? `結果を読んだ ARC の組 i=${instance} の封印（ARC-Seal）は、提供された鍵 ${key} で検証できました。`
        : verdict === 'fail'
          ? `結果を読んだ ARC の組 i=${instance} の封印（ARC-Seal）は、提供された鍵 ${key} で検証できません。` +
            '信頼境界より上にあるため結果は引き続き読んでいます。鍵を確認してください。'
          : `結果を読んだ ARC の組 i=${instance} の封印（ARC-Seal）は未検証です（${key} の鍵が提供されていません）。`,
  }),
} as const;
