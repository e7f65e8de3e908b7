// A person reads and sets their own notification preferences (the chime, desktop notifications,
// which mail about tickets they get), which follow them to every browser they sign in on.
import type { MailPreferences } from '../../domain/mail/ticketMailRecipients.js';
import type { Viewer } from '../../domain/policies.js';
import type { NotificationPreferencesBody } from '../../shared/api.js';
import { MAIL_NOTICE_DEFAULTS, NOTIFICATION_DEFAULTS } from '../../shared/vocabulary.js';
import * as repo from '../../storage/repositories/notificationPreferences.js';
import type { NotificationPreferencesRow } from '../../storage/schema.js';
import type { ServiceContext } from '../context.js';

export interface NotificationPreferencesRecord {
  sound: boolean;
  desktopNotifications: boolean;
  mail: MailPreferences;
}

function recordOf(row: NotificationPreferencesRow | undefined): NotificationPreferencesRecord {
  if (!row) return { ...NOTIFICATION_DEFAULTS, mail: { ...MAIL_NOTICE_DEFAULTS } };
  return {
    sound: row.sound === 1,
    desktopNotifications: row.desktop_notifications === 1,
    mail: {
      newTickets: row.mail_new_tickets === 1,
      assigned: row.mail_assigned === 1,
      mentions: row.mail_mentions === 1,
      sla: row.mail_sla === 1,
    },
  };
}

export async function getNotificationPreferences(
  ctx: ServiceContext,
  viewer: Viewer,
): Promise<NotificationPreferencesRecord> {
  return recordOf(await repo.findNotificationPreferences(ctx.store.db, viewer.id));
}

/** Sets them all; mail preferences left out of `body` stay as they were. */
export async function setNotificationPreferences(
  ctx: ServiceContext,
  viewer: Viewer,
  body: NotificationPreferencesBody,
): Promise<NotificationPreferencesRecord> {
  const flag = (value: boolean) => (value ? 1 : 0);
  const mail =
    body.mail ?? recordOf(await repo.findNotificationPreferences(ctx.store.db, viewer.id)).mail;
  await repo.saveNotificationPreferences(ctx.store.db, {
    user_id: viewer.id,
    sound: flag(body.sound),
    desktop_notifications: flag(body.desktopNotifications),
    mail_new_tickets: flag(mail.newTickets),
    mail_assigned: flag(mail.assigned),
    mail_mentions: flag(mail.mentions),
    mail_sla: flag(mail.sla),
    updated_at: ctx.clock.now(),
  });
  return { sound: body.sound, desktopNotifications: body.desktopNotifications, mail: { ...mail } };
}
