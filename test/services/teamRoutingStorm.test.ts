// A randomized storm on one node with teams and overflow: customers start chats on the teams'
// topics and leave, agents take chats, change status, raise their max and switch auto-assign,
// a super admin
// assigns, and the injected clock jumps ahead so chats overflow (the passes timed for those
// moments run as the clock passes them). Operations run several at a time; after each round,
// once routing has settled, the database must show no agent over their max, loads equal to open
// chats, no chat given twice, no chat routed to an agent outside its team (or, once overflowed,
// its fallback team), and no chat waiting while an agent who may have it has room. The seed is
// printed; SEED=<n> replays the same run (the interleaving within a round may differ).
import { expect, it } from 'vitest';
import { updateOwnAgentState } from '../../src/services/agents/agentStatus.js';
import { assignSession } from '../../src/services/sessions/chatAssigner.js';
import { endSession } from '../../src/services/sessions/sessionEnder.js';
import { createTeam, setTeamMember, updateTeam } from '../../src/services/teams/teams.js';
import { createTopic } from '../../src/services/topics/topics.js';
import type { AgentStatus } from '../../src/shared/vocabulary.js';
import { Random, seedFromEnv } from '../cluster/support/random.js';
import { describeEachDatabase } from '../support/databases.js';
import {
  assignmentViolations,
  ineligibleAssignments,
  loadViolations,
  overflowedChats,
  sequenceViolations,
  unroutedBacklog,
} from '../support/routingInvariants.js';
import { makeWorld, testSettings, type Person } from '../support/world.js';

const ROUNDS = 40;
const PER_ROUND = 6;
const CUSTOMERS = 12;
/** Refusals a storm runs into: someone was faster, or the chat is gone or not the caller's. */
const EXPECTED = new Set([
  'SESSION_ALREADY_ASSIGNED',
  'SESSION_NOT_WAITING',
  'SESSION_ENDED',
  'AGENT_AT_CAPACITY',
  'AGENT_UNAVAILABLE',
  'FORBIDDEN',
  'NOT_FOUND',
]);

const WEIGHTS = {
  start: 30,
  end: 12,
  take: 8,
  assign: 4,
  status: 10,
  raiseMax: 6,
  autoAssign: 6,
};

describeEachDatabase('routing storm with teams', (db) => {
  it('keeps every promise of routing per team and overflow, round after round', async () => {
    const seed = seedFromEnv();
    console.log(`team routing storm: seed ${seed} (replay with SEED=${seed})`);
    const random = new Random(seed);
    const world = makeWorld(db(), {
      abuseLimits: { ...testSettings.abuseLimits, openChatsPerCustomer: 1000, chatsPerHour: 1000 },
    });
    const ada = await world.superAdmin('Ada');

    // Finance overflows to IT after 30 s, IT to Records after 60 s, Records nowhere.
    const team = async (name: string) =>
      (await createTeam(world.ctx, ada, { name, description: '' })).row.id;
    const teams = [await team('Finance'), await team('IT'), await team('Records')];
    await updateTeam(world.ctx, ada, teams[0]!, {
      overflow: { teamId: teams[1]!, afterSeconds: 30 },
    });
    await updateTeam(world.ctx, ada, teams[1]!, {
      overflow: { teamId: teams[2]!, afterSeconds: 60 },
    });
    const topics: string[] = [];
    for (const [i, teamId] of teams.entries()) {
      const topic = await createTopic(world.ctx, ada, {
        slug: `topic-${i}`,
        name: `Topic ${i}`,
        teamId,
        isDefault: false,
        position: i,
      });
      topics.push(topic.row.id);
    }
    // Finance is small and overflows into IT, which is larger; one agent is in both, one in no
    // team (they only ever get chats by hand).
    const teamsOf = [[0], [0], [1], [1], [1], [2], [0, 1], []].map((of) =>
      of.map((i) => teams[i]!),
    );
    const maxOf = teamsOf.map(() => 1 + random.int(3));
    const agents: Person[] = [];
    for (const [i, mine] of teamsOf.entries()) {
      const agent = await world.agent(`Agent ${i}`, {
        status: random.pick(['online', 'online', 'away', 'offline'] as const),
        max: maxOf[i]!,
        autoAssign: random.next() < 0.8,
        connected: true,
      });
      for (const teamId of mine) {
        await setTeamMember(world.ctx, ada, { teamId, agentId: agent.id, isLead: false });
      }
      agents.push(agent);
    }
    const customers: Person[] = [];
    for (let i = 0; i < CUSTOMERS; i++) customers.push(await world.customer(`Customer ${i}`));
    await world.routing.idle();

    const open: Array<{ id: string; customer: Person }> = [];
    const placedByHand = new Set<string>();
    const raising = new Map<string, Promise<unknown>>();
    const failures: string[] = [];
    const counts = new Map<string, number>();
    const outcome = async (kind: string, work: Promise<unknown>): Promise<boolean> => {
      try {
        await work;
        counts.set(`${kind} ok`, (counts.get(`${kind} ok`) ?? 0) + 1);
        return true;
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
        counts.set(`${kind} ${code}`, (counts.get(`${kind} ${code}`) ?? 0) + 1);
        if (!EXPECTED.has(code)) failures.push(`${kind}: ${code} ${String(error)}`);
        return false;
      }
    };

    const operation = (): (() => Promise<unknown>) => {
      const kind = random.weighted(WEIGHTS);
      const agent = random.pick(agents);
      const draw = random.next();
      switch (kind) {
        case 'start': {
          const customer = random.pick(customers);
          const topicId = random.pick(topics);
          const priority = random.pick(['low', 'medium', 'high', 'urgent'] as const);
          return async () => {
            const id = await world.startChat(customer, { topicId, priority });
            open.push({ id, customer });
          };
        }
        case 'end':
          return async () => {
            const chat = open[Math.floor(draw * open.length)];
            if (!chat) return;
            open.splice(open.indexOf(chat), 1);
            await outcome(
              'end',
              endSession(world.ctx, { viewer: chat.customer, sessionId: chat.id }),
            );
          };
        case 'take':
        case 'assign':
          return async () => {
            const chat = open[Math.floor(draw * open.length)];
            if (!chat) return;
            const placed = await outcome(
              kind,
              kind === 'take'
                ? assignSession(world.ctx, { viewer: agent, sessionId: chat.id })
                : assignSession(world.ctx, { viewer: ada, sessionId: chat.id, agentId: agent.id }),
            );
            if (placed) placedByHand.add(chat.id);
          };
        case 'status': {
          const status = random.pick<AgentStatus>(['online', 'online', 'busy', 'away', 'offline']);
          return () => outcome(kind, updateOwnAgentState(world.ctx, agent, { status }));
        }
        case 'raiseMax': {
          // Raised only, and once at a time per agent (the one in flight first): a lower max
          // than an agent's open chats is theirs to choose, and no routing promise.
          const i = agents.indexOf(agent);
          const maxConcurrentChats = Math.min(10, ++maxOf[i]!);
          const before = raising.get(agent.id) ?? Promise.resolve();
          const raised = before.then(() =>
            outcome(kind, updateOwnAgentState(world.ctx, agent, { maxConcurrentChats })),
          );
          raising.set(agent.id, raised);
          return () => raised;
        }
        case 'autoAssign': {
          const autoAssign = draw < 0.7;
          return () => outcome(kind, updateOwnAgentState(world.ctx, agent, { autoAssign }));
        }
      }
    };

    const check = async (when: string) => {
      await world.routing.idle();
      const found = [
        ...(await loadViolations(db().db)),
        ...(await assignmentViolations(db().db)),
        ...(await ineligibleAssignments(db().db, placedByHand)),
        ...(await unroutedBacklog(db().db, { overflowedBy: world.clock.now() })),
      ];
      failures.push(...found.map((problem) => `${when}: ${problem}`));
    };

    for (let round = 0; round < ROUNDS && failures.length === 0; round++) {
      const batch = Array.from({ length: PER_ROUND }, operation);
      await Promise.all(batch.map((run) => run()));
      await check(`after round ${round}`);
      // A few seconds, or past both overflow delays.
      const ms = 1000 + random.int(70_000);
      world.clock.advance(ms);
      await check(`${ms} ms after round ${round}`);
    }
    failures.push(...(await sequenceViolations(db().db)));
    // Chats routing gave to an agent outside their team: after overflowing (else a failure above).
    const overflowed = await overflowedChats(db().db, placedByHand);
    console.log(
      `team routing storm (seed ${seed}): ${overflowed} chats overflowed, ${[...counts.entries()]
        .sort()
        .map(([key, n]) => `${key}: ${n}`)
        .join(', ')}`,
    );
    expect(failures).toEqual([]);
    // The storm did what it is for: chats were routed, some of them after overflowing.
    const routed = await db()
      .db.selectFrom('chat_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assigned_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(routed.n)).toBeGreaterThan(0);
  }, 120_000);
});
