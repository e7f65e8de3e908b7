// Attachments: upload a file into a chat or a ticket (multipart, streamed), then send a message
// naming it (POST /sessions/{id}/messages or /tickets/{id}/messages with fileIds), or upload a
// draft for a new request (POST /files) and file it (POST /tickets with fileIds); files are
// served by id to whoever may see their message, as domain/files/fileServing.ts decides (an image
// inline, anything else a download). The uploads are one handler: only where it goes differs.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { fileTooLarge, type FileLimits } from '../../domain/files/fileLimits.js';
import { FileAttachment, UploadFileForm, UploadLimits } from '../../shared/api.js';
import type { ServiceContext } from '../../services/context.js';
import { openFile } from '../../services/files/fileReader.js';
import { uploadFile, type UploadTarget } from '../../services/files/fileUploader.js';
import { uploadLimitsFor } from '../../services/files/uploadLimits.js';
import { presentFile, presentUploadLimits } from '../../services/presenters.js';
import { viewerOf } from '../auth.js';
import { errorResponses, IdParams } from './common.js';

const tags = ['files'];

/** What a multipart form may hold besides its file: a few small fields, no more. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const binary = (description: string) => ({
  description,
  content: {
    'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
  },
});

export const fileRoutes: FastifyPluginAsyncZod<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  // Only this scope takes multipart bodies; every other route still answers them 415.
  await app.register(fastifyMultipart);

  const UPLOAD_RULES =
    'The type is decided from the content, never from the name or the declared type: a type not accepted is 415 `FILE_TYPE_NOT_ALLOWED`, a name or declared type of another type 415 `FILE_TYPE_MISMATCH`, an image that cannot be read 415 `FILE_UNREADABLE`; over the size limit 413 `FILE_TOO_LARGE`, an image of too many pixels 413 `IMAGE_TOO_LARGE`, a body cut short 400 `UPLOAD_INCOMPLETE`. Images are re-encoded without their metadata (EXIF) and get a thumbnail.';
  const uploads = [
    {
      path: '/sessions/:id/files',
      operationId: 'uploadFile',
      summary: 'Upload a file into a chat, to send in a message next (201 with its id)',
      description: `A \`multipart/form-data\` body with one part named \`file\`. Whoever may write in the chat (its customer, its agent, and agents who may add notes), within \`UPLOAD_LIMIT_PER_HOUR\`; customers only while \`CUSTOMER_UPLOADS\` is on (403 \`UPLOADS_DISABLED\`). ${UPLOAD_RULES} Send it with \`POST /sessions/{id}/messages\` and \`fileIds\` within an hour, or it is removed.`,
      target: (id: string): UploadTarget => ({ sessionId: id }),
    },
    {
      path: '/tickets/:id/files',
      operationId: 'uploadTicketFile',
      summary: 'Upload a file into a ticket, to send in a reply or note next (201 with its id)',
      description: `A \`multipart/form-data\` body with one part named \`file\`. Whoever may write in the ticket's thread (its requester, and the agents who work it), in any status, within \`UPLOAD_LIMIT_PER_HOUR\` (shared with chats); customers only while \`CUSTOMER_UPLOADS\` is on (403 \`UPLOADS_DISABLED\`). ${UPLOAD_RULES} Send it with \`POST /tickets/{id}/messages\` and \`fileIds\` within an hour, or it is removed; a note's files are agent-only, as the note is.`,
      target: (id: string): UploadTarget => ({ ticketId: id }),
    },
    {
      path: '/files',
      operationId: 'uploadDraftFile',
      summary: 'Upload a file for a new request, before the ticket exists (201 with its id)',
      description: `A \`multipart/form-data\` body with one part named \`file\`. Anyone signed in, within \`UPLOAD_LIMIT_PER_HOUR\` (shared with chats and tickets); customers only while \`CUSTOMER_UPLOADS\` is on (403 \`UPLOADS_DISABLED\`). ${UPLOAD_RULES} The file is a draft: its uploader's alone (only they may download it) until \`POST /tickets\` with \`fileIds\` files the request that carries it, within a day, or it is removed.`,
      target: (): UploadTarget => ({ draft: true }),
    },
  ];
  for (const upload of uploads) {
    app.post(
      upload.path,
      {
        schema: {
          tags,
          operationId: upload.operationId,
          summary: upload.summary,
          description: upload.description,
          consumes: ['multipart/form-data'],
          ...(upload.path.includes(':id') ? { params: IdParams } : {}),
          body: UploadFileForm,
          response: {
            201: FileAttachment,
            ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
          },
        },
        // The body is a stream the handler reads; only the parameters are validated up front.
        validatorCompiler: (route) =>
          route.httpPart === 'body'
            ? () => ({ value: undefined })
            : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const limits = ctx.settings.files.limits;
        refuseOversizeBody(request, reply, limits);
        const part = await filePart(request, limits);
        try {
          const row = await uploadFile(ctx, {
            ...upload.target((request.params as { id?: string }).id ?? ''),
            viewer,
            fileName: part.filename,
            declaredType: part.mimetype,
            content: part.file,
            truncated: () => part.file.truncated,
          });
          reply.code(201);
          return presentFile(row);
        } finally {
          // What was not read (a refused upload) is drained, so the reply reaches the client.
          part.file.resume();
        }
      },
    );
  }

  for (const variant of ['original', 'thumbnail'] as const) {
    const thumbnail = variant === 'thumbnail';
    app.get(
      thumbnail ? '/files/:id/thumbnail' : '/files/:id',
      {
        schema: {
          tags,
          operationId: thumbnail ? 'getFileThumbnail' : 'getFile',
          summary: thumbnail
            ? "An image's thumbnail: a WebP of at most 480 pixels a side"
            : 'A file, to whoever may see the message carrying it',
          description: thumbnail
            ? 'Who may see the file may see its thumbnail; 404 for a file that is no image.'
            : 'Whoever may see its message (a note’s files: agents only), and its uploader before it is sent; 404 to anyone else. PNG, JPEG, GIF and WebP images are served inline; everything else as a download (`Content-Disposition: attachment`), always with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`.',
          params: IdParams,
          response: {
            200: binary(thumbnail ? 'The thumbnail' : 'The file'),
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request, reply) => {
        const opened = await openFile(ctx, {
          viewer: viewerOf(request),
          fileId: request.params.id,
          variant,
        });
        reply.headers(opened.headers);
        if (opened.size !== null) reply.header('content-length', opened.size);
        // A stream: the response schema documents binary content, which the types cannot name.
        return reply.send(opened.content as unknown as string);
      },
    );
  }

  app.get(
    '/files/limits',
    {
      schema: {
        tags,
        operationId: 'getUploadLimits',
        summary: 'What the caller may upload: whether at all, how big, how many, which types',
        description:
          'Anyone signed in. The composer shows its attach button and checks sizes by this; the server checks again.',
        response: { 200: UploadLimits, ...errorResponses(401) },
      },
    },
    async (request) => presentUploadLimits(uploadLimitsFor(ctx, viewerOf(request))),
  );
};

/** A body announced larger than any allowed file could make is refused before it is read. */
function refuseOversizeBody(
  request: FastifyRequest,
  reply: FastifyReply,
  limits: FileLimits,
): void {
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > limits.maxBytes + FORM_OVERHEAD_BYTES) {
    // Not worth reading: the connection goes once the refusal is sent.
    reply.header('connection', 'close');
    throw fileTooLarge(limits);
  }
}

async function filePart(request: FastifyRequest, limits: FileLimits) {
  let part;
  try {
    part = await request.file({
      limits: { fileSize: limits.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload a file as multipart/form-data');
    }
    throw new AppError('UPLOAD_INCOMPLETE', 'The body is not a complete multipart form');
  }
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw new AppError('VALIDATION_FAILED', 'file: a part named "file" is required', 'file');
  }
  return part;
}
