// Keyboard work on a list of rows, mail-client style: `j` / `k` (or the arrow keys) move the
// focus from row to row, Enter opens the focused row and `x` selects it. Keys typed into a field,
// with a modifier, or while a dialog is open are left alone.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ListKeys {
  /** The focused row, or -1 before the keyboard moved. */
  focused: number;
  setFocused: (index: number) => void;
  /** Give row `index` its element, so the focus can move to it. */
  rowRef: (index: number) => (element: HTMLElement | null) => void;
}

const TYPING = 'input, textarea, select, [contenteditable="true"]';

function leftAlone(event: KeyboardEvent): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return true;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest(TYPING)) return true;
  return document.querySelector('dialog[open], [role="dialog"]') !== null;
}

export function useListKeys(props: {
  count: number;
  onOpen: (index: number) => void;
  onToggle: (index: number) => void;
}): ListKeys {
  const [focused, setFocused] = useState(-1);
  const rows = useRef<Array<HTMLElement | null>>([]);
  const latest = useRef(props);
  latest.current = props;
  const focusedRef = useRef(focused);
  focusedRef.current = focused;

  useEffect(() => {
    const move = (index: number) => {
      setFocused(index);
      rows.current[index]?.focus();
    };
    const onKey = (event: KeyboardEvent) => {
      if (leftAlone(event)) return;
      const { count, onOpen, onToggle } = latest.current;
      const at = Math.min(focusedRef.current, count - 1);
      // Enter and the arrows keep their own meaning on a link, a button or the page's scroll
      // unless the focus is on a row.
      const onRow = event.target instanceof Element && event.target.closest('[data-list-row]');
      if (count === 0) return;
      if (event.key === 'j' || (event.key === 'ArrowDown' && onRow)) {
        move(Math.min(at + 1, count - 1));
      } else if (event.key === 'k' || (event.key === 'ArrowUp' && onRow)) {
        move(Math.max(at - 1, 0));
      } else if (event.key === 'Enter' && onRow && at >= 0) {
        onOpen(at);
      } else if (event.key === 'x' && at >= 0) {
        onToggle(at);
      } else {
        return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return {
    focused,
    setFocused,
    rowRef: (index) => (element) => {
      rows.current[index] = element;
    },
  };
}
