// How the refusals of device custody name what they are about: a device by the label its holder gave it.
// Never a device's id nor a field's path: those stay in the refusal's details, for programs.
import { shownInput } from '../domain/shown-text.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

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
