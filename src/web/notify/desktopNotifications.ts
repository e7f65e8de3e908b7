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

/** Shows a notification if the tab is hidden and permission was given; clicking it focuses the tab. */
export function notifyInBackground(
  title: string,
  body: string,
  options: { tag: string; onClick?: () => void },
): void {
  if (notificationAccess() !== 'granted' || document.visibilityState === 'visible') return;
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
