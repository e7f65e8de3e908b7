// Per-browser preferences (theme, the notification prompt), kept in localStorage and watchable by
// the header and the agent console. Sounds and notifications are the person's, kept on the
// server: state/notificationSettings.ts.
import { Observable } from './observable.js';

export type ThemeChoice = 'system' | 'light' | 'dark';

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): Observable<T> {
  let initial = fallback;
  try {
    const value = localStorage.getItem(key);
    if (value !== null && (allowed as readonly string[]).includes(value)) initial = value as T;
  } catch {
    // Storage blocked: preferences last for this page only.
  }
  const observable = new Observable<T>(initial);
  observable.subscribe(() => {
    try {
      localStorage.setItem(key, observable.get());
    } catch {
      // As above.
    }
  });
  return observable;
}

export const themeChoice = stored<ThemeChoice>(
  'switchboard.theme',
  ['system', 'light', 'dark'],
  'system',
);
/** The agent dismissed the "turn on notifications" prompt. */
export const notificationPrompt = stored(
  'switchboard.notificationPrompt',
  ['show', 'dismissed'],
  'show',
);

/** Applies the theme to the document: `data-theme` drives the colour tokens in tokens.css. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}
