/**
 * A case as a choice in a list: its reference, and its title when the title says more (a case opened
 * from a request's reference has that reference as its title: it is not written twice).
 */
export function caseName(c: { reference: string; title: string }): string {
  const title = c.title.trim();
  return title && title !== c.reference.trim() ? `${c.reference} — ${title}` : c.reference;
}
