// The composition root: one Switchboard node, wired from configuration. Opens storage (and
// migrates it), picks the bus, builds services, HTTP and the gateway, and owns their lifecycle
// from start to a graceful stop. Mail's clients and servers (nodemailer, imapflow, smtp-server,
// mailparser) are loaded only when configured: they cost a node without mail a third of its
// start-up.
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { EventBus } from './bus/bus.js';
import { MemoryBus } from './bus/memoryBus.js';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { Gateway } from './realtime/gateway.js';
import { ensureFirstSuperAdmin } from './services/accounts/firstSuperAdmin.js';
import { SignInSockets } from './services/accounts/signInSockets.js';
import { PresenceTracker } from './services/agents/presence.js';
import type { ServiceContext, ServiceSettings } from './services/context.js';
import { Housekeeper, joinDeployment } from './services/jobs/housekeeping.js';
import { systemClock, uuidV7, type Clock, type Ids } from './services/runtime.js';
import { RoutingScheduler, routeQueue } from './services/sessions/queueRouter.js';
import { expireDueOffers, OfferExpiryTimers } from './services/transfers/transferOfferExpiry.js';
import { OutboxWorker } from './services/mail/outbox/outboxWorker.js';
import type { MailTransport } from './mail/transport.js';
import { migrateToLatest } from './storage/migrate.js';
import { openFileStore } from './storage/files/openFileStore.js';
import { openStore, type Store } from './storage/store.js';

export interface NodeOverrides {
  store?: Store;
  bus?: EventBus;
  clock?: Clock;
  ids?: Ids;
  /** Where the log goes, for tests that read it. */
  logStream?: DestinationStream;
  /** The SMTP door, instead of SMTP_URL's (when mail is on). */
  mailTransport?: MailTransport;
}

export interface SwitchboardNode {
  app: FastifyInstance;
  ctx: ServiceContext;
  routing: RoutingScheduler;
  gateway: Gateway;
  /** Sends the mail outbox; null when mail is off. */
  mailWorker: OutboxWorker | null;
  /** Listens on the configured host and port; resolves to the base URL. */
  start(): Promise<string>;
  /** Graceful stop: refuse new work, tell sockets to reconnect, finish writes, close storage. */
  stop(): Promise<void>;
}

export function serviceSettings(config: Config): ServiceSettings {
  return {
    allowTakeOverCapacity: config.allowTakeOverCapacity,
    transferMode: config.transferMode,
    transferOfferMs: config.transferOfferMs,
    showAgentEmailToCustomers: config.showAgentEmailToCustomers,
    customerSignUp: config.customerSignUp,
    authSessionIdleMs: config.authSessionIdleMs,
    visitorTokenIdleMs: config.visitorTokenIdleMs,
    authSessionMaxMs: config.authSessionMaxMs,
    agentAwayGraceMs: config.agentAwayGraceMs,
    requeueAfterAwayMs: config.requeueAfterAwayMs,
    replyOverdueMs: config.replyOverdueMs,
    // Three missed housekeeping beats and a node is presumed dead.
    nodeStaleMs: config.housekeepingMs * 3,
    sso: config.sso,
    signInLimits: config.signInLimits,
    abuseLimits: config.abuseLimits,
    ticketAutoCloseDays: config.ticketAutoCloseDays,
    unansweredChatTicketMs: config.unansweredChatTicketMs,
    abandonedChatTickets: config.abandonedChatTickets,
    files: { limits: config.files.limits, customerUploads: config.files.customerUploads },
    deskName: config.deskName,
    timeZone: config.timeZone,
    mail: config.mail && {
      from: config.mail.from,
      messageIdDomain: config.mail.messageIdDomain,
      maxAttempts: config.mail.maxAttempts,
      publicOrigin: config.mail.publicOrigin,
      replyAddress: replyAddressOf(config),
    },
  };
}

export async function createNode(
  config: Config,
  overrides: NodeOverrides = {},
): Promise<SwitchboardNode> {
  const store =
    overrides.store ??
    openStore({
      databaseUrl: config.databaseUrl,
      sqliteFile: config.sqliteFile,
      pgPoolSize: config.pgPoolSize,
      pgQueryTimeoutMs: config.pgQueryTimeoutMs,
      pgPoolWaitMs: config.pgPoolWaitMs,
    });
  await migrateToLatest(store);
  const bus =
    overrides.bus ??
    (config.redisUrl
      ? // Loaded only for a cluster: a single node never pays for the Redis client.
        new (await import('./bus/redisBus.js')).RedisBus({
          url: config.redisUrl,
          prefix: config.redisPrefix,
        })
      : new MemoryBus());
  const nodeId =
    config.nodeId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let log: Pick<FastifyInstance['log'], 'info' | 'warn' | 'error'> = console;
  const clock = overrides.clock ?? systemClock;
  const routing = new RoutingScheduler(
    () => routeQueue(ctx),
    (err) => log.error({ err }, 'routing failed'),
    clock,
  );
  const offerDeadlines = new OfferExpiryTimers(
    clock,
    () => expireDueOffers(ctx),
    (err) => log.warn({ err }, 'transfer offers not expired'),
  );
  const ctx: ServiceContext = {
    store,
    files: openFileStore(store, config.files.dir),
    clock,
    ids: overrides.ids ?? uuidV7,
    bus,
    routing,
    offerDeadlines,
    mail: { kick: () => mailWorker?.kick() },
    nodeId,
    settings: serviceSettings(config),
  };
  const mailWorker =
    config.mail && ctx.settings.mail
      ? new OutboxWorker(
          ctx,
          ctx.settings.mail,
          overrides.mailTransport ??
            (await import('./mail/transport.js')).smtpTransport(config.mail),
          {
            onError: (err) => log.warn({ err }, 'mail not sent'),
          },
        )
      : null;
  const presence = new PresenceTracker(ctx);
  const signInSockets = new SignInSockets(ctx);
  const gateway = new Gateway({ config, ctx, bus, presence, signInSockets });
  let stopping = false;
  const app = await buildApp({
    config,
    ctx,
    gateway,
    logStream: overrides.logStream,
    isReady: async () => {
      if (stopping || !bus.isConnected()) return false;
      await store.ping();
      return true;
    },
  });
  log = app.log;
  const housekeeper = new Housekeeper(
    ctx,
    [presence, signInSockets],
    config.housekeepingMs,
    (err) => log.warn({ err }, 'housekeeping failed'),
    presence,
  );
  const { inboundMail } = config;
  // Every node runs one; the mailbox's lease lets one of them fetch at a time.
  const mailImporter = inboundMail.imapUrl
    ? new (await import('./services/mail/inbound/imapImporter.js')).ImapImporter({
        ctx,
        imapUrl: inboundMail.imapUrl,
        settings: inboundMail,
        log,
      })
    : null;
  // Every node may listen: the import's unique Message-ID makes a second delivery a duplicate.
  const smtpReceiver = inboundMail.receiver
    ? new (await import('./services/mail/inbound/smtpReceiver.js')).SmtpReceiver({
        ctx,
        settings: inboundMail,
        ...inboundMail.receiver,
        log,
      })
    : null;
  const firstAdmin = await ensureFirstSuperAdmin(ctx, config.firstAdmin);
  if (firstAdmin === 'created') {
    log.info(
      { email: config.firstAdmin?.email },
      'Created the first super admin from ADMIN_EMAIL; sign in with ADMIN_PASSWORD',
    );
  } else if (firstAdmin === 'not_configured') {
    log.warn(
      'There is no super admin yet: start with ADMIN_EMAIL and ADMIN_PASSWORD set, or run `npx switchboard create-user --role super_admin`',
    );
  }

  if (!mailWorker) {
    log.info(
      'Mail is off (SMTP_URL is not set): no password reset or verification mail is sent, and none is queued',
    );
  }

  return {
    app,
    ctx,
    routing,
    gateway,
    mailWorker,
    async start() {
      // Before listening: what an earlier run under this NODE_ID left is cleared first.
      if (await joinDeployment(ctx)) presence.sweepAfterGrace();
      const url = await app.listen({ port: config.port, host: config.host });
      housekeeper.start();
      mailImporter?.start();
      await smtpReceiver?.start();
      routing.kick();
      // Mail queued while no node was up, or by a command, leaves now.
      mailWorker?.kick();
      return url;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      await presence.stop().catch((err: unknown) => log.warn({ err }, 'presence not recorded'));
      await signInSockets.stop();
      await gateway.shutdown(500);
      await app.close();
      routing.stop();
      await routing.idle();
      offerDeadlines.stop();
      await mailImporter?.stop();
      await smtpReceiver?.stop();
      await housekeeper.stop();
      await mailWorker?.stop();
      // What the caller passed in is theirs to close.
      if (!overrides.bus) await bus.close();
      if (!overrides.store) await store.close();
    },
  };
}

/** The base and secret of ticket reply addresses, when mail to the desk comes in and is signed. */
function replyAddressOf(config: Config): { base: string; secret: string } | null {
  const { imapUrl, receiver, addresses, replySecret } = config.inboundMail;
  const base = addresses[0]?.address;
  return (imapUrl || receiver) && base && replySecret ? { base, secret: replySecret } : null;
}
