// What a form's time fields could not read, reported to the form so that it holds its save: every
// InstantInput inside a TypedProblemsProvider reports its state (so does a pasted target list, each line
// it cannot read: PastedTargets, components/target-fields.tsx), and the form's submit asks `held()`
// before it sends anything (CheckedForm and ActionForm do; the request editor and the next-request
// panel, whose buttons run their own actions, ask it themselves).
import { createContext, useCallback, useEffect, useRef, useState } from 'react';
import type { Bilingual } from '#shokai/vocabulary';
import { FormIssues } from './error-text.ts';

/**
 * A time its field could not read (or a line of a target list): the field's name for a list of problems,
 * and why, naming what was typed.
 */
export interface TypedProblem {
  label: string;
  problem: Bilingual;
  inputId: string;
}

/** How a field says what it cannot read now (null once it reads it, or when it leaves the form). */
export type Report = (key: string, problem: TypedProblem | null) => void;

/** Where the instant fields of a form report a time they cannot read. */
export const TypedProblems = createContext<Report | null>(null);
export const TypedProblemsProvider = TypedProblems.Provider;

/**
 * Whether a field of the form reports a time it cannot read now. A button that waits for a required
 * time is not held disabled by one typed but unread: pressed, it says why (SubmitButton, action-form.tsx).
 */
export const TypedUnread = createContext(false);

export interface TypedProblemsOfForm {
  /** What the form gives its fields (TypedProblemsProvider's value). */
  report: Report;
  /** Whether any field reports a time it cannot read now (drawn again when that changes). */
  unread: boolean;
  /** The problems reported now, in the order of their fields on the page. */
  problems: () => TypedProblem[];
  /** The problems as the form's refusal (each naming its field and what was typed), or null when there are none. */
  held: () => FormIssues | null;
  /** Focuses the first field that cannot read what was typed (a form's button may be far below its notice). */
  focusFirst: () => void;
  /** Counts the changes of what the fields report (a problem, or its label in another language). */
  version: number;
}

/**
 * The problems of a form held at its save: a FormIssues whose words are said again when the fields report
 * anew (the language switched, a field mended), by useHeldIssuesAsReported.
 */
export class TypedIssues extends FormIssues {}

/** The reporter a form gives its instant fields, and what they report. */
export function useTypedProblems(): TypedProblemsOfForm {
  const reported = useRef(new Map<string, TypedProblem>());
  const [unread, setUnread] = useState(false);
  const [version, setVersion] = useState(0);
  const report = useCallback<Report>((key, problem) => {
    const before = reported.current.get(key);
    if (problem) reported.current.set(key, problem);
    else reported.current.delete(key);
    setUnread(reported.current.size > 0);
    if (JSON.stringify(before ?? null) !== JSON.stringify(problem)) setVersion((v) => v + 1);
  }, []);
  const problems = useCallback(() => {
    const place = (p: TypedProblem) => document.getElementById(p.inputId);
    return [...reported.current.values()].sort((a, b) => {
      const x = place(a);
      const y = place(b);
      // Several problems of one field (the lines of a target list) keep the order it reported them in.
      if (x === y) return 0;
      return x && y && x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_PRECEDING ? 1 : -1;
    });
  }, []);
  const held = useCallback(() => {
    const unread = problems();
    if (unread.length === 0) return null;
    // A field's label is in the page's language when it reported: said again on a switch (below).
    return new TypedIssues(
      unread.map((p) => ({ ja: `${p.label}: ${p.problem.ja}`, en: `${p.label}: ${p.problem.en}` })),
    );
  }, [problems]);
  const focusFirst = useCallback(() => {
    const first = problems()[0];
    if (first) document.getElementById(first.inputId)?.focus();
  }, [problems]);
  return { report, unread, problems, held, focusFirst, version };
}

/**
 * Keeps a form's shown error true to what its fields report: problems held at a save (TypedIssues) are
 * said again whenever the fields report anew — in the new language after a switch (a field's label is
 * given in the page's language), without a problem once mended. Any other error is left as it is.
 */
export function useHeldIssuesAsReported(
  typed: TypedProblemsOfForm,
  setError: (update: (error: unknown) => unknown) => void,
): void {
  const { version, held } = typed;
  useEffect(() => {
    if (version === 0) return;
    setError((error) => (error instanceof TypedIssues ? held() : error));
  }, [version, held, setError]);
}
