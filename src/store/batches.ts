/** `rows` in slices of at most `size`: a bulk statement stays within the drivers' limits on parameters. */
export function* batches<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
