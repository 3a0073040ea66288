import { DomainError } from './errors.ts';
import { HEARD_PARTY_LABELS, type HeardParty } from './vocabulary.ts';

// The court hears the parties before it decides a disclosure-order application (当事者の陳述聴取; 発信者情報
// 開示命令, art. 11(3) of the amended Act): it grants the order only once the respondent — the provider,
// whose sender information is to be disclosed — has been heard. A dismissal (却下) needs no hearing. Pure.

/** A hearing as the rule reads it: whose statement, and when (UTC ISO). */
export interface HeardRecord {
  party: HeardParty;
  heardAt: string;
}

/**
 * Refuses to grant an order made at `orderedAt` (UTC ms) unless the provider was heard at or before it,
 * saying what is missing: no hearing of the provider at all, or only one after the order's time.
 */
export function requireProviderHeard(hearings: readonly HeardRecord[], orderedAt: number, reference: string): void {
  const provider = hearings.filter((h) => h.party === 'provider');
  if (provider.some((h) => Date.parse(h.heardAt) <= orderedAt)) return;
  const who = HEARD_PARTY_LABELS.provider;
  if (provider.length === 0) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja:
          `${reference}: ${who.ja}の陳述を聴いた記録がないため、開示命令を発令できません。` +
          '陳述聴取（書面または審尋期日）を記録してから発令してください（却下には不要です）',
        en:
          `${reference}: no record that ${who.en.toLowerCase()} was heard, so the order cannot be issued; ` +
          'record the hearing (in writing or at a hearing date) first (a dismissal needs none)',
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
    { field: 'orderedAt', missing: 'provider heard before the order' },
  );
}
