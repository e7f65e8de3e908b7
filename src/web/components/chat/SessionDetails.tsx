// The details panel of a chat: who the customer is, what it is about, how long they waited, who
// handled it, how it ended and was rated, its tags, its topic (and for agents its team and its
// ticket), its transcript to download or mail, and the customer's previous chats.
import type { Person, Session } from '../../../shared/api.js';
import { useServices } from '../../app/services.js';
import { ENDED_BY_LABELS } from '../../format/labels.js';
import { formatDateTime, formatDuration, secondsBetween } from '../../format/time.js';
import { useNow } from '../../hooks/useNow.js';
import { PriorityBadge, SessionStatusBadge } from '../Badge.js';
import { Stars } from '../Stars.js';
import { ChatTicket } from './ChatTicket.js';
import { PreviousChats } from './PreviousChats.js';
import { TagEditor } from './TagEditor.js';
import { TranscriptActions } from './TranscriptActions.js';

export function SessionDetails({ session, viewer }: { session: Session; viewer: Person }) {
  const { api } = useServices();
  const now = useNow(15_000);
  const waitedUntil = session.assignedAt ?? session.endedAt ?? now;
  const canTag =
    viewer.role === 'super_admin' || (viewer.role === 'admin' && session.agent?.id === viewer.id);
  return (
    <aside class="details" aria-label="Chat details">
      <h3 class="details__heading">Customer</h3>
      <dl class="details__list">
        <dt>Name</dt>
        <dd>{session.customer.name}</dd>
        <dt>Email</dt>
        <dd>
          {session.customer.email ? (
            <a href={`mailto:${session.customer.email}`}>{session.customer.email}</a>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <h3 class="details__heading">Chat</h3>
      <dl class="details__list">
        <dt>Subject</dt>
        <dd>{session.subject}</dd>
        {session.topic && (
          <>
            <dt>Topic</dt>
            <dd>{session.topic.name}</dd>
          </>
        )}
        {session.team && (
          <>
            <dt>Team</dt>
            <dd>{session.team.name}</dd>
          </>
        )}
        <dt>Priority</dt>
        <dd>
          <PriorityBadge priority={session.priority} />
        </dd>
        <dt>Status</dt>
        <dd>
          <SessionStatusBadge status={session.status} />
        </dd>
        <dt>Started</dt>
        <dd>{formatDateTime(session.startedAt)}</dd>
        <dt>{session.assignedAt || session.status === 'ended' ? 'Waited' : 'Waiting'}</dt>
        <dd>{formatDuration(secondsBetween(session.startedAt, waitedUntil))}</dd>
        <dt>Agent</dt>
        <dd>{session.agent?.name ?? 'Not assigned yet'}</dd>
        {session.endedAt && (
          <>
            <dt>Ended</dt>
            <dd>
              {formatDateTime(session.endedAt)}
              {session.endedBy && ` by ${ENDED_BY_LABELS[session.endedBy]}`}
            </dd>
          </>
        )}
        {session.rating !== null && (
          <>
            <dt>Rating</dt>
            <dd>
              <Stars rating={session.rating} />
              {session.feedback && <q class="details__feedback">{session.feedback}</q>}
            </dd>
          </>
        )}
      </dl>
      <h3 class="details__heading">Tags</h3>
      <TagEditor
        tags={session.tags}
        editable={canTag}
        onSave={(tags) => api.sessions.setTags(session.id, tags)}
      />
      <h3 class="details__heading">Transcript</h3>
      <TranscriptActions sessionId={session.id} forCustomer={session.customer.id === viewer.id} />
      {viewer.role !== 'user' && (
        <>
          <h3 class="details__heading">Ticket</h3>
          <ChatTicket session={session} />
        </>
      )}
      <PreviousChats session={session} />
    </aside>
  );
}
