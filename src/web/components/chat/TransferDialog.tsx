// Transferring an active chat: to an agent, each shown with their live status, connection and
// load (those who cannot take it now greyed out with the reason), or to a team's queue, where it
// keeps its place; with an optional handover note, which only agents see and the receiver finds
// at the top of the chat. When the deployment asks receivers to accept (TRANSFER_MODE=offer), an
// agent is offered the chat and it stays with its agent until they do.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import type { Team } from '../../../shared/teamsApi.js';
import { isTransferOffer } from '../../api/endpoints.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useDeskSettings } from '../../hooks/useDeskSettings.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';
import { Alert } from '../Alert.js';
import { Button } from '../Button.js';
import { Dialog } from '../Dialog.js';
import { Field } from '../Field.js';
import { Loading } from '../Spinner.js';
import { AgentOption, useAgentChoices, type AgentChoices } from './agentChoices.js';

type Target = { kind: 'agent' | 'team'; id: string };

interface TransferDialogProps {
  session: Session;
  /** When set, only these agents are offered (a team lead hands a chat within the team). */
  onlyAgentIds?: readonly string[] | undefined;
  onClose: () => void;
}

export function TransferDialog({ session, onlyAgentIds, onClose }: TransferDialogProps) {
  const { api } = useServices();
  const settings = useDeskSettings();
  const agents = useAgentChoices([session.agent?.id ?? '', session.customer.id], onlyAgentIds);
  const teams = useAsync(() => api.teams.list(), []);
  const [target, setTarget] = useState<Target | null>(null);
  const [note, setNote] = useState('');
  const { busy, problem, run } = useSubmission(errorMessage);

  const offering = settings?.transferMode === 'offer';
  // The chosen agent may become unable to take the chat while the dialog is open.
  const agent =
    target?.kind === 'agent'
      ? agents.choices.find((c) => c.state.agent.id === target.id && c.block === null)
      : undefined;
  const team =
    target?.kind === 'team' ? teams.data?.items.find((t) => t.id === target.id) : undefined;
  const customer = session.customer.name;

  const confirm = () =>
    run(async () => {
      const handover = note.trim() ? { note: note.trim() } : {};
      if (team) {
        await api.sessions.transfer(session.id, { teamId: team.id, ...handover });
        showToast(`Chat moved to ${team.name}’s queue`);
      } else if (agent) {
        const result = await api.sessions.transfer(session.id, {
          agentId: agent.state.agent.id,
          ...handover,
        });
        showToast(
          isTransferOffer(result)
            ? `Chat offered to ${result.to.name}; waiting for their answer`
            : `Chat transferred to ${result.agent?.name ?? agent.state.agent.name}`,
          isTransferOffer(result) ? 'info' : 'success',
        );
      }
      onClose();
    });

  return (
    <Dialog
      title="Transfer chat"
      size="md"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!agent && !team} onClick={confirm}>
            {team ? 'Transfer to team' : offering ? 'Offer chat' : 'Transfer'}
          </Button>
        </>
      }
    >
      <div class="stack">
        <p>
          Choose who should continue the chat with {customer}. They will see the whole conversation.{' '}
          {offering &&
            `An agent is offered the chat and has ${settings.transferOfferSeconds} seconds to accept; until then it stays with ${session.agent?.name ?? 'its agent'}. `}
          A team gets it in its queue, in its place.
        </p>
        <TeamChoicesList
          teams={teams.data?.items ?? null}
          error={teams.error}
          agents={agents}
          currentTeamId={session.team?.id ?? null}
          chosen={target}
          onChoose={setTarget}
        />
        <AgentChoicesList agents={agents} chosen={target} onChoose={setTarget} />
        <Field
          label="Handover note"
          optional
          hint="Only agents see it; whoever takes the chat finds it at the top."
        >
          {(control) => (
            <textarea
              {...control}
              class="input textarea"
              rows={3}
              maxLength={5000}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          )}
        </Field>
        {problem && <Alert tone="danger">{problem}</Alert>}
      </div>
    </Dialog>
  );
}

function AgentChoicesList({
  agents: { directory, choices },
  chosen,
  onChoose,
}: {
  agents: AgentChoices;
  chosen: Target | null;
  onChoose: (target: Target) => void;
}) {
  if (directory.loading && !directory.data) return <Loading label="Loading agents…" />;
  if (directory.error) return <Alert tone="danger">{directory.error}</Alert>;
  return (
    <fieldset class="picker-group">
      <legend class="picker-group__legend">Agents</legend>
      {choices.length === 0 ? (
        <p class="muted">There is no other agent to choose.</p>
      ) : (
        <div class="picker">
          {choices.map((c) => (
            <AgentOption
              key={c.state.agent.id}
              choice={c}
              name="target"
              checked={chosen?.kind === 'agent' && chosen.id === c.state.agent.id}
              onChoose={() => onChoose({ kind: 'agent', id: c.state.agent.id })}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** Each team (not archived) with how many of its agents are on duty now. */
function TeamChoicesList({
  teams,
  error,
  agents,
  currentTeamId,
  chosen,
  onChoose,
}: {
  teams: readonly Team[] | null;
  error: string | null;
  agents: AgentChoices;
  currentTeamId: string | null;
  chosen: Target | null;
  onChoose: (target: Target) => void;
}) {
  if (error) return <Alert tone="danger">{error}</Alert>;
  if (!teams) return <Loading label="Loading teams…" />;
  if (teams.length === 0) return null;
  const onDuty = new Set(
    agents.live.filter((a) => a.status === 'online' && a.connected).map((a) => a.agent.id),
  );
  return (
    <fieldset class="picker-group">
      <legend class="picker-group__legend">Teams</legend>
      <div class="picker">
        {teams.map((team) => {
          const online = team.members.filter((m) => onDuty.has(m.agent.id)).length;
          return (
            <label key={team.id} class="picker__option">
              <input
                type="radio"
                name="target"
                value={team.id}
                checked={chosen?.kind === 'team' && chosen.id === team.id}
                onChange={() => onChoose({ kind: 'team', id: team.id })}
              />
              <span class="picker__name">{team.name}</span>
              <span class="picker__facts">
                {online} of {team.members.length} {team.members.length === 1 ? 'agent' : 'agents'}{' '}
                online
              </span>
              {team.id === currentTeamId && <span class="picker__load">This chat’s team</span>}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
