import type { Notice } from '../messages.ts';

/** Every warning the analyser can raise: a stable code and the text in Japanese and English. */
export const MAIL_WARNINGS = {
  headerLineUnreadable: (line: number): Notice => ({
    code: 'MAIL_HEADER_LINE_UNREADABLE',
    en: `Line ${line} is neither a header field nor a continuation; ignored.`,
    ja: `${line} 行目はヘッダ欄としても継続行としても読めないため、無視しました。`,
  }),
  fieldTruncated: (name: string): Notice => ({
    code: 'MAIL_FIELD_TRUNCATED',
    en: `The ${name} field is longer than the limit; only its beginning was read.`,
    ja: `${name} 欄が上限より長いため、先頭部分のみを読みました。`,
  }),
  noReceived: (): Notice => ({
    code: 'MAIL_NO_RECEIVED',
    en: 'The message has no Received fields: neither origin nor time can be established from its headers.',
    ja: 'Received 欄がないため、ヘッダから送信元と時刻を特定できません。',
  }),
  receivedUnparsed: (): Notice => ({
    code: 'MAIL_RECEIVED_UNPARSED',
    en: 'A Received field could not be read; it is listed with its raw text only.',
    ja: 'Received 欄を読み取れませんでした。原文のみを記載しています。',
  }),
  hopNoTime: (): Notice => ({
    code: 'MAIL_HOP_NO_TIME',
    en: 'This hop records no time.',
    ja: 'この経由記録には時刻がありません。',
  }),
  hopNoOffset: (): Notice => ({
    code: 'MAIL_HOP_NO_OFFSET',
    en: 'This hop records a time without a (known) UTC offset; it cannot be placed in UTC.',
    ja: 'この経由記録の時刻には（既知の）時差表記がないため、UTC に換算できません。',
  }),
  timeBackwards: (seconds: number): Notice => ({
    code: 'MAIL_TIME_BACKWARDS',
    en:
      `Time runs backwards: this hop is ${-seconds} s earlier than the hop below it ` +
      `(a clock error or a forged line).`,
    ja: `時刻が逆行しています。この経由記録は一つ下の記録より ${-seconds} 秒早い時刻です（時計のずれ、または偽造の可能性）。`,
  }),
  timeInFuture: (): Notice => ({
    code: 'MAIL_TIME_IN_FUTURE',
    en: 'This hop records a time in the future.',
    ja: 'この経由記録の時刻は未来の時刻です。',
  }),
  dateMissing: (): Notice => ({
    code: 'MAIL_DATE_MISSING',
    en: 'The message has no readable Date field.',
    ja: 'Date 欄がないか、読み取れません。',
  }),
  dateFarFromReceipt: (seconds: number): Notice => ({
    code: 'MAIL_DATE_FAR_FROM_RECEIPT',
    en: `The Date field is ${Math.abs(seconds)} s ${seconds < 0 ? 'before' : 'after'} the first trusted receipt.`,
    ja: `Date 欄の時刻は、信頼できる最初の受信時刻より ${Math.abs(seconds)} 秒${seconds < 0 ? '前' : '後'}です。`,
  }),
  fieldsRepeated: (names: string): Notice => ({
    code: 'MAIL_FIELDS_REPEATED',
    en:
      `The message has more than one ${names} field (a message has each at most once): the summary shows ` +
      'the topmost, as a mail program does; one may have been added after sending or signing.',
    ja:
      `このメールには ${names} 欄が複数あります（各欄は 1 つまでです）。要約は一番上のもの（メールソフトが表示する` +
      'もの）を示しています。送信後または署名後に加えられたものがあるかもしれません。',
  }),
  domainsDisagree: (): Notice => ({
    code: 'MAIL_ADDRESS_DOMAINS_DISAGREE',
    en: 'From, Sender, Return-Path and Reply-To name different domains (the From line is easily forged).',
    ja: 'From・Sender・Return-Path・Reply-To のドメインが一致しません（From 欄は容易に偽装できます）。',
  }),
  trustExtendedInternal: (): Notice => ({
    code: 'MAIL_TRUST_EXTENDED_INTERNAL',
    en:
      'A trusted server received this hop from a loopback or private address, or without a network hop; ' +
      'the boundary was extended to the hop below.',
    ja: '信頼できるサーバがループバック・プライベートアドレスから、またはネットワークを経ずに受け取った記録のため、信頼境界を一つ下まで広げました。',
  }),
  trustThroughInternalAddress: (address: string): Notice => ({
    code: 'MAIL_TRUST_EXTENDED_INTERNAL',
    en:
      `CHECK BEFORE USING THE ORIGIN: a trusted server recorded the internal address ${address} as its peer, ` +
      "so the hop below was taken as the organisation's own. If that server sits behind NAT, a container " +
      'port proxy or a load balancer without the PROXY protocol, every outside sender looks like this, and the ' +
      'originating address and time may be what the sender forged. Name the internal relays with --trusted ' +
      'to be sure.',
    ja:
      `発信元を使う前に確認してください: 信頼できるサーバが内部アドレス ${address} から受け取った記録のため、` +
      'その下の経由を受信組織のものとみなしました。そのサーバが NAT、コンテナのポート転送、PROXY プロトコルなしの' +
      'ロードバランサの後ろにあると、外部の送信者もすべてこう記録され、発信元アドレスと時刻は送信者の偽造かもしれません。' +
      '確実にするには内部の中継サーバを --trusted に指定してください。',
  }),
  originNotPublic: (kind: string): Notice => ({
    code: 'MAIL_ORIGIN_NOT_PUBLIC',
    en:
      `The first address outside the trust boundary is not a public address (${kind}); ` +
      `no originating address is given. Check the trusted relay list.`,
    ja: `信頼境界の外で最初のアドレスが公開アドレスではありません（${kind}）。発信元アドレスは示しません。信頼する中継サーバの設定を確認してください。`,
  }),
  originUnknown: (): Notice => ({
    code: 'MAIL_ORIGIN_UNKNOWN',
    en: 'The last trusted server did not record the address it received the message from.',
    ja: '信頼できる最後のサーバが、受信元アドレスを記録していません。',
  }),
  fromAmbiguous: (): Notice => ({
    code: 'MAIL_FROM_AMBIGUOUS',
    en:
      'The last trusted server’s record names two addresses (one written right after the HELO name, which ' +
      'the sender chooses, and another in the server’s own comment); which one it received the message from ' +
      'cannot be told: no originating address is given. Ask the receiving server’s operator for its logs.',
    ja:
      '信頼できる最後のサーバの記録に二つのアドレスがあります（送信者が決められる HELO 名の直後のものと、' +
      'サーバ自身の注記のもの）。どちらから受信したか判別できないため、発信元アドレスは示しません。' +
      '受信サーバの管理者にログを確認してください。',
  }),
  trustNameUnverified: (): Notice => ({
    code: 'MAIL_TRUST_NAME_UNVERIFIED',
    en:
      'The peer’s reverse name matches a trusted relay, but the server marked it "may be forged" (the name ' +
      'does not resolve back to the address, and the sender can set it): the trust boundary was not extended.',
    ja:
      '接続元の逆引き名は信頼する中継サーバに一致しますが、サーバは「may be forged」（正引きで元のアドレスに' +
      '戻らず、送信者が設定できる名前）と記録しています。信頼境界を広げませんでした。',
  }),
  originTimeUnknown: (): Notice => ({
    code: 'MAIL_ORIGIN_TIME_UNKNOWN',
    en:
      'The last trusted server recorded no time, or a time without a known UTC offset (no zone, an unknown ' +
      'or ambiguous zone name): no originating time is given. Ask the receiving server’s operator for the ' +
      'time in its logs.',
    ja:
      '信頼できる最後のサーバの記録に時刻がないか、時差（UTC との差）の分からない時刻です（時差の記載なし、' +
      '不明または複数の地域を指すタイムゾーン名）。発信時刻は示しません。受信サーバの管理者にログ上の時刻を確認してください。',
  }),
  originTimeInconsistent: (): Notice => ({
    code: 'MAIL_ORIGIN_TIME_INCONSISTENT',
    en:
      'The trusted servers disagree on the time: the last of them dated its receipt in the future, ' +
      'more than 5 minutes after a later hop, or more than 7 days before one that is not a mailbox ' +
      'retrieval (a wrong clock, and which one cannot be told): no originating time is given. Ask the ' +
      'receiving server’s operator for the time in its logs.',
    ja:
      '信頼できるサーバの時刻が食い違っています。最後のサーバの受信時刻が未来であるか、後の経由記録より 5 分を超えて' +
      '遅いか、メールボックスからの取得ではない経由記録より 7 日を超えて早い時刻です（どちらかの時計の誤りで、' +
      'どちらかは判別できません）。発信時刻は示しません。' +
      '受信サーバの管理者にログ上の時刻を確認してください。',
  }),
  originRetrieval: (): Notice => ({
    code: 'MAIL_ORIGIN_RETRIEVAL',
    en:
      'The last trusted hop is a mailbox retrieval (POP3/IMAP, e.g. fetchmail): the address it records is ' +
      "the mailbox server's, not the sender's; no originating address is given. Add the mailbox provider's " +
      'servers to the trusted relays.',
    ja:
      '信頼できる最後の経由記録はメールボックスからの取得（POP3/IMAP、fetchmail など）で、' +
      '記録されたアドレスは送信者ではなくメールボックスのサーバのものです。発信元アドレスは示しません。' +
      'メールボックス提供者のサーバを信頼する中継サーバに追加してください。',
  }),
  authUntrusted: (n: number): Notice => ({
    code: 'MAIL_AUTH_RESULTS_IGNORED',
    en: `${n} Authentication-Results field(s) were not used: no authserv-id was configured or they carry another one.`,
    ja: `Authentication-Results 欄 ${n} 件を使用しませんでした（authserv-id が未設定、または別の ID です）。`,
  }),
  authBelowBoundary: (n: number): Notice => ({
    code: 'MAIL_AUTH_RESULTS_FORGED',
    en:
      `${n} Authentication-Results field(s) with the configured authserv-id do not stand above the lowest ` +
      'trusted Received: they may have come with the message from outside (a sender can write them), ' +
      'and were ignored.',
    ja:
      `設定した authserv-id を持つ Authentication-Results 欄 ${n} 件が、信頼できる最も下の Received より上にありません。` +
      '外部から（送信者が書いて）届いた可能性があるため、無視しました。',
  }),
  authFromArc: (instance: number): Notice => ({
    code: 'MAIL_AUTH_RESULTS_FROM_ARC',
    en:
      `The results were read from the ARC-Authentication-Results set i=${instance} with the configured ` +
      'authserv-id, which a trusted server wrote above the lowest trusted Received (no Authentication-Results ' +
      'field stood there).',
    ja:
      `結果は、設定した authserv-id を持つ ARC-Authentication-Results（i=${instance}）から読みました。` +
      'これは信頼できる最も下の Received より上に、信頼できるサーバが書いたものです（そこに Authentication-Results 欄は' +
      'ありませんでした）。',
  }),
} as const;

export const AUTH_NOTE = {
  message:
    'Results as stated by the receiving server at delivery. ' +
    "Checking a signature against today's DNS proves nothing about the day of delivery.",
  messageJa: '受信時に受信サーバが記録した結果です。現在の DNS で署名を検証しても、受信当日の正当性は証明できません。',
} as const;
