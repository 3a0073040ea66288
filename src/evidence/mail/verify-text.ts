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
  dkimPassOtherDomain: (key: string, signer: string, from: string): Notice => ({
    code: 'DKIM_PASS_OTHER_DOMAIN',
    en:
      `Pass: the signature verifies with the supplied key ${key}, but its signer ${signer} is not the ` +
      `From address's domain ${from}: it vouches for ${signer}, not for the author.`,
    ja:
      `検証成功: 提供された鍵 ${key} で署名を検証できましたが、署名者 ${signer} は From アドレスのドメイン ` +
      `${from} ではありません。この署名が保証するのは ${signer} であり、差出人ではありません。`,
  }),
  dkimFromFields: (n: number): Notice => ({
    code: 'DKIM_FROM_FIELDS',
    en:
      `Fail: the signature verifies, but the message has ${n} From fields: it covers only the one it ` +
      'counts from the bottom, and a mail program may show another (one added after signing).',
    ja:
      `検証失敗: 署名自体は検証できましたが、このメールには From 欄が ${n} 個あります。署名が対象とするのは` +
      '下から数えた一つだけで、メールソフトは別の（署名後に加えられた）From を表示することがあります。',
  }),
  dkimUnsignedCopies: (fields: readonly string[]): Notice => ({
    code: 'DKIM_UNSIGNED_COPIES',
    en:
      `Fail: the signature verifies, but the message has more ${fields.join(', ')} fields than it signs: ` +
      'the ones above the signed ones were added after signing, and a mail program shows those.',
    ja:
      `検証失敗: 署名自体は検証できましたが、このメールには署名の対象より多くの ${fields.join('、')} 欄があります。` +
      '署名された欄より上のものは署名後に加えられたもので、メールソフトはそちらを表示します。',
  }),
  dkimKeyTesting: (key: string): Notice => ({
    code: 'DKIM_KEY_TESTING',
    en:
      `Not relied on: the signature verifies with ${key}, but that key record says t=y (the domain is ` +
      'testing DKIM), and RFC 6376 §3.6.1 says to treat the message as unsigned.',
    ja:
      `採用しません: ${key} で署名を検証できましたが、その鍵レコードは t=y（ドメインが DKIM を試験中）で、` +
      'RFC 6376 §3.6.1 により署名のないメールとして扱います。',
  }),
  dkimIdentity: (signer: string): Notice => ({
    code: 'DKIM_IDENTITY',
    en: `Fail: the signature's i= names a domain other than its signer ${signer} or under it (RFC 6376 §6.1.1).`,
    ja: `検証失敗: 署名の i= が署名者 ${signer} でもその下位でもないドメインを名乗っています（RFC 6376 §6.1.1）。`,
  }),
  dkimBodyLength: (covered: number, uncovered: number): Notice => ({
    code: 'DKIM_BODY_LENGTH',
    en:
      `Fail: the signature's l= covers only the first ${covered} bytes of the body; the ${uncovered} bytes ` +
      'after them are not signed, and anyone could have added them.',
    ja:
      `検証失敗: 署名の l= は本文の先頭 ${covered} バイトしか対象にしていません。その後の ${uncovered} バイトは` +
      '署名されておらず、誰でも書き加えられます。',
  }),
  dkimFromUnsigned: (): Notice => ({
    code: 'DKIM_FROM_UNSIGNED',
    en: 'Fail: the signature does not cover the From field (h= without from), so it says nothing of the author.',
    ja: '検証失敗: 署名が From 欄を対象にしていません（h= に from がありません）。差出人については何も保証しません。',
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
