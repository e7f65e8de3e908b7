// What the status bar says about the agent's availability: the hint under the status (what the
// saved status means and how full they are, or that a change is not saved yet) and the toast
// that says what an Update changed.
import type { AgentState, UpdateAgentStatusBody } from '../../../shared/api.js';
import { loadLabel } from '../../../shared/handover.js';
import { AGENT_STATUS_HINTS, AGENT_STATUS_LABELS } from '../../format/labels.js';

export type Availability = Required<UpdateAgentStatusBody>;

export const availabilityOf = (state: AgentState): Availability => ({
  status: state.status,
  maxConcurrentChats: state.maxConcurrentChats,
  autoAssign: state.autoAssign,
});

export const sameAvailability = (a: Availability, b: Availability): boolean =>
  a.status === b.status &&
  a.maxConcurrentChats === b.maxConcurrentChats &&
  a.autoAssign === b.autoAssign;

/**
 * Under the status: what the saved status means and the load ("Full: 2 of 2 chats"); while a
 * change is not saved, that the saved status still holds, so nothing looks applied before it is.
 */
export function statusHint(saved: AgentState, draft: Availability): string {
  const load = loadLabel(saved);
  if (sameAvailability(draft, availabilityOf(saved))) {
    return `${AGENT_STATUS_HINTS[saved.status]}. ${load}`;
  }
  const status = AGENT_STATUS_LABELS[saved.status].toLowerCase();
  return `Not saved: you are still ${status} until you select Update. ${load}`;
}

/** The toast after an Update: the status, then whatever else changed. */
export function changedMessage(before: Availability, after: AgentState): string {
  const parts = [`You are ${AGENT_STATUS_LABELS[after.status].toLowerCase()}`];
  if (before.maxConcurrentChats !== after.maxConcurrentChats) {
    const max = after.maxConcurrentChats;
    parts.push(`at most ${max} ${max === 1 ? 'chat' : 'chats'}`);
  }
  if (before.autoAssign !== after.autoAssign) {
    parts.push(after.autoAssign ? 'auto-assign on' : 'auto-assign off');
  }
  return parts.join(', ');
}
