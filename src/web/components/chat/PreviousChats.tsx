// The customer's other chats in the details panel, newest first, each linking to its transcript:
// what the desk told them before. Only what the viewer may see comes back (every ended chat, for
// an agent), a few at a time.
import type { Session } from '../../../shared/api.js';
import { Link } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { formatDateTime } from '../../format/time.js';
import { usePagedList } from '../../hooks/usePagedList.js';
import { SessionStatusBadge } from '../Badge.js';
import { Button } from '../Button.js';
import { ChatRating } from '../Stars.js';

const PAGE = 5;

/** Where an agent or super admin reads a chat. */
export const transcriptPath = (sessionId: string) =>
  `/transcripts/${encodeURIComponent(sessionId)}`;

export function PreviousChats({ session }: { session: Session }) {
  const { api } = useServices();
  const list = usePagedList(
    (cursor) =>
      api.customers.sessions(session.customer.id, {
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      }),
    [session.customer.id],
  );
  const others = list.items.filter((item) => item.id !== session.id);
  return (
    <section class="details__section" aria-labelledby={`previous-${session.id}`}>
      <h3 class="details__heading" id={`previous-${session.id}`}>
        Previous chats
      </h3>
      {list.error && <p class="muted small">{list.error}</p>}
      {list.loaded && others.length === 0 && !list.hasMore && (
        <p class="muted small">No other chats with {session.customer.name}.</p>
      )}
      {others.length > 0 && (
        <ul class="previous-chats">
          {others.map((chat) => (
            <li key={chat.id} class="previous-chats__item">
              <Link href={transcriptPath(chat.id)} class="previous-chats__subject">
                {chat.subject}
              </Link>
              <span class="previous-chats__meta">
                {formatDateTime(chat.startedAt)} · {chat.agent?.name ?? 'No agent'}
              </span>
              {chat.status === 'ended' ? (
                <ChatRating rating={chat.rating} />
              ) : (
                <SessionStatusBadge status={chat.status} />
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <Button size="sm" variant="ghost" busy={list.loadingMore} onClick={list.loadMore}>
          Show more
        </Button>
      )}
    </section>
  );
}
