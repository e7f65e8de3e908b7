// `switchboard serve`: runs a node until SIGTERM or SIGINT, then stops gracefully.
import type { Config } from '../config.js';
import { createNode } from '../node.js';

export async function serveCommand(config: Config): Promise<number> {
  const node = await createNode(config);
  const url = await node.start();
  node.app.log.info(
    { url, database: node.ctx.store.dialect, bus: config.redisUrl ? 'redis' : 'memory' },
    'Switchboard is up',
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
