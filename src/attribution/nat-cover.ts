// What the NAT logs show after a public address's NAT span (docs/attribution.md, known limits). A source
// file's *cover* is the stretches of time its NAT records run over: the instants its NAT rows start and end
// at and the ends it logged, cut wherever two of them lie more than COVER_GAP_SECONDS apart (a CGN logs
// its allocations and releases all the time; an hour without a line is a log that stopped, a collector
// down, a box out of service). A direct holder of the address after the span is named only when, for
// every log format that recorded the address, the file holding its last translation of the address runs
// on from that translation's end through the question without such a gap: every allocation of the
// address after it would then be in that file. Files are chained only where the analyst declared at import
// the source they came from (`--source`, migration 073): the files of one declared source and one format
// are taken as one rotated log, their stretches joined under the same gap rule, and each declared source is
// a log of its own that must run on (two NAT boxes of one make are told apart where declared). Files with
// no declared source are never chained: a rotated log's next file, or a file of another NAT box of the
// same make, cannot be told from each other by the store.
import type { Batch } from './model.ts';

/** The longest time between two NAT instants of one file still taken as one stretch of its log (seconds). */
export const COVER_GAP_SECONDS = 3600;

/** A stretch [from, to] of epoch seconds. */
export type Stretch = [from: number, to: number];

/** A file holding NAT rows of an address: its last translation's end there and its cover (null: none kept). */
export interface NatFileCover {
  file: number;
  path: string;
  format: string;
  /** The latest end (t1) of the address's rows in this file. */
  last: number;
  /** Its stretches (unsorted, possibly overlapping); null for a file ingested before covers were kept. */
  cover: Stretch[] | null;
  /** The source declared for it at import (null: none; such a file is never chained). */
  source: string | null;
  /** With a source: the stretches of every file of that source and format, its own included (else null). */
  chain: Stretch[] | null;
}

/** Stretches sorted and joined where the gap between them is at most COVER_GAP_SECONDS. */
export function mergeStretches(list: Iterable<Stretch>): Stretch[] {
  const sorted = [...list].sort((x, y) => x[0] - y[0]);
  const out: Stretch[] = [];
  for (const [s, e] of sorted) {
    const cur = out[out.length - 1];
    if (cur && s - cur[1] <= COVER_GAP_SECONDS) cur[1] = Math.max(cur[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The stretches of one batch's NAT instants. Instants are bucketed by the hour (the batch may hold a
 * million rows, emitted in end order): within a bucket no gap can exceed the hour, so only the earliest
 * and latest instant of each bucket decide where the stretches break.
 */
export function batchCover(batch: Batch): Stretch[] {
  const buckets = new Map<number, Stretch>();
  // rows come near time order: the bucket of the last instant is kept at hand
  let lastK = Number.NaN;
  let last: Stretch = [0, 0];
  const seen = (t: number): void => {
    const k = Math.floor(t / COVER_GAP_SECONDS);
    if (k !== lastK) {
      lastK = k;
      const found = buckets.get(k);
      if (!found) {
        last = [t, t];
        buckets.set(k, last);
        return;
      }
      last = found;
    }
    if (t < last[0]) last[0] = t;
    else if (t > last[1]) last[1] = t;
  };
  for (const n of batch.nats) {
    seen(n.t0);
    seen(n.t1);
  }
  for (const c of batch.closes) if (c.target !== 'assign') seen(c.at);
  return mergeStretches(buckets.values());
}

/** The NAT logs show the address unused: with the declared sources whose chained files showed it. */
export interface Shown {
  shown: true;
  sources: string[];
}

/** Why a direct holder after the NAT span is not named: the file whose log stops, and where. */
export interface NotShown {
  shown: false;
  path: string;
  /** The end of the stretch its last translation of the address lies in (null: the end is in none). */
  until: number | null;
  /** Its declared source, whose files were chained (null: none, the file alone). */
  source: string | null;
}

/**
 * Whether the NAT logs show the address unused from its last translation through `b`: 'unknown' when a
 * file holding its rows was ingested before covers were kept (the answer stays as it was), shown, or the
 * first file that does not show it. The logs are each format's files of no declared source (the latest
 * only: older ones are taken as rotated) and each declared source's files of a format, chained.
 */
export function shownUnused(files: NatFileCover[], b: number): 'unknown' | Shown | NotShown {
  if (files.length === 0 || files.some((f) => f.cover === null)) return 'unknown';
  const latest = new Map<string, NatFileCover[]>();
  for (const f of files) {
    const log = f.source === null ? f.format : `${f.format}\u0000${f.source}`;
    const top = latest.get(log)?.[0];
    if (!top || f.last > top.last) latest.set(log, [f]);
    else if (f.last === top.last) latest.get(log)!.push(f);
  }
  const sources = new Set<string>();
  for (const f of [...latest.values()].flat()) {
    const own = f.cover ?? [];
    const cover = f.source === null ? own : [...own, ...(f.chain ?? [])];
    const stretch = mergeStretches(cover).find(([s, e]) => s <= f.last && f.last <= e);
    if (!stretch) return { shown: false, path: f.path, until: null, source: f.source };
    if (stretch[1] < b) return { shown: false, path: f.path, until: stretch[1], source: f.source };
    if (f.source !== null) sources.add(f.source);
  }
  return { shown: true, sources: [...sources].sort() };
}
