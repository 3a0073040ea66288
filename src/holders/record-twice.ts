import { DomainError } from '../domain/errors.ts';
import { repeatedKeyError, repeatedKeyPath } from '../domain/json-keys.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

// A holder's export that names a field twice (a key twice in a JSON record, a column twice in a CSV
// header): JSON.parse and the header's reading keep the later value, while the person reading the file
// may take the first. Refused as any other bad record (src/domain/json-keys.ts says why for JSON).

/**
 * The first key the JSON text repeats, as a problem of the record holding it (its number in the list,
 * the field, the value JSON.parse kept); a key repeated outside any record is the file's (line 0).
 */
export function keyTwiceInJson(
  text: string,
  parsed: unknown,
): { line: number; field: string; value: unknown; message: Bilingual } | undefined {
  const path = repeatedKeyPath(text);
  if (!path) return undefined;
  const at = Array.isArray(parsed) ? 0 : 1;
  const index = path[at];
  const inRecord = typeof index === 'number' && path.length > at + 1;
  const kept = path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined),
    parsed,
  );
  return {
    line: inRecord ? index + 1 : 0,
    field: String(inRecord ? path[at + 1] : path[0]),
    value: kept,
    message: repeatedKeyError(path).messages,
  };
}

/** Refuses a CSV header that names a column twice (`where`: the file and the header's line). */
export function refuseColumnTwice(names: readonly string[], where: string): void {
  const n = names.find((x, j) => names.indexOf(x) !== j);
  if (n === undefined) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `${where}: 列 "${shownInput(n)}" が見出しに2回あります（どちらの値とも取れるため、受け付けません）`,
      en: `${where}: the column "${shownInput(n)}" appears twice in the header (either value could be meant): refused`,
    },
    { field: 'header', value: n },
  );
}
