// A modal dialog on the native <dialog> element, which traps focus, closes on Escape and returns
// focus to what opened it. Mount it to open it; onClose is called however it is dismissed.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { IconButton } from './Button.js';
import { cx } from './classNames.js';

interface DialogProps {
  title: ComponentChildren;
  onClose: () => void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  size?: 'sm' | 'md';
}

export function Dialog({ title, onClose, children, footer, size = 'sm' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Escape, the close button, the backdrop and unmounting all end here: report it once.
  const reported = useRef(false);
  const close = () => {
    if (reported.current) return;
    reported.current = true;
    onClose();
  };
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={cx('dialog', `dialog--${size}`)}
      aria-labelledby={titleId}
      onClose={close}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === ref.current) close();
      }}
    >
      <div class="dialog__frame">
        <header class="dialog__header">
          <h2 id={titleId} class="dialog__title">
            {title}
          </h2>
          <IconButton icon="x" label="Close" onClick={close} />
        </header>
        <div class="dialog__body">{children}</div>
        {footer && <footer class="dialog__footer">{footer}</footer>}
      </div>
    </dialog>
  );
}
