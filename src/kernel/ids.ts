import { randomUUID } from 'node:crypto';

/** A new identifier: a readable prefix naming what it identifies, then a random UUID. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID()}`;
}
