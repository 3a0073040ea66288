import { DomainError } from '../domain/errors.ts';

/**
 * The text of an exported file as it came off the disk or the upload: UTF-8 (with or without a BOM),
 * else Shift_JIS, which Japanese spreadsheets and many point-of-sale and board systems still export.
 * Bytes that are neither are refused naming the file, before any line is read.
 */
export function decodeRecordFile(name: string, bytes: Uint8Array): string {
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      // not this encoding: try the next
    }
  }
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `${name} は UTF-8 でも Shift_JIS でもない文字コードです。UTF-8 で書き出し直してください`,
      en: `${name} is neither UTF-8 nor Shift_JIS text: export it again as UTF-8`,
    },
    { field: 'file', value: name },
  );
}
