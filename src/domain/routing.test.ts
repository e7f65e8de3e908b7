import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  AssignmentPlanner,
  checkManualAssignment,
  compareQueue,
  inQueueScope,
  mayRoute,
  nextWidening,
  NO_OVERFLOW,
  overflowsAt,
  pickAgent,
  planAssignments,
  queueScope,
  routableTeams,
  widensAt,
  type OverflowRules,
  type QueuedSession,
  type RoutableAgent,
} from './routing.js';

const agent = (id: string, overrides: Partial<RoutableAgent> = {}): RoutableAgent => ({
  id,
  status: 'online',
  autoAssign: true,
  openChats: 0,
  maxConcurrentChats: 3,
  lastAssignedAt: null,
  teamIds: [],
  ...overrides,
});

const chat = (id: string, overrides: Partial<QueuedSession> = {}): QueuedSession => ({
  id,
  customerId: `customer-${id}`,
  priority: 'medium',
  startedAt: 1000,
  teamId: null,
  ...overrides,
});

/** A moment with no team overflowing: routing as before teams. */
const anyTime = { now: 0, overflow: NO_OVERFLOW };

describe('queue order', () => {
  it('serves urgent before high before medium before low, then the oldest first', () => {
    const queue = [
      chat('low-old', { priority: 'low', startedAt: 1 }),
      chat('medium-new', { priority: 'medium', startedAt: 50 }),
      chat('urgent-new', { priority: 'urgent', startedAt: 99 }),
      chat('medium-old', { priority: 'medium', startedAt: 10 }),
      chat('high', { priority: 'high', startedAt: 70 }),
    ];
    expect([...queue].sort(compareQueue).map((c) => c.id)).toEqual([
      'urgent-new',
      'high',
      'medium-old',
      'medium-new',
      'low-old',
    ]);
  });
});

describe('pickAgent', () => {
  it('gives the new chat to the agent with the fewest open chats', () => {
    const picked = pickAgent(
      [agent('a', { openChats: 2 }), agent('b', { openChats: 1 })],
      chat('s'),
      anyTime,
    );
    expect(picked?.id).toBe('b');
  });

  it('breaks ties in favour of the agent assigned least recently', () => {
    const picked = pickAgent(
      [
        agent('a', { openChats: 1, lastAssignedAt: 500 }),
        agent('b', { openChats: 1, lastAssignedAt: 100 }),
      ],
      chat('s'),
      anyTime,
    );
    expect(picked?.id).toBe('b');
  });

  it('prefers an agent never assigned over one assigned before', () => {
    const picked = pickAgent(
      [agent('a', { lastAssignedAt: 1 }), agent('b', { lastAssignedAt: null })],
      chat('s'),
      anyTime,
    );
    expect(picked?.id).toBe('b');
  });

  it.each(['busy', 'away', 'offline'] as const)('never routes to an agent who is %s', (status) => {
    expect(pickAgent([agent('a', { status })], chat('s'), anyTime)).toBeUndefined();
  });

  it('skips agents with auto-assign off or at their max', () => {
    const agents = [
      agent('off', { autoAssign: false }),
      agent('full', { openChats: 3, maxConcurrentChats: 3 }),
    ];
    expect(pickAgent(agents, chat('s'), anyTime)).toBeUndefined();
  });

  it('never gives agents a chat they started themselves', () => {
    expect(pickAgent([agent('a')], chat('s', { customerId: 'a' }), anyTime)).toBeUndefined();
  });
});

describe('planAssignments', () => {
  it('spreads a backlog evenly and fills capacity exactly', () => {
    const queue = Array.from({ length: 10 }, (_, i) => chat(`s${i}`, { startedAt: i }));
    const plan = planAssignments(
      queue,
      [agent('a', { maxConcurrentChats: 2 }), agent('b'), agent('c')],
      0,
    );
    expect(plan).toHaveLength(8);
    const perAgent = (id: string) => plan.filter((p) => p.agentId === id).length;
    expect([perAgent('a'), perAgent('b'), perAgent('c')]).toEqual([2, 3, 3]);
    expect(plan.map((p) => p.sessionId)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7']);
  });

  it('counts open chats, not lifetime chats', () => {
    // "a" has handled many chats before but has none open now.
    const plan = planAssignments(
      [chat('s')],
      [agent('a', { lastAssignedAt: 9 }), agent('b', { openChats: 1 })],
      0,
    );
    expect(plan).toEqual([{ sessionId: 's', agentId: 'a' }]);
  });

  it('plans nothing when nobody is available', () => {
    expect(planAssignments([chat('s')], [agent('a', { status: 'busy' })], 0)).toEqual([]);
  });

  it('skips a chat only its own customer could take and routes the next one', () => {
    const plan = planAssignments(
      [chat('mine', { customerId: 'a', startedAt: 1 }), chat('other', { startedAt: 2 })],
      [agent('a')],
      0,
    );
    expect(plan).toEqual([{ sessionId: 'other', agentId: 'a' }]);
  });

  it('does not change the agents it was given', () => {
    const agents = [agent('a')];
    planAssignments([chat('s')], agents, 0);
    expect(agents[0]!.openChats).toBe(0);
  });
});

describe('AssignmentPlanner', () => {
  it('stays open past a page holding only the agent’s own chat, and places the next page', () => {
    // Ama (max 1) started a chat herself; Yaw's chat comes after it in the queue.
    const planner = new AssignmentPlanner([agent('ama', { maxConcurrentChats: 1 })], 0, {
      limit: 1,
    });
    planner.add([chat('amas', { customerId: 'ama', startedAt: 1 })]);
    expect(planner.plan).toEqual([]);
    expect(planner.open).toBe(true);
    planner.add([chat('yaws', { customerId: 'yaw', startedAt: 2 })]);
    expect(planner.plan).toEqual([{ sessionId: 'yaws', agentId: 'ama' }]);
    expect(planner.open).toBe(false);
  });

  it('closes once the plan reaches its limit, though agents still have room', () => {
    const planner = new AssignmentPlanner([agent('a', { maxConcurrentChats: 5 })], 0, {
      limit: 2,
    });
    planner.add([chat('s1', { startedAt: 1 }), chat('s2', { startedAt: 2 }), chat('s3')]);
    expect(planner.plan.map((p) => p.sessionId)).toEqual(['s1', 's2']);
    expect(planner.open).toBe(false);
  });

  it('closes once no agent can take another chat', () => {
    const planner = new AssignmentPlanner([agent('a', { maxConcurrentChats: 1 })], 0);
    planner.add([chat('s1')]);
    expect(planner.open).toBe(false);
  });

  it('plans page by page exactly as it would plan the whole queue at once', () => {
    const queue = Array.from({ length: 9 }, (_, i) =>
      chat(`s${i}`, { startedAt: i, customerId: i % 3 === 0 ? 'b' : `c${i}` }),
    );
    const agents = [agent('a', { maxConcurrentChats: 2 }), agent('b')];
    const planner = new AssignmentPlanner(agents, 0);
    for (let i = 0; i < queue.length; i += 2) planner.add(queue.slice(i, i + 2));
    expect(planner.plan).toEqual(planAssignments(queue, agents, 0));
  });
});

describe('checkManualAssignment', () => {
  it('refuses a take that would exceed the max', () => {
    const full = agent('a', { openChats: 3, maxConcurrentChats: 3 });
    expect(() => checkManualAssignment(full, false)).toThrow(AppError);
    expect(() => checkManualAssignment(full, false)).toThrow(/3 of 3/);
  });

  it('allows it when the deployment allows going over capacity', () => {
    expect(() => checkManualAssignment(agent('a', { openChats: 3 }), true)).not.toThrow();
  });

  it('allows a take whatever the status, as taking is deliberate', () => {
    expect(() => checkManualAssignment(agent('a', { status: 'away' }), false)).not.toThrow();
  });
});

describe('routing per team', () => {
  const MINUTE = 60_000;
  // Finance overflows to IT after two minutes; IT overflows to Records after one.
  const overflow: OverflowRules = new Map([
    ['finance', { fallbackTeamId: 'it', afterMs: 2 * MINUTE }],
    ['it', { fallbackTeamId: 'records', afterMs: MINUTE }],
  ]);
  const at = (now: number) => ({ now, overflow });
  const fees = chat('fees', { teamId: 'finance', startedAt: 0 });

  it("gives a team's chat only to that team's agents", () => {
    const agents = [
      agent('kofi', { teamIds: ['finance'], openChats: 2 }),
      agent('ama', { teamIds: ['it'] }),
      agent('nobody'),
    ];
    expect(pickAgent(agents, fees, at(0))?.id).toBe('kofi');
    expect(pickAgent(agents.slice(1), fees, at(0))).toBeUndefined();
  });

  it('gives a chat without a team to any agent, whatever their teams', () => {
    const agents = [agent('kofi', { teamIds: ['finance'] }), agent('nobody', { openChats: 1 })];
    expect(pickAgent(agents, chat('s'), at(0))?.id).toBe('kofi');
  });

  it('keeps the usual order among the team’s agents: fewest open chats, then least recently assigned', () => {
    const agents = [
      agent('kofi', { teamIds: ['finance'], openChats: 1, lastAssignedAt: 1 }),
      agent('esi', { teamIds: ['finance', 'it'], openChats: 1, lastAssignedAt: 0 }),
      agent('ama', { teamIds: ['it'], openChats: 0 }),
    ];
    expect(pickAgent(agents, fees, at(0))?.id).toBe('esi');
  });

  it("overflows to the fallback team's agents once the chat has waited the delay, not before", () => {
    const ama = agent('ama', { teamIds: ['it'] });
    expect(mayRoute(ama, fees, at(2 * MINUTE - 1))).toBe(false);
    expect(mayRoute(ama, fees, at(2 * MINUTE))).toBe(true);
    expect(routableTeams(fees, at(0))).toEqual(['finance']);
    expect(routableTeams(fees, at(3 * MINUTE))).toEqual(['finance', 'it']);
    expect(overflowsAt(fees, overflow)).toBe(2 * MINUTE);
  });

  it('gives an overflowed chat to the least loaded agent of either team', () => {
    const agents = [
      agent('kofi', { teamIds: ['finance'], openChats: 2 }),
      agent('ama', { teamIds: ['it'], openChats: 1 }),
    ];
    expect(pickAgent(agents, fees, at(MINUTE))?.id).toBe('kofi');
    expect(pickAgent(agents, fees, at(2 * MINUTE))?.id).toBe('ama');
  });

  it('overflows one hop only: never on to the fallback team’s own fallback', () => {
    const records = agent('rita', { teamIds: ['records'] });
    expect(mayRoute(records, fees, at(100 * MINUTE))).toBe(false);
    expect(routableTeams(fees, at(100 * MINUTE))).toEqual(['finance', 'it']);
    // IT's own chats do reach Records after IT's delay.
    expect(mayRoute(records, chat('wifi', { teamId: 'it', startedAt: 0 }), at(MINUTE))).toBe(true);
  });

  it('never overflows the chats of a team without a fallback', () => {
    const library = chat('book', { teamId: 'library', startedAt: 0 });
    expect(overflowsAt(library, overflow)).toBeNull();
    expect(routableTeams(library, at(10 ** 9))).toEqual(['library']);
    expect(widensAt(library, at(0))).toBeNull();
  });

  it('says when a chat next becomes routable to more agents, and that it never does once overflowed', () => {
    expect(widensAt(fees, at(0))).toBe(2 * MINUTE);
    expect(widensAt(fees, at(2 * MINUTE - 1))).toBe(2 * MINUTE);
    expect(widensAt(fees, at(2 * MINUTE))).toBeNull();
    expect(widensAt(chat('s'), at(0))).toBeNull();
    const wifi = chat('wifi', { teamId: 'it', startedAt: 30_000 });
    expect(nextWidening([fees, wifi, chat('s')], at(0))).toBe(90_000);
    expect(nextWidening([fees, wifi], at(100_000))).toBe(2 * MINUTE);
    expect(nextWidening([fees, wifi], at(2 * MINUTE))).toBeNull();
  });

  it("counts an agent's max once across all their teams", () => {
    const esi = agent('esi', { teamIds: ['finance', 'it'], maxConcurrentChats: 2 });
    const queue = [
      chat('f1', { teamId: 'finance', startedAt: 1 }),
      chat('i1', { teamId: 'it', startedAt: 2 }),
      chat('f2', { teamId: 'finance', startedAt: 3 }),
      chat('i2', { teamId: 'it', startedAt: 4 }),
    ];
    expect(planAssignments(queue, [esi], 0, { overflow }).map((p) => p.sessionId)).toEqual([
      'f1',
      'i1',
    ]);
  });

  it("passes over a full team's chats, keeping their place, to route another team's behind them", () => {
    const queue = [
      chat('f1', { teamId: 'finance', startedAt: 1, priority: 'urgent' }),
      chat('f2', { teamId: 'finance', startedAt: 2, priority: 'urgent' }),
      chat('i1', { teamId: 'it', startedAt: 3 }),
    ];
    const agents = [
      agent('kofi', { teamIds: ['finance'], openChats: 3 }),
      agent('ama', { teamIds: ['it'] }),
    ];
    expect(planAssignments(queue, agents, 0, { overflow })).toEqual([
      { sessionId: 'i1', agentId: 'ama' },
    ]);
    // Once Finance's have waited the delay, IT's agent serves them first, in queue order.
    expect(planAssignments(queue, agents, 2 * MINUTE + 2, { overflow, limit: 2 })).toEqual([
      { sessionId: 'f1', agentId: 'ama' },
      { sessionId: 'f2', agentId: 'ama' },
    ]);
  });

  it('stays open page after page while only another team’s chats come, and places the first it may', () => {
    const planner = new AssignmentPlanner([agent('ama', { teamIds: ['it'] })], 0, {
      limit: 1,
      overflow,
    });
    planner.add([chat('f1', { teamId: 'finance', startedAt: 1 })]);
    planner.add([chat('f2', { teamId: 'finance', startedAt: 2 })]);
    expect(planner.open).toBe(true);
    planner.add([chat('i1', { teamId: 'it', startedAt: 3 })]);
    expect(planner.plan).toEqual([{ sessionId: 'i1', agentId: 'ama' }]);
  });
});

describe('queueScope', () => {
  const overflow: OverflowRules = new Map([
    ['finance', { fallbackTeamId: 'it', afterMs: 1000 }],
    ['records', { fallbackTeamId: 'library', afterMs: 1000 }],
  ]);

  it('reads chats without a team, the teams of agents with room, and what overflowed to them', () => {
    const agents = [
      agent('ama', { teamIds: ['it'] }),
      agent('kofi', { teamIds: ['finance'], openChats: 3 }),
      agent('lena', { teamIds: ['library'], status: 'away' }),
    ];
    expect(queueScope(agents, { now: 5000, overflow })).toEqual({
      teamIds: ['it'],
      overflowed: [{ teamId: 'finance', startedBy: 4000 }],
    });
  });

  it('never leaves out a chat that some agent with room may be given', () => {
    // Every combination of a few teams, waits and agents: the scope is never narrower than routing.
    const teams = [null, 'finance', 'it', 'records', 'library'];
    const memberships = [[], ['finance'], ['it'], ['library'], ['finance', 'library']];
    for (const now of [0, 999, 1000, 5000]) {
      for (const team of teams) {
        for (const startedAt of [0, 1, 4000]) {
          for (const teamIds of memberships) {
            const agents = [agent('a', { teamIds })];
            const session = chat('s', { teamId: team, startedAt });
            const moment = { now, overflow };
            if (pickAgent(agents, session, moment)) {
              expect(inQueueScope(queueScope(agents, moment), session)).toBe(true);
            }
          }
        }
      }
    }
  });
});
