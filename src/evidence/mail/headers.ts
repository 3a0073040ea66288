import { EvidenceInputError } from '../messages.ts';

/**
 * Bounds on what the analyser reads. Beyond these the input is refused (EvidenceInputError), so a
 * hostile header block cannot make the analyser spend unbounded time or memory.
 */
export const MAIL_LIMITS = {
  /** Bytes (or UTF-16 units for string input) of the header block, up to the first empty line. */
  maxHeaderBytes: 1_048_576,
  /**
   * UTF-16 units of a whole message (headers and body, as sent to the API): 40 MiB. Common providers
   * refuse a message above 20–36 MB as it travels, base64 included (Gmail 25 MB, Exchange Online 35 MB);
   * 40 MiB (41,943,040) takes such a message with its attachments and the headers added on the way.
   */
  maxMessageBytes: 40 * 1024 * 1024,
  /** Received fields in one message. */
  maxReceived: 500,
  /** Header fields in one message. */
  maxFields: 20_000,
  /** Characters kept of one unfolded field; the rest is dropped with a warning. */
  maxFieldChars: 65_536,
} as const;

export interface HeaderField {
  /** Field name as written. */
  name: string;
  /** Field name in lower case. */
  lname: string;
  /** Unfolded value (line breaks removed, whitespace kept), not decoded. */
  value: string;
  /** Position among the fields, 0 = topmost. */
  index: number;
  /** 1-based line number where the field starts. */
  line: number;
  truncated: boolean;
}

export interface HeaderBlock {
  fields: HeaderField[];
  /** Lines that are neither a field nor a continuation (the first 50). */
  unreadable: Array<{ line: number; text: string }>;
  /** How many such lines there were in all. */
  unreadableCount: number;
}

const MAX_LISTED_UNREADABLE = 50;

function headerEndInBytes(b: Uint8Array, limit: number): number {
  const n = Math.min(b.length, limit + 4);
  if (b[0] === 10 || (b[0] === 13 && b[1] === 10)) return 0; // starts with an empty line: no headers
  for (let i = b.indexOf(10); i >= 0 && i < n; i = b.indexOf(10, i + 1)) {
    if (b[i + 1] === 10) return i + 1;
    if (b[i + 1] === 13 && b[i + 2] === 10) return i + 1;
  }
  return -1;
}

function headerEndInString(s: string, limit: number): number {
  if (s.startsWith('\n') || s.startsWith('\r\n')) return 0;
  const window = s.length > limit + 4 ? s.slice(0, limit + 4) : s;
  const a = window.indexOf('\n\n');
  const b = window.indexOf('\n\r\n');
  if (a < 0 && b < 0) return -1;
  if (a < 0) return b + 1;
  if (b < 0) return a + 1;
  return Math.min(a, b) + 1;
}

const tooLarge = () =>
  new EvidenceInputError({
    code: 'MAIL_HEADERS_TOO_LARGE',
    en: `The header block is larger than ${MAIL_LIMITS.maxHeaderBytes} bytes; refused.`,
    ja: `ヘッダ部が ${MAIL_LIMITS.maxHeaderBytes} バイトを超えるため、解析を中止しました。`,
  });

const utf8 = new TextDecoder('utf-8');

/** The header block of a raw message (whole input when there is no empty line: headers alone). */
export function headerText(raw: string | Uint8Array): string {
  const limit = MAIL_LIMITS.maxHeaderBytes;
  if (typeof raw === 'string') {
    const end = headerEndInString(raw, limit);
    if (end < 0) {
      if (raw.length > limit) throw tooLarge();
      return raw;
    }
    if (end > limit) throw tooLarge();
    return raw.slice(0, end);
  }
  const end = headerEndInBytes(raw, limit);
  if (end < 0) {
    if (raw.length > limit) throw tooLarge();
    return utf8.decode(raw);
  }
  if (end > limit) throw tooLarge();
  return utf8.decode(raw.subarray(0, end));
}

const FIELD_NAME = /^[!-9;-~]+$/;

/** Split a header block into unfolded fields. CRLF and LF both accepted; an mbox `From ` line skipped. */
export function splitHeaderFields(text: string): HeaderBlock {
  const fields: HeaderField[] = [];
  const unreadable: Array<{ line: number; text: string }> = [];
  let unreadableCount = 0;
  const bad = (line: number, t: string): void => {
    if (++unreadableCount <= MAX_LISTED_UNREADABLE) unreadable.push({ line, text: t.slice(0, 200) });
  };
  const lines = text.split('\n');
  let current: HeaderField | null = null;
  let received = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') {
      current = null;
      continue;
    }
    if (i === 0 && line.startsWith('From ')) continue;
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) {
      if (current) {
        if (current.value.length + line.length > MAIL_LIMITS.maxFieldChars) current.truncated = true;
        else current.value += line;
      } else bad(i + 1, line);
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trimEnd() : '';
    if (colon <= 0 || !FIELD_NAME.test(name)) {
      current = null;
      bad(i + 1, line);
      continue;
    }
    if (fields.length >= MAIL_LIMITS.maxFields) {
      throw new EvidenceInputError({
        code: 'MAIL_TOO_MANY_FIELDS',
        en: `The message has more than ${MAIL_LIMITS.maxFields} header fields; refused.`,
        ja: `ヘッダ欄が ${MAIL_LIMITS.maxFields} 個を超えるため、解析を中止しました。`,
      });
    }
    const lname = name.toLowerCase();
    if (lname === 'received' && ++received > MAIL_LIMITS.maxReceived) {
      throw new EvidenceInputError({
        code: 'MAIL_TOO_MANY_RECEIVED',
        en: `The message has more than ${MAIL_LIMITS.maxReceived} Received fields; refused.`,
        ja: `Received 欄が ${MAIL_LIMITS.maxReceived} 個を超えるため、解析を中止しました。`,
      });
    }
    let value = line.slice(colon + 1);
    let truncated = false;
    if (value.length > MAIL_LIMITS.maxFieldChars) {
      value = value.slice(0, MAIL_LIMITS.maxFieldChars);
      truncated = true;
    }
    current = { name, lname, value, index: fields.length, line: i + 1, truncated };
    fields.push(current);
  }
  return { fields, unreadable, unreadableCount };
}
