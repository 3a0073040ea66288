import type { Kysely } from 'kysely';
import type { StoreDialect } from '../database.ts';
import * as m001 from './001-initial.ts';

export interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit an applied one. */
export const MIGRATIONS: Migration[] = [{ name: '001-initial', up: m001.up }];
