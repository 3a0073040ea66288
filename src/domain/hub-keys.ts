import type { Bilingual, OrganisationKind } from './vocabulary.ts';

/**
 * Which keys the hub may make for an owner when an administrator asks for one (`POST /v1/keys`,
 * `shokai key rotate`): only those the trust model leaves with the hub (docs/security.md §4a). Making
 * any other would put back in the hub's hands a key its owner holds — a key that signs approvals as a
 * unit head, or opens answers meant for the unit's members' devices — by one administrator's act.
 */
export interface HubKeyAsk {
  ownerType: 'unit' | 'user' | 'organisation';
  purpose: 'signing' | 'encryption';
  /** The kind of the owner's organisation. */
  organisationKind: OrganisationKind;
  /** A person who has registered a credential of their own (a passkey), now or at any time before. */
  ownCredential: boolean;
  /** An owner whose answers (or kept records) have been in device custody, now or at any time before. */
  deviceCustody: boolean;
}

export type HubKeyRefusal =
  | 'provider_signing'
  | 'court_signing'
  | 'own_credential'
  | 'person_encryption'
  | 'device_custody';

/** Why the hub must not make this key, or null when it may. */
export function hubKeyRefusal(ask: HubKeyAsk): HubKeyRefusal | null {
  if (ask.purpose === 'encryption') {
    if (ask.ownerType === 'user') return 'person_encryption';
    return ask.deviceCustody ? 'device_custody' : null;
  }
  if (ask.ownerType === 'user') return ask.ownCredential ? 'own_credential' : null;
  if (ask.ownerType === 'organisation' && ask.organisationKind === 'provider') return 'provider_signing';
  if (ask.ownerType === 'organisation' && ask.organisationKind === 'court') return 'court_signing';
  return null;
}

/** The field of the request each refusal is about (the one a form or a command line marks). */
export const HUB_KEY_REFUSAL_FIELD: Record<HubKeyRefusal, 'ownerType' | 'ownerId' | 'purpose'> = {
  provider_signing: 'ownerType',
  court_signing: 'ownerType',
  own_credential: 'ownerId',
  person_encryption: 'purpose',
  device_custody: 'purpose',
};

/** What each refusal tells the administrator, with the way that does work. */
export const HUB_KEY_REFUSAL_WORDS: Record<HubKeyRefusal, Bilingual> = {
  // A provider's signing key is its installation key, made on its own machine: the hub never makes
  // one again (it would hold a key that signs answers as the provider).
  provider_signing: {
    ja:
      '事業者の署名鍵はハブでは作りません。事業者の機械で設置鍵を作り登録してください' +
      '（shokai provider key init / register）',
    en:
      "the hub makes no signing key for a provider: make the installation key on the provider's machine " +
      'and register it (shokai provider key init / register)',
  },
  // Nor for a court: judges attest with their own passkeys, and a court key would let the hub attest.
  court_signing: {
    ja: '裁判所の署名鍵はハブでは作りません。令状には裁判官ご本人のパスキーで署名します',
    en: 'the hub makes no signing key for a court: judges attest warrants with their own passkeys',
  },
  own_credential: {
    ja:
      'この方はご本人の認証器（パスキー）を登録済みです。ハブで署名鍵は作りません。' +
      '新しい認証器はご本人が登録し、組織の別の担当者が確認します',
    en:
      'this person has registered a credential of their own (a passkey): the hub makes no signing key for ' +
      'them; they register a new one themselves and another member of the organisation confirms it',
  },
  person_encryption: {
    ja: '個人の暗号化鍵は作りません。回答は所属の鍵に封をします',
    en: 'a person gets no encryption key: answers are sealed to the unit',
  },
  device_custody: {
    ja:
      '回答鍵は構成員の端末で保管しています。ハブで暗号化鍵は作りません。' +
      '鍵の変更は所属長（事業者では法務担当）が端末の管理画面で行います',
    en:
      "the answer key is held on the members' devices: the hub makes no encryption key; changes to it are " +
      "made on the devices page by the unit's head (a provider's legal staff)",
  },
};
