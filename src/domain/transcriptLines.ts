// The system lines that say in a chat's transcript who gave it to whom. They name the person who
// acted: an agent handing on their own chat, or a super admin or team lead moving or assigning
// someone's. A transfer to a team, and a transfer the receiver must accept, has two kinds of line:
// the desk's, naming who did what (agents only: services/sessions/sessionEvents.ts#appendDeskLine),
// and the customer's, telling them where their chat is going, so they never wait in silence.
interface Named {
  id: string;
  name: string;
}

/** "Esi joined the chat" when she took it or routing gave it to her, else who assigned it. */
export function assignmentLine(agent: Named, by: Named | null): string {
  return by && by.id !== agent.id
    ? `${by.name} assigned the chat to ${agent.name}`
    : `${agent.name} joined the chat`;
}

/**
 * "Kofi transferred the chat to Esi", or "Ada moved the chat from Kofi to Esi"; `to` is an agent
 * or a team ("Ada moved the chat from Kofi to Finance").
 */
export function transferLine(from: Named, to: Named, by: Named): string {
  return by.id === from.id
    ? `${from.name} transferred the chat to ${to.name}`
    : `${by.name} moved the chat from ${from.name} to ${to.name}`;
}

/** The customer's line while their chat is on its way: "You're being transferred to Finance". */
export const beingTransferredLine = (to: Named): string => `You're being transferred to ${to.name}`;

/** The desk's line when the receiver must accept: "Kofi offered the chat to Esi". */
export function offerLine(from: Named, to: Named, by: Named): string {
  return by.id === from.id
    ? `${from.name} offered the chat to ${to.name}`
    : `${by.name} offered the chat from ${from.name} to ${to.name}`;
}

/** How an offer ended without a transfer. */
export type UnansweredEnding = 'declined' | 'expired' | 'withdrawn';

/**
 * The desk's line when an offer ends without a transfer: "Esi declined the chat", "Esi did not
 * answer in time", "Kofi withdrew the offer to Esi".
 */
export function offerEndedLine(ending: UnansweredEnding, to: Named, by: Named | null): string {
  switch (ending) {
    case 'declined':
      return `${to.name} declined the chat`;
    case 'expired':
      return `${to.name} did not answer in time`;
    case 'withdrawn':
      return `${by?.name ?? 'Someone'} withdrew the offer to ${to.name}`;
  }
}

/** The customer's line when an offer did not go through and their agent is still there. */
export const stillWithYouLine = (agent: Named): string => `${agent.name} is still with you`;

/** The customer's line when it did not go through and their agent has left meanwhile. */
export const backInQueueLine = (agent: Named, position: number): string =>
  `${agent.name} is no longer available; you are back in the queue, number ${position}`;
