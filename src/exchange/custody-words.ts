// How the refusals of device custody name what they are about: a device by the label its holder gave it,
// a wrapped key by its place in what was sent, a key by its fingerprint. Never a device's or a key's id
// nor a field's path: those stay in the refusal's details, for programs.
import { shownFingerprint, shownInput } from '../domain/shown-text.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

/** A device by its label, quoted. */
export function deviceInWords(label: string): Bilingual {
  const l = shownInput(label);
  return { ja: `「${l}」`, en: `"${l}"` };
}

/**
 * Devices as a message names them: by their labels (`undefined`: one the unit does not have), at most
 * five, then how many more.
 */
export function devicesInWords(labels: ReadonlyArray<string | undefined>): Bilingual {
  if (labels.length === 0) return { ja: 'なし', en: 'none' };
  const shown = labels.flatMap((l) => (l === undefined ? [] : [shownInput(l)])).slice(0, 5);
  const more = labels.length - shown.length;
  if (shown.length === 0) return { ja: `${more} 台`, en: `${more} device${more === 1 ? '' : 's'}` };
  return {
    ja: shown.map((l) => `「${l}」`).join('') + (more > 0 ? `ほか ${more} 台` : ''),
    en: shown.map((l) => `"${l}"`).join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

/** The wrapped key at `index` of those sent (0-based), as a person counts them: 1 件目に包んだ鍵 / wrapped key 1. */
export function wrapInWords(index: number): Bilingual {
  return { ja: `${index + 1} 件目に包んだ鍵`, en: `wrapped key ${index + 1}` };
}

/** Keys by their fingerprints (`SHA-256 7140 dc09 …`), in one line. */
export function keysInWords(fingerprints: readonly string[]): Bilingual {
  const shown = fingerprints.map(shownFingerprint);
  return { ja: shown.join('、'), en: shown.join(', ') };
}
