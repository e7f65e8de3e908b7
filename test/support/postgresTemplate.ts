// A migrated PostgreSQL database, made once per test run, that test files copy instead of
// migrating a schema of their own: CREATE DATABASE … TEMPLATE copies it in a tenth of a second,
// where the migrations take two seconds or more on a busy machine, for each of a hundred files.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore } from '../../src/storage/store.js';

/** `url` with its database replaced by `database`. */
export function inDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(url: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

/**
 * Makes and migrates the run's template database; null (with a warning) when the role may not
 * create databases, and the files then migrate schemas of their own.
 */
export async function createTemplate(url: string): Promise<string | null> {
  const name = `sbt_template_${randomBytes(5).toString('hex')}`;
  try {
    await adminQuery(url, `create database ${name}`);
  } catch (error) {
    console.warn(
      `\n  ⚠ no template database (${(error as Error).message}): files migrate their own\n`,
    );
    return null;
  }
  const store = openStore({ databaseUrl: inDatabase(url, name), pgPoolSize: 1 });
  try {
    await migrateToLatest(store);
  } catch (error) {
    await store.close();
    await dropDatabase(url, name);
    throw error;
  }
  // No one may be connected to a template while it is copied.
  await store.close();
  return name;
}

/** Copies the template into a new database and returns its name. */
export async function copyTemplate(url: string, template: string): Promise<string> {
  const name = `sbt_${randomBytes(6).toString('hex')}`;
  // WAL_LOG (the default since PostgreSQL 15) copies a small database without the checkpoints
  // of FILE_COPY.
  await adminQuery(url, `create database ${name} template ${template}`);
  return name;
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await adminQuery(url, `drop database if exists ${name} with (force)`);
}
