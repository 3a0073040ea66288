import type { Target } from '../domain/targets.ts';
import { describeTarget } from '../domain/targets.ts';
import { formatDateTime, formatIsoInZone, parseIsoInstant, zoneOffsetAt } from '../domain/time.ts';
import type { LayoutRules } from './layouts.ts';

// The instants a document prints, and the targets with theirs.

/** Where a printed instant comes from: the request as its requester wrote it, or records (logs, the answer). */
export type InstantOrigin = 'request' | 'record';

/**
 * An instant as documents print it: era year beside the Western year, the time to the second with the zone's
 * offset. Beside an instant of the request, what the requester wrote (指定値) when it says something the print
 * does not: another offset, or an instant finer than the second (layout 7: compared as instants, never beside
 * an instant from records; before, any written form but the zone's own ISO string, records' too).
 */
export function documentInstant(
  value: string,
  zone: string,
  rules: Pick<LayoutRules, 'writtenInstantsCompared'>,
  origin: InstantOrigin,
): string {
  const at = parseIsoInstant(value);
  const shown = formatDateTime(at, 'ja', zone);
  const written = `${shown}（指定値 ${value}）`;
  if (!rules.writtenInstantsCompared) return formatIsoInZone(at, zone) === value ? shown : written;
  if (origin === 'record') return shown;
  const otherOffset = at.offsetMinutes !== zoneOffsetAt(zone, at.epochMs);
  const finer = at.epochMs % 1000 !== 0;
  return otherOffset || finer ? written : shown;
}

/** One target as printed: identifier and, for times, the instant with its offset (the request's own). */
export function targetLine(t: Target, zone: string, rules: Pick<LayoutRules, 'writtenInstantsCompared'>): string {
  const at = (v: string) => documentInstant(v, zone, rules, 'request');
  switch (t.type) {
    case 'ip': {
      const port = t.port === undefined ? '' : ` ポート番号 ${t.port}`;
      const tol = t.toleranceSeconds > 0 ? `（前後 ${t.toleranceSeconds} 秒）` : '';
      return `IPアドレス ${t.address}${port}　通信日時 ${at(t.at)}${tol}`;
    }
    case 'terminal':
      return `端末 ${t.terminal}　利用時間 ${at(t.from)} から ${at(t.to)} まで`;
    default:
      return describeTarget(t, 'ja');
  }
}
