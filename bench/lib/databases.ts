// Databases for benchmarks: a SQLite file in a temp dir, or a fresh PostgreSQL database (dropped
// afterwards) on the server named by TEST_DATABASE_URL / DATABASE_URL or the local default.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  kind: 'sqlite' | 'postgres';
  /** Environment for `switchboard serve`. */
  serverEnv: Record<string, string>;
  /** Options for openFixture / openStore. */
  storeOptions: { sqliteFile?: string; databaseUrl?: string };
  drop(): Promise<void>;
}

export function postgresServerUrl(): string {
  return (
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test'
  );
}

/**
 * Whether the PostgreSQL part of a scenario runs: the server must answer, and BENCH_DATABASES
 * (default "sqlite,postgres") must name it, so a quick local run can skip it.
 */
export async function postgresAvailable(): Promise<boolean> {
  const wanted = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
  if (!wanted.includes('postgres')) return false;
  const client = new pg.Client({
    connectionString: postgresServerUrl(),
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function sqliteDatabase(): BenchDatabase {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
  return {
    kind: 'sqlite',
    serverEnv: { DATA_DIR: dataDir },
    storeOptions: { sqliteFile: path.join(dataDir, 'switchboard.sqlite') },
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postgresDatabase(): Promise<BenchDatabase> {
  const name = `sb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-pg-'));
  return {
    kind: 'postgres',
    serverEnv: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    storeOptions: { databaseUrl: url.toString() },
    async drop() {
      const cleanup = new pg.Client({ connectionString: postgresServerUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Where the PostgreSQL server keeps its data, when it runs on this machine and says so (a
 * superuser, or pg_read_all_settings, may ask); null otherwise.
 */
export async function postgresDataDirectory(): Promise<string | null> {
  if (!(await postgresAvailable())) return null;
  const url = new URL(postgresServerUrl());
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const result = await client.query<{ data_directory: string }>('show data_directory');
    return result.rows[0]?.data_directory ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
