// Where one of the viewer's messages is: on its way (or waiting for the link), sent, or read by
// the other side. Icons for the eye, words for screen readers and tooltips.
import type { Delivery } from '../../chat/timeline.js';
import { cx } from '../classNames.js';
import { Icon, type IconName } from '../Icon.js';

const ICON: Record<Delivery, IconName> = {
  pending: 'clock',
  failed: 'alert',
  sent: 'check',
  read: 'checks',
};

export function DeliveryTicks({ delivery, live }: { delivery: Delivery; live: boolean }) {
  const words =
    delivery === 'pending'
      ? live
        ? 'Sending'
        : 'Will be sent when the connection is back'
      : { failed: 'Not sent', sent: 'Sent', read: 'Read' }[delivery];
  return (
    <span class={cx('ticks', `ticks--${delivery}`)} title={words} data-delivery={delivery}>
      <Icon name={ICON[delivery]} size={14} />
      <span class="sr-only">{words}</span>
    </span>
  );
}
