import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  AssignmentPlanner,
  checkManualAssignment,
  compareQueue,
  pickAgent,
  planAssignments,
  type AgentLoad,
  type QueuedSession,
} from './routing.js';

const agent = (id: string, overrides: Partial<AgentLoad> = {}): AgentLoad => ({
  id,
  status: 'online',
  autoAssign: true,
  openChats: 0,
  maxConcurrentChats: 3,
  lastAssignedAt: null,
  ...overrides,
});

const chat = (id: string, overrides: Partial<QueuedSession> = {}): QueuedSession => ({
  id,
  customerId: `customer-${id}`,
  priority: 'medium',
  startedAt: 1000,
  ...overrides,
});

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
    );
    expect(picked?.id).toBe('b');
  });

  it('prefers an agent never assigned over one assigned before', () => {
    const picked = pickAgent(
      [agent('a', { lastAssignedAt: 1 }), agent('b', { lastAssignedAt: null })],
      chat('s'),
    );
    expect(picked?.id).toBe('b');
  });

  it.each(['busy', 'away', 'offline'] as const)('never routes to an agent who is %s', (status) => {
    expect(pickAgent([agent('a', { status })], chat('s'))).toBeUndefined();
  });

  it('skips agents with auto-assign off or at their max', () => {
    const agents = [
      agent('off', { autoAssign: false }),
      agent('full', { openChats: 3, maxConcurrentChats: 3 }),
    ];
    expect(pickAgent(agents, chat('s'))).toBeUndefined();
  });

  it('never gives agents a chat they started themselves', () => {
    expect(pickAgent([agent('a')], chat('s', { customerId: 'a' }))).toBeUndefined();
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
    const planner = new AssignmentPlanner([agent('ama', { maxConcurrentChats: 1 })], 0, 1);
    planner.add([chat('amas', { customerId: 'ama', startedAt: 1 })]);
    expect(planner.plan).toEqual([]);
    expect(planner.open).toBe(true);
    planner.add([chat('yaws', { customerId: 'yaw', startedAt: 2 })]);
    expect(planner.plan).toEqual([{ sessionId: 'yaws', agentId: 'ama' }]);
    expect(planner.open).toBe(false);
  });

  it('closes once the plan reaches its limit, though agents still have room', () => {
    const planner = new AssignmentPlanner([agent('a', { maxConcurrentChats: 5 })], 0, 2);
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
