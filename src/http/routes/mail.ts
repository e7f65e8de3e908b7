// The mail outbox for super admins: whether mail is on, mail by status, and "Retry" for mail
// that failed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { page } from '../../shared/api.js';
import { ListOutboxQuery, MailState, OutboxMail } from '../../shared/mailApi.js';
import type { ServiceContext } from '../../services/context.js';
import { listOutbox, mailState, retryMail } from '../../services/mail/outbox/outboxAdmin.js';
import { presentOutboxMail } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';
import { errorResponses, IdParams } from './common.js';

const tags = ['mail'];

export const mailRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/status',
    {
      schema: {
        tags,
        operationId: 'getMailState',
        description:
          'Super admins only. Whether this desk sends mail (`enabled` is false when SMTP_URL is not set: nothing is queued then), its From address, and how many mails are in each status.',
        summary: 'Whether mail is on, and mails per status',
        response: { 200: MailState, ...errorResponses(401, 403) },
      },
    },
    async (request) => mailState(ctx, viewerOf(request)),
  );

  app.get(
    '/outbox',
    {
      schema: {
        tags,
        operationId: 'listOutbox',
        description:
          "Super admins only. Mail newest first, a page at a time (`nextCursor`), optionally of one status: `dead` is the failed mail (the last attempt failed, or the server refused it for good), `cancelled` what was not sent because its account was deactivated. A mail's body is never shown: it may hold someone's reset link.",
        summary: 'Mail in the outbox by status, newest first',
        querystring: ListOutboxQuery,
        response: { 200: page(OutboxMail), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { rows, nextCursor } = await listOutbox(ctx, viewerOf(request), request.query);
      return { items: rows.map(presentOutboxMail), nextCursor };
    },
  );

  app.post(
    '/outbox/:id/retry',
    {
      schema: {
        tags,
        operationId: 'retryMail',
        description:
          'Super admins only. Queues a dead or cancelled mail again, due now, with its attempts counted afresh (it keeps its Message-ID). A deactivated account still gets nothing. 409 `MAIL_NOT_FAILED` for mail queued, sending or sent.',
        summary: 'Send a failed mail again',
        params: IdParams,
        response: { 200: OutboxMail, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      presentOutboxMail(await retryMail(ctx, viewerOf(request), request.params.id)),
  );
};
