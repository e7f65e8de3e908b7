import { describe, expect, it } from 'vitest';
import type { NotificationPreferences } from '../../shared/api.js';
import { MAIL_NOTICE_DEFAULTS } from '../../shared/vocabulary.js';
import { NotificationSettings } from './notificationSettings.js';

const mail = MAIL_NOTICE_DEFAULTS;

/** A server whose answers the test releases one by one. */
function deferredServer(initial: NotificationPreferences) {
  let stored = initial;
  const pending: Array<() => void> = [];
  const answer = <T>(result: () => T, fail = false) =>
    new Promise<T>((resolve, reject) =>
      pending.push(() => (fail ? reject(new Error('offline')) : resolve(result()))),
    );
  const server = {
    failNext: false,
    saves: [] as NotificationPreferences[],
    load: () => answer(() => stored),
    save: (preferences: NotificationPreferences) => {
      server.saves.push(preferences);
      const fail = server.failNext;
      server.failNext = false;
      return answer(() => {
        stored = preferences;
        return preferences;
      }, fail);
    },
    /** Answers the oldest request still waiting. */
    release: async () => {
      pending.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  return server;
}

describe('NotificationSettings', () => {
  it('starts from the defaults and takes what the server keeps', async () => {
    const server = deferredServer({ sound: false, desktopNotifications: true, mail });
    const settings = new NotificationSettings(server);
    expect(settings.get()).toEqual({ sound: true, desktopNotifications: true, mail });
    const loading = settings.refresh();
    await server.release();
    await loading;
    expect(settings.get()).toEqual({ sound: false, desktopNotifications: true, mail });
  });

  it('shows a change at once and saves both settings', async () => {
    const server = deferredServer({ sound: true, desktopNotifications: true, mail });
    const settings = new NotificationSettings(server);
    const saving = settings.change({ sound: false });
    expect(settings.get().sound).toBe(false);
    await server.release();
    await saving;
    expect(server.saves).toEqual([{ sound: false, desktopNotifications: true, mail }]);
  });

  it('goes back when a save fails', async () => {
    const server = deferredServer({ sound: true, desktopNotifications: true, mail });
    const settings = new NotificationSettings(server);
    server.failNext = true;
    const saving = settings.change({ desktopNotifications: false, mail });
    expect(settings.get().desktopNotifications).toBe(false);
    const refused = expect(saving).rejects.toThrow('offline');
    await server.release();
    await refused;
    expect(settings.get().desktopNotifications).toBe(true);
  });

  it('never lets an older answer undo a later change', async () => {
    const server = deferredServer({ sound: true, desktopNotifications: true, mail });
    const settings = new NotificationSettings(server);
    const loading = settings.refresh();
    const first = settings.change({ sound: false });
    const second = settings.change({ sound: true });
    await server.release(); // the load, from before the changes
    await server.release(); // the first save
    expect(settings.get().sound).toBe(true);
    await server.release();
    await Promise.all([loading, first, second]);
    expect(settings.get().sound).toBe(true);
  });
});
