// Serves the built web app: hashed assets cached forever, index.html for every page path so the
// browser's router can take over, each file as its brotli or gzip copy made at build time when
// the browser accepts one. Source maps only when `serveSourceMaps`. API paths that match nothing
// get a JSON 404 instead. The chat widget's page (/widget and below) is its own entry, widget.html,
// which the sites of the widget settings may show in a frame.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../domain/errors.js';
import { sendError } from './errorHandler.js';
import { contentSecurityPolicy } from './securityHeaders.js';

export async function registerWebApp(
  app: FastifyInstance,
  webRoot: string | undefined,
  {
    serveSourceMaps,
    widgetAncestors,
  }: {
    serveSourceMaps: boolean;
    /** The origins that may embed the widget page, read at each load of it. */
    widgetAncestors: () => Promise<readonly string[]>;
  },
): Promise<void> {
  const hasWeb = webRoot !== undefined && fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      preCompressed: true,
      // The maps are built but not linked from the code; published only when asked for.
      allowedPath: (pathName) => serveSourceMaps || !pathName.endsWith('.map'),
      setHeaders(reply, filePath) {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        const script = /\.(js|css)(\.br|\.gz)?$/.exec(path.basename(filePath));
        if (serveSourceMaps && script) {
          const name = path.basename(filePath).replace(/\.(br|gz)$/, '');
          reply.header('sourcemap', `${name}.map`);
        }
      },
    });
  }
  const hasWidget = hasWeb && fs.existsSync(path.join(webRoot, 'widget.html'));
  if (hasWidget) {
    const widgetPage = async (_request: unknown, reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', contentSecurityPolicy(await widgetAncestors()))
        .sendFile('widget.html');
    app.get('/widget', widgetPage);
    app.get('/widget/*', widgetPage);
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    // Page paths have no file extension; a missing file (/missing.png) is a real 404.
    const isPage =
      request.method === 'GET' && !pathname.startsWith('/api/') && path.extname(pathname) === '';
    if (isPage && hasWeb) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return sendError(
      reply,
      new AppError('NOT_FOUND', `No route for ${request.method} ${pathname}`),
    );
  });
}
