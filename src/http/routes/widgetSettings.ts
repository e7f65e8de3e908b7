// The chat widget's settings: kept by super admins, their public part read by the widget page
// before anyone signs in.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../services/context.js';
import {
  publicWidgetSettings,
  readWidgetSettings,
  saveWidgetSettings,
} from '../../services/widget/widgetSettings.js';
import { PublicWidgetSettings, WidgetSettings } from '../../shared/widgetSettingsApi.js';
import { viewerOf } from '../auth.js';
import { errorResponses } from './common.js';

const tags = ['widget'];

export const widgetSettingsRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        operationId: 'getWidgetSettings',
        description: "Super admins only: the widget's look, greeting, topics and embedding sites.",
        summary: 'The chat widget settings',
        response: { 200: WidgetSettings, ...errorResponses(401, 403) },
      },
    },
    async (request) => readWidgetSettings(ctx, viewerOf(request)),
  );

  app.put(
    '/',
    {
      schema: {
        tags,
        operationId: 'updateWidgetSettings',
        description:
          'Super admins only: every setting at once. `allowedOrigins` takes effect on the next load of the widget page by an embedding site (its Content-Security-Policy `frame-ancestors`).',
        summary: 'Change the chat widget settings',
        body: WidgetSettings,
        response: { 200: WidgetSettings, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => saveWidgetSettings(ctx, viewerOf(request), request.body),
  );

  app.get(
    '/public',
    {
      schema: {
        tags,
        operationId: 'getPublicWidgetSettings',
        description:
          'No sign-in needed (the widget page reads it before it has a visitor): colour, position, greeting and offered topics; not the embedding sites.',
        summary: "The widget's public settings",
        response: { 200: PublicWidgetSettings },
      },
    },
    async () => publicWidgetSettings(ctx),
  );
};
