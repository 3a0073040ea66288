import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Batch, ParseError } from '../../src/attribution/model.ts';
import { createParser, type LogFormat } from '../../src/attribution/parsers/index.ts';
import { TimeError } from '../../src/attribution/time.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string): string => join(FIXTURES, name);

/** 2026-03-28T16:00:00Z = 2026-03-29 01:00:00 JST, the base instant of the fixtures. */
export const B = 1774713600;

/** Parse a text with one parser, without a store: rows plus `line: reason` errors. */
export function parseText(
  format: LogFormat,
  text: string,
  zone?: string,
): { batch: Batch; errors: Array<{ line: number; reason: string }> } {
  const parser = createParser(format, zone === undefined ? {} : { zone });
  const batch = new Batch();
  const errors: Array<{ line: number; reason: string }> = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => {
    try {
      parser.line(l, i + 1, batch);
    } catch (err) {
      if (!(err instanceof ParseError || err instanceof TimeError)) throw err;
      errors.push({
        line: err instanceof ParseError && err.line !== undefined ? err.line : i + 1,
        reason: err.message,
      });
    }
  });
  try {
    parser.finish(batch);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    errors.push({ line: err.line ?? lines.length, reason: err.message });
  }
  return { batch, errors };
}

export function parseFixture(format: LogFormat, name: string, zone?: string): ReturnType<typeof parseText> {
  return parseText(format, readFileSync(fixture(name), 'utf8'), zone);
}

export const iso = (t: number): string => new Date(t * 1000).toISOString();
