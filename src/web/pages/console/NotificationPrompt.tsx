// A polite offer to turn on browser notifications, shown in the console until answered (and not
// to an agent who turned them off). The browser's permission request only ever follows a click.
import { useState } from 'preact/hooks';
import { Button } from '../../components/Button.js';
import { Icon } from '../../components/Icon.js';
import { useReadable } from '../../hooks/useReadable.js';
import { unlockAudio } from '../../notify/chime.js';
import {
  notificationAccess,
  requestNotificationAccess,
} from '../../notify/desktopNotifications.js';
import { notificationPrompt } from '../../state/preferences.js';
import { useAgentDesk } from './AgentDesk.js';

export function NotificationPrompt() {
  const prompt = useReadable(notificationPrompt);
  const [access, setAccess] = useState(notificationAccess);
  const { desktopNotifications } = useReadable(useAgentDesk().settings);
  if (prompt === 'dismissed' || access !== 'default' || !desktopNotifications) return null;
  return (
    <div class="prompt" role="region" aria-label="Notifications">
      <Icon name="bell" />
      <p class="prompt__text">
        Get a notification when a chat arrives or a customer writes while you are elsewhere.
      </p>
      <div class="cluster">
        <Button size="sm" variant="ghost" onClick={() => notificationPrompt.set('dismissed')}>
          Not now
        </Button>
        <Button
          size="sm"
          variant="primary"
          onClick={async () => {
            unlockAudio();
            setAccess(await requestNotificationAccess());
          }}
        >
          Turn on
        </Button>
      </div>
    </div>
  );
}
