import { checkCivilTargetsFor } from './civil-disclosure.ts';
import type { EnvelopePayload } from './envelope.ts';
import { isDomainError } from './errors.ts';
import { providerOf, type RequestContent, validateRequestContent } from './request-content.ts';
import { futureTargetProblem } from './target-times.ts';
import type { Bilingual, ProviderCategory } from './vocabulary.ts';

// The hub's content rules, run again by a provider's own installation on what the unit and its approver
// signed, for the installation does not take the hub's word that they ran (docs/decisions.md, eleventh
// session). Only what the signed request shows is judged, against its signed issue time — the moment the
// hub ran the rules at approval, and the one its own door uses — never the arrival: a request carried on
// a file for a day is as valid as when it was signed. Left to the hub and the reviewer: the legal matrix
// and the provider's published policy (the pin holds neither the carrier flag nor the policy of then),
// whether the addressee holds an address (the provider's own records say it), and a hand-entered order's
// court (the pin may predate it). The civil stage rule (a lawyer's request to an access provider names the
// connection; one to a content provider names the post) is judged by the provider's own category, from its
// configuration (`providerCategory` in agent.json), not by what the hub says the provider is.

/** Why a signed request's content is refused at intake: the reason's key, the rule's words, the field. */
export interface IntakeContentProblem {
  reason: 'addressee' | 'target_future' | 'content_rule';
  detail: Bilingual;
  field: string;
}

/** The provider this installation answers for, as it knows itself: its names (the pin's) and its category. */
export interface IntakeSelf {
  nameJa: string;
  nameEn: string;
  /** Absent: the installation was not told its category, and the civil stage rule is left to the hub. */
  providerCategory?: ProviderCategory | undefined;
}

/**
 * The first of the hub's content rules the signed request `p` (its content `content`, parsed) breaks at
 * its issue time, or null: the content addressed to the provider the payload names; no target's time later
 * than the issue beyond the hub's clock skew (`target_future`); then every rule `validateRequestContent`
 * holds (`content_rule`: a deadline before the issue, a terminal's period backwards, the confidentiality's
 * basis, a warrant's own period, an emergency's conditions, a café's targets, a civil filing); and, for a civil
 * disclosure to a provider that knows its category (`self`), the targets its stage answers from (`content_rule`).
 */
export function intakeContentProblem(
  content: RequestContent,
  p: EnvelopePayload,
  self?: IntakeSelf,
): IntakeContentProblem | null {
  const addressee = providerOf(content) ?? null;
  if (addressee !== p.providerOrganisationId) {
    return {
      reason: 'addressee',
      detail: {
        ja: '署名された宛先と、要請の内容が示す宛先が一致しません',
        en: 'the addressee signed with the request differs from the one its content names',
      },
      field: 'providerOrganisationId',
    };
  }
  const issued = new Date(p.issuedAt);
  const future = futureTargetProblem(content.targets, issued, 'issued');
  if (future) return { reason: 'target_future', detail: future.messages, field: fieldOf(future, 'targets') };
  try {
    validateRequestContent(content, issued);
    if (content.kind === 'civil_disclosure' && self?.providerCategory) {
      const provider = { providerCategory: self.providerCategory, nameJa: self.nameJa, nameEn: self.nameEn };
      checkCivilTargetsFor(provider, content.civil, content.targets);
    }
    return null;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return { reason: 'content_rule', detail: err.messages, field: fieldOf(err, 'content') };
  }
}

const fieldOf = (err: { details?: Record<string, unknown> | undefined }, otherwise: string): string =>
  typeof err.details?.field === 'string' ? err.details.field : otherwise;
