// What the holders module takes from the attribution engine: its resolution type (the engine decides;
// the finding only carries it, its notes and reasons already in both languages).
export type { AttributionQuery, Resolution, Resolver } from '../attribution/resolver.ts';
