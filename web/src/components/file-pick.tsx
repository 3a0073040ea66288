// A file control whose words are the page's: a button-like label in the page's language and the chosen
// file's name (or that none is chosen) beside it, over the browser's own input kept for the keyboard and
// screen readers but not shown — its "Choose File / No file chosen" follow the browser's language, so a
// Japanese page read in an English browser mixed the two.
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function FilePick({
  label,
  accept,
  file,
  onChange,
}: {
  /** What the button says (`ファイルを選ぶ`); also the input's accessible name. */
  label: string;
  accept?: string;
  /** The file chosen (null: none, and the input is emptied so the same file may be chosen again). */
  file: File | null;
  onChange: (file: File | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (file === null && input.current) input.current.value = '';
  }, [file]);
  return (
    <span className="file-pick">
      <input
        ref={input}
        id={id}
        type="file"
        className="sr-only"
        accept={accept}
        aria-describedby={`${id}-chosen`}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
      />
      <label htmlFor={id} className="button">
        {label}
      </label>{' '}
      <span id={`${id}-chosen`} className="small" data-testid="file-chosen">
        {file ? file.name : t('file.none')}
      </span>
    </span>
  );
}
