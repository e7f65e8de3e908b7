// Coloured labels for a session's priority and status, a person's role and an agent's status.
// Colour is never the only signal: each badge also says its word.
import type { AgentStatus, Priority, Role, SessionStatus } from '../../shared/vocabulary.js';
import {
  AGENT_STATUS_LABELS,
  PRIORITY_LABELS,
  ROLE_LABELS,
  SESSION_STATUS_LABELS,
} from '../format/labels.js';

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span class={`badge badge--priority-${priority}`}>
      <span class="sr-only">Priority: </span>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return <span class={`badge badge--status-${status}`}>{SESSION_STATUS_LABELS[status]}</span>;
}

export function RoleBadge({ role }: { role: Role }) {
  return <span class={`badge badge--role-${role}`}>{ROLE_LABELS[role]}</span>;
}

/** A chat whose customer has waited too long for the agent says so in words; null: nothing. */
export function OverdueReplyBadge({ label }: { label: string | null }) {
  return label === null ? null : <span class="badge badge--overdue">{label}</span>;
}

export function AgentStatusLabel({ status }: { status: AgentStatus }) {
  return (
    <span class="agent-status">
      <span class={`dot dot--${status}`} aria-hidden="true" />
      {AGENT_STATUS_LABELS[status]}
    </span>
  );
}
