// `switchboard serve`: runs a node until SIGTERM or SIGINT, then stops gracefully. Logs are
// readable lines on a terminal and JSON otherwise (LOG_FORMAT).
import type { Config } from '../config.js';
import { createNode } from '../node.js';

/** Readable lines for a person at a terminal; the formatter is loaded only then. */
async function logStreamFor(config: Config) {
  const pretty =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY);
  if (!pretty) return undefined;
  const { default: pinoPretty } = await import('pino-pretty');
  return pinoPretty({
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
  });
}

export async function serveCommand(config: Config): Promise<number> {
  const node = await createNode(config, { logStream: await logStreamFor(config) });
  const url = await node.start();
  const open = config.publicOrigin ?? `http://localhost:${new URL(url).port}`;
  node.app.log.info(
    { url, open, database: node.ctx.store.dialect, bus: config.redisUrl ? 'redis' : 'memory' },
    `Switchboard is up: open ${open}`,
  );
  const stop = (signal: string) => {
    node.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      node.app.log.error('graceful shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    node.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        node.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return 0;
}
