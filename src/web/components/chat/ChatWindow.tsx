// One chat as an agent or super admin works it: who and what it is about, the handover note left
// for them by the transfer that brought it, the conversation with the customer's typing indicator
// and read ticks, the composer with quick responses, and the actions their role allows (take,
// assign, transfer to an agent or a team, end; a team lead assigns and transfers their teams'
// chats, within the team, and monitors them), with a details panel beside it. While the chat is
// offered to another agent it says so, with the time left and a way to withdraw the offer. A
// waiting chat they were watching that a colleague took stays on screen as last seen, saying so.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import type { ConversationStore } from '../../chat/conversationStore.js';
import { templateContextFor } from '../../chat/quickResponseFill.js';
import { ENDED_BY_LABELS, NO_LONGER_WAITING } from '../../format/labels.js';
import { formatDateTime, formatDuration, secondsBetween } from '../../format/time.js';
import { useConversationStore } from '../../hooks/useConversationStore.js';
import { useNow } from '../../hooks/useNow.js';
import { useReadable } from '../../hooks/useReadable.js';
import { useReadReceipts } from '../../hooks/useReadReceipts.js';
import { ledTeams as ledTeamsState, leadsTeamOf } from '../../state/ledTeams.js';
import { showToast } from '../../state/toasts.js';
import { offerOf, transferOffers } from '../../state/transferOffers.js';
import { Alert } from '../Alert.js';
import { Avatar } from '../Avatar.js';
import { PriorityBadge, SessionStatusBadge } from '../Badge.js';
import { Button, IconButton } from '../Button.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { Loading } from '../Spinner.js';
import { AgentPickerDialog } from './AgentPickerDialog.js';
import { Composer } from './Composer.js';
import { cancelComposerFocus, focusComposerWhenReady } from './composerFocus.js';
import { ConversationProblem } from './ConversationProblem.js';
import { MessageList } from './MessageList.js';
import { SessionDetails } from './SessionDetails.js';
import { TransferDialog } from './TransferDialog.js';
import { HandoverNote, OfferPending } from './transferNotices.js';
import { TypingIndicator } from './TypingIndicator.js';

interface ChatWindowProps {
  sessionId: string;
  /** This window is the one on screen (not a hidden tab): read receipts go out. */
  onScreen: boolean;
  /** Takes a waiting chat for the viewer (the console's take, which also silences its chime). */
  onTake?: ((session: Session) => Promise<unknown>) | undefined;
  /**
   * Closes the console tab showing this chat (the chat itself goes on). A button for it in the
   * header is what a touch screen-reader user has: the tab's own x is for the mouse only.
   */
  onCloseTab?: (() => void) | undefined;
}

export function ChatWindow({ sessionId, onScreen, onTake, onCloseTab }: ChatWindowProps) {
  const store = useConversationStore(sessionId);
  if (!store) return <Loading label="Opening chat…" />;
  return (
    <ChatWindowView store={store} onScreen={onScreen} onTake={onTake} onCloseTab={onCloseTab} />
  );
}

type Dialogs = 'end' | 'transfer' | 'assign' | null;

const DETAILS_BESIDE = '(min-width: 1280px)';

function ChatWindowView({
  store,
  onScreen,
  onTake,
  onCloseTab,
}: Omit<ChatWindowProps, 'sessionId'> & { store: ConversationStore }) {
  const { me, api, quickResponses } = useServices();
  const ledTeams = useReadable(ledTeamsState);
  const offers = useReadable(transferOffers);
  const view = useReadable(store);
  // Beside the conversation when there is room for both; on smaller screens it covers the
  // conversation, so it starts closed.
  const [details, setDetails] = useState(() => window.matchMedia(DETAILS_BESIDE).matches);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const windowRef = useRef<HTMLElement>(null);
  useReadReceipts(store, view, onScreen);

  const session = view.conversation.session;
  // Assigning, transferring or ending removes the button that had the focus (or the dialog
  // hands it back to one that is about to go): catch it before it is left on the page body.
  useEffect(() => {
    if (onScreen && windowRef.current) rescueFocus(windowRef.current);
  }, [session?.status, session?.agent?.id, dialog]);
  if (view.status === 'loading' || !session) {
    return view.problem ? (
      <ConversationProblem view={view} class="chat-window__problem" />
    ) : (
      <Loading label="Opening chat…" />
    );
  }

  const mine = session.agent?.id === me.id;
  const superAdmin = me.role === 'super_admin';
  const canManage = session.status !== 'ended' && (mine || superAdmin);
  // A team lead hands their teams' chats to the team's agents (the server's sessionPolicy).
  const lead = !superAdmin && leadsTeamOf(ledTeams, session);
  const teamIds = lead
    ? ledTeams.find((team) => team.id === session.team?.id)?.members.map((m) => m.agent.id)
    : undefined;
  const offer = session.status === 'active' ? offerOf(offers, session.id) : undefined;
  // The receiver finds the note the transfer that brought them the chat left for them.
  const handoverNote =
    mine && session.handoverNoteId
      ? view.conversation.messages.find((m) => m.id === session.handoverNoteId)
      : undefined;

  return (
    <section class="chat-window" aria-label={`Chat with ${session.customer.name}`} ref={windowRef}>
      <header class="chat-window__header">
        <Avatar id={session.customer.id} name={session.customer.name} />
        <div class="chat-window__title">
          <h2 class="chat-window__name" tabIndex={-1}>
            {session.customer.name}
          </h2>
          <p class="chat-window__subject">{session.subject}</p>
        </div>
        <div class="chat-window__badges">
          <PriorityBadge priority={session.priority} />
          {!view.lostAccess && <SessionStatusBadge status={session.status} />}
        </div>
        <div class="chat-window__actions">
          <IconButton
            icon="panel"
            label={details ? 'Hide details' : 'Show details'}
            aria-pressed={details}
            onClick={() => setDetails(!details)}
          />
          {(canManage || lead) && session.status === 'active' && (
            <IconButton
              icon="transfer"
              label="Transfer chat"
              onClick={() => setDialog('transfer')}
            />
          )}
          {canManage && (
            <IconButton
              icon="x"
              label="End chat"
              variant="danger"
              onClick={() => setDialog('end')}
            />
          )}
          {onCloseTab && (
            <Button variant="ghost" size="sm" class="chat-window__close-tab" onClick={onCloseTab}>
              Close tab
            </Button>
          )}
        </div>
      </header>
      <div class="chat-window__body" data-details={details || undefined}>
        <div class="chat-window__conversation">
          <ConversationProblem view={view} class="chat-window__problem" />
          {handoverNote && <HandoverNote note={handoverNote} />}
          <MessageList store={store} view={view} viewer={me} />
          <TypingIndicator person={view.typing} />
          <footer class="chat-window__footer">
            {view.lostAccess ? (
              // Only agents lose sight of a chat, and only of a waiting one that is not theirs.
              <Alert tone="warning" class="chat-window__problem">
                {NO_LONGER_WAITING}
              </Alert>
            ) : (
              <>
                {offer && (canManage || lead) && <OfferPending offer={offer} />}
                {session.status === 'active' && mine && (
                  <Composer
                    store={store}
                    quickResponses={quickResponses}
                    fill={templateContextFor(session, me)}
                    teamId={session.team?.id ?? null}
                    label={`Message to ${session.customer.name}`}
                    placeholder="Type a message, or / for quick responses"
                    notes="switch"
                  />
                )}
                {session.status === 'active' && !mine && view.transferredAway && (
                  <Alert tone="info" class="chat-window__problem">
                    Transferred to {session.agent?.name ?? 'another agent'}. Only they can reply
                    now; you can still read the chat.
                  </Alert>
                )}
                {session.status === 'active' && !mine && !view.transferredAway && (
                  <p class="chat-window__notice">
                    {session.agent?.name ?? 'Another agent'} is handling this chat. You can read
                    along{lead && ', add a note or transfer it'}.
                  </p>
                )}
                {session.status === 'waiting' && (
                  <WaitingActions
                    session={session}
                    assignsToOthers={superAdmin || lead}
                    onAssign={() => setDialog('assign')}
                    onTake={onTake}
                  />
                )}
                {session.status === 'ended' && (
                  <p class="chat-window__notice">
                    This chat ended {session.endedAt ? formatDateTime(session.endedAt) : ''}
                    {session.endedBy && ` (closed by ${ENDED_BY_LABELS[session.endedBy]})`}.
                  </p>
                )}
                {!(session.status === 'active' && mine) && store.canAddNote() && (
                  <Composer
                    store={store}
                    quickResponses={null}
                    label="Internal note"
                    placeholder="Write a note for agents"
                    notes="only"
                  />
                )}
              </>
            )}
          </footer>
        </div>
        {details && <SessionDetails session={session} viewer={me} />}
      </div>
      {dialog === 'end' && (
        <ConfirmDialog
          title="End this chat?"
          confirmLabel="End chat"
          tone="danger"
          onClose={() => setDialog(null)}
          onConfirm={() => api.sessions.end(session.id)}
        >
          {session.customer.name} will see that the chat has ended and will be asked to rate it.
        </ConfirmDialog>
      )}
      {dialog === 'transfer' && (
        <TransferDialog
          session={session}
          onlyAgentIds={mine || superAdmin ? undefined : teamIds}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'assign' && (
        <AgentPickerDialog
          title="Assign chat"
          intro={`Choose the agent who should answer ${session.customer.name}.`}
          confirmLabel="Assign"
          excludeIds={[session.customer.id]}
          onlyIds={superAdmin ? undefined : teamIds}
          onClose={() => setDialog(null)}
          onPick={async (agentId) => {
            const assigned = await api.sessions.assign(session.id, agentId);
            showToast(`Chat assigned to ${assigned.agent?.name ?? 'the agent'}`);
          }}
        />
      )}
    </section>
  );
}

function WaitingActions({
  session,
  assignsToOthers,
  onAssign,
  onTake,
}: {
  session: Session;
  /** Super admins, and the lead of the chat's team. */
  assignsToOthers: boolean;
  onAssign: () => void;
  onTake?: ((session: Session) => Promise<unknown>) | undefined;
}) {
  const { api } = useServices();
  const now = useNow(10_000);
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    focusComposerWhenReady(session.id);
    try {
      await (onTake ? onTake(session) : api.sessions.take(session.id));
    } catch (error) {
      cancelComposerFocus(session.id);
      showToast(errorMessage(error), 'danger');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="chat-window__waiting">
      <p class="chat-window__notice">
        Waiting in the queue for {formatDuration(secondsBetween(session.startedAt, now))}.
      </p>
      <div class="cluster">
        {assignsToOthers && <Button onClick={onAssign}>Assign to…</Button>}
        <Button variant="primary" busy={busy} onClick={take}>
          Assign to me
        </Button>
      </div>
    </div>
  );
}

/**
 * Where focus goes when what had it is gone: the composer if there is one (to the customer: a
 * notes-only one is not the next step), else Close tab (the next step after an ended or
 * handed-over chat), else the chat's name. Focus anywhere else is
 * where the person put it, and stays.
 */
function rescueFocus(chatWindow: HTMLElement): void {
  const focused = document.activeElement;
  if (focused && focused !== document.body) return;
  const target =
    chatWindow.querySelector<HTMLElement>('.composer:not(.composer--note-only) .composer__input') ??
    chatWindow.querySelector<HTMLElement>('.chat-window__close-tab') ??
    chatWindow.querySelector<HTMLElement>('.chat-window__name');
  target?.focus();
}
