// The rows of the console's three lists. Active: customer, subject, priority, last activity and
// unread count. Waiting (oldest first): priority, subject, how long it has waited, and Assign.
// History: ended chats with their ratings. Every row opens its chat in the workspace.
import type { ComponentChildren } from 'preact';
import type { SessionView } from '../../../shared/api.js';
import { Avatar } from '../../components/Avatar.js';
import { PriorityBadge } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { cx } from '../../components/classNames.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { Stars } from '../../components/Stars.js';
import {
  formatDateTime,
  formatDuration,
  formatRelative,
  secondsBetween,
} from '../../format/time.js';
import type { PagedList } from '../../hooks/usePagedList.js';
import { useNow } from '../../hooks/useNow.js';
import type { ChatActivity } from './useActiveConversations.js';

interface ListProps {
  list: PagedList<SessionView>;
  selectedId: string | null;
  onOpen: (session: SessionView) => void;
}

function ListFrame({
  list,
  empty,
  children,
}: {
  list: PagedList<SessionView>;
  empty: ComponentChildren;
  children: ComponentChildren;
}) {
  if (!list.loaded && list.loading) return <Loading />;
  if (list.error && list.items.length === 0)
    return (
      <p class="list-error" role="alert">
        {list.error}
      </p>
    );
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <>
      <ul class="session-list">{children}</ul>
      {list.hasMore && (
        <div class="session-list__more">
          <Button
            size="sm"
            variant="ghost"
            busy={list.loadingMore}
            onClick={() => void list.loadMore()}
          >
            Show more
          </Button>
        </div>
      )}
    </>
  );
}

export function ActiveList({
  list,
  selectedId,
  onOpen,
  activity,
}: ListProps & { activity: ReadonlyMap<string, ChatActivity> }) {
  const now = useNow(30_000);
  return (
    <ListFrame
      list={list}
      empty={
        <EmptyState icon="inbox" title="No active chats">
          New chats are assigned to you while you are online with auto-assign on, or take one from
          Waiting.
        </EmptyState>
      }
    >
      {list.items.map((session) => {
        const stats = activity.get(session.id);
        const unread = stats?.unread ?? session.unreadCount;
        const lastAt = stats?.lastActivityAt ?? session.lastMessageAt ?? session.startedAt;
        return (
          <li key={session.id}>
            <button
              type="button"
              class={cx('session-row', session.id === selectedId && 'session-row--selected')}
              aria-current={session.id === selectedId ? 'true' : undefined}
              onClick={() => onOpen(session)}
            >
              <Avatar id={session.customer.id} name={session.customer.name} />
              <span class="session-row__main">
                <span class="session-row__top">
                  <span class="session-row__name">{session.customer.name}</span>
                  <span class="session-row__time">{formatRelative(lastAt, now)}</span>
                </span>
                <span class="session-row__subject">{session.subject}</span>
                <span class="session-row__bottom">
                  <PriorityBadge priority={session.priority} />
                  {unread > 0 && (
                    <span class="count count--alert" aria-label={`${unread} unread`}>
                      {unread}
                    </span>
                  )}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ListFrame>
  );
}

export function WaitingList({
  list,
  selectedId,
  onOpen,
  onTake,
  taking,
}: ListProps & { onTake: (session: SessionView) => void; taking: ReadonlySet<string> }) {
  const now = useNow(10_000);
  return (
    <ListFrame
      list={list}
      empty={
        <EmptyState icon="check" title="Nobody is waiting">
          The queue is empty. Nice work.
        </EmptyState>
      }
    >
      {list.items.map((session) => (
        <li key={session.id} class="waiting-row">
          <button
            type="button"
            class={cx('session-row', session.id === selectedId && 'session-row--selected')}
            aria-current={session.id === selectedId ? 'true' : undefined}
            onClick={() => onOpen(session)}
          >
            <span class="session-row__main">
              <span class="session-row__top">
                <span class="session-row__name">{session.subject}</span>
              </span>
              <span class="session-row__subject">{session.customer.name}</span>
              <span class="session-row__bottom">
                <PriorityBadge priority={session.priority} />
                <span class="session-row__time">
                  waiting {formatDuration(secondsBetween(session.startedAt, now))}
                </span>
              </span>
            </span>
          </button>
          <Button
            variant="primary"
            size="sm"
            class="waiting-row__assign"
            busy={taking.has(session.id)}
            aria-label={`Assign ${session.subject} from ${session.customer.name} to me`}
            onClick={() => onTake(session)}
          >
            Assign
          </Button>
        </li>
      ))}
    </ListFrame>
  );
}

export function HistoryList({ list, selectedId, onOpen }: ListProps) {
  return (
    <ListFrame list={list} empty={<EmptyState icon="list" title="No ended chats yet" />}>
      {list.items.map((session) => (
        <li key={session.id}>
          <button
            type="button"
            class={cx('session-row', session.id === selectedId && 'session-row--selected')}
            aria-current={session.id === selectedId ? 'true' : undefined}
            onClick={() => onOpen(session)}
          >
            <Avatar id={session.customer.id} name={session.customer.name} />
            <span class="session-row__main">
              <span class="session-row__top">
                <span class="session-row__name">{session.customer.name}</span>
                <span class="session-row__time">
                  {formatDateTime(session.endedAt ?? session.startedAt)}
                </span>
              </span>
              <span class="session-row__subject">{session.subject}</span>
              <span class="session-row__bottom">
                <PriorityBadge priority={session.priority} />
                {session.rating !== null ? (
                  <Stars rating={session.rating} />
                ) : (
                  <span class="muted small">Not rated</span>
                )}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ListFrame>
  );
}
