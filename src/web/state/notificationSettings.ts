// The signed-in agent's notification preferences (the chime, desktop notifications, ticket mail), which the
// server keeps so they follow the agent to every browser. A change shows at once and is saved;
// an answer overtaken by a later change never undoes it.
import type { NotificationPreferences } from '../../shared/api.js';
import { MAIL_NOTICE_DEFAULTS, NOTIFICATION_DEFAULTS } from '../../shared/vocabulary.js';
import { Observable, type Readable } from './observable.js';

export interface PreferencesRemote {
  load(): Promise<NotificationPreferences>;
  save(preferences: NotificationPreferences): Promise<NotificationPreferences>;
}

export class NotificationSettings implements Readable<NotificationPreferences> {
  private readonly value = new Observable<NotificationPreferences>({
    ...NOTIFICATION_DEFAULTS,
    mail: { ...MAIL_NOTICE_DEFAULTS },
  });
  /** Bumped by every change, so answers to older requests know they are stale. */
  private version = 0;
  /** What the server last confirmed, to go back to when a save fails. */
  private saved: NotificationPreferences = this.value.get();

  constructor(private readonly remote: PreferencesRemote) {}

  get(): NotificationPreferences {
    return this.value.get();
  }

  subscribe(listener: () => void): () => void {
    return this.value.subscribe(listener);
  }

  /** Reads them from the server; a failure keeps what is shown (the defaults at first). */
  async refresh(): Promise<void> {
    const version = this.version;
    try {
      const loaded = await this.remote.load();
      if (version !== this.version) return;
      this.saved = loaded;
      this.value.set(loaded);
    } catch {
      // Offline: the next refresh (after a reconnect) tries again.
    }
  }

  /** Shows the change at once and saves it; if saving fails, goes back and rethrows. */
  async change(changes: Partial<NotificationPreferences>): Promise<void> {
    const next = { ...this.value.get(), ...changes };
    const version = ++this.version;
    this.value.set(next);
    try {
      const stored = await this.remote.save(next);
      if (version !== this.version) return;
      this.saved = stored;
      this.value.set(stored);
    } catch (error) {
      if (version === this.version) this.value.set(this.saved);
      throw error;
    }
  }
}
