// The header's switches: colour theme (system, light, dark) for this browser and, for agents,
// notification sounds and desktop notifications, which the server keeps for them.
import type { NotificationPreferences } from '../../shared/api.js';
import { IconButton } from '../components/Button.js';
import type { IconName } from '../components/Icon.js';
import { useReadable } from '../hooks/useReadable.js';
import { unlockAudio } from '../notify/chime.js';
import { notificationAccess, requestNotificationAccess } from '../notify/desktopNotifications.js';
import { useAgentDesk } from '../pages/console/AgentDesk.js';
import { themeChoice, type ThemeChoice } from '../state/preferences.js';
import { showToast } from '../state/toasts.js';

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = {
  system: 'light',
  light: 'dark',
  dark: 'system',
};
const THEME_ICON: Record<ThemeChoice, IconName> = { system: 'monitor', light: 'sun', dark: 'moon' };
const THEME_WORDS: Record<ThemeChoice, string> = {
  system: 'Theme: same as device',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

export function ThemeToggle() {
  const theme = useReadable(themeChoice);
  return (
    <IconButton
      icon={THEME_ICON[theme]}
      label={`${THEME_WORDS[theme]}. Switch to ${THEME_WORDS[NEXT_THEME[theme]].slice(7)}`}
      onClick={() => themeChoice.set(NEXT_THEME[theme])}
    />
  );
}

/** Saves a change of the agent's notification preferences, saying so if it could not be kept. */
function useChangePreferences(): (changes: Partial<NotificationPreferences>) => void {
  const { settings } = useAgentDesk();
  return (changes) =>
    void settings
      .change(changes)
      .catch(() => showToast('Could not save your notification settings. Try again.', 'danger'));
}

export function SoundToggle() {
  const { settings } = useAgentDesk();
  const on = useReadable(settings).sound;
  const change = useChangePreferences();
  return (
    <IconButton
      icon={on ? 'volume' : 'volumeOff'}
      label={on ? 'Notification sounds on (mute)' : 'Notification sounds muted (unmute)'}
      aria-pressed={on}
      onClick={() => {
        unlockAudio();
        change({ sound: !on });
      }}
    />
  );
}

export function DesktopNotificationsToggle() {
  const { settings } = useAgentDesk();
  const on = useReadable(settings).desktopNotifications;
  const change = useChangePreferences();
  return (
    <IconButton
      icon={on ? 'bell' : 'bellOff'}
      label={on ? 'Desktop notifications on (turn off)' : 'Desktop notifications off (turn on)'}
      aria-pressed={on}
      onClick={() => {
        unlockAudio();
        change({ desktopNotifications: !on });
        // Turning them on is a click: the one moment the browser may be asked.
        if (!on && notificationAccess() === 'default') void requestNotificationAccess();
      }}
    />
  );
}
