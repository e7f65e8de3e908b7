// The header's switches: colour theme (system, light, dark) and, for agents, notification sounds.
import { IconButton } from '../components/Button.js';
import type { IconName } from '../components/Icon.js';
import { useReadable } from '../hooks/useReadable.js';
import { unlockAudio } from '../notify/chime.js';
import { soundSetting, themeChoice, type ThemeChoice } from '../state/preferences.js';

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

export function SoundToggle() {
  const sound = useReadable(soundSetting);
  const on = sound === 'on';
  return (
    <IconButton
      icon={on ? 'volume' : 'volumeOff'}
      label={on ? 'Notification sounds on (mute)' : 'Notification sounds muted (unmute)'}
      aria-pressed={on}
      onClick={() => {
        unlockAudio();
        soundSetting.set(on ? 'off' : 'on');
      }}
    />
  );
}
