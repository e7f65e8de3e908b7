// The frame around a data table (and DataTable, a plain table in one): on a phone a wide table
// scrolls inside it, not the page. The frame is a named region and a tab stop, so the keyboard
// can scroll it too, and it is positioned (layout.css), so the table's visually hidden texts stay
// inside it instead of widening the page.
import type { ComponentChildren } from 'preact';

export function TableFrame({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A data table in its frame: a caption for screen readers, one header row naming the columns
 * (and, with `actions`, a last column for each row's buttons, named for screen readers only),
 * then the rows.
 */
export function DataTable(props: {
  label: string;
  caption: ComponentChildren;
  columns: string[];
  actions?: boolean;
  children: ComponentChildren;
}) {
  return (
    <TableFrame label={props.label}>
      <table class="table">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {props.actions && (
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableFrame>
  );
}
