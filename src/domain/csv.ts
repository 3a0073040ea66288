// CSV as spreadsheets read it (RFC 4180): UTF-8 with a byte-order mark, CRLF, quotes where needed, and a
// text that would run as a formula (= + - @ first) kept as text. Used by the exports (search, audit log).

export type CsvValue = string | number | null;

/** One cell: quoted when it holds a quote, comma or line break; a formula-like text prefixed with '. */
export function csvCell(v: CsvValue): string {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the rows (the first being the headings) with a BOM, each line ended by CRLF. */
export function csvText(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
