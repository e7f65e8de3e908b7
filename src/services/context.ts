// What every use case receives: storage, time, ids, the bus, routing and the deployment's settings.
import type { EventBus } from '../bus/bus.js';
import type { AbuseLimits } from '../domain/abuseLimits.js';
import type { FileLimits } from '../domain/files/fileLimits.js';
import type { FileStore } from '../storage/files/fileStore.js';
import type { ServerFrame } from '../shared/protocol.js';
import type { CustomerSignUpMode, TransferMode } from '../shared/vocabulary.js';
import type { BatchRunner } from '../storage/groupCommit.js';
import type { Store } from '../storage/store.js';
import type { Clock, Ids } from './runtime.js';
import { topics } from '../bus/bus.js';
import { listAgentStates } from '../storage/repositories/agents.js';
import { FAN_OUT, presentAgentState } from './presenters.js';

export interface ServiceSettings {
  /** A manual take or admin assignment may exceed the agent's max concurrent chats. */
  allowTakeOverCapacity: boolean;
  /** A transfer to an agent happens at once, or is an offer they accept (TRANSFER_MODE). */
  transferMode: TransferMode;
  /** An offer not answered within this long expires (TRANSFER_OFFER_SECONDS). */
  transferOfferMs: number;
  /** Customers see the email of the agents they talk to (SHOW_AGENT_EMAIL_TO_CUSTOMERS). */
  showAgentEmailToCustomers: boolean;
  /** Customers may make their own account (CUSTOMER_SIGN_UP): off, after a mailed link, or at once. */
  customerSignUp: CustomerSignUpMode;
  /** How long a sign-in lasts without use, in milliseconds. */
  authSessionIdleMs: number;
  /** How long a sign-in lasts at most, in milliseconds. */
  authSessionMaxMs: number;
  /**
   * How long a visitor's token lasts without use (VISITOR_TOKEN_DAYS); it slides forward with
   * use and has no absolute end, since a visitor cannot sign in again.
   */
  visitorTokenIdleMs: number;
  /** An agent whose last socket closed this long ago is set to away. */
  agentAwayGraceMs: number;
  /**
   * The chats of an agent the system set away (connection lost, or signed out) go back to the
   * queue once they have stayed gone this long; 0 keeps them with the agent.
   */
  requeueAfterAwayMs: number;
  /** A chat whose customer has waited this long for the agent's reply is highlighted. */
  replyOverdueMs: number;
  /** A node that has not beaten its heartbeat for this long is presumed dead. */
  nodeStaleMs: number;
  sso: {
    secret: string;
    audience: string;
    issuer?: string | undefined;
    /** A first-time host user may sign in as the customer account with their email. */
    linkByEmail: boolean;
  } | null;
  signInLimits: { perAccount: number; perAddress: number; windowMs: number };
  abuseLimits: AbuseLimits;
  /** Solved tickets close by themselves this many days after they were solved. */
  ticketAutoCloseDays: number;
  /**
   * A chat still waiting, never assigned, this long is ended and becomes a ticket
   * (UNANSWERED_CHAT_TICKET_MINUTES); 0 leaves it waiting (services/tickets/unattendedChats.ts).
   */
  unansweredChatTicketMs: number;
  /** A waiting chat its customer ends before any agent had it becomes a ticket (ABANDONED_CHAT_TICKETS). */
  abandonedChatTickets: boolean;
  /** Attachments: their limits, and whether customers may upload (CUSTOMER_UPLOADS). */
  files: { limits: FileLimits; customerUploads: boolean };
  /** The deployment's name, as mail says it (DESK_NAME). */
  deskName: string;
  /** IANA zone of the desk's wall clock: report days and the heatmap (DESK_TIME_ZONE). */
  timeZone: string;
  /** Outgoing mail; null when SMTP_URL is not set, and then nothing is queued. */
  mail: MailSettings | null;
}

export interface MailSettings {
  /** The From of every mail (MAIL_FROM). */
  from: string;
  /** The domain of our Message-IDs. */
  messageIdDomain: string;
  /** Attempts before a mail is dead (MAIL_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Where links in mail point (PUBLIC_URL). */
  publicOrigin: string;
  /**
   * The desk's address and the secret that signs a ticket's reply address (Reply-To of ticket
   * mail); null when inbound mail is not set up (no IMAP_URL, address or MAIL_REPLY_SECRET).
   */
  replyAddress?: { base: string; secret: string } | null;
}

export interface MailTrigger {
  /** Asks the outbox worker to send what is due soon (after a commit that queued mail). */
  kick(): void;
}

export interface RoutingTrigger {
  /** Asks for the queue to be routed again soon (coalesces bursts into one pass). */
  kick(): void;
}

export interface OfferDeadlines {
  /**
   * Asks for the transfer offers due by `at` (epoch ms) to be expired then, on this node
   * (services/transfers/transferOfferExpiry.ts); the housekeeping sweep is the safety net.
   */
  expireAt(at: number): void;
}

export interface ServiceContext {
  store: Store;
  /** Where the content of uploaded files lives (the database, or FILES_DIR). */
  files: FileStore;
  clock: Clock;
  ids: Ids;
  bus: EventBus;
  routing: RoutingTrigger;
  offerDeadlines: OfferDeadlines;
  mail: MailTrigger;
  settings: ServiceSettings;
  nodeId: string;
}

/** Frames a use case produced inside its transaction, published only after it commits. */
export class Outbox {
  private readonly frames: Array<{ topic: string; frame: ServerFrame }> = [];
  private reroute = false;
  private readonly agents = new Set<string>();
  private readonly deadlines: number[] = [];
  private mailQueued = false;

  add(topic: string, frame: ServerFrame): void {
    this.frames.push({ topic, frame });
  }

  /** An agent's status or load changed: their state is announced before commit. */
  touchAgent(agentId: string): void {
    this.agents.add(agentId);
  }

  get touchedAgents(): ReadonlySet<string> {
    return this.agents;
  }

  /** A transfer offer was made that expires at `at`: its check is scheduled once committed. */
  expireOfferAt(at: number): void {
    this.deadlines.push(at);
  }

  /** Routing's outcome may have changed (a chat started or ended, capacity changed). */
  requestRouting(): void {
    this.reroute = true;
  }

  /** A mail was queued (services/mail/outbox/mailQueue.ts): the worker wakes once committed. */
  mailWasQueued(): void {
    this.mailQueued = true;
  }

  clear(): void {
    this.frames.length = 0;
    this.agents.clear();
    this.deadlines.length = 0;
    this.reroute = false;
    this.mailQueued = false;
  }

  publish(ctx: Pick<ServiceContext, 'bus' | 'routing' | 'offerDeadlines' | 'mail'>): void {
    for (const { topic, frame } of this.frames) ctx.bus.publish(topic, frame);
    if (this.reroute) ctx.routing.kick();
    for (const at of this.deadlines) ctx.offerDeadlines.expireAt(at);
    if (this.mailQueued) ctx.mail.kick();
  }
}

/**
 * A use case's request, as a batch runner gets it: the runner writes the frames of each request
 * into its outbox (emptied first: a retried batch starts over), and they are published once the
 * batch has committed. No agent states are announced for a batched request.
 */
export interface BatchedRequest<P> {
  ctx: ServiceContext;
  props: P;
  outbox: Outbox;
}

export interface CommitOptions<P, T> {
  /** A session id: small, frequent writes share a commit with concurrent ones. */
  groupBy?: string;
  /** With groupBy: concurrent requests of this runner may be done together (`work` alone otherwise). */
  batch?: { runner: BatchRunner<BatchedRequest<P>, T>; props: P };
}

/**
 * Runs `work` in a transaction and publishes its outbox once committed. `groupBy` (a session
 * id) lets small, frequent writes share a commit with concurrent ones (Store.groupedTransaction).
 */
export async function commit<T, P = never>(
  ctx: ServiceContext,
  work: (trx: Store['db'], outbox: Outbox) => Promise<T>,
  options: CommitOptions<P, T> = {},
): Promise<T> {
  const outbox = new Outbox();
  const alone = async (trx: Store['db']): Promise<T> => {
    // A retried transaction starts over: frames of a failed attempt must never be published.
    outbox.clear();
    const value = await work(trx, outbox);
    await announceAgentStates(trx, ctx, outbox);
    return value;
  };
  const { groupBy, batch } = options;
  const result =
    groupBy === undefined
      ? await ctx.store.transaction(alone)
      : await ctx.store.groupedTransaction(
          alone,
          groupBy,
          batch && { runner: batch.runner, item: { ctx, props: batch.props, outbox } },
        );
  outbox.publish(ctx);
  return result;
}

async function announceAgentStates(trx: Store['db'], ctx: ServiceContext, outbox: Outbox) {
  if (outbox.touchedAgents.size === 0) return;
  const states = await listAgentStates(trx, {
    now: ctx.clock.now(),
    nodeStaleMs: ctx.settings.nodeStaleMs,
    agentIds: [...outbox.touchedAgents],
  });
  for (const state of states) {
    outbox.add(topics.agents, { type: 'agent.status', state: presentAgentState(state, FAN_OUT) });
  }
}
