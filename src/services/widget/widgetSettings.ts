// The chat widget's settings (shared/widgetSettingsApi.ts), kept in desk_settings by super
// admins: read whole by them, in part by the widget page, and for the embedding sites by the
// server when it serves that page (http/widgetPage.ts).
import { forbidden } from '../../domain/errors.js';
import { isSuperAdmin, type Viewer } from '../../domain/policies.js';
import {
  DEFAULT_WIDGET_SETTINGS,
  WidgetSettings,
  type PublicWidgetSettings,
} from '../../shared/widgetSettingsApi.js';
import { readDeskSetting, writeDeskSetting } from '../../storage/repositories/deskSettings.js';
import type { ServiceContext } from '../context.js';

const KEY = 'widget';

function assertManager(viewer: Viewer): void {
  if (!isSuperAdmin(viewer)) throw forbidden('Only super admins keep the widget settings');
}

/** The saved settings over the defaults; a value saved by an older version that no longer fits is ignored. */
export async function loadWidgetSettings(ctx: ServiceContext): Promise<WidgetSettings> {
  const saved = WidgetSettings.partial().safeParse(await readDeskSetting(ctx.store.db, KEY));
  return { ...DEFAULT_WIDGET_SETTINGS, ...(saved.success ? saved.data : {}) };
}

export function readWidgetSettings(ctx: ServiceContext, viewer: Viewer): Promise<WidgetSettings> {
  assertManager(viewer);
  return loadWidgetSettings(ctx);
}

export async function saveWidgetSettings(
  ctx: ServiceContext,
  viewer: Viewer,
  settings: WidgetSettings,
): Promise<WidgetSettings> {
  assertManager(viewer);
  const value = { ...settings, allowedOrigins: [...new Set(settings.allowedOrigins)] };
  await writeDeskSetting(ctx.store.db, KEY, value, { now: ctx.clock.now(), by: viewer.id });
  return value;
}

export async function publicWidgetSettings(ctx: ServiceContext): Promise<PublicWidgetSettings> {
  const {
    allowedOrigins: _hidden,
    requireVerifiedIdentity: _server,
    ...visible
  } = await loadWidgetSettings(ctx);
  return visible;
}
