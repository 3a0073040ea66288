// A file uploaded for an answer as the hub lists it, for the tests of answerWithUploadedFiles: its
// behaviour (test/domain/answer-content) and the words of its refusal (test/domain/words-of-refusals).
import type { AttachmentRef } from '../../src/domain/attachments.ts';

/** log.csv, 12 bytes of text/csv, uploaded for the answer as att_1. */
export const UPLOADED_LOG: AttachmentRef = {
  id: 'att_1',
  fileName: 'log.csv',
  mediaType: 'text/csv',
  byteSize: 12,
  sha256: 'a'.repeat(64),
};
