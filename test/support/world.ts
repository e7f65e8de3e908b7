// Builds a service context on a test database with a clock the test controls, and factories
// that make customers, agents and chats in one line each.
import { MemoryBus } from '../../src/bus/memoryBus.js';
import { DEFAULT_ABUSE_LIMITS } from '../../src/domain/abuseLimits.js';
import { DEFAULT_FILE_LIMITS } from '../../src/domain/files/fileLimits.js';
import type { Viewer } from '../../src/domain/policies.js';
import type { ServerFrame } from '../../src/shared/protocol.js';
import type { Priority, Role } from '../../src/shared/vocabulary.js';
import { createAccount } from '../../src/services/accounts/accounts.js';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import type { ServiceContext, ServiceSettings } from '../../src/services/context.js';
import { uuidV7 } from '../../src/services/runtime.js';
import {
  RoutingScheduler,
  routeQueue,
  type SetTimer,
} from '../../src/services/sessions/queueRouter.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import type { AgentStatus } from '../../src/shared/vocabulary.js';
import { registerNode, setPresence } from '../../src/storage/repositories/cluster.js';
import { DatabaseFileStore } from '../../src/storage/files/databaseFileStore.js';
import type { Store } from '../../src/storage/store.js';
import { trackRouting } from './pendingRouting.js';

/**
 * A clock the test moves, with timers on it: advancing the clock runs the timers it passes (in
 * the order they are due), so a pass timed for a moment runs when the test reaches it.
 */
export class ManualClock {
  private timers: Array<{ at: number; work: () => void }> = [];

  constructor(public ms = Date.UTC(2026, 0, 5, 9, 0, 0)) {}
  now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
    const due = this.timers.filter((t) => t.at <= this.ms).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.ms);
    for (const timer of due) timer.work();
  }
  setTimer: SetTimer = (work, delayMs) => {
    const timer = { at: this.ms + delayMs, work };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };
}

export const testSettings: ServiceSettings = {
  allowTakeOverCapacity: false,
  transferMode: 'direct',
  transferOfferMs: 60_000,
  showAgentEmailToCustomers: false,
  customerSignUp: 'off',
  authSessionIdleMs: 3_600_000,
  authSessionMaxMs: 86_400_000,
  visitorTokenIdleMs: 90 * 86_400_000,
  agentAwayGraceMs: 60_000,
  requeueAfterAwayMs: 120_000,
  replyOverdueMs: 120_000,
  nodeStaleMs: 30_000,
  sso: {
    secret: 'a-test-secret-that-is-long-enough-1234',
    audience: 'switchboard',
    issuer: undefined,
    linkByEmail: false,
  },
  signInLimits: { perAccount: 5, perAddress: 20, windowMs: 900_000 },
  abuseLimits: DEFAULT_ABUSE_LIMITS,
  ticketAutoCloseDays: 4,
  unansweredChatTicketMs: 0,
  abandonedChatTickets: false,
  files: { limits: DEFAULT_FILE_LIMITS, customerUploads: true },
  deskName: 'Test Desk',
  timeZone: 'UTC',
  mail: {
    from: 'Help desk <help@desk.test>',
    messageIdDomain: 'desk.test',
    maxAttempts: 3,
    publicOrigin: 'http://desk.test',
  },
};

export interface World {
  ctx: ServiceContext;
  clock: ManualClock;
  bus: MemoryBus;
  routing: RoutingScheduler;
  /** Every frame published, with its topic, in order. */
  published: Array<{ topic: string; frame: ServerFrame }>;
  /**
   * The deadlines transfer offers asked to be expired at, in order: the test moves the clock and
   * runs the check itself (services/transfers/transferOfferExpiry.ts#expireDueOffers).
   */
  offerDeadlines: number[];
  customer(name?: string): Promise<Person>;
  agent(name?: string, options?: AgentOptions): Promise<Person>;
  superAdmin(name?: string): Promise<Person>;
  startChat(customer: Viewer, options?: ChatOptions): Promise<string>;
}

export interface Person extends Viewer {
  name: string;
  email: string;
}

export interface AgentOptions {
  status?: AgentStatus;
  max?: number;
  autoAssign?: boolean;
  /** A socket of theirs is open on this node (needed to be handed a chat by someone else). */
  connected?: boolean;
}

export interface ChatOptions {
  subject?: string;
  priority?: Priority;
  message?: string;
  topicId?: string;
}

let counter = 0;

export function makeWorld(store: Store, settings: Partial<ServiceSettings> = {}): World {
  const clock = new ManualClock();
  const bus = new MemoryBus();
  const published: World['published'] = [];
  const offerDeadlines: number[] = [];
  const publish = bus.publish.bind(bus);
  bus.publish = (topic, frame) => {
    published.push({ topic, frame });
    publish(topic, frame);
  };
  const routing = new RoutingScheduler(
    () => routeQueue(ctx),
    (error) => {
      throw error;
    },
    clock,
    clock.setTimer,
  );
  trackRouting(routing);
  const ctx: ServiceContext = {
    store,
    files: new DatabaseFileStore(store.db),
    clock,
    ids: uuidV7,
    bus,
    routing,
    offerDeadlines: { expireAt: (at) => offerDeadlines.push(at) },
    // A test that sends mail puts its own outbox worker here.
    mail: { kick: () => {} },
    nodeId: 'test-node',
    settings: { ...testSettings, ...settings },
  };

  async function person(role: Role, name: string): Promise<Person> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++counter}.${process.pid}@example.com`;
    const user = await createAccount(ctx, null, {
      email,
      name,
      password: 'correct horse battery',
      role,
    });
    return { id: user.id, role: user.role, name, email };
  }

  return {
    ctx,
    clock,
    bus,
    routing,
    published,
    offerDeadlines,
    customer: (name = 'Yaw') => person('user', name),
    superAdmin: (name = 'Ada') => person('super_admin', name),
    async agent(name = 'Ama', options: AgentOptions = {}) {
      const agent = await person('admin', name);
      await updateOwnAgentState(ctx, agent, {
        status: options.status ?? 'online',
        maxConcurrentChats: options.max ?? 5,
        autoAssign: options.autoAssign ?? true,
      });
      if (options.connected) {
        await registerNode(store.db, ctx.nodeId, clock.now());
        await setPresence(store.db, ctx.nodeId, agent.id, 1, clock.now());
      }
      await routing.idle();
      return agent;
    },
    async startChat(customer, options = {}) {
      const record = await startSession(ctx, {
        viewer: customer,
        subject: options.subject ?? 'Cannot sign in',
        priority: options.priority ?? 'medium',
        message: options.message ?? 'Hello, I need help',
        topicId: options.topicId,
      });
      clock.advance(1000);
      return record.row.id;
    },
  };
}
