// Who gets the next chat: the pure rules of auto-assignment and manual takes.
// The queue is served by priority (urgent first), then oldest first. Among agents who are online,
// have auto-assign on and have room, the one with the fewest open chats wins; ties go to the
// one assigned least recently. Load is always the number of open chats, never a lifetime count.
import type { AgentStatus, Priority } from '../shared/vocabulary.js';
import { PRIORITIES } from '../shared/vocabulary.js';
import { AppError } from './errors.js';

export interface QueuedSession {
  id: string;
  /** The customer; an agent who started a chat as a customer never gets it. */
  customerId: string;
  priority: Priority;
  /** Epoch milliseconds. */
  startedAt: number;
}

export interface AgentLoad {
  id: string;
  status: AgentStatus;
  autoAssign: boolean;
  openChats: number;
  maxConcurrentChats: number;
  /** Epoch milliseconds of the last assignment, null if never assigned. */
  lastAssignedAt: number | null;
}

export interface Assignment {
  sessionId: string;
  agentId: string;
}

export const priorityRank = (priority: Priority): number => PRIORITIES.indexOf(priority);

/**
 * Queue order: higher priority first, then the session that has waited longest. The JS twin of
 * storage/repositories/sessions.ts#inQueueOrder, which every list and queue position sorts by.
 */
export function compareQueue(a: QueuedSession, b: QueuedSession): number {
  return (
    priorityRank(b.priority) - priorityRank(a.priority) ||
    a.startedAt - b.startedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export const hasRoom = (agent: AgentLoad): boolean => agent.openChats < agent.maxConcurrentChats;

/** May the router hand this agent a new chat on its own? Busy, away and offline agents get none. */
export const acceptsAutoAssignment = (agent: AgentLoad): boolean =>
  agent.status === 'online' && agent.autoAssign && hasRoom(agent);

/** Fewest open chats first; ties go to the agent assigned least recently (never assigned first). */
export function compareAgents(a: AgentLoad, b: AgentLoad): number {
  return (
    a.openChats - b.openChats ||
    (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function pickAgent(
  agents: readonly AgentLoad[],
  session: Pick<QueuedSession, 'customerId'>,
): AgentLoad | undefined {
  let best: AgentLoad | undefined;
  for (const agent of agents) {
    if (agent.id === session.customerId || !acceptsAutoAssignment(agent)) continue;
    if (!best || compareAgents(agent, best) < 0) best = agent;
  }
  return best;
}

/**
 * Plans assignments in queue order, a page of the queue at a time, so a caller reading the queue
 * from the database can keep reading past chats nobody may take (an agent's own chat) until the
 * plan is full. Each planned assignment raises the chosen agent's load, so the plan spreads work
 * exactly as one-at-a-time routing would.
 */
export class AssignmentPlanner {
  readonly plan: Assignment[] = [];
  private readonly loads: AgentLoad[];
  private tick = 0;

  /**
   * `now` stamps the simulated assignments so round-robin tie-breaking holds within one plan;
   * `limit` caps how many assignments one plan makes.
   */
  constructor(
    agents: readonly AgentLoad[],
    private readonly now: number,
    private readonly limit = Infinity,
  ) {
    this.loads = agents.map((agent) => ({ ...agent }));
  }

  /** True while the plan is below its limit and some agent can still take a chat. */
  get open(): boolean {
    return this.plan.length < this.limit && this.loads.some(acceptsAutoAssignment);
  }

  /** Plans `sessions`, which all come after the sessions added before them in queue order. */
  add(sessions: readonly QueuedSession[]): void {
    for (const session of [...sessions].sort(compareQueue)) {
      if (!this.open) return;
      const agent = pickAgent(this.loads, session);
      if (!agent) continue;
      agent.openChats += 1;
      agent.lastAssignedAt = this.now + this.tick++ / 1000;
      this.plan.push({ sessionId: session.id, agentId: agent.id });
    }
  }
}

/** Plans as many assignments (up to `limit`) as capacity allows, in queue order. */
export function planAssignments(
  queue: readonly QueuedSession[],
  agents: readonly AgentLoad[],
  now: number,
  limit = Infinity,
): Assignment[] {
  const planner = new AssignmentPlanner(agents, now, limit);
  planner.add(queue);
  return planner.plan;
}

/**
 * Checks a manual take or an admin assignment. Status does not matter (taking a chat is a
 * deliberate act), capacity does unless the deployment allows going over it.
 */
export function checkManualAssignment(agent: AgentLoad, allowOverCapacity: boolean): void {
  if (!allowOverCapacity && !hasRoom(agent)) {
    throw new AppError(
      'AGENT_AT_CAPACITY',
      `Agent already has ${agent.openChats} of ${agent.maxConcurrentChats} open chats`,
    );
  }
}
