// Buttons in the design system's variants: primary (one per view), secondary, ghost, danger.
// `busy` disables the button and shows a spinner while its action runs.
import type { ButtonHTMLAttributes } from 'preact';
import { cx } from './classNames.js';
import { Icon, type IconName } from './Icon.js';
import { Spinner } from './Spinner.js';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: 'sm' | 'md';
  busy?: boolean;
  icon?: IconName;
};

export function Button({
  variant = 'secondary',
  size = 'md',
  busy = false,
  icon,
  children,
  class: className,
  type = 'button',
  disabled,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      class={cx('btn', `btn--${variant}`, size === 'sm' && 'btn--sm', className as string)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner label="Working" /> : icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
}

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> & {
  icon: IconName;
  /** The accessible name (also shown as a tooltip). */
  label: string;
  variant?: 'ghost' | 'secondary' | 'danger';
};

/** A button showing only an icon: its label is its accessible name and tooltip. */
export function IconButton({
  icon,
  label,
  variant = 'ghost',
  class: className,
  type = 'button',
  ...rest
}: IconButtonProps) {
  return (
    <button
      type={type}
      class={cx('btn', `btn--${variant}`, 'btn--icon', className as string)}
      aria-label={label}
      title={label}
      {...rest}
    >
      <Icon name={icon} />
    </button>
  );
}
