// Finds the external services the suite can use (PostgreSQL, Redis) once per run. Outside CI a
// missing service skips its tests with a visible line; in CI (CI=true) it fails the run.
import net from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createTemplate, dropDatabase } from './postgresTemplate.js';
import { readSqliteTemplate, type SqliteTemplate } from './sqliteTemplate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** A migrated database for test files to copy (see postgresTemplate.ts), if one was made. */
    postgresTemplate: string | null;
    /** The migrated SQLite schema for test files to replay (see sqliteTemplate.ts). */
    sqliteTemplate: SqliteTemplate;
    redisUrl: string | null;
  }
}

const inCi = process.env.CI === 'true';

async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function probeRedis(url: string): Promise<string | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(2000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(
        data.toString().startsWith('+PONG') ? null : `unexpected reply ${data.toString().trim()}`,
      );
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timed out');
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

/**
 * The service's URL from TEST_<X>_URL, else <X>_URL, else the standard local address; tests make
 * their own schema or key prefix there and remove it afterwards.
 */
async function find(
  name: string,
  candidates: Array<string | undefined>,
  probe: (url: string) => Promise<string | null>,
): Promise<string | null> {
  const url = candidates.find((c) => c !== undefined && c !== '')!;
  const problem = await probe(url);
  if (!problem) return url;
  const line = `${name} tests skipped: ${url} is unreachable (${problem})`;
  if (inCi) throw new Error(`CI=true requires ${name}: ${problem}`);
  console.warn(`\n  ⚠ ${line}\n`);
  return null;
}

export default async function setup(project: TestProject) {
  const env = process.env;
  const postgresUrl = await find(
    'PostgreSQL',
    [env.TEST_DATABASE_URL, env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/test'],
    probePostgres,
  );
  project.provide('postgresUrl', postgresUrl);
  const template = postgresUrl ? await createTemplate(postgresUrl) : null;
  project.provide('postgresTemplate', template);
  project.provide('sqliteTemplate', await readSqliteTemplate());
  project.provide(
    'redisUrl',
    await find('Redis', [env.TEST_REDIS_URL, env.REDIS_URL, 'redis://127.0.0.1:6379'], probeRedis),
  );

  return async () => {
    if (postgresUrl && template) await dropDatabase(postgresUrl, template);
  };
}
