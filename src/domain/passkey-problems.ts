import type { WebAuthnProblem } from '../crypto/webauthn-checks.ts';
import type { Bilingual } from './vocabulary.ts';

/**
 * Why a passkey's assertion does not verify, in words for people: one text for each check of
 * src/crypto/webauthn-checks.ts, the same wherever a passkey signs (a request's approval, an answer).
 * `signed` names what it should have signed (回答 / this answer), for the check that compares it.
 * Browser-safe: the web and the typed client show these too.
 */
export function passkeyProblemMessages(signed: Bilingual): Record<WebAuthnProblem, Bilingual> {
  return {
    malformed: { ja: '認証器の署名の形式が不正です', en: 'the passkey signature is malformed' },
    key: { ja: '登録された認証器の公開鍵を読み取れません', en: 'the registered passkey public key cannot be read' },
    rp_id: {
      ja: '認証器の署名は別のサイト向けのものです（RP ID 不一致）',
      en: 'the passkey signature was made for another site (RP ID mismatch)',
    },
    user_presence: { ja: '署名時に本人の操作がありません', en: 'the signer was not present at signing' },
    user_verification: {
      ja: '署名時に本人確認（PIN・生体認証）が行われていません',
      en: 'the signer was not verified (PIN or biometric) at signing',
    },
    type: { ja: '認証器の応答の種類が署名ではありません', en: 'the passkey response is not an assertion' },
    challenge: {
      ja: `認証器が署名した内容と${signed.ja}の内容が一致しません（改ざん）`,
      en: `what the passkey signed is not ${signed.en} (altered)`,
    },
    origin: {
      ja: '認証器の署名は登録されたサイト以外で行われています',
      en: 'the passkey signature was made on a site other than the registered one',
    },
    signature: {
      ja: '認証器の署名が登録された公開鍵で検証できません（偽造）',
      en: 'the passkey signature does not verify under the registered public key (forged)',
    },
  };
}
