// Where toasts appear: a live region at the top corner, under the header and clear of the
// composer, so each one is also read to screen readers.
import { useReadable } from '../hooks/useReadable.js';
import { dismissToast, toasts } from '../state/toasts.js';
import { IconButton } from './Button.js';
import { Icon } from './Icon.js';

export function Toaster() {
  const list = useReadable(toasts);
  return (
    <div class="toaster" role="status" aria-live="polite">
      {list.map((toast) => (
        <div key={toast.id} class={`toast toast--${toast.tone}`}>
          <Icon
            name={toast.tone === 'danger' ? 'alert' : toast.tone === 'success' ? 'check' : 'info'}
          />
          <span class="toast__text">{toast.text}</span>
          <IconButton icon="x" label="Dismiss" onClick={() => dismissToast(toast.id)} />
        </div>
      ))}
    </div>
  );
}
