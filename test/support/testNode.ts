// Starts a real Switchboard node on an ephemeral port against a test database, with HTTP and
// WebSocket clients that sign in like a browser (cookie plus same-origin header).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { loadConfig, type Config } from '../../src/config.js';
import { createNode, type NodeOverrides, type SwitchboardNode } from '../../src/node.js';
import { createAccount } from '../../src/services/accounts/accounts.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import type { Role } from '../../src/shared/vocabulary.js';
import { registerNode } from '../../src/storage/repositories/cluster.js';
import type { Store } from '../../src/storage/store.js';

export const TEST_PASSWORD = 'correct horse battery';
export const TEST_SSO_SECRET = 'http-test-secret-that-is-long-enough-42';

export interface TestNode {
  node: SwitchboardNode;
  url: string;
  config: Config;
  stop(): Promise<void>;
  /** Creates an account and returns a client signed in as it. */
  signUp(name: string, role?: Role): Promise<Client>;
  /**
   * An agent on duty by hand: online with auto-assign off and a socket open (until the node
   * stops), as an agent must be to be handed a chat by someone else.
   */
  agentOnDuty(name: string): Promise<Client>;
}

export async function startTestNode(
  store: Store,
  env: Record<string, string> = {},
  overrides: Omit<NodeOverrides, 'store'> = {},
): Promise<TestNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-test-'));
  const config = {
    ...loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      SSO_SECRET: TEST_SSO_SECRET,
      ...env,
    }),
    webRoot: undefined,
  };
  const node = await createNode(config, { ...overrides, store });
  const url = await node.start();
  let counter = 0;
  const signUp = async (name: string, role: Role = 'user'): Promise<Client> => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++counter}@example.com`;
    await createAccount(node.ctx, null, { email, name, password: TEST_PASSWORD, role });
    const client = new Client(url);
    await client.signIn(email, TEST_PASSWORD);
    return client;
  };
  return {
    node,
    url,
    config,
    async stop() {
      await node.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    signUp,
    async agentOnDuty(name) {
      // Tests empty every table between them, this node's heartbeat too, and it beats again
      // only every HOUSEKEEPING_SECONDS: until then its sockets would count for nobody.
      await registerNode(node.ctx.store.db, node.ctx.nodeId, node.ctx.clock.now());
      const client = await signUp(name, 'admin');
      const reply = await client.patch('/api/v1/agents/me', {
        status: 'online',
        autoAssign: false,
      });
      if (reply.status !== 200) throw new Error(`going online answered ${reply.status}`);
      const socket = await client.socket();
      // The node records the socket's presence before it says hello.
      await socket.waitFor((frame: ServerFrame) => frame.type === 'hello');
      return client;
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like API client: keeps the session cookie and sends a same-origin Origin header. */
export class Client {
  cookie: string | null = null;
  user: { id: string; name: string; role: Role } | null = null;

  constructor(readonly baseUrl: string) {}

  async signIn(email: string, password: string): Promise<Reply> {
    const reply = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (reply.status === 200)
      this.user = (reply.body as { user: NonNullable<Client['user']> }).user;
    return reply;
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    // A form sets its own multipart content type, boundary included.
    const form = body instanceof FormData;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body:
        body === undefined
          ? undefined
          : form || typeof body === 'string'
            ? (body as string | FormData)
            : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    const parsed =
      text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  async socket(query = ''): Promise<SocketClient> {
    return SocketClient.connect(this.baseUrl, this.cookie, this.baseUrl, {}, [], query);
  }

  /** Uploads `data` as the form part `file` named `name` into chat `sessionId`. */
  upload<T = any>(sessionId: string, name: string, data: Uint8Array | string, type = '') {
    return this.uploadAt<T>(`/api/v1/sessions/${sessionId}/files`, name, data, type);
  }

  /** Uploads `data` as the form part `file` named `name` into ticket `ticketId`. */
  uploadToTicket<T = any>(ticketId: string, name: string, data: Uint8Array | string, type = '') {
    return this.uploadAt<T>(`/api/v1/tickets/${ticketId}/files`, name, data, type);
  }

  /** Uploads `data` as a draft for a new request (POST /files), before its ticket exists. */
  uploadDraft<T = any>(name: string, data: Uint8Array | string, type = '') {
    return this.uploadAt<T>('/api/v1/files', name, data, type);
  }

  private uploadAt<T>(path: string, name: string, data: Uint8Array | string, type: string) {
    const form = new FormData();
    form.append('file', new Blob([data as string | Uint8Array<ArrayBuffer>], { type }), name);
    return this.request<T>('POST', path, form);
  }

  /** A file's bytes as served, with the reply's status and headers. */
  async download(path: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const response = await fetch(this.baseUrl + path, {
      headers: { origin: this.baseUrl, ...(this.cookie ? { cookie: this.cookie } : {}) },
    });
    return {
      status: response.status,
      body: Buffer.from(await response.arrayBuffer()),
      headers: response.headers,
    };
  }

  /** Starts a chat as this customer and returns its id. */
  async startChat(): Promise<string> {
    const { status, body } = await this.post('/api/v1/sessions', {
      subject: 'Help',
      message: 'Hi',
    });
    if (status !== 201) throw new Error(`starting a chat answered ${status}`);
    return (body as { id: string }).id;
  }
}

/** A WebSocket client that records every frame and waits for the ones a test expects. */
export class SocketClient {
  readonly frames: ServerFrame[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];
  private refs = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static connect(
    baseUrl: string,
    cookie: string | null,
    origin = baseUrl,
    headers: Record<string, string> = {},
    protocols: string[] = [],
    /** A query string for the handshake, such as `consoleBatch=1`. */
    query = '',
  ): Promise<SocketClient> {
    const path = `/api/v1/ws${query ? `?${query}` : ''}`;
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, protocols, {
      headers: { origin, ...(cookie ? { cookie } : {}), ...headers },
    });
    const client = new SocketClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends a frame with a fresh ref and resolves with the server's ack, error or reply to it. */
  async call(frame: object): Promise<ServerFrame> {
    const ref = `r${++this.refs}`;
    const start = this.frames.length;
    this.send({ ...frame, ref });
    return this.waitFor((f) => 'ref' in f && f.ref === ref, { from: start });
  }

  /** The first frame (from index `from`) matching `match`, waiting up to `timeoutMs` for it. */
  async waitFor<T extends ServerFrame = ServerFrame>(
    match: (frame: ServerFrame) => boolean,
    { from = 0, timeoutMs = 5000 }: { from?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found as T;
      if (this.closeCode !== null)
        throw new Error(`socket closed (${this.closeCode}) before the frame arrived`);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForClose(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    if (this.closeCode === null) throw new Error('socket did not close');
    return this.closeCode;
  }

  close(): void {
    this.ws.close();
  }
}
