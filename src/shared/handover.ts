// Who may be handed a chat by someone else (a transfer, or a super admin's assignment): one rule
// for the server, which refuses the others, and for the agent picker, which greys them out with
// the reason. Taking a chat yourself is not a handover: only capacity counts then.
import type { AgentStatus } from './vocabulary.js';

/** What the rule looks at: an agent's state as GET /agents and agent.status frames carry it. */
export interface HandoverFacts {
  status: AgentStatus;
  /** Some node holds a socket of theirs: they would see the chat arrive. */
  connected: boolean;
  openChats: number;
  maxConcurrentChats: number;
}

export type HandoverBlock = 'offline' | 'not_connected' | 'full';

/**
 * Why this agent cannot be handed a chat now, or null if they can. Busy and away agents can:
 * they chose to get no new chats from the queue, and a colleague asking is a deliberate act.
 * `overCapacityAllowed` is the deployment's ALLOW_TAKE_OVER_CAPACITY.
 */
export function handoverBlock(
  agent: HandoverFacts,
  overCapacityAllowed: boolean,
): HandoverBlock | null {
  if (agent.status === 'offline') return 'offline';
  if (!agent.connected) return 'not_connected';
  if (!overCapacityAllowed && agent.openChats >= agent.maxConcurrentChats) return 'full';
  return null;
}

/** An agent's load in words: "1 of 2 chats", or "Full: 2 of 2 chats" once they have no room. */
export function loadLabel(agent: Pick<HandoverFacts, 'openChats' | 'maxConcurrentChats'>): string {
  const load = `${agent.openChats} of ${agent.maxConcurrentChats} chats`;
  return agent.openChats >= agent.maxConcurrentChats ? `Full: ${load}` : load;
}

/** The reason shown beside an agent who cannot be chosen, and in the server's refusal. */
export function handoverBlockReason(block: HandoverBlock, agent: HandoverFacts): string {
  switch (block) {
    case 'offline':
      return 'Offline';
    case 'not_connected':
      return 'Not connected';
    case 'full':
      return loadLabel(agent);
  }
}
