import type { RequestParties } from '../domain/access.ts';
import type { RequestChange } from '../domain/lifecycle.ts';
import { logger } from './logger.ts';

/**
 * What changed, told to open screens after the change committed (never for one that rolled back).
 * No personal data: the request's identity, kind and state, and what the access rules need to decide
 * who may be told.
 */
export interface RequestChanged extends RequestParties, RequestChange {
  type: 'request.changed';
}

export type AppEvent = RequestChanged;

/**
 * The in-process event bus. One process serves its own screens; several processes behind a load
 * balancer would each tell only their own (a PostgreSQL LISTEN/NOTIFY relay is the way to share them).
 */
export class EventBus {
  private readonly listeners = new Set<(e: AppEvent) => void>();

  subscribe(listener: (e: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(e: AppEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        logger.warn('event listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
