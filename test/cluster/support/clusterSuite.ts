// One cluster for the tests of a describe block: started before the first test, closed after the
// last. After each test the sockets it opened with cluster.connect() are closed, and a failed
// test prints what the nodes logged last.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Cluster, type ClusterOptions } from './cluster.js';

/**
 * `options` is read when the cluster starts, so it may use what the file's earlier beforeAll
 * hooks set up (a proxy, a Redis of its own). Hooks registered before this call run before the
 * cluster starts and, being "after" hooks, after it closes; those registered after it, the
 * other way round.
 */
export function useCluster(options: () => ClusterOptions | Promise<ClusterOptions>): Cluster {
  const cluster = new Cluster();
  beforeAll(async () => {
    await cluster.start(await options());
  });
  afterEach((context) => {
    cluster.closeSockets();
    if (context.task.result?.state === 'fail') console.log(cluster.logTail());
  });
  afterAll(() => cluster.close());
  return cluster;
}
