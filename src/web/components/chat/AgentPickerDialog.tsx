// Choosing an agent for a waiting chat (super admins, team leads: Assign to…), with each agent's
// live status, connection and load; those who cannot take it now are greyed out with the reason
// (agentChoices.tsx). Transferring an active chat has its own dialog (TransferDialog.tsx).
import { useState } from 'preact/hooks';
import { errorMessage } from '../../api/errorMessage.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { Alert } from '../Alert.js';
import { Button } from '../Button.js';
import { Dialog } from '../Dialog.js';
import { Loading } from '../Spinner.js';
import { AgentOption, useAgentChoices } from './agentChoices.js';

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
  const { directory, choices } = useAgentChoices(excludeIds, onlyIds);
  const [chosen, setChosen] = useState<string | null>(null);
  const { busy, problem, run } = useSubmission(errorMessage);
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
        {directory.loading && !directory.data && <Loading label="Loading agents…" />}
        {directory.error && <Alert tone="danger">{directory.error}</Alert>}
        {directory.data && choices.length === 0 && (
          <p class="muted">There is no other agent to choose.</p>
        )}
        {choices.length > 0 && (
          <fieldset class="picker">
            <legend class="sr-only">Agent</legend>
            {choices.map((c) => (
              <AgentOption
                key={c.state.agent.id}
                choice={c}
                name="agent"
                checked={choice?.state.agent.id === c.state.agent.id}
                onChoose={() => setChosen(c.state.agent.id)}
              />
            ))}
          </fieldset>
        )}
        {problem && <Alert tone="danger">{problem}</Alert>}
      </div>
    </Dialog>
  );
}
