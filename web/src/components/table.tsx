// One table of rows for every list the screens show: a caption (read out, or shown), a header cell
// per column, a row per item; and the list fetched from the API around it (loading, its error, the
// empty message).
import { Fragment, type HTMLAttributes, type ReactNode } from 'react';
import type { Async } from '../lib/use-async.ts';
import { LoadState } from './common.tsx';

export interface Column<T> {
  /** The column's header, in the viewer's language (also the column's key: unique in a table). */
  head: string;
  /** The header is read out but not shown (a column of buttons). */
  hideHead?: boolean;
  /** The cell of a row (`index`: the row's position, from 0). */
  cell: (row: T, index: number) => ReactNode;
  /** A class on the column's header and cells (its width rules in styles.css). */
  className?: string;
}

/** A header's runs of one script each: kanji, katakana, Latin letters, anything else. */
const RUNS = /[\p{Script=Han}々]+|[\p{Script=Katakana}ー]+|[A-Za-z]+|[^\p{Script=Han}々\p{Script=Katakana}ーA-Za-z]+/gu;
const HAN = /^[\p{Script=Han}々]+$/u;
const KANA_OR_LATIN = /^[\p{Script=Katakana}ーA-Za-z]+$/u;

/** Whether a header may break between two runs: where a kanji word (of two or more) meets a katakana or Latin one. */
function wordBoundary(a: string, b: string): boolean {
  const [han, other] = HAN.test(a) ? [a, b] : [b, a];
  return HAN.test(han) && han.length >= 2 && KANA_OR_LATIN.test(other);
}

/**
 * A column's header with a line-break opportunity (`<wbr>`) where a kanji word meets a katakana or Latin one
 * (送信元|IPアドレス, 送信元|ポート|番号). Headers keep their words whole (`word-break: keep-all` in styles.css)
 * where Japanese would break between any two characters (送信元ポ / ート番号); a narrow column breaks them here
 * or at their punctuation instead. A lone kanji (ログイン時, 投稿等) stays with its word; the text is unchanged.
 */
export function phrased(head: string): ReactNode {
  const runs = head.match(RUNS) ?? [];
  return runs.map((r, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one fixed text, in order
    <Fragment key={i}>
      {i > 0 && wordBoundary(runs[i - 1] ?? '', r) && <wbr />}
      {r}
    </Fragment>
  ));
}

export interface TableProps<T> {
  caption?: string;
  /** The caption is shown above the table, not only read out. */
  showCaption?: boolean;
  columns: ReadonlyArray<Column<T> | false>;
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** The first column names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  /** Attributes of a row (a class, data-* for tests). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  className?: string;
  testId?: string;
}

export function Table<T>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
  rowHeader = false,
  rowProps,
  className,
  testId,
}: TableProps<T>) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  // Every table scrolls sideways on its own when wider than its place (a phone's 390 px), never the page.
  return (
    <div className="table-wrap">
      <table className={className} data-testid={testId}>
        {caption !== undefined && <caption className={showCaption ? undefined : 'sr-only'}>{caption}</caption>}
        <thead>
          <tr>
            {shown.map((c) => (
              <th scope="col" key={c.head} className={c.className}>
                {c.hideHead ? <span className="sr-only">{c.head}</span> : phrased(c.head)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, n) => (
            <tr key={rowKey(r)} {...rowProps?.(r)}>
              {shown.map((c, i) =>
                rowHeader && i === 0 ? (
                  <th scope="row" key={c.head} className={c.className}>
                    {c.cell(r, n)}
                  </th>
                ) : (
                  <td key={c.head} className={c.className}>
                    {c.cell(r, n)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A list fetched from the API: loading, its error, and its table (scrolling on its own), or the
 * `empty` message when there is nothing (without one, an empty table).
 */
export function AsyncTable<T>({
  list,
  empty,
  ...table
}: { list: Async<T[]>; empty?: string } & Omit<TableProps<T>, 'rows'>) {
  return (
    <>
      <LoadState of={list} />
      {list.data &&
        (list.data.length === 0 && empty !== undefined ? (
          <p className="muted">{empty}</p>
        ) : (
          <Table {...table} rows={list.data} />
        ))}
    </>
  );
}
