// A deployment of several Switchboard processes sharing one PostgreSQL schema (fresh per run)
// and one Redis channel prefix, with people signed in through the host-application SSO so the
// tests spend no time hashing passwords. The harness keeps its own connection to the schema to
// check invariants where they live: in the database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { Migrator } from 'kysely';
import pg from 'pg';
import type { Role } from '../../../src/shared/vocabulary.js';
import { migrations } from '../../../src/storage/migrations/index.js';
import { openStore, type Store } from '../../../src/storage/store.js';
import { Client, SocketClient } from '../../support/testNode.js';
import { startNodeProcess, type NodeProcess } from './nodeProcess.js';

const SSO_SECRET = 'cluster-test-secret-that-is-long-enough-42';

export interface ClusterOptions {
  postgresUrl: string;
  redisUrl: string;
  /** One process per name, started together. */
  nodes: string[];
  /** Extra environment for every node. */
  env?: Record<string, string>;
  /** Where the nodes reach PostgreSQL, when not directly (a proxy the test can cut). */
  nodeDatabaseUrl?: string;
}

/** Someone signed in to the deployment; their cookie works on every node. */
export class Person {
  constructor(
    readonly id: string,
    readonly name: string,
    readonly role: Role,
    readonly cookie: string,
  ) {}

  /** An API client for this person talking to the node at `url`. */
  on(url: string): Client {
    const client = new Client(url);
    client.cookie = this.cookie;
    client.user = { id: this.id, name: this.name, role: this.role };
    return client;
  }

  socket(url: string): Promise<SocketClient> {
    return SocketClient.connect(url, this.cookie);
  }
}

export class Cluster {
  readonly nodes = new Map<string, NodeProcess>();
  private readonly logsOfStopped: string[] = [];

  private constructor(
    /** The harness's own connection to the deployment's schema. */
    readonly store: Store,
    readonly schema: string,
    private readonly options: ClusterOptions,
    private readonly dataDir: string,
  ) {}

  static async start(options: ClusterOptions): Promise<Cluster> {
    const schema = `sbc_${randomBytes(5).toString('hex')}`;
    await adminQuery(options.postgresUrl, `create schema ${schema}`);
    const store = openStore({ databaseUrl: options.postgresUrl, pgSchema: schema, pgPoolSize: 3 });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cluster-'));
    const cluster = new Cluster(store, schema, options, dataDir);
    try {
      await migrateSchema(store, schema);
      await Promise.all(options.nodes.map((name) => cluster.startNode(name)));
    } catch (error) {
      await cluster.close();
      throw error;
    }
    return cluster;
  }

  node(name: string): NodeProcess {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no running node ${name}`);
    return node;
  }

  url(name: string): string {
    return this.node(name).url;
  }

  /** Starts one more node of this deployment (or a replacement for a stopped one). */
  async startNode(name: string, env: Record<string, string> = {}): Promise<NodeProcess> {
    const node = await startNodeProcess(name, {
      DATABASE_URL: inSchema(this.options.nodeDatabaseUrl ?? this.options.postgresUrl, this.schema),
      REDIS_URL: this.options.redisUrl,
      REDIS_PREFIX: `${this.schema}:`,
      DATA_DIR: this.dataDir,
      SSO_SECRET,
      // Three nodes and the harness stay well inside PostgreSQL's default 100 connections.
      PG_POOL_SIZE: '4',
      SIGNIN_LIMIT_PER_ADDRESS: '1000000',
      SHUTDOWN_GRACE_SECONDS: '5',
      ...this.options.env,
      ...env,
    });
    this.nodes.set(name, node);
    void node.exited.then(() => {
      if (this.nodes.get(name) === node) this.nodes.delete(name);
      this.logsOfStopped.push(node.logTail());
    });
    return node;
  }

  /** Signs a new person in through node `nodeName` (SSO: creates their account). */
  signIn(nodeName: string, name: string, role: Role = 'user'): Promise<Person> {
    return this.signInAt(this.url(nodeName), name, role);
  }

  /** Signs a new person in through `url`: a node or a proxy in front of the nodes. */
  async signInAt(url: string, name: string, role: Role = 'user'): Promise<Person> {
    const token = await new SignJWT({ name, role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`${name}-${randomBytes(6).toString('hex')}`)
      .setAudience('switchboard')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SSO_SECRET));
    const client = new Client(url);
    const reply = await client.post('/api/v1/auth/sso', { token });
    if (reply.status !== 200 || !client.cookie) {
      throw new Error(`sign-in of ${name} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    const user = (reply.body as { user: { id: string } }).user;
    return new Person(user.id, name, role, client.cookie);
  }

  /** What every node printed last, for a failure report. */
  logTail(): string {
    return [...this.logsOfStopped, ...[...this.nodes.values()].map((n) => n.logTail())].join('\n');
  }

  /** Kills every node, then removes the schema and the nodes' data directory. */
  async close(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((node) => node.crash()));
    await this.store.close();
    await adminQuery(this.options.postgresUrl, `drop schema if exists ${this.schema} cascade`);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * Migrates once up front rather than racing every node's start-up migration. Kysely's migrator
 * looks for its own tables in every schema unless told which one, so another schema's run in
 * the same database would otherwise make it skip creating them here (see the report on
 * src/storage/migrate.ts); the nodes then find them in their search_path.
 */
async function migrateSchema(store: Store, schema: string): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** The connection string with `schema` as the search path, as docs/deploy.md describes. */
function inSchema(url: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}`;
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
