// An agent named with @ in a colleague's internal note hears of it on whichever page they are: a
// chime (unless muted), a browser notification (unless turned off) and a toast, and the chat opens
// as a background tab of their console (the mention lets them read it, even if it is not theirs).
import { useEffect, useRef } from 'preact/hooks';
import { useServices } from '../../app/services.js';
import { playChime } from '../../notify/chime.js';
import { notify } from '../../notify/desktopNotifications.js';
import type { NotificationSettings } from '../../state/notificationSettings.js';
import { showToast } from '../../state/toasts.js';
import { messagePreview } from '../../format/messagePreview.js';

export function useMentionAlerts(input: {
  settings: NotificationSettings;
  /** Opens the chat as a background tab. */
  onMentioned: (sessionId: string) => void;
  /** The notification was clicked: bring the chat to the front. */
  onOpen: (sessionId: string) => void;
}): void {
  const { realtime } = useServices();
  const latest = useRef(input);
  latest.current = input;
  useEffect(
    () =>
      realtime.on('note.mentioned', ({ sessionId, subject, customer, message }) => {
        const { settings, onMentioned, onOpen } = latest.current;
        const by = message.sender?.name ?? 'A colleague';
        onMentioned(sessionId);
        showToast(`${by} mentioned you in a note on ${customer.name}’s chat`, 'info');
        const { sound, desktopNotifications } = settings.get();
        if (sound) playChime('message');
        if (!desktopNotifications) return;
        const text = messagePreview(message);
        notify(`${by} mentioned you: ${customer.name}, ${subject}`, text, {
          tag: `switchboard-mention-${message.id}`,
          onClick: () => onOpen(sessionId),
        });
      }),
    [realtime],
  );
}
