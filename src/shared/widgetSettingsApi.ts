// The shapes of the widget settings API (GET/PUT /widget-settings, GET /widget-settings/public):
// how the chat widget looks and greets, which topics it offers, and which sites may embed it.
import { z } from 'zod';
import { optionalText } from './api.js';
import { WIDGET_POSITIONS } from './widgetSnippet.js';

/** A site's origin as a browser sends it: scheme, host and port, no path, no trailing slash. */
const siteOrigin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, 'an origin such as https://portal.example.edu')
  .describe('An origin such as https://portal.example.edu (no path)');

export const WidgetSettings = z.object({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #1a73e8')
    .describe("The launcher's and the header's colour, `#rrggbb`"),
  position: z.enum(WIDGET_POSITIONS).describe('Which corner the launcher sits in'),
  greeting: optionalText(300).describe('Shown above the start form; may be empty'),
  topicIds: z
    .array(z.string().min(1).max(100))
    .max(100)
    .describe('The topics the widget offers; empty offers every active topic'),
  allowedOrigins: z
    .array(siteOrigin)
    .max(100)
    .describe(
      "The sites whose pages may embed the widget (its page's `frame-ancestors`); empty allows only Switchboard's own",
    ),
  requireVerifiedIdentity: z
    .boolean()
    .default(false)
    .describe(
      '`identify` takes only a signed identity (the SSO token, or userId with its hmac): an unsigned one is refused with 403 IDENTITY_NOT_VERIFIED',
    ),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;

/** What the widget page reads before anyone signs in: no list of the embedding sites, nor the server's own rules. */
export const PublicWidgetSettings = WidgetSettings.omit({
  allowedOrigins: true,
  requireVerifiedIdentity: true,
});
export type PublicWidgetSettings = z.infer<typeof PublicWidgetSettings>;

export const DEFAULT_WIDGET_SETTINGS: WidgetSettings = {
  color: '#1a56db',
  position: 'bottom-right',
  greeting: 'Hi! How can we help?',
  topicIds: [],
  allowedOrigins: [],
  requireVerifiedIdentity: false,
};
