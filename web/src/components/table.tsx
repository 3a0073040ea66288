// One table of rows for every list the screens show: a caption (read out, or shown), a header cell
// per column, a row per item; and the list fetched from the API around it (loading, its error, the
// empty message).
import type { HTMLAttributes, ReactNode } from 'react';
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
                {c.hideHead ? <span className="sr-only">{c.head}</span> : c.head}
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
