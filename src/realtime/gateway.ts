// The real-time gateway on /api/v1/ws: accepts authenticated sockets (as many per sign-in as the
// limit allows, over every node), keeps them alive with heartbeats (closing those whose sign-in
// ended), records presence, makes them catch up when frames may have been lost between nodes,
// and on shutdown tells every client to reconnect elsewhere.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { topics, type EventBus } from '../bus/bus.js';
import type { Config } from '../config.js';
import { CLOSE_CODES, CONSOLE_BATCH_PARAM, type ServerFrame } from '../shared/protocol.js';
import { AppError } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import type { SignInSockets } from '../services/accounts/signInSockets.js';
import type { PresenceTracker } from '../services/agents/presence.js';
import { ClientConnection, type ConnectionDeps } from './connection.js';
import { ConsoleFanOut } from './consoleFanOut.js';
import { resolveHandshake, type Handshake } from './handshake.js';
import { DASHBOARD_REFRESH_MS } from '../shared/dashboard.js';
import { DashboardWatchers } from './dashboardWatchers.js';
import { QueueWatcher } from './queueWatcher.js';
import { SignIn } from './signIn.js';

export interface GatewayOptions {
  config: Config;
  ctx: ServiceContext;
  bus: EventBus;
  presence: PresenceTracker;
  signInSockets: SignInSockets;
}

/** A plain HTTP request to the socket's address, which the plugin would answer with an empty 404. */
async function requireUpgrade(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.ws) return;
  reply.header('upgrade', 'websocket');
  throw new AppError(
    'UPGRADE_REQUIRED',
    'This address speaks WebSocket only: see docs/protocol.md',
  );
}

/**
 * Lets go of the HTTP request a socket was upgraded from, which would otherwise live as long as
 * the socket (about 3 KiB each: the request, its response, headers and Fastify's wrappers, so a
 * quarter of an idle socket's memory). The upgrade plugin leaves the response attached to the TCP
 * socket and an error listener holding request and reply; the socket's errors are this
 * gateway's to log (below).
 */
function releaseUpgradeRequest(
  socket: WebSocket,
  request: FastifyRequest,
  response: ServerResponse | undefined,
): void {
  socket.removeAllListeners('error');
  if (request.raw.socket) response?.detachSocket(request.raw.socket);
}

/** `?consoleBatch=1`: the client reads `console.changes` (docs/protocol.md). */
function asksForConsoleBatches(request: FastifyRequest): boolean {
  const query = request.query as Record<string, unknown> | undefined;
  return query?.[CONSOLE_BATCH_PARAM] === '1';
}

export class Gateway {
  private readonly connections = new Set<ClientConnection>();
  /** Each handshake's sign-in, resolved before the upgrade, for the socket it becomes. */
  private readonly handshakes = new WeakMap<
    FastifyRequest,
    Handshake & { response: ServerResponse }
  >();
  private readonly queueWatcher: QueueWatcher;
  private readonly dashboard: DashboardWatchers;
  private readonly console: ConsoleFanOut;
  private heartbeat: NodeJS.Timeout | null = null;
  private deploymentSignals: Promise<() => void> = Promise.resolve(() => {});

  /** Shared by every connection (not a closure each: an idle socket's memory counts). */
  private readonly queueHooks: Pick<
    ConnectionDeps,
    'onSessionFacts' | 'onUnsubscribed' | 'onClosed'
  > = {
    // A customer's chat may go back to the queue (its agent was disabled) or leave it.
    onSessionFacts: (conn, sessionId, facts) => {
      if (facts.status === 'waiting' && facts.customerId === conn.viewer.id) {
        this.queueWatcher.watch(conn, sessionId);
      } else {
        this.queueWatcher.unwatch(conn, sessionId);
      }
    },
    onUnsubscribed: (conn, sessionId) => this.queueWatcher.unwatch(conn, sessionId),
    onClosed: (conn) => this.queueWatcher.forget(conn),
  };

  constructor(private readonly options: GatewayOptions) {
    this.queueWatcher = new QueueWatcher(options.ctx.store.db, options.bus, {
      now: () => options.ctx.clock.now(),
      refreshMs: options.config.queueRefreshMs,
      onError: () => {},
    });
    this.dashboard = new DashboardWatchers(options.ctx, options.bus, {
      refreshMs: DASHBOARD_REFRESH_MS,
      onError: () => {},
    });
    this.console = new ConsoleFanOut(options.bus);
    options.bus.onResume(() => this.resyncAll());
  }

  get size(): number {
    return this.connections.size;
  }

  register(app: FastifyInstance): void {
    const { config, ctx, bus, presence, signInSockets } = this.options;
    // Another node died before publishing what it committed: catch up from the database.
    this.deploymentSignals = bus
      .subscribe(topics.deployment, (frame) => {
        if (frame.type === 'refresh') this.resyncAll();
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'could not listen to deployment signals');
        return () => {};
      });
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) {
        if (!connection.checkAlive()) connection.terminate();
        else void connection.checkSignIn();
      }
    }, config.heartbeatMs);
    this.heartbeat.unref();

    app.get(
      '/api/v1/ws',
      {
        websocket: true,
        schema: { hide: true },
        // A plain request gets 426; a handshake from another site's page throws before the
        // upgrade (HTTP 403).
        onRequest: async (request, reply) => {
          await requireUpgrade(request, reply);
          const handshake = await resolveHandshake(
            request,
            ctx,
            config.allowedOrigins,
            config.publicOrigin,
          );
          this.handshakes.set(request, { ...handshake, response: reply.raw });
        },
      },
      (socket: WebSocket, request) => {
        const handshake = this.handshakes.get(request);
        this.handshakes.delete(request);
        releaseUpgradeRequest(socket, request, handshake?.response);
        const log = request.log;
        socket.on('error', (err) => log.warn({ err }, 'websocket error'));
        const { auth, secret } = handshake ?? { auth: null, secret: null };
        if (!auth || !secret) {
          // Said on the socket, not with an HTTP status: browsers never see a handshake's status.
          const message = secret ? 'The sign-in is invalid or has expired' : 'Sign in first';
          const frame: ServerFrame = { type: 'error', error: { code: 'UNAUTHENTICATED', message } };
          socket.send(JSON.stringify(frame));
          socket.close(CLOSE_CODES.AUTH_FAILED, 'unauthenticated');
          return;
        }
        const connection = new ClientConnection(
          socket,
          auth.viewer,
          { id: auth.user.id, name: auth.user.name, email: auth.user.email, role: auth.user.role },
          {
            ctx,
            bus,
            heartbeatMs: config.heartbeatMs,
            log,
            signIn: new SignIn(ctx, secret, auth.expiresAt, auth.viewer),
            ...this.queueHooks,
            dashboard: this.dashboard,
            console: this.console,
            consoleBatch: asksForConsoleBatches(request),
          },
        );
        // Until admitted, the connection handles none of the client's frames.
        const admission = signInSockets.admit(auth.signInId);
        this.connections.add(connection);
        socket.on('close', () => {
          this.connections.delete(connection);
          connection.dispose();
          // Only an admitted socket was counted, here and in presence; chained on the admission,
          // the count goes down only after it went up.
          admission.then(
            () => {
              signInSockets
                .released(auth.signInId)
                .catch((err) => log.warn({ err }, 'sign-in sockets update failed'));
              presence
                .disconnected(auth.viewer)
                .catch((err) => log.warn({ err }, 'presence update failed'));
            },
            () => {},
          );
        });
        admission
          .then(() =>
            presence
              .connected(auth.viewer)
              .catch((err) => log.warn({ err }, 'presence update failed')),
          )
          .then(() => connection.open())
          .catch((err) => {
            if (err instanceof AppError && err.code === 'RATE_LIMITED') {
              return connection.refuse(err, CLOSE_CODES.TOO_MANY_SOCKETS);
            }
            log.error({ err }, 'websocket open failed');
            connection.close(CLOSE_CODES.RESTARTING, 'try again');
          });
      },
    );
  }

  /** Tells every client to reconnect (to another node) and closes their sockets. */
  async shutdown(retryMs: number): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    (await this.deploymentSignals)();
    this.queueWatcher.stop();
    this.dashboard.stop();
    this.console.stop();
    for (const connection of this.connections) {
      connection.send({ type: 'bye', reason: 'server restarting', retryMs });
      connection.close(CLOSE_CODES.RESTARTING, 'server restarting');
    }
    this.connections.clear();
  }

  /** Frames may have been missed: feeds catch up from the database, clients refetch lists. */
  private resyncAll(): void {
    for (const connection of this.connections) connection.resync();
    this.dashboard.changed();
  }
}
