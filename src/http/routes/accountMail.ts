// The account routes that work by mail: forgot password (ask for a link, then set a new
// password with it), and changing one's address (ask, then verify with the mailed link).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  EmailChangeBody,
  EmailVerified,
  PasswordResetBody,
  PasswordResetConfirmBody,
  VerifyEmailBody,
} from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { requestEmailChange, verifyEmail } from '../../services/accounts/emailChange.js';
import {
  admitPasswordReset,
  confirmPasswordReset,
  sendPasswordReset,
} from '../../services/accounts/passwordReset.js';
import { viewerOf } from '../auth.js';
import { errorResponses, noContent } from './common.js';

const tags = ['auth'];

export const accountMailRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/password-reset',
    {
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        description:
          'Forgot password: mails a link to set a new password (valid one hour, usable once) to the account with this address, if there is an active one. Answers 202 whether or not there is, and before the mail is made, so neither the answer nor its time tells which addresses have accounts. Limited per address and per client (429 with Retry-After); 503 `MAIL_DISABLED` when the desk sends no mail.',
        summary:
          'Forgot password: mail a reset link (202 whether or not the address has an account)',
        body: PasswordResetBody,
        response: {
          202: noContent('Asked: a link is mailed if the address has an account'),
          ...errorResponses(400, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      await admitPasswordReset(ctx, { email, ip: request.ip ?? null });
      // After the answer: the work only a known address needs must not show in its timing.
      setImmediate(() => {
        sendPasswordReset(ctx, email).catch((err: unknown) =>
          request.log.warn({ err }, 'password reset mail not queued'),
        );
      });
      return reply.code(202).send();
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      schema: {
        tags,
        operationId: 'confirmPasswordReset',
        description:
          "Sets a new password with the token of a reset mail's link: once, within the hour, for an active account. Every sign-in of the account ends (its sockets close), and its other reset links stop working. 400 `INVALID_TOKEN` for a link used, expired or never made.",
        summary: 'Set a new password with a reset link (ends every sign-in of the account)',
        body: PasswordResetConfirmBody,
        response: {
          204: noContent('The password is set; sign in with it'),
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(ctx, request.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/email-change',
    {
      schema: {
        tags,
        operationId: 'requestEmailChange',
        description:
          'Anyone signed in with a password: mails a link to the new address. The address changes only once the link is used (`verifyEmail`); until then the old one stays for signing in and mail. 401 `INVALID_CREDENTIALS` for a wrong password, 403 for an account whose address comes from SSO, 409 `EMAIL_TAKEN`, 429 over five an hour, 503 `MAIL_DISABLED` when the desk sends no mail.',
        summary: "Change one's address: mail a verification link to the new one",
        body: EmailChangeBody,
        response: {
          202: noContent('A link is mailed to the new address'),
          ...errorResponses(400, 401, 403, 409, 429, 503),
        },
      },
    },
    async (request, reply) => {
      await requestEmailChange(ctx, viewerOf(request), request.body);
      return reply.code(202).send();
    },
  );

  app.post(
    '/verify-email',
    {
      schema: {
        tags,
        operationId: 'verifyEmail',
        description:
          "Uses the token of a verification mail's link (valid a day, once): its address becomes the account's, and the old address is told by mail. Works without being signed in (the link may be opened on another device). 400 `INVALID_TOKEN`, 409 `EMAIL_TAKEN` when another account took the address meanwhile.",
        summary: 'Verify a new address with the mailed link (it becomes the account address)',
        body: VerifyEmailBody,
        response: { 200: EmailVerified, ...errorResponses(400, 409) },
      },
    },
    async (request) => {
      const user = await verifyEmail(ctx, request.body.token);
      return { email: user.email ?? '' };
    },
  );
};
