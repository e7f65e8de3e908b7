// A deployment of several Switchboard processes sharing one PostgreSQL schema (fresh per run)
// and one Redis channel prefix, with people signed in through the host-application SSO so the
// tests spend no time hashing passwords. The harness keeps its own connection to the schema to
// check invariants where they live: in the database. A test file gets one with useCluster
// (clusterSuite.ts), which starts and closes it around the file's tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import type { Role } from '../../../src/shared/vocabulary.js';
import { migrateToLatest } from '../../../src/storage/migrate.js';
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

/** What a started cluster holds, from start() until close(). */
interface Running {
  /** The harness's own connection to the deployment's schema. */
  store: Store;
  schema: string;
  options: ClusterOptions;
  dataDir: string;
}

export class Cluster {
  readonly nodes = new Map<string, NodeProcess>();
  private readonly logsOfStopped: string[] = [];
  /** Sockets opened with connect(), until closeSockets(). */
  private readonly sockets: SocketClient[] = [];
  private running: Running | null = null;

  /** Creates a fresh schema and starts every node; on failure, undoes what it did. */
  async start(options: ClusterOptions): Promise<void> {
    const schema = `sbc_${randomBytes(5).toString('hex')}`;
    await adminQuery(options.postgresUrl, `create schema ${schema}`);
    const store = openStore({ databaseUrl: options.postgresUrl, pgSchema: schema, pgPoolSize: 3 });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cluster-'));
    this.running = { store, schema, options, dataDir };
    try {
      await migrateToLatest(store);
      await Promise.all(options.nodes.map((name) => this.startNode(name)));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** The harness's own connection to the deployment's schema. */
  get store(): Store {
    return this.started().store;
  }

  private started(): Running {
    if (!this.running) throw new Error('the cluster is not running');
    return this.running;
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
    const { options, schema, dataDir } = this.started();
    const node = await startNodeProcess(name, {
      DATABASE_URL: inSchema(options.nodeDatabaseUrl ?? options.postgresUrl, schema),
      REDIS_URL: options.redisUrl,
      REDIS_PREFIX: `${schema}:`,
      DATA_DIR: dataDir,
      SSO_SECRET,
      // Three nodes and the harness stay well inside PostgreSQL's default 100 connections.
      PG_POOL_SIZE: '4',
      SIGNIN_LIMIT_PER_ADDRESS: '1000000',
      SHUTDOWN_GRACE_SECONDS: '5',
      ...options.env,
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

  /** A socket for `person` on node `nodeName`, once greeted; closeSockets() closes it. */
  async connect(person: Person, nodeName: string): Promise<SocketClient> {
    const socket = await person.socket(this.url(nodeName));
    this.sockets.push(socket);
    await socket.waitFor((f) => f.type === 'hello');
    return socket;
  }

  /** Closes what connect() opened; useCluster calls it after each test. */
  closeSockets(): void {
    for (const socket of this.sockets.splice(0)) socket.close();
  }

  /** What every node printed last, for a failure report. */
  logTail(): string {
    return [...this.logsOfStopped, ...[...this.nodes.values()].map((n) => n.logTail())].join('\n');
  }

  /** Kills every node, then removes the schema and the nodes' data directory. */
  async close(): Promise<void> {
    if (!this.running) return;
    const { store, options, schema, dataDir } = this.running;
    this.running = null;
    this.closeSockets();
    await Promise.all([...this.nodes.values()].map((node) => node.crash()));
    await store.close();
    await adminQuery(options.postgresUrl, `drop schema if exists ${schema} cascade`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Migrates once up front rather than racing every node's start-up migration. Kysely's migrator
 * looks for its own tables in every schema unless told which one, so another schema's run in
 * the same database would otherwise make it skip creating them here (see the report on
 * src/storage/migrate.ts); the nodes then find them in their search_path.
 */
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
