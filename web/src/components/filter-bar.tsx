// A list page's filters: the search landmark, named, holding one form of them. Filters that apply as they
// change (the request list, the statistics) take no `onSubmit`: Enter in a field then reloads nothing.
import type { FormEvent, ReactNode } from 'react';

export function FilterBar({
  label,
  onSubmit = (e) => e.preventDefault(),
  children,
}: {
  label: string;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <search aria-label={label}>
      <form className="filters" onSubmit={onSubmit}>
        {children}
      </form>
    </search>
  );
}
