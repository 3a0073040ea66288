// The source an analyst declares for a log file at import (`shokai logs ingest --source`): the NAT box or
// collector the file came from, e.g. `cgn-tokyo-1`. Files of one declared source and format are chained
// as one rotated log after a CGNAT address's NAT span (./nat-cover.ts); the name is the analyst's word,
// so it is kept short and plain: a host-like name, compared without regard to case.
import { t } from './messages.ts';

declare const brand: unique symbol;
/** A declared source, validated and in lower case. */
export type LogSource = string & { readonly [brand]: 'LogSource' };

export const LOG_SOURCE_MAX = 64;

/** Letters, digits, `.`, `_`, `-`, `:`; a letter or digit at each end. */
const PATTERN = /^[a-z0-9](?:[a-z0-9._:-]*[a-z0-9])?$/;

/** A declaration refused: `ja` and `en` say why, naming the value. */
export class LogSourceError extends Error {
  override name = 'LogSourceError';
  readonly ja: string;
  readonly en: string;
  readonly value: string;
  constructor(value: string) {
    const shown = value.length > LOG_SOURCE_MAX + 16 ? `${value.slice(0, LOG_SOURCE_MAX + 16)}…` : value;
    const params = { value: shown, max: LOG_SOURCE_MAX };
    const en = t('bad_source', params, 'en');
    super(en);
    this.en = en;
    this.ja = t('bad_source', params, 'ja');
    this.value = value;
  }
}

/** The declared source, or a refusal naming the value. */
export function parseLogSource(raw: string): LogSource {
  const v = raw.toLowerCase();
  if (v.length > LOG_SOURCE_MAX || !PATTERN.test(v)) throw new LogSourceError(raw);
  return v as LogSource;
}
