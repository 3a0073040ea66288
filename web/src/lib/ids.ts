// The shape of the ids the hub gives (src/kernel/ids.ts: a readable prefix, then a random UUID). A path
// segment of another shape names nothing the API could find: the screens say so without asking it.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The records the web opens by an id in its address, with the prefix the hub gives their ids. */
export const ID_PREFIXES = {
  request: 'req',
  case: 'case',
  consultation: 'con',
  warrantApplication: 'wapp',
  disclosureOrder: 'doap',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/** Whether a path segment could be the id of a record of this kind (its prefix and a UUID). */
export function isIdOf(kind: IdKind, segment: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}_${UUID}$`).test(segment);
}
