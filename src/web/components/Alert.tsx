// A message block in one of four tones. Errors are announced at once (role="alert"); other tones
// politely (role="status").
import type { ComponentChildren } from 'preact';
import { cx } from './classNames.js';
import { Icon, type IconName } from './Icon.js';

type Tone = 'info' | 'success' | 'warning' | 'danger';

const ICONS: Record<Tone, IconName> = {
  info: 'info',
  success: 'check',
  warning: 'alert',
  danger: 'alert',
};

interface AlertProps {
  tone?: Tone;
  title?: ComponentChildren;
  children?: ComponentChildren;
  class?: string;
}

export function Alert({ tone = 'info', title, children, class: className }: AlertProps) {
  return (
    <div
      class={cx('alert', `alert--${tone}`, className)}
      role={tone === 'danger' ? 'alert' : 'status'}
    >
      <Icon name={ICONS[tone]} class="alert__icon" />
      <div class="alert__body">
        {title && <p class="alert__title">{title}</p>}
        {children && <div class="alert__text">{children}</div>}
      </div>
    </div>
  );
}
