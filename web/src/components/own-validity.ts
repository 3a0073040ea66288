// What the browser finds wrong with a control (a required field left empty, a URL that is none, no choice
// made in a required select), said in the page's own words and language — in the browser's bubble and
// beside the field — never in the browser's ("Please fill out this field." on a Japanese page read in an
// English browser). Shared by every control that can be `required`: TextField, Select, InstantInput.
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** What the browser found wrong with the control, by the key of its words. */
type Problem = 'field.badFormat' | 'field.choose' | 'field.required';

/**
 * The control's `onInvalid` handler and the words it set (null when none). The words go as soon as the
 * control's `value` or whether it is `required` changes, by any path — typed, chosen, or set by the page
 * (a pasted line read, a reset) — with the browser's own mark: the browser checks the new value afresh at
 * the next submit, so a value the page put in is never held back by words about the empty field it replaced.
 * What is kept is the problem, not its words: a switch of the page's language says it again in the new one,
 * beside the field and in the browser's bubble, without waiting for the field to change.
 */
export function useOwnValidity(
  value: unknown,
  required?: boolean,
): {
  said: string | null;
  onInvalid: (e: FormEvent<Control>) => void;
} {
  const { t, locale } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  // The control the words were set on (an invalid event names it; no ref needs passing down).
  const marked = useRef<Control | null>(null);
  const onInvalid = (e: FormEvent<Control>) => {
    const c = e.currentTarget;
    const found: Problem = !c.validity.valueMissing
      ? 'field.badFormat'
      : c instanceof HTMLSelectElement
        ? 'field.choose'
        : 'field.required';
    c.setCustomValidity(t(found));
    marked.current = c;
    setProblem(found);
  };
  // A control that stops being required (another choice made elsewhere on the form) loses the words too: with
  // the same empty value it would otherwise keep refusing the form about a field no longer asked for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of the value or the rule clears the words
  useLayoutEffect(() => {
    if (!marked.current) return;
    marked.current.setCustomValidity('');
    marked.current = null;
    setProblem(null);
  }, [value, required]);
  // The page's language switched: the browser's bubble says the same problem in the new language.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the words follow the language (`t` changes with it)
  useLayoutEffect(() => {
    if (marked.current && problem) marked.current.setCustomValidity(t(problem));
  }, [locale]);
  return { said: problem ? t(problem) : null, onInvalid };
}
