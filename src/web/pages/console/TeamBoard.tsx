// A team lead's "My teams" tab in the console: for each team they lead, its waiting and active
// chats (who has each and how long the customer has waited), with Assign to… for a waiting one,
// and the team's agents with their status, connection and load. Each chat opens in the
// workspace to be monitored. Kept live by the queue's, the lead's own and agents' load frames.
import { useState } from 'preact/hooks';
import type { SessionView } from '../../../shared/api.js';
import { loadLabel } from '../../../shared/handover.js';
import type { Team } from '../../../shared/teamsApi.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { AgentStatusLabel } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { AgentPickerDialog } from '../../components/chat/AgentPickerDialog.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useLiveRefresh } from '../../hooks/useLiveRefresh.js';
import { useNow } from '../../hooks/useNow.js';
import { AGENT_LOADS, MY_SESSIONS, QUEUE } from '../../realtime/invalidations.js';
import { showToast } from '../../state/toasts.js';
import { SessionRow } from './SessionLists.js';
import { longestWaitingFirst, teamChatWait } from './teamLead.js';

/** A team's open chats are read whole, up to this many of each status. */
const FULL_LIST = 100;

interface TeamBoardProps {
  teams: readonly Team[];
  selectedId: string | null;
  onOpen: (session: SessionView) => void;
}

export function TeamBoard({ teams, selectedId, onOpen }: TeamBoardProps) {
  return (
    <div class="team-board">
      {teams.map((team) => (
        <TeamSection key={team.id} team={team} selectedId={selectedId} onOpen={onOpen} />
      ))}
    </div>
  );
}

function TeamSection({ team, selectedId, onOpen }: { team: Team } & Omit<TeamBoardProps, 'teams'>) {
  const { api } = useServices();
  const now = useNow(10_000);
  const [assigning, setAssigning] = useState<SessionView | null>(null);
  const board = useAsync(async () => {
    const list = (status: 'waiting' | 'active') =>
      api.sessions.list({ view: 'all', teamId: team.id, status, limit: FULL_LIST });
    const [waiting, active, agents] = await Promise.all([
      list('waiting'),
      list('active'),
      api.teams.agents(team.id),
    ]);
    return {
      chats: longestWaitingFirst([...waiting.items, ...active.items]),
      agents: agents.items,
    };
  }, [team.id]);
  useLiveRefresh([QUEUE, MY_SESSIONS, AGENT_LOADS], () => void board.reload());
  const headingId = `team-board-${team.id}`;

  return (
    <section class="team-board__team" aria-labelledby={headingId}>
      <h2 id={headingId} class="team-board__name">
        {team.name}
      </h2>
      {board.error && <Alert tone="danger">{board.error}</Alert>}
      {!board.data && board.loading && <Loading />}
      {board.data && (
        <>
          <h3 class="team-board__heading">Open chats</h3>
          {board.data.chats.length === 0 ? (
            <EmptyState icon="check" title="No open chats">
              Nobody in {team.name}'s queue, and no chat going on.
            </EmptyState>
          ) : (
            <ul class="session-list" aria-label={`${team.name}: open chats`}>
              {board.data.chats.map((session) => (
                <li
                  key={session.id}
                  class={session.status === 'waiting' ? 'waiting-row' : undefined}
                >
                  <SessionRow
                    session={session}
                    selected={session.id === selectedId}
                    onOpen={onOpen}
                    title={session.customer.name}
                    time={session.status === 'waiting' ? undefined : session.agent?.name}
                    subtitle={session.subject}
                  >
                    <span class="session-row__time">{teamChatWait(session, now)}</span>
                  </SessionRow>
                  {session.status === 'waiting' && (
                    <Button
                      size="sm"
                      class="waiting-row__assign"
                      aria-label={`Assign ${session.subject} from ${session.customer.name} to an agent`}
                      onClick={() => setAssigning(session)}
                    >
                      Assign…
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3 class="team-board__heading">Agents</h3>
          {board.data.agents.length === 0 ? (
            <p class="muted team-board__empty">{team.name} has no agents yet.</p>
          ) : (
            <ul class="team-board__agents" aria-label={`${team.name}: agents`}>
              {board.data.agents.map((state) => (
                <li key={state.agent.id} class="team-board__agent">
                  <span class="team-board__agent-name">
                    {state.agent.name}
                    {state.isLead && <span class="muted"> (lead)</span>}
                  </span>
                  <span class="team-board__agent-facts">
                    <AgentStatusLabel status={state.status} />
                    <span>{state.connected ? 'Connected' : 'Not connected'}</span>
                    <span>{loadLabel(state)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {assigning && (
        <AgentPickerDialog
          title="Assign chat"
          intro={`Choose the agent of ${team.name} who should answer ${assigning.customer.name}.`}
          confirmLabel="Assign"
          excludeIds={[assigning.customer.id]}
          onlyIds={board.data?.agents.map((state) => state.agent.id) ?? []}
          onClose={() => setAssigning(null)}
          onPick={async (agentId) => {
            const assigned = await api.sessions.assign(assigning.id, agentId);
            showToast(`Chat assigned to ${assigned.agent?.name ?? 'the agent'}`);
          }}
        />
      )}
    </section>
  );
}
