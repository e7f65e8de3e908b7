// Builds benchmark data fast, straight through the services and repositories (no HTTP, no
// password hashing): accounts with API tokens, and chats already routed to agents.
import { offlineContext } from '../../src/cli/offlineContext.js';
import { loadConfig } from '../../src/config.js';
import type { Viewer } from '../../src/domain/policies.js';
import { issueAuthSession } from '../../src/services/accounts/authSessions.js';
import type { ServiceContext } from '../../src/services/context.js';
import { routeQueue } from '../../src/services/sessions/queueRouter.js';
import { startSession } from '../../src/services/sessions/sessionStarter.js';
import { createTeam, setTeamMember } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import { ensureAgentStatus } from '../../src/storage/repositories/agents.js';
import { insertUser } from '../../src/storage/repositories/users.js';
import type { AgentStatus, Role } from '../../src/shared/vocabulary.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore, type Db, type Store } from '../../src/storage/store.js';
import { BENCH_LIMITS } from './processes.js';

export interface Fixture {
  ctx: ServiceContext;
  store: Store;
  close(): Promise<void>;
}

export async function openFixture(options: {
  databaseUrl?: string;
  sqliteFile?: string;
}): Promise<Fixture> {
  const store = openStore({ ...options, pgPoolSize: 4 });
  await migrateToLatest(store);
  const ctx = offlineContext(store, loadConfig({ DATA_DIR: '/tmp', ...BENCH_LIMITS }));
  return { ctx, store, close: () => store.close() };
}

/**
 * Runs `work` with a context in which every service's transaction joins one outer transaction:
 * a fixture of thousands of rows then costs one commit (one disk flush) instead of one each.
 */
export function inOneTransaction<T>(
  fixture: Fixture,
  work: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  return fixture.store.transaction((trx) => {
    const join = <R>(inner: (db: Db) => Promise<R>) => inner(trx);
    const store: Store = { ...fixture.store, db: trx, transaction: join, groupedTransaction: join };
    return work({ ...fixture.ctx, store });
  });
}

export interface BenchUser extends Viewer {
  token: string;
}

/** Accounts without passwords (they sign in with the returned API tokens). */
export async function createUsers(
  fixture: Fixture,
  count: number,
  role: Role,
  agent: { status: AgentStatus; max: (i: number) => number } = { status: 'offline', max: () => 5 },
): Promise<BenchUser[]> {
  // A commit per account would make the connections scenario's ten thousand accounts take
  // longer than the scenario itself.
  return inOneTransaction(fixture, (ctx) => insertUsers(ctx, count, role, agent));
}

async function insertUsers(
  ctx: ServiceContext,
  count: number,
  role: Role,
  agent: { status: AgentStatus; max: (i: number) => number },
): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const now = ctx.clock.now();
    const user = {
      id: ctx.ids.next(),
      email: `${role}-${i}-${now}@bench.example`,
      name: `${role === 'user' ? 'Customer' : 'Agent'} ${i}`,
      role,
      password_hash: null,
      external_id: null,
      is_active: 1 as const,
      is_guest: 0 as const,
      contact_email: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    await insertUser(ctx.store.db, user);
    if (role !== 'user') {
      await ensureAgentStatus(ctx.store.db, user.id, now);
      await ctx.store.db
        .updateTable('chat_agent_status')
        .set({ status: agent.status, max_concurrent_chats: agent.max(i), auto_assign: 1 })
        .where('agent_id', '=', user.id)
        .execute();
    }
    const { secret } = await issueAuthSession(ctx, user, 'token', { ip: null, userAgent: 'bench' });
    users.push({ id: user.id, role, token: secret });
  }
  return users;
}

export interface ChatPair {
  sessionId: string;
  customerToken: string;
  agentToken: string;
  /** Seq of the session's latest event: subscribers start after it. */
  lastSeq: number;
}

/** `count` active chats, each between its own customer and one of `count / 10` agents. */
export async function createActiveChats(fixture: Fixture, count: number): Promise<ChatPair[]> {
  const agents = await createUsers(fixture, Math.ceil(count / 10), 'admin', {
    status: 'online',
    max: () => 10,
  });
  const customers = await createUsers(fixture, count, 'user');
  const sessions: string[] = [];
  await inOneTransaction(fixture, async (ctx) => {
    for (const customer of customers) {
      const record = await startSession(ctx, {
        viewer: customer,
        subject: 'Benchmark chat',
        priority: 'medium',
        message: 'Hello',
      });
      sessions.push(record.row.id);
    }
  });
  await routeQueue(fixture.ctx);
  const rows = await fixture.store.db
    .selectFrom('chat_sessions')
    .select(['id', 'assigned_agent_id', 'last_seq'])
    .where('id', 'in', sessions)
    .execute();
  const tokenOf = new Map(agents.map((a) => [a.id, a.token]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return sessions.map((sessionId, i) => {
    const row = byId.get(sessionId)!;
    if (!row.assigned_agent_id) throw new Error('fixture chat was not routed');
    return {
      sessionId,
      customerToken: customers[i]!.token,
      agentToken: tokenOf.get(row.assigned_agent_id)!,
      lastSeq: row.last_seq,
    };
  });
}

/**
 * A desk of `desks` teams as a university runs it: a "General" team of every agent whose topic
 * is the default (so chats started without a topic, like the routing scenario's wave, may go to
 * anyone), and `desks` teams, agent i in team i % desks, each with a topic of its own. Returns
 * the desks' topic ids, in order.
 */
export async function createDesks(
  fixture: Fixture,
  supervisor: Viewer,
  agents: readonly Viewer[],
  desks: number,
): Promise<string[]> {
  return inOneTransaction(fixture, async (ctx) => {
    const desk = async (name: string, members: readonly Viewer[], isDefault: boolean) => {
      const team = await createTeam(ctx, supervisor, { name, description: '' });
      const slug = name.toLowerCase().replace(/\W+/g, '-');
      const topic = await createTopic(ctx, supervisor, {
        name,
        slug,
        teamId: team.row.id,
        isDefault,
        position: 0,
      });
      for (const agent of members)
        await setTeamMember(ctx, supervisor, {
          teamId: team.row.id,
          agentId: agent.id,
          isLead: false,
        });
      return topic.row.id;
    };
    await desk('General', agents, true);
    const topics: string[] = [];
    for (let d = 0; d < desks; d++)
      topics.push(
        await desk(
          `Desk ${d + 1}`,
          agents.filter((_a, i) => i % desks === d),
          false,
        ),
      );
    return topics;
  });
}
