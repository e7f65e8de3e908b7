// The frame around a data table: on a phone a wide table scrolls inside it, not the page. The
// frame is a named region and a tab stop, so the keyboard can scroll it too, and it is positioned
// (layout.css), so the table's visually hidden texts stay inside it instead of widening the page.
import type { ComponentChildren } from 'preact';

export function TableFrame({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
