import { type Bilingual, DATA_CATEGORIES, DATA_CATEGORY_LABELS, isOneOf, type Locale } from '#shokai/vocabulary';

/**
 * One finding of the policy check as the drafter reads it: the data category in words (none for a
 * category the vocabulary does not know, whose message names it anyway) and what the finding means.
 * The finding's code (MATRIX_REFUSED, POLICY_REFUSED, …) is for support only and never shown.
 */
export function policyFindingWords(
  finding: { category: string; message: Bilingual },
  locale: Locale,
): { category: string | null; message: string } {
  return {
    category: isOneOf(DATA_CATEGORIES, finding.category) ? DATA_CATEGORY_LABELS[finding.category][locale] : null,
    message: finding.message[locale],
  };
}
