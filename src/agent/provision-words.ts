// The words of a provision order's page and command on a provider's installation: why an order does not
// verify against the pinned directory, and why carrying it out stopped before anything was sent.
import { JUDGE_REFUSALS } from '../domain/pinned-judges.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

export const VERIFIED: Bilingual = {
  ja: '裁判官の電子署名は、固定済みディレクトリの鍵で有効です',
  en: "the judge's signature verifies with the key in the pinned directory",
};
export const REFUSALS = {
  not_issued: { ja: 'まだ発令されていません', en: 'not issued yet' },
  not_ours: {
    ja: '署名された命令は提供命令ではないか、当社宛てではありません',
    en: 'what the judge signed is not a provision order addressed to this provider',
  },
  altered: {
    ja: '署名された内容とハブが示す命令が一致しません（改ざんの疑い）。裁判所に確認してください',
    en: 'the order the hub shows is not the one the judge signed (altered?): check with the court',
  },
  unknown_key: {
    ja: '裁判官の鍵が固定済みディレクトリにありません。ディレクトリを取り込み直してください',
    en: "the judge's key is not in the pinned directory: pin the hub's directory again",
  },
  signature: {
    ja: '裁判官の署名を固定済みディレクトリの鍵で確認できません（改ざん・別の命令・鍵の不一致）。裁判所に確認してください',
    en:
      "the judge's signature does not verify with the pinned directory's key (altered, " +
      'another order, or wrong key): check with the court',
  },
  // The key's owner was not a judge of the court when the order was made, as the pin records.
  ...JUDGE_REFUSALS,
} satisfies Record<string, Bilingual>;

export const KEY_MISSING: Bilingual = {
  ja: '経由プロバイダの現在の暗号化鍵が固定済みディレクトリにありません。ディレクトリを取り込み直してください（何も送っていません）',
  en:
    "the access provider's current encryption key is not in the pinned directory: " +
    'pin the directory again (nothing was sent)',
};
export const PLAN_CHANGED: Bilingual = {
  ja: '確認した送り先と、いま固定済みディレクトリの申告ネットワークから求めた送り先が一致しません。何も送っていません。新しい送り先を確認してください',
  en:
    'where the communications would go now (from the networks declared in the pinned ' +
    'directory) is not what was confirmed: nothing was sent; check the new plan',
};
