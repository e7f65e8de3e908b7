// Browser notifications for agents while the tab is in the background. Permission is only ever
// asked from a click on our own "Turn on" prompt, never on page load.

export type NotificationAccess = NotificationPermission | 'unsupported';

export function notificationAccess(): NotificationAccess {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

interface NotifyOptions {
  /** A later notification with the same tag replaces this one (one per chat). */
  tag: string;
  onClick?: () => void;
}

/** Shows a notification if the tab is hidden and permission was given; clicking it focuses the tab. */
export function notifyInBackground(title: string, body: string, options: NotifyOptions): void {
  if (document.visibilityState === 'visible') return;
  notify(title, body, options);
}

/** Shows a notification if permission was given, whatever the tab; clicking it focuses the tab. */
export function notify(title: string, body: string, options: NotifyOptions): void {
  if (notificationAccess() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag: options.tag });
    notification.onclick = () => {
      window.focus();
      options.onClick?.();
      notification.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker: the chime and title remain.
  }
}
