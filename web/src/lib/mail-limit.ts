/**
 * The largest message the mail screen sends: 40 MiB, the server's MAIL_LIMITS.maxMessageBytes
 * (src/evidence/mail/headers.ts; a test keeps the two equal). A larger one is refused here, in words.
 */
export const MAIL_MESSAGE_MAX_BYTES = 40 * 1024 * 1024;

/** A size in MiB with one decimal (the file sizes the mail screen shows). */
export const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
