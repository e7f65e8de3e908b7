// While the node stops, a request still arriving on an open keep-alive connection is refused
// with 503 in the API's error format: Fastify's own refusal (return503OnClosing, turned off in
// app.ts) has a body of its own. Requests already under way finish normally.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new AppError('SERVICE_UNAVAILABLE', 'This node is stopping; try again');
  });
}
