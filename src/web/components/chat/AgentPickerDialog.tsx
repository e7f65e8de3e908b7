// Choosing an agent for a chat, with each agent's live status, connection and load: used to
// transfer an active chat and (super admins, team leads) to assign a waiting one. Agents who cannot take it
// now (offline, not connected, full) are greyed out with the reason, by the rule the server
// applies (shared/handover.ts), so the choice the dialog offers is one the server accepts.
import { useEffect, useState } from 'preact/hooks';
import type { AgentState } from '../../../shared/api.js';
import { handoverBlock, handoverBlockReason, loadLabel } from '../../../shared/handover.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { Alert } from '../Alert.js';
import { AgentStatusLabel } from '../Badge.js';
import { Button } from '../Button.js';
import { cx } from '../classNames.js';
import { Dialog } from '../Dialog.js';
import { Loading } from '../Spinner.js';

const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;

interface AgentPickerDialogProps {
  title: string;
  intro: string;
  confirmLabel: string;
  /** Agents who cannot be chosen (the current agent, the customer). */
  excludeIds: readonly string[];
  /** When set, only these agents are offered (a team lead hands a chat within the team). */
  onlyIds?: readonly string[] | undefined;
  onPick: (agentId: string) => Promise<unknown>;
  onClose: () => void;
}

export function AgentPickerDialog({
  title,
  intro,
  confirmLabel,
  excludeIds,
  onlyIds,
  onPick,
  onClose,
}: AgentPickerDialogProps) {
  const { api, realtime } = useServices();
  const agents = useAsync(() => api.agents.list(), []);
  const [live, setLive] = useState<AgentState[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission(errorMessage);

  useEffect(() => setLive(agents.data?.items ?? []), [agents.data]);
  useEffect(
    () =>
      realtime.on('agent.status', ({ state }) =>
        setLive((list) => list.map((a) => (a.agent.id === state.agent.id ? state : a))),
      ),
    [realtime],
  );

  const overCapacityAllowed = agents.data?.overCapacityAllowed ?? false;
  const choices = live
    .filter((a) => !excludeIds.includes(a.agent.id) && (!onlyIds || onlyIds.includes(a.agent.id)))
    .map((state) => ({ state, block: handoverBlock(state, overCapacityAllowed) }))
    // Who can take the chat first, then by status and name.
    .sort(
      (a, b) =>
        Number(a.block !== null) - Number(b.block !== null) ||
        STATUS_ORDER[a.state.status] - STATUS_ORDER[b.state.status] ||
        a.state.agent.name.localeCompare(b.state.agent.name),
    );
  // The chosen agent may become unable to take the chat while the dialog is open.
  const choice = choices.find((c) => c.state.agent.id === chosen && c.block === null);

  const confirm = async () => {
    if (!choice) return;
    const agentId = choice.state.agent.id;
    await run(async () => {
      await onPick(agentId);
      onClose();
    });
  };

  return (
    <Dialog
      title={title}
      size="md"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!choice} onClick={confirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div class="stack">
        <p>{intro}</p>
        {agents.loading && !agents.data && <Loading label="Loading agents…" />}
        {agents.error && <Alert tone="danger">{agents.error}</Alert>}
        {agents.data && choices.length === 0 && (
          <p class="muted">There is no other agent to choose.</p>
        )}
        {choices.length > 0 && (
          <fieldset class="picker">
            <legend class="sr-only">Agent</legend>
            {choices.map(({ state, block }) => (
              <label
                key={state.agent.id}
                class={cx('picker__option', block && 'picker__option--blocked')}
              >
                <input
                  type="radio"
                  name="agent"
                  value={state.agent.id}
                  checked={choice?.state.agent.id === state.agent.id}
                  disabled={block !== null}
                  onChange={() => setChosen(state.agent.id)}
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
            ))}
          </fieldset>
        )}
        {problem && <Alert tone="danger">{problem}</Alert>}
      </div>
    </Dialog>
  );
}
