import { Fragment } from 'react';
import { hiddenCharacterWords, textRuns } from '#shokai/shown-text';
import { useI18n } from '../i18n/i18n.tsx';
import { keyed } from '../lib/keys.ts';

/**
 * Free text as it was written (a request's facts, a reason, a note): kept as is, since it may quote a
 * post character for character, but a character that would not be seen, or that turns the text's
 * direction round (`U+202E`), is shown as a visible mark in its place. What the approver reads is then
 * what is signed, and the provider reads the same.
 */
export function WrittenText({ text }: { text: string }) {
  const { bi } = useI18n();
  return (
    <>
      {keyed(textRuns(text)).map(({ key, item: run }) =>
        'seen' in run ? (
          <Fragment key={key}>{run.seen}</Fragment>
        ) : (
          <span key={key} className="hidden-char" title={bi(hiddenCharacterWords(run.hidden))}>
            {`⟨${run.hidden}⟩`}
          </span>
        ),
      )}
    </>
  );
}
