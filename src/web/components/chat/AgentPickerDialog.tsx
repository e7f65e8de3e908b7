// Choosing an agent for a chat, with each agent's live status and load: used to transfer an
// active chat and (super admins) to assign a waiting one.
import { useEffect, useState } from 'preact/hooks';
import type { AgentState } from '../../../shared/api.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { Alert } from '../Alert.js';
import { AgentStatusLabel } from '../Badge.js';
import { Button } from '../Button.js';
import { Dialog } from '../Dialog.js';
import { Loading } from '../Spinner.js';

const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;

interface AgentPickerDialogProps {
  title: string;
  intro: string;
  confirmLabel: string;
  /** Agents who cannot be chosen (the current agent, the customer). */
  excludeIds: readonly string[];
  onPick: (agentId: string) => Promise<unknown>;
  onClose: () => void;
}

export function AgentPickerDialog({
  title,
  intro,
  confirmLabel,
  excludeIds,
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

  const choices = live
    .filter((a) => !excludeIds.includes(a.agent.id))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.agent.name.localeCompare(b.agent.name),
    );

  const confirm = async () => {
    if (!chosen) return;
    await run(async () => {
      await onPick(chosen);
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
          <Button variant="primary" busy={busy} disabled={!chosen} onClick={confirm}>
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
            {choices.map((state) => (
              <label key={state.agent.id} class="picker__option">
                <input
                  type="radio"
                  name="agent"
                  value={state.agent.id}
                  checked={chosen === state.agent.id}
                  onChange={() => setChosen(state.agent.id)}
                />
                <span class="picker__name">{state.agent.name}</span>
                <AgentStatusLabel status={state.status} />
                <span class="picker__load">
                  {state.openChats} / {state.maxConcurrentChats} chats
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {problem && <Alert tone="danger">{problem}</Alert>}
      </div>
    </Dialog>
  );
}
