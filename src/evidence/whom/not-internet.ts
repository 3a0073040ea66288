import type { Bilingual } from '../../domain/vocabulary.ts';
import type { AddressClass } from '../../net/classify.ts';

// What an address of a special-purpose block (src/net/classify.ts) means to someone asking who sent
// from it, in words: it is not an Internet source, so its holder cannot name a subscriber from it.

const KIND: Readonly<Record<Exclude<AddressClass, 'public' | 'shared'>, Bilingual>> = {
  private: { ja: 'プライベートアドレス', en: 'a private address' },
  loopback: { ja: 'ループバックアドレス（その機器自身を指すもの）', en: 'a loopback address (the device itself)' },
  documentation: {
    ja: '文書の例示用に予約されたアドレス',
    en: 'an address reserved for documentation and examples',
  },
  link_local: {
    ja: 'リンクローカルアドレス（同じネットワーク区間の中だけで使うもの）',
    en: 'a link-local address (used only within one network segment)',
  },
  other_special: {
    ja: '特別な用途（マルチキャスト・予約など）のアドレス',
    en: 'an address for a special use (multicast, reserved)',
  },
};

/**
 * Why `address` (of class `addressClass`) cannot identify a subscriber on its own, or null for a
 * public address. Shared address space (100.64.0.0/10) is carrier-grade NAT: it means something
 * only to the ISP that runs that CGNAT, and only with the public address and port outside it.
 */
export function notInternetSource(addressClass: AddressClass, address: string): Bilingual | null {
  if (addressClass === 'public') return null;
  if (addressClass === 'shared') {
    return {
      ja:
        `${address} は CGNAT の共有アドレス空間（100.64.0.0/10）のアドレスです。意味を持つのはその CGNAT を運用する ISP の内部だけで、インターネット上の送信元ではありません。` +
        `契約者の特定には、CGNAT の外側の公開アドレスとポート番号が必要です。`,
      en:
        `${address} is in the shared address space of carrier-grade NAT (100.64.0.0/10): ` +
        `it means something only to the ISP that runs that CGNAT, not on the Internet. ` +
        `Identifying a subscriber needs the public address and port outside that CGNAT.`,
    };
  }
  const kind = KIND[addressClass];
  return {
    ja: `${address} は${kind.ja}で、インターネット上の送信元ではないため、契約者の特定には使えません。記録した側に、その前の接続元（公開アドレスとポート番号）を確認してください。`,
    en:
      `${address} is ${kind.en}: it is not an Internet source and cannot identify a subscriber. ` +
      `Ask whoever recorded it for the connection before it (the public address and port).`,
  };
}
