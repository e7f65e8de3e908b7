// Who gets the next chat: the pure rules of auto-assignment and manual takes.
// The queue is served by priority (urgent first), then oldest first. A chat with a team goes to
// that team's agents only; once it has waited its team's overflow delay, to the agents of the
// team's fallback team too (one hop: never on to the fallback's own fallback). A chat without a
// team goes to any agent. Among the agents who may have it and are online, have auto-assign on
// and have room, the one with the fewest open chats wins; ties go to the one assigned least
// recently. Load is always the number of open chats across all of an agent's teams, never a
// lifetime count, and an agent's max is one number whatever teams they are in.
import type { AgentStatus, Priority } from '../shared/vocabulary.js';
import { PRIORITIES } from '../shared/vocabulary.js';
import { AppError } from './errors.js';

export interface QueuedSession {
  id: string;
  /** The customer; an agent who started a chat as a customer never gets it. */
  customerId: string;
  priority: Priority;
  /**
   * Epoch milliseconds. The chat has waited since then: a chat put back in the queue keeps it,
   * and with it both its place and its wait towards overflow.
   */
  startedAt: number;
  /** The team whose chat it is; null: any agent's. */
  teamId: string | null;
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

/** An agent as routing sees them: their load and the teams they are a member of. */
export interface RoutableAgent extends AgentLoad {
  teamIds: readonly string[];
}

/** A team's overflow: its chats that have waited `afterMs` may also go to `fallbackTeamId`'s agents. */
export interface TeamOverflow {
  fallbackTeamId: string;
  afterMs: number;
}

/** The overflow of each team that has one, by the id of the team whose chats overflow. */
export type OverflowRules = ReadonlyMap<string, TeamOverflow>;

export const NO_OVERFLOW: OverflowRules = new Map();

/** What a routing decision is taken against: the time and the teams' overflow rules. */
export interface RoutingMoment {
  /** Epoch milliseconds. */
  now: number;
  overflow: OverflowRules;
}

export interface Assignment {
  sessionId: string;
  agentId: string;
}

export const priorityRank = (priority: Priority): number => PRIORITIES.indexOf(priority);

/**
 * Queue order: higher priority first, then the session that has waited longest. The JS twin of
 * storage/repositories/sessions/sessionLists.ts#inQueueOrder, which every list and queue position sorts by.
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

/**
 * When the chat becomes routable to its team's fallback team too: `afterMs` after it started
 * waiting. Null when it never does (no team, or a team without overflow).
 */
export function overflowsAt(
  session: Pick<QueuedSession, 'teamId' | 'startedAt'>,
  overflow: OverflowRules,
): number | null {
  const rule = session.teamId === null ? undefined : overflow.get(session.teamId);
  return rule ? session.startedAt + rule.afterMs : null;
}

/**
 * The teams whose agents may have the chat at `now`: its team, and its team's fallback once the
 * chat has waited the delay. Null: any agent may (a chat without a team).
 */
export function routableTeams(
  session: Pick<QueuedSession, 'teamId' | 'startedAt'>,
  { now, overflow }: RoutingMoment,
): readonly string[] | null {
  if (session.teamId === null) return null;
  const at = overflowsAt(session, overflow);
  return at !== null && now >= at
    ? [session.teamId, overflow.get(session.teamId)!.fallbackTeamId]
    : [session.teamId];
}

/**
 * The next moment after `now` at which the chat becomes routable to more agents than now, so the
 * router can route again then; null when it already reaches every agent it ever will.
 */
export function widensAt(
  session: Pick<QueuedSession, 'teamId' | 'startedAt'>,
  { now, overflow }: RoutingMoment,
): number | null {
  const at = overflowsAt(session, overflow);
  return at !== null && at > now ? at : null;
}

/** The earliest moment after `now` at which any of `sessions` becomes routable to more agents. */
export function nextWidening(
  sessions: Iterable<Pick<QueuedSession, 'teamId' | 'startedAt'>>,
  moment: RoutingMoment,
): number | null {
  let next: number | null = null;
  for (const session of sessions) {
    const at = widensAt(session, moment);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

/**
 * May routing give this chat to this agent at all (room aside)? Not their own chat, and only
 * if they are in one of the teams it may go to.
 */
export function mayRoute(
  agent: RoutableAgent,
  session: QueuedSession,
  moment: RoutingMoment,
): boolean {
  if (agent.id === session.customerId) return false;
  const teams = routableTeams(session, moment);
  return teams === null || teams.some((team) => agent.teamIds.includes(team));
}

/** Who routing gives the chat to now, among `agents`; undefined when nobody may have it. */
export function pickAgent(
  agents: readonly RoutableAgent[],
  session: QueuedSession,
  moment: RoutingMoment,
): RoutableAgent | undefined {
  let best: RoutableAgent | undefined;
  for (const agent of agents) {
    if (!acceptsAutoAssignment(agent) || !mayRoute(agent, session, moment)) continue;
    if (!best || compareAgents(agent, best) < 0) best = agent;
  }
  return best;
}

/**
 * The part of the queue that agents with room may be given, for the router's read of it: chats
 * without a team, every chat of these agents' teams (`teamIds`), and the chats of teams
 * overflowing into their teams that started waiting at or before `startedBy`. It only narrows
 * what is read, so that chats nobody with room may take are neither read nor locked; each chat
 * read is still decided by pickAgent. storage/repositories/sessions/sessionLists.ts#selectQueue is its SQL.
 */
export interface QueueScope {
  teamIds: string[];
  overflowed: Array<{ teamId: string; startedBy: number }>;
}

/** The scope of the queue that `agents` (those of them with room) may be given at `moment`. */
export function queueScope(agents: readonly RoutableAgent[], moment: RoutingMoment): QueueScope {
  const teams = new Set<string>();
  for (const agent of agents) {
    if (acceptsAutoAssignment(agent)) for (const team of agent.teamIds) teams.add(team);
  }
  const overflowed: QueueScope['overflowed'] = [];
  for (const [teamId, rule] of moment.overflow) {
    if (teams.has(teamId) || !teams.has(rule.fallbackTeamId)) continue;
    overflowed.push({ teamId, startedBy: moment.now - rule.afterMs });
  }
  return { teamIds: [...teams], overflowed };
}

/** Whether the chat is in the scope: the JS twin of selectQueue's condition. */
export function inQueueScope(
  scope: QueueScope,
  session: Pick<QueuedSession, 'teamId' | 'startedAt'>,
): boolean {
  const { teamId } = session;
  if (teamId === null || scope.teamIds.includes(teamId)) return true;
  return scope.overflowed.some((o) => o.teamId === teamId && session.startedAt <= o.startedBy);
}

export interface PlanOptions {
  /** Caps how many assignments one plan makes. */
  limit?: number;
  overflow?: OverflowRules;
}

/**
 * Plans assignments in queue order, a page of the queue at a time, so a caller reading the queue
 * from the database can keep reading past chats nobody may take (an agent's own chat, a chat of
 * a team with no room) until the plan is full. Each planned assignment raises the chosen agent's
 * load, so the plan spreads work exactly as one-at-a-time routing would, and a chat nobody may
 * take is passed over, keeping its place, without holding back the chats behind it.
 */
export class AssignmentPlanner {
  readonly plan: Assignment[] = [];
  private readonly loads: RoutableAgent[];
  private readonly moment: RoutingMoment;
  private readonly limit: number;
  private tick = 0;

  /**
   * `now` decides which chats have overflowed, and stamps the simulated assignments so
   * round-robin tie-breaking holds within one plan.
   */
  constructor(
    agents: readonly RoutableAgent[],
    private readonly now: number,
    options: PlanOptions = {},
  ) {
    this.loads = agents.map((agent) => ({ ...agent }));
    this.moment = { now, overflow: options.overflow ?? NO_OVERFLOW };
    this.limit = options.limit ?? Infinity;
  }

  /** True while the plan is below its limit and some agent can still take a chat. */
  get open(): boolean {
    return this.plan.length < this.limit && this.loads.some(acceptsAutoAssignment);
  }

  /** Plans `sessions`, which all come after the sessions added before them in queue order. */
  add(sessions: readonly QueuedSession[]): void {
    for (const session of [...sessions].sort(compareQueue)) {
      if (!this.open) return;
      const agent = pickAgent(this.loads, session, this.moment);
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
  agents: readonly RoutableAgent[],
  now: number,
  options: PlanOptions = {},
): Assignment[] {
  const planner = new AssignmentPlanner(agents, now, options);
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
