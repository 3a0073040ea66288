import { z } from 'zod';
import { DomainError } from './errors.ts';
import {
  NON_DISCLOSURE_BASES,
  NON_DISCLOSURE_BASIS_LABELS,
  type NonDisclosureBasis,
  REQUEST_KIND_LABELS,
  type RequestKind,
  withArticle,
} from './vocabulary.ts';

/**
 * Do-not-notify (秘匿): an agency marks a criminal request so that the provider neither hears the
 * subscriber (意見照会) nor tells them afterwards. The mark is part of the signed content, so the
 * provider can rely on it; the legal basis travels with it and is shown wherever a hearing or a notice
 * is refused. A civil disclosure request cannot carry it: there the hearing is the law's.
 */

export const ConfidentialitySchema = z.strictObject({
  doNotNotify: z.literal(true),
  basis: z.enum(NON_DISCLOSURE_BASES),
  /** Why telling the subscriber would harm the investigation. */
  reason: z.string().trim().min(1).max(2000),
});
export type Confidentiality = z.output<typeof ConfidentialitySchema>;

/** The kinds a CCP art. 197(5) request covers: an inquiry (197(2)) and a preservation request (197(3)). */
const CCP_197_5_KINDS: readonly RequestKind[] = ['inquiry', 'preservation', 'cafe_records'];

/** The do-not-notify mark of a request's content, if it carries one. */
export function doNotNotifyOf(content: { kind: RequestKind } & object): Confidentiality | undefined {
  if (!('confidentiality' in content)) return undefined;
  const c = content.confidentiality;
  const parsed = ConfidentialitySchema.safeParse(c);
  return parsed.success ? parsed.data : undefined;
}

/** The basis must fit the kind: CCP art. 197(5) speaks of inquiries and preservation requests only. */
export function checkConfidentialityBasis(kind: RequestKind, basis: NonDisclosureBasis): void {
  if (basis === 'ccp_197_5' && !CCP_197_5_KINDS.includes(kind)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${NON_DISCLOSURE_BASIS_LABELS.ccp_197_5.ja}は${REQUEST_KIND_LABELS[kind].ja}の根拠になりません。捜査の密行性を選んでください`,
        en:
          `CCP art. 197(5) does not cover ${withArticle(REQUEST_KIND_LABELS[kind].en.toLowerCase())}; ` +
          `choose the secrecy of the investigation`,
      },
      { field: 'confidentiality.basis', value: basis, kind },
    );
  }
}

/** Refuses telling the subscriber (a hearing, a notice) of a request marked do-not-notify, naming the basis. */
export function assertMayTellSubscriber(content: { kind: RequestKind } & object, act: 'hearing' | 'notice'): void {
  const mark = doNotNotifyOf(content);
  if (!mark) return;
  const label = NON_DISCLOSURE_BASIS_LABELS[mark.basis];
  const what =
    act === 'hearing'
      ? { ja: '発信者（契約者）への意見照会', en: 'a hearing of the subscriber' }
      : { ja: '契約者への通知', en: 'a notice to the subscriber' };
  throw new DomainError(
    'DO_NOT_NOTIFY',
    {
      ja: `この要請は契約者に知らせないよう求められています（秘匿）。${what.ja}はできません。根拠: ${label.ja}`,
      en:
        `this request asks that the subscriber not be told ` +
        `(do-not-notify); ${what.en} is refused. Basis: ${label.en}`,
    },
    { field: 'confidentiality', basis: mark.basis },
  );
}
