import { DomainError } from './errors.ts';
import { HEARD_PARTY_LABELS, type HeardParty } from './vocabulary.ts';

// The court hears the parties before it decides a disclosure-order application (当事者の陳述聴取; 発信者情報
// 開示命令, art. 11(3) of the amended Act): it grants the order only once the respondent — the provider,
// whose sender information is to be disclosed — has been heard. The Act excuses the hearing only for an
// application clearly unlawful or without grounds, dismissed (却下) as such; the system does not record why a
// judge declines, so a decline is not held for a hearing, and the words say the exception as the Act does. Pure.

/** A hearing as the rule reads it: whose statement, when (UTC ISO), and whether its record was withdrawn. */
export interface HeardRecord {
  party: HeardParty;
  heardAt: string;
  /** Recorded by mistake and withdrawn by a judge of the court: kept, but no longer a hearing that counts. */
  withdrawn: boolean;
  /** Whether the judge's passkey signature over the record verifies (an unsigned or failing one does not count). */
  verified: boolean;
}

/**
 * Refuses to grant an order made at `orderedAt` (UTC ms) unless the provider was heard at or before it,
 * by a record not withdrawn, saying what is missing: no hearing of the provider at all, only withdrawn
 * records of one, or only one after the order's time.
 */
export function requireProviderHeard(hearings: readonly HeardRecord[], orderedAt: number, reference: string): void {
  const recorded = hearings.filter((h) => h.party === 'provider');
  const standing = recorded.filter((h) => !h.withdrawn);
  const provider = standing.filter((h) => h.verified);
  if (provider.some((h) => Date.parse(h.heardAt) <= orderedAt)) return;
  const who = HEARD_PARTY_LABELS.provider;
  if (provider.length === 0 && standing.length > 0) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja:
          `${reference}: ${who.ja}の陳述聴取の記録に、裁判官の署名で確認できるものがありません。` +
          '署名のない記録や署名を確認できない記録では開示命令を発令できません。' +
          '陳述聴取をご自身の認証器（パスキー）で署名してあらためて記録してから発令してください',
        en:
          `${reference}: no record that ${who.en.toLowerCase()} was heard has a judge's signature that verifies, ` +
          'and an unsigned record or one whose signature fails does not count; record the hearing again, signed ' +
          'with your own credential (passkey), before the order is issued',
      },
      { field: 'hearings', missing: 'provider', unverified: standing.length },
    );
  }
  if (provider.length === 0 && recorded.length > 0) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja:
          `${reference}: ${who.ja}の陳述聴取の記録は取り消されています。取り消された記録では開示命令を発令できません。` +
          '陳述聴取をあらためて記録してから発令してください',
        en:
          `${reference}: the record that ${who.en.toLowerCase()} was heard was withdrawn, and a withdrawn record ` +
          'does not count; record the hearing again before the order is issued',
      },
      { field: 'hearings', missing: 'provider', withdrawn: recorded.length },
    );
  }
  if (provider.length === 0) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja:
          `${reference}: ${who.ja}の陳述を聴いた記録がないため、開示命令を発令できません。` +
          '陳述聴取（書面または審尋期日）を記録してから発令してください' +
          '（陳述聴取が不要なのは、不適法又は理由がないことが明らかな申立てを却下する場合です）',
        en:
          `${reference}: no record that ${who.en.toLowerCase()} was heard, so the order cannot be issued; ` +
          'record the hearing (in writing or at a hearing date) first (none is needed only to dismiss an application ' +
          'clearly unlawful or without grounds)',
      },
      { field: 'hearings', missing: 'provider' },
    );
  }
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja: `${reference}: ${who.ja}の陳述を聴いたのは発令日時より後です。聴いた後の日時で発令してください`,
      en: `${reference}: ${who.en.toLowerCase()} was heard only after the order's time; issue it at a later time`,
    },
    { field: 'orderedAt', value: new Date(orderedAt).toISOString(), missing: 'provider heard before the order' },
  );
}
