// Sign-in, sign-out and "who am I": password, host-application SSO, and API tokens.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import {
  CurrentSignIn,
  SignedIn,
  SignInBody,
  SsoBody,
  TokenIssued,
  Person,
} from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import type { ClientInfo } from '../../services/accounts/authSessions.js';
import { signOut } from '../../services/accounts/signOut.js';
import { signInWithPassword } from '../../services/accounts/passwordSignIn.js';
import { signInWithSso } from '../../services/accounts/ssoSignIn.js';
import { iso, presentSelf } from '../../services/presenters.js';
import { AppError } from '../../domain/errors.js';
import { toAppError } from '../errorHandler.js';
import { clearSessionCookie, clearVisitorCookie, setSessionCookie, viewerOf } from '../auth.js';
import { sameOriginPath, withTopic } from '../../shared/sameOriginPath.js';
import { errorResponses, noContent } from './common.js';
import type { FastifyRequest } from 'fastify';

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

/** Longer than any link a host application means to build. */
const NEXT_MAX_LENGTH = 500;

// A browser drops tabs and newlines from a link before following it, which is how `/\t/host`
// becomes `//host`; no page of this site needs a control character in its path.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hasNoControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

const SsoLandingQuery = z.object({
  // Checked in the handler, not here: a browser that lands with a bad token must get the
  // sign-in page with an error, not a JSON body.
  token: z.string().optional(),
  // Checked here, before the token is spent: a malformed `next` is the host application's bug,
  // answered like any other invalid request.
  next: z
    .string()
    .max(NEXT_MAX_LENGTH, `must be at most ${NEXT_MAX_LENGTH} characters`)
    .refine(hasNoControlCharacters, 'must not contain control characters')
    .optional(),
});

/** This request's own origin, as the browser that sent it sees it. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export const authRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext; config: Config }> = async (
  app,
  { ctx, config },
) => {
  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'signIn',
        description:
          'Checks the email and password and sets the HttpOnly session cookie `sb_session`. Attempts are throttled per account and per client address (429 with Retry-After). 401 `INVALID_CREDENTIALS` for a wrong email or password, 403 `ACCOUNT_DISABLED` for a disabled account.',
        summary: 'Sign in with email and password (sets the session cookie)',
        body: SignInBody,
        response: { 200: SignedIn, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await signInWithPassword(ctx, {
        ...request.body,
        kind: 'cookie',
        client: clientOf(request),
      });
      setSessionCookie(reply, session, config);
      return { user: presentSelf(user), expiresAt: iso(session.expiresAt) };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['auth'],
        operationId: 'createToken',
        description:
          'Signs in like `signIn` but answers with a bearer token instead of a cookie, for API clients and WebSocket clients that are not browsers: send it as `Authorization: Bearer <token>`. The token lives as long as a cookie sign-in and ends with `signOut`.',
        summary: 'Get a bearer token for API and WebSocket clients that are not browsers',
        body: SignInBody,
        response: { 201: TokenIssued, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await signInWithPassword(ctx, {
        ...request.body,
        kind: 'token',
        client: clientOf(request),
      });
      reply.code(201);
      return {
        user: presentSelf(user),
        expiresAt: iso(session.expiresAt),
        token: session.secret,
      };
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        operationId: 'signOut',
        description:
          "Ends the caller's sign-in (the cookie's or the bearer token's) and closes the WebSockets opened with it, on every node; an agent leaving their last sign-in is set away at once. Answers 204 even when nobody was signed in.",
        summary:
          'Sign out (ends this sign-in and closes its WebSockets; an agent leaving their last sign-in is set away)',
        response: { 204: noContent('Signed out') },
      },
    },
    async (request, reply) => {
      if (request.authSecret) await signOut(ctx, request.authSecret, request.auth?.viewer ?? null);
      clearSessionCookie(reply, config);
      if (request.authScheme === 'visitor-cookie') clearVisitorCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getSignedInPerson',
        description:
          'The person the cookie or bearer token belongs to, and when this sign-in expires.',
        summary: 'The signed-in person',
        response: {
          200: z.object({ user: Person, expiresAt: z.string() }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      viewerOf(request);
      const auth = request.auth!;
      return { user: presentSelf(auth.user), expiresAt: iso(auth.expiresAt) };
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getCurrentSignIn',
        description:
          'The signed-in person and when their sign-in ends, or `{user: null, expiresAt: null}` when nobody is signed in: a page asks on load without a failing request. A bearer token that is not valid is still a 401; `/me` answers 401 to nobody.',
        summary: 'Who is signed in, if anyone',
        response: { 200: CurrentSignIn, ...errorResponses(401) },
      },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth) return { user: null, expiresAt: null };
      return { user: presentSelf(auth.user), expiresAt: iso(auth.expiresAt) };
    },
  );

  app.post(
    '/sso',
    {
      schema: {
        tags: ['auth'],
        operationId: 'signInWithSso',
        description:
          'For a host application that already knows the person: it signs an HS256 JWT with `SSO_SECRET` (claims `sub`, `name`, optional `email` and `role`, `exp`; optional `jti`, which can be used once; optional `topic`, the slug of a topic, which the browser landing `landOnSso` carries to the start form). The account is created or brought up to date from the claims, and the session cookie is set. 401 `INVALID_SSO_TOKEN` for a token that is invalid, expired or replayed; 409 `EMAIL_TAKEN` or `LAST_SUPER_ADMIN` when the change the claims bring conflicts.',
        summary:
          "Sign in with a host application's signed token (HS256 JWT) as the account linked to its `sub`; 409 EMAIL_TAKEN when its email belongs to another account, LAST_SUPER_ADMIN when it would demote the last super admin",
        body: SsoBody,
        response: { 200: SignedIn, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { user, session } = await signInWithSso(
        ctx,
        request.body.token,
        'cookie',
        clientOf(request),
      );
      setSessionCookie(reply, session, config);
      return { user: presentSelf(user), expiresAt: iso(session.expiresAt) };
    },
  );

  app.get(
    '/sso',
    {
      schema: {
        tags: ['auth'],
        operationId: 'landOnSso',
        description:
          'The link a host application sends a browser to: `?token=<JWT>&next=/path`. Signs in as `signInWithSso` does, then answers 303 to `next` (a path on this site; anything else means `/`), with `topic=<slug>` added to its query when the token has a `topic` claim and `next` names none (the start form preselects that topic). A refused token answers 303 to `/login?error=<code>` instead of a JSON error, since a person, not a program, follows the link; a `next` holding control characters or over 500 characters is a 400, before the token is spent.',
        summary:
          'Browser landing for SSO: signs in and redirects to `next`, a path on this site (other sites: `/`); a failed sign-in redirects to `/login?error=CODE`',
        querystring: SsoLandingQuery,
        response: {
          303: z.undefined().meta({
            description: 'Signed in, or not: on to `next`, or to `/login?error=<code>`',
            headers: { location: { type: 'string' } },
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const next = sameOriginPath(request.query.next ?? '/', originOf(request)) ?? '/';
      try {
        const token = SsoBody.shape.token.safeParse(request.query.token);
        if (!token.success) {
          throw new AppError('VALIDATION_FAILED', 'The sign-in link has no valid token');
        }
        const { session, topic } = await signInWithSso(
          ctx,
          token.data,
          'cookie',
          clientOf(request),
        );
        setSessionCookie(reply, session, config);
        return reply.redirect(withTopic(next, topic), 303);
      } catch (error) {
        const known = toAppError(error);
        if (!known) throw error;
        return reply.redirect(`/login?error=${encodeURIComponent(known.code)}`, 303);
      }
    },
  );
};
