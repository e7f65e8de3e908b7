// The agents a chat can be handed to, with each one's live status, connection and load: those who
// cannot take it now (offline, not connected, full) come last, greyed out with the reason, by the
// rule the server applies (shared/handover.ts), so what the pickers offer is what the server
// accepts. Used by the assign and transfer dialogs.
import { useEffect, useState } from 'preact/hooks';
import type { AgentDirectory, AgentState } from '../../../shared/api.js';
import {
  handoverBlock,
  handoverBlockReason,
  loadLabel,
  type HandoverBlock,
} from '../../../shared/handover.js';
import { useServices } from '../../app/services.js';
import { useAsync, type AsyncState } from '../../hooks/useAsync.js';
import { AgentStatusLabel } from '../Badge.js';
import { cx } from '../classNames.js';

const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;

export interface AgentChoice {
  state: AgentState;
  /** Why they cannot take the chat now, or null. */
  block: HandoverBlock | null;
}

export interface AgentChoices {
  directory: AsyncState<AgentDirectory>;
  /** Every agent's live state, kept current by `agent.status` frames. */
  live: readonly AgentState[];
  /** The agents offered, who can take the chat first, then by status and name. */
  choices: AgentChoice[];
  overCapacityAllowed: boolean;
}

export function useAgentChoices(
  /** Agents who cannot be chosen (the current agent, the customer). */
  excludeIds: readonly string[],
  /** When set, only these agents are offered (a team lead hands a chat within the team). */
  onlyIds?: readonly string[],
): AgentChoices {
  const { api, realtime } = useServices();
  const directory = useAsync(() => api.agents.list(), []);
  const [live, setLive] = useState<AgentState[]>([]);
  useEffect(() => setLive(directory.data?.items ?? []), [directory.data]);
  useEffect(
    () =>
      realtime.on('agent.status', ({ state }) =>
        setLive((list) => list.map((a) => (a.agent.id === state.agent.id ? state : a))),
      ),
    [realtime],
  );
  const overCapacityAllowed = directory.data?.overCapacityAllowed ?? false;
  const choices = live
    .filter((a) => !excludeIds.includes(a.agent.id) && (!onlyIds || onlyIds.includes(a.agent.id)))
    .map((state) => ({ state, block: handoverBlock(state, overCapacityAllowed) }))
    .sort(
      (a, b) =>
        Number(a.block !== null) - Number(b.block !== null) ||
        STATUS_ORDER[a.state.status] - STATUS_ORDER[b.state.status] ||
        a.state.agent.name.localeCompare(b.state.agent.name),
    );
  return { directory, live, choices, overCapacityAllowed };
}

/** One agent as a radio choice: name, status, connection and load, and why not, if not. */
export function AgentOption({
  choice: { state, block },
  name,
  checked,
  onChoose,
}: {
  choice: AgentChoice;
  /** The radio group's name. */
  name: string;
  checked: boolean;
  onChoose: () => void;
}) {
  return (
    <label class={cx('picker__option', block && 'picker__option--blocked')}>
      <input
        type="radio"
        name={name}
        value={state.agent.id}
        checked={checked}
        disabled={block !== null}
        onChange={onChoose}
      />
      <span class="picker__name">{state.agent.name}</span>
      <span class="picker__facts">
        <AgentStatusLabel status={state.status} />
        <span>{state.connected ? 'Connected' : 'Not connected'}</span>
      </span>
      <span class="picker__load">{loadLabel(state)}</span>
      {block && (
        <span class="picker__reason">
          Cannot take the chat: {handoverBlockReason(block, state)}
        </span>
      )}
    </label>
  );
}
