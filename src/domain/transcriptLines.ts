// The system lines that say in a chat's transcript who gave it to whom. They name the person who
// acted: an agent handing on their own chat, or a super admin moving or assigning someone's.
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

/** "Kofi transferred the chat to Esi", or "Ada moved the chat from Kofi to Esi". */
export function transferLine(from: Named, to: Named, by: Named): string {
  return by.id === from.id
    ? `${from.name} transferred the chat to ${to.name}`
    : `${by.name} moved the chat from ${from.name} to ${to.name}`;
}
