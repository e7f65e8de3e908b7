// What reports need to know of one chat, and how a chat's history gives it. The database keeps
// these facts on the chat's row as they happen (first_assigned_at, first_response_at, transfers,
// migration 0018); a history of events is how tests (and docs/reports.md) state them.

/** The facts of one chat that every chat metric is computed from (epoch milliseconds). */
export interface ChatFacts {
  startedAt: number;
  /** The first time any agent got the chat; later assignments (requeue, transfer) leave it. */
  firstAssignedAt: number | null;
  /** The first message to the customer by any agent (notes and system lines are not replies). */
  firstResponseAt: number | null;
  endedAt: number | null;
  /** Moves to another agent or team while the chat was assigned. */
  transfers: number;
  /** The customer's rating, 1 to 5, if given. */
  rating: number | null;
  /** The team the chat belongs to now (after a team transfer, the receiving team). */
  teamId: string | null;
  /** The agent who has (or last had) the chat; null when it is waiting or was never assigned. */
  agentId: string | null;
}

/** One thing that happened to a chat, as a report sees it. */
export type ChatEvent =
  | { at: number; kind: 'started'; teamId: string | null }
  | { at: number; kind: 'assigned'; agentId: string }
  | { at: number; kind: 'agentMessage' }
  | { at: number; kind: 'customerMessage' }
  | { at: number; kind: 'note' }
  | { at: number; kind: 'transferred'; toAgentId: string }
  | { at: number; kind: 'transferredToTeam'; teamId: string }
  | { at: number; kind: 'requeued' }
  | { at: number; kind: 'ended' }
  | { at: number; kind: 'rated'; rating: number };

/** The facts a chat's history (in the order it happened, starting with `started`) leaves. */
export function factsOf(history: readonly ChatEvent[]): ChatFacts {
  const start = history[0];
  if (start?.kind !== 'started') throw new Error('a chat history begins with its start');
  const facts: ChatFacts = {
    startedAt: start.at,
    firstAssignedAt: null,
    firstResponseAt: null,
    endedAt: null,
    transfers: 0,
    rating: null,
    teamId: start.teamId,
    agentId: null,
  };
  for (const event of history.slice(1)) {
    switch (event.kind) {
      case 'assigned':
        facts.firstAssignedAt ??= event.at;
        facts.agentId = event.agentId;
        break;
      case 'agentMessage':
        facts.firstResponseAt ??= event.at;
        break;
      case 'transferred':
        facts.transfers += 1;
        facts.agentId = event.toAgentId;
        break;
      case 'transferredToTeam':
        facts.transfers += 1;
        facts.teamId = event.teamId;
        facts.agentId = null;
        break;
      case 'requeued':
        facts.agentId = null;
        break;
      case 'ended':
        facts.endedAt = event.at;
        break;
      case 'rated':
        facts.rating = event.rating;
        break;
      case 'started':
        throw new Error('a chat starts once');
      case 'customerMessage':
      case 'note':
        break;
    }
  }
  return facts;
}
