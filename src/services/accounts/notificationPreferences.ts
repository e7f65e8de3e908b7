// A person reads and sets their own notification preferences (the chime, desktop notifications),
// which follow them to every browser they sign in on.
import type { Viewer } from '../../domain/policies.js';
import type { NotificationPreferencesBody } from '../../shared/api.js';
import { NOTIFICATION_DEFAULTS } from '../../shared/vocabulary.js';
import * as repo from '../../storage/repositories/notificationPreferences.js';
import type { ServiceContext } from '../context.js';

export interface NotificationPreferencesRecord {
  sound: boolean;
  desktopNotifications: boolean;
}

export async function getNotificationPreferences(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<NotificationPreferencesRecord> {
  const row = await repo.findNotificationPreferences(ctx.store.db, viewer.id);
  if (!row) return { ...NOTIFICATION_DEFAULTS };
  return { sound: row.sound === 1, desktopNotifications: row.desktop_notifications === 1 };
}

export async function setNotificationPreferences(
  ctx: ServiceContext,
  viewer: Viewer,
  body: NotificationPreferencesBody,
): Promise<NotificationPreferencesRecord> {
  await repo.saveNotificationPreferences(ctx.store.db, {
    user_id: viewer.id,
    sound: body.sound ? 1 : 0,
    desktop_notifications: body.desktopNotifications ? 1 : 0,
    updated_at: ctx.clock.now(),
  });
  return { sound: body.sound, desktopNotifications: body.desktopNotifications };
}
