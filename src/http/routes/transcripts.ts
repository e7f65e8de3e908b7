// A chat's transcript: downloaded as plain text or HTML, or mailed to the chat's customer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  isTranscriptZone,
  renderTranscriptHtml,
  renderTranscriptText,
} from '../../domain/transcripts/chatTranscript.js';
import type { ServiceContext } from '../../services/context.js';
import { mailTranscript } from '../../services/transcripts/transcriptMailer.js';
import { readTranscript, transcriptFileName } from '../../services/transcripts/transcriptReader.js';
import { viewerOf } from '../auth.js';
import { errorResponses, IdParams } from './common.js';

const tags = ['sessions'];

const TranscriptQuery = z.object({
  format: z.enum(['text', 'html']).default('text'),
  timeZone: z
    .string()
    .max(64)
    .refine(isTranscriptZone, 'must be an IANA time zone such as Africa/Accra')
    .optional()
    .describe('The zone to write the times in (IANA, e.g. `Africa/Accra`); UTC when absent'),
});

const download = (description: string) => ({
  description,
  content: {
    'text/plain': { schema: z.string() },
    'text/html': { schema: z.string() },
  },
});

export const transcriptRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/:id/transcript',
    {
      schema: {
        tags,
        operationId: 'downloadTranscript',
        summary: "download_transcript: the chat's messages as a text or HTML file",
        description:
          "Anyone who may see the session, in any state. Always the customer's version: internal notes are never in it, not even for the desk. A download (`Content-Disposition: attachment`).",
        params: IdParams,
        querystring: TranscriptQuery,
        response: { 200: download('The transcript'), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { format, timeZone } = request.query;
      const { access, transcript } = await readTranscript(ctx, {
        viewer: viewerOf(request),
        sessionId: request.params.id,
        timeZone,
      });
      const html = format === 'html';
      const name = transcriptFileName(access, html ? 'html' : 'txt');
      reply
        .header('content-type', `${html ? 'text/html' : 'text/plain'}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        // The HTML is for reading, saved or opened: it runs nothing, even if opened in place.
        .header('content-security-policy', 'sandbox');
      return reply.send(html ? renderTranscriptHtml(transcript) : renderTranscriptText(transcript));
    },
  );

  app.post(
    '/:id/transcript/email',
    {
      schema: {
        tags,
        operationId: 'mailTranscript',
        summary: "mail_transcript: queue the transcript to the chat's customer's own address",
        description:
          "The chat's customer (to themselves) or an agent who may see it (to the customer), in any state; always to the address of the customer's account, so the body takes no address (400 for any field). Notes are never in it. 409 `NO_EMAIL_ADDRESS` when the account has none, 429 past `TRANSCRIPT_MAIL_LIMIT_PER_HOUR` per sender, 503 `MAIL_DISABLED` when the desk sends no mail.",
        params: IdParams,
        body: z.strictObject({}),
        response: {
          202: z.object({ queued: z.literal(true) }),
          ...errorResponses(400, 401, 404, 409, 429, 503),
        },
      },
    },
    async (request, reply) => {
      await mailTranscript(ctx, { viewer: viewerOf(request), sessionId: request.params.id });
      reply.code(202);
      return { queued: true as const };
    },
  );
};
