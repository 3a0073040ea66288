import type { ApiClient } from '../client/client.ts';
import { type AnswerHolder, answerHolderOf } from '../domain/answer-holder.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

// Whose record an opened answer gives, for the words `shokai device open-answer` says it in: the request names its
// provider's category (and its targets). Read before anything of the answer is printed, so its lines are all in one
// set of words; where the request cannot be read, the answer is said in a line's subscriber's words, and says so.

/** Whose record the answer to `requestId` gives, or null where the request could not be read. */
export async function answerHolderOfRequest(api: ApiClient, requestId: string): Promise<AnswerHolder | null> {
  const r = await api.GET('/v1/requests/{id}', { params: { path: { id: requestId } } });
  return r.data?.content ? answerHolderOf(r.data.providerCategory, r.data.content) : null;
}

/** Said before the answer's lines when whose record it gives is not known. */
export const HOLDER_UNKNOWN: Bilingual = {
  ja: '（要請を読めず、回答が誰の記録か分からないため、回線の契約者の言葉で表示します）',
  en:
    '(the request could not be read, so whose record the answer gives is not known: ' +
    "shown in a line's subscriber's words)",
};
