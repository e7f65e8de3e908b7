// The caller's own notification preferences (the chime, desktop notifications), kept on the
// server so they follow the person to every browser.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotificationPreferences, NotificationPreferencesBody } from '../../shared/api.js';
import {
  getNotificationPreferences,
  setNotificationPreferences,
} from '../../services/accounts/notificationPreferences.js';
import type { ServiceContext } from '../../services/context.js';
import { presentNotificationPreferences } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';
import { errorResponses } from './common.js';

const tags = ['preferences'];

export const preferenceRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'getNotificationPreferences',
        description:
          'Anyone signed in: their own notification preferences, every one on until they change them (the chime, desktop notifications, and each mail about tickets). Kept on the server, so they follow the person to every browser.',
        summary: "The caller's notification preferences (defaults until they change them)",
        response: { 200: NotificationPreferences, ...errorResponses(401) },
      },
    },
    async (request) =>
      presentNotificationPreferences(await getNotificationPreferences(ctx, viewerOf(request))),
  );

  app.put(
    '/',
    {
      schema: {
        tags,
        operationId: 'setNotificationPreferences',
        description:
          'Anyone signed in: sets their own notification preferences at once (`sound`, `desktopNotifications`, and `mail`: which mail about tickets they get; left out, it stays as it is); a field missing or not a boolean is a 400.',
        summary: "Set the caller's notification preferences",
        body: NotificationPreferencesBody,
        response: { 200: NotificationPreferences, ...errorResponses(400, 401) },
      },
    },
    async (request) =>
      presentNotificationPreferences(
        await setNotificationPreferences(ctx, viewerOf(request), request.body),
      ),
  );
};
