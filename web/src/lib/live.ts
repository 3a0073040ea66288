// Live updates: one EventSource per signed-in page (/v1/events, the session cookie), shared by every
// screen that wants to know when something it shows changed. EventSource reconnects by itself.
import { useEffect, useRef } from 'react';
import type { RequestChange } from '#shokai/domain';
import { isOneOf, REQUEST_KINDS, REQUEST_STATES } from '#shokai/vocabulary';

/** What the server tells of a request's move (the same type its event is built from). */
export type LiveEvent = RequestChange;

function parse(text: string): LiveEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.requestId !== 'string' || typeof o.reference !== 'string' || typeof o.at !== 'string') return null;
  if (!isOneOf(REQUEST_KINDS, o.kind) || !isOneOf(REQUEST_STATES, o.state)) return null;
  const previous = o.previousState === null || isOneOf(REQUEST_STATES, o.previousState) ? o.previousState : null;
  return {
    requestId: o.requestId,
    reference: o.reference,
    kind: o.kind,
    state: o.state,
    previousState: previous,
    at: o.at,
  };
}

const listeners = new Set<(e: LiveEvent) => void>();
let source: EventSource | null = null;

export function startLive(): void {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/v1/events');
  source.addEventListener('request.changed', (m) => {
    const e = parse((m as MessageEvent<string>).data);
    if (e) for (const l of listeners) l(e);
  });
}

export function stopLive(): void {
  source?.close();
  source = null;
}

/** Calls `onEvent` for every change told while the component is shown (the latest callback). */
export function useLive(onEvent: (e: LiveEvent) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    const l = (e: LiveEvent) => latest.current(e);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
}

/**
 * Keeps a screen current: `refresh` runs on every change told (optionally only those `about` says
 * concern it) and every `everyMs` (deadlines move with the clock even when nothing changes).
 */
export function useLiveRefresh(refresh: () => void, about?: (e: LiveEvent) => boolean, everyMs = 60_000): void {
  useLive((e) => {
    if (!about || about(e)) refresh();
  });
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const timer = setInterval(() => latest.current(), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
}
