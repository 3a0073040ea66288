import { z } from 'zod';
import type { DirectoryExport } from '../domain/pinned-directory.ts';
import type { FirstPinnedSpan } from '../domain/pinned-times.ts';
import type { Db, Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';

// The instant this installation first pinned each position of the hub's log it pinned by extension (its own
// clock, not the hub's word), kept with its settings so that a restart keeps them. A first pin records none and
// forgets those of any pin before it: a person compared it out of band, and its entries keep their own `at`.

const SpansSchema = z.array(
  z.strictObject({ from: z.number().int().min(0), to: z.number().int().min(0), at: z.string() }),
);

/** The runs of positions pinned by extension here, each with the instant it was first pinned. */
export async function firstPinnedSpans(db: Db | Tx): Promise<FirstPinnedSpan[]> {
  const text = await getSetting(db, SETTINGS.firstPinned);
  return text ? SpansSchema.parse(JSON.parse(text)) : [];
}

/**
 * Keeps `next` as the pin, made at `at` over a pin of `pinnedSize` entries (null: none, a first pin), with the
 * positions it appended first pinned now; a first pin starts the record afresh; one appending nothing adds none.
 */
export async function keepPin(tx: Tx, next: DirectoryExport, pinnedSize: number | null, at: string): Promise<void> {
  await putSetting(tx, SETTINGS.pinnedDirectory, JSON.stringify(next), at);
  if (pinnedSize === null) {
    if (await getSetting(tx, SETTINGS.firstPinned)) await putSetting(tx, SETTINGS.firstPinned, '', at);
    return;
  }
  if (next.entries.length <= pinnedSize) return;
  const spans = [...(await firstPinnedSpans(tx)), { from: pinnedSize, to: next.entries.length, at }];
  await putSetting(tx, SETTINGS.firstPinned, JSON.stringify(spans), at);
}
