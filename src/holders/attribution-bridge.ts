// What the holders module takes from the attribution engine: its resolution type and the message
// templates of the candidate notes it maps (the engine decides; the finding only carries it).
import { TEXTS } from '../attribution/messages.ts';
import type { FindingNote } from '../domain/vocabulary.ts';

export type { AttributionQuery, Resolution, Resolver } from '../attribution/resolver.ts';

export const TEXTS_FOR_NOTES: ReadonlyArray<[FindingNote, { ja: string; en: string }]> = [
  ['no_stop', TEXTS.no_stop],
  ['deterministic', TEXTS.deterministic],
];
