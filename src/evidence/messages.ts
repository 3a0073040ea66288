import type { Bilingual } from '../kernel/text.ts';

/** A user-visible notice: a stable code plus the same text in Japanese and English. */
export interface Notice extends Bilingual {
  code: string;
}

/** How a notice appears in JSON output: `message` is English, `messageJa` Japanese. */
export interface NoticeJson {
  code: string;
  message: string;
  messageJa: string;
  hop?: number;
  details?: Record<string, string | number | null>;
}

export function noticeJson(
  n: Notice,
  extra: { hop?: number; details?: Record<string, string | number | null> } = {},
): NoticeJson {
  return { code: n.code, message: n.en, messageJa: n.ja, ...extra };
}

/** An input the evidence parsers refuse outright (too large, not the expected format). */
export class EvidenceInputError extends Error {
  readonly code: string;
  readonly ja: string;
  constructor(notice: Notice, options?: { cause?: unknown }) {
    super(notice.en, options);
    this.name = 'EvidenceInputError';
    this.code = notice.code;
    this.ja = notice.ja;
  }
}
