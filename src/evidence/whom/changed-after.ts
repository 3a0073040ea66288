import { formatAtOffset, parseIsoInstant } from '../../domain/time.ts';
import type { Bilingual } from '../../domain/vocabulary.ts';
import type { RegistryAnswerSource } from '../registry/table.ts';
import { isRecordInstant } from '../registry/types.ts';

/**
 * The reason for a record changed after the instant: an instant is shown at the offset the instant asked
 * about was written with, so the two read alike; a day is said to be one without a time.
 */
export function changedAfter(record: Readonly<RegistryAnswerSource>, at: string | null): Bilingual {
  const where = `${record.file}、${record.range}`;
  const whereEn = `${record.file}, ${record.range}`;
  const date = record.recordDate ?? '';
  if (isRecordInstant(date)) {
    const shown = formatAtOffset(Date.parse(date), offsetOf(at));
    return {
      ja: `登録記録（${where}）は ${shown} に変更または登録されており、指定日時より後です。当時は別の保有者だった可能性があります。`,
      en:
        `The registry record (${whereEn}) was changed or registered at ${shown}, ` +
        `after the instant: the range may have had another holder then.`,
    };
  }
  return {
    ja:
      `登録記録（${where}）は ${date} に変更または登録されています。時刻の記載がなく、指定日時より後の可能性があります。` +
      `当時は別の保有者だった可能性があります。`,
    en:
      `The registry record (${whereEn}) was changed or registered on ${date}, a day without a time that may ` +
      `be after the instant: the range may have had another holder then.`,
  };
}

/** The offset (minutes east of UTC) an instant was written with; UTC when it cannot be read. */
function offsetOf(at: string | null): number {
  if (at === null) return 0;
  try {
    return parseIsoInstant(at).offsetMinutes;
  } catch {
    return 0;
  }
}
