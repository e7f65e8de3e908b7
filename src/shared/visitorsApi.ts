// The shapes of the visitors API (POST /visitors, PATCH /visitors/me, POST /visitors/identify):
// the chat widget's guests and their tokens.
import { z } from 'zod';
import { clientToken, emailAddress, isoTime, Person, SsoBody, text } from './api.js';
import { LIMITS } from './vocabulary.js';

export const CreateVisitorBody = z.object({
  name: text(LIMITS.name).optional().describe('The name the visitor gave; "Visitor 4821" without'),
  cookie: z
    .boolean()
    .optional()
    .describe(
      'true: the token goes into the partitioned HttpOnly cookie `sb_visitor` instead of the answer (for a widget page that may not keep it itself)',
    ),
});

export const VisitorIssued = z.object({
  user: Person,
  contactEmail: emailAddress.nullable().describe('Where the visitor asked to be reached'),
  token: z
    .string()
    .nullable()
    .describe(
      'The visitor token: send it as `Authorization: Bearer <token>`, and on the WebSocket as the subprotocol `bearer.<token>` beside `switchboard`. null when it went into the `sb_visitor` cookie instead',
    ),
  expiresAt: isoTime.describe('When the token ends unless used before then (it slides with use)'),
});

export const Visitor = VisitorIssued.omit({ token: true, expiresAt: true });

export const VisitorContactBody = z
  .object({
    name: text(LIMITS.name).optional(),
    email: emailAddress.nullable().optional().describe('null forgets the address left before'),
  })
  .refine((body) => body.name !== undefined || body.email !== undefined, {
    message: 'give a name or an email',
  });

/** The host's user id, signed (hmac) or not; the name and address are the host page's word. */
export const HmacIdentity = z.object({
  userId: clientToken(200).describe("The host's id for its user"),
  hmac: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'hex HMAC-SHA256, 64 digits')
    .optional()
    .describe('Hex HMAC-SHA256 of userId under SSO_SECRET, computed on the host server'),
  name: text(LIMITS.name).optional(),
  email: emailAddress.optional().describe('Where to reach them (unverified: never signs in)'),
});

export const IdentifyVisitorBody = z.union([SsoBody, HmacIdentity]);

export type CreateVisitorBody = z.infer<typeof CreateVisitorBody>;
export type VisitorIssued = z.infer<typeof VisitorIssued>;
export type Visitor = z.infer<typeof Visitor>;
export type VisitorContactBody = z.infer<typeof VisitorContactBody>;
export type IdentifyVisitorBody = z.infer<typeof IdentifyVisitorBody>;
