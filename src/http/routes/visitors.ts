// The chat widget's visitors: a guest account with a bearer token (or, where the framed page may
// keep nothing, a partitioned cookie), contact details, and identification by the host.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { ClientInfo } from '../../services/accounts/authSessions.js';
import type { ServiceContext } from '../../services/context.js';
import { iso, presentSelf } from '../../services/presenters.js';
import { createVisitor } from '../../services/visitors/visitorCreator.js';
import { updateVisitorContact } from '../../services/visitors/visitorContact.js';
import { identifyVisitor } from '../../services/visitors/visitorIdentifier.js';
import type { UserRow } from '../../storage/schema.js';
import {
  CreateVisitorBody,
  IdentifyVisitorBody,
  Visitor,
  VisitorContactBody,
  VisitorIssued,
} from '../../shared/visitorsApi.js';
import { setVisitorCookie, viewerOf } from '../auth.js';
import { errorResponses } from './common.js';

const tags = ['visitors'];

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

const presentVisitor = (user: UserRow) => ({
  user: presentSelf(user),
  contactEmail: user.contact_email,
});

/** The answer's token, or null when it goes into the visitor cookie (which the page never reads). */
function handOver(reply: FastifyReply, secret: string, inCookie: boolean): string | null {
  if (!inCookie) return secret;
  setVisitorCookie(reply, secret);
  return null;
}

/** The signed-in account and the secret it signed in with. */
function signedIn(request: FastifyRequest): { user: UserRow; secret: string } {
  viewerOf(request);
  const secret = request.authSecret;
  if (!secret) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return { user: request.auth!.user, secret };
}

export const visitorRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/',
    {
      schema: {
        tags,
        operationId: 'createVisitor',
        description:
          'No sign-in needed: makes a guest customer account ("Visitor 4821" unless `name` is given; `isGuest` on accounts) and answers with its visitor token, which lives VISITOR_TOKEN_DAYS unused and slides with use. Send it as `Authorization: Bearer <token>` (no CSRF check: browsers never attach it by themselves) and on the WebSocket as the subprotocol `bearer.<token>`. With `cookie: true` it goes instead into the partitioned HttpOnly cookie `sb_visitor` (`token` null), which signs in only requests from Switchboard pages (Origin ours; a GET without Origin must be Sec-Fetch-Site same-origin). At most VISITOR_LIMIT_PER_ADDRESS visitors per client address per hour (429 with Retry-After); the guest then starts chats within the usual limits. The token ends with `signOut`.',
        summary: 'Create a visitor (a guest customer) and get its token',
        body: CreateVisitorBody,
        response: { 201: VisitorIssued, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await createVisitor(ctx, {
        name: request.body.name,
        client: clientOf(request),
      });
      reply.code(201);
      const token = handOver(reply, session.secret, request.body.cookie === true);
      return { ...presentVisitor(user), token, expiresAt: iso(session.expiresAt) };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        operationId: 'updateVisitor',
        description:
          "A visitor only (403 for any other account): leaves a name and an address to be reached at later. The address is not the account's email: nobody has verified it, so it never signs in.",
        summary: "Change the visitor's name or contact address",
        body: VisitorContactBody,
        response: { 200: Visitor, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { user } = signedIn(request);
      return presentVisitor(await updateVisitorContact(ctx, user, request.body));
    },
  );

  app.post(
    '/identify',
    {
      schema: {
        tags,
        operationId: 'identifyVisitor',
        description:
          "A visitor only (403 for any other account): the host site vouches for who the visitor is with a token like `signInWithSso`'s (HS256 JWT signed with SSO_SECRET, claims `sub`, `name`, optional `email`, `exp`; usable once). The visitor's chats become that customer's: the guest account becomes the account linked to `sub` when there is none yet, or its chats, messages, files and tickets move to the linked one. The visitor's token ends (its WebSockets close) and the answer carries a new one for the identified account (in the `sb_visitor` cookie when that signed the request in). Or, instead of the token, `{userId, hmac, name?, email?}` with `hmac` = hex HMAC-SHA256(userId) under SSO_SECRET (only userId is signed: `email` becomes the contact address, never the account's); without `hmac` the identity is unsigned: it only names the guest and leaves the address, the token stays, and the widget setting `requireVerifiedIdentity` refuses it (403 `IDENTITY_NOT_VERIFIED`). 401 `INVALID_SSO_TOKEN` for a token wrongly signed, expired or replayed, 401 `INVALID_IDENTITY_HMAC` for a wrong hmac; 403 when it names an agent or a disabled account; 409 `EMAIL_TAKEN` when its email belongs to an account not linked to `sub`.",
        summary: "Identify a visitor with the host site's signed token; their chats carry over",
        body: IdentifyVisitorBody,
        response: { 200: VisitorIssued, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { user: visitor, secret } = signedIn(request);
      const { user, session } = await identifyVisitor(ctx, {
        visitor,
        secret,
        identity: request.body,
        client: clientOf(request),
      });
      // An unsigned identity keeps the visitor's token.
      const secretNow = session?.secret ?? secret;
      const token = handOver(reply, secretNow, request.authScheme === 'visitor-cookie');
      const expiresAt = session?.expiresAt ?? request.auth!.expiresAt;
      return { ...presentVisitor(user), token, expiresAt: iso(expiresAt) };
    },
  );
};
