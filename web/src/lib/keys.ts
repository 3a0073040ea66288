/**
 * Stable React keys for a list whose items carry no id and do not change once shown (the targets of
 * signed content, the access log of a stored answer): the item's content, numbered among equal items.
 */
export function keyed<T>(items: readonly T[]): Array<{ key: string; item: T; index: number }> {
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const content = JSON.stringify(item);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return { key: n === 1 ? content : `${content}#${n}`, item, index };
  });
}
