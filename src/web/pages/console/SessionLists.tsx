// The rows of the console's three lists. Active: customer, subject, priority, last activity,
// unread count and, past REPLY_OVERDUE_SECONDS, how long the customer has waited for a reply.
// Waiting (in the order routing serves it, filtered by team queue): place in its team's queue,
// priority, subject, how long it has waited, and Assign.
// History: ended chats with their ratings. Every row opens its chat in the workspace.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SessionView } from '../../../shared/api.js';
import { Avatar } from '../../components/Avatar.js';
import { OverdueReplyBadge, PriorityBadge } from '../../components/Badge.js';
import { Button } from '../../components/Button.js';
import { cx } from '../../components/classNames.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Loading } from '../../components/Spinner.js';
import { ChatRating } from '../../components/Stars.js';
import {
  formatDateTime,
  formatDuration,
  formatRelative,
  secondsBetween,
} from '../../format/time.js';
import type { PagedList } from '../../hooks/usePagedList.js';
import { useNow } from '../../hooks/useNow.js';
import { overdueReplyLabel } from '../../chat/awaitingReply.js';
import {
  ALL,
  applyWaitingFilter,
  queuePlaceLabel,
  waitingFilters,
} from '../../chat/waitingFilters.js';
import { tabStorage } from '../../state/tabStorage.js';
import type { ChatActivity } from '../../chat/conversation.js';
import { useReplyOverdueMs } from '../../hooks/useReplyOverdue.js';

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

/**
 * The button that opens a session in the workspace: who or what it is about on top (with the
 * customer's avatar when `avatar` is set), a second line below, and the priority badge followed
 * by `children` at the bottom.
 */
export function SessionRow({
  session,
  selected,
  onOpen,
  avatar = false,
  title,
  time,
  subtitle,
  children,
}: {
  session: SessionView;
  selected: boolean;
  onOpen: (session: SessionView) => void;
  avatar?: boolean;
  title: ComponentChildren;
  /** Shown beside the title; rows that show their time elsewhere leave it out. */
  time?: ComponentChildren;
  subtitle: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class={cx('session-row', selected && 'session-row--selected')}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(session)}
    >
      {avatar && <Avatar id={session.customer.id} name={session.customer.name} />}
      <span class="session-row__main">
        <span class="session-row__top">
          <span class="session-row__name">{title}</span>
          {time !== undefined && <span class="session-row__time">{time}</span>}
        </span>
        <span class="session-row__subject">{subtitle}</span>
        <span class="session-row__bottom">
          <PriorityBadge priority={session.priority} />
          {children}
        </span>
      </span>
    </button>
  );
}

export function ActiveList({
  list,
  selectedId,
  onOpen,
  activity,
}: ListProps & { activity: ReadonlyMap<string, ChatActivity> }) {
  // Often enough for "Waiting for reply" to appear soon after the customer's wait passes the limit.
  const now = useNow(10_000);
  const overdueMs = useReplyOverdueMs();
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
        // A followed chat knows of replies the list has not refetched.
        const awaiting = stats ? stats.awaitingAgentSince : session.awaitingAgentSince;
        const overdue = overdueReplyLabel(session, awaiting, overdueMs, now);
        return (
          <li key={session.id}>
            <SessionRow
              session={session}
              selected={session.id === selectedId}
              onOpen={onOpen}
              avatar
              title={session.customer.name}
              time={formatRelative(lastAt, now)}
              subtitle={session.subject}
            >
              <OverdueReplyBadge label={overdue} />
              {unread > 0 && (
                <span class="count count--alert" aria-label={`${unread} unread`}>
                  {unread}
                </span>
              )}
            </SessionRow>
          </li>
        );
      })}
    </ListFrame>
  );
}

/** The Waiting tab's team filter, kept for the browser tab. */
const WAITING_FILTER_KEY = 'switchboard.waitingFilter';

function useWaitingFilter(): [string, (id: string) => void] {
  const [filter, setFilter] = useState(() => tabStorage()?.getItem(WAITING_FILTER_KEY) ?? ALL);
  return [
    filter,
    (id) => {
      tabStorage()?.setItem(WAITING_FILTER_KEY, id);
      setFilter(id);
    },
  ];
}

export function WaitingList({
  list,
  myTeams,
  selectedId,
  onOpen,
  onTake,
  taking,
}: ListProps & {
  myTeams: readonly { id: string; name: string }[];
  onTake: (session: SessionView) => void;
  taking: ReadonlySet<string>;
}) {
  const now = useNow(10_000);
  const [chosen, choose] = useWaitingFilter();
  const filters = waitingFilters(list.items, myTeams);
  // A team left (or no longer waiting anywhere) falls back to everything.
  const filter = filters.some((f) => f.id === chosen) ? chosen : ALL;
  const shown = applyWaitingFilter(list.items, filter);
  return (
    <>
      {filters.length > 0 && list.items.length > 0 && (
        <div class="waiting-filters" role="group" aria-label="Show the queue of">
          {filters.map((f) => (
            <button
              key={f.id}
              type="button"
              class="waiting-filters__option"
              aria-pressed={f.id === filter}
              onClick={() => choose(f.id)}
            >
              {f.label} <span class="waiting-filters__count">{f.count}</span>
            </button>
          ))}
        </div>
      )}
      <ListFrame
        list={list}
        empty={
          <EmptyState icon="check" title="Nobody is waiting">
            The queue is empty. Nice work.
          </EmptyState>
        }
      >
        {shown.length === 0 && (
          <li class="session-list__none">
            Nobody is waiting in {filters.find((f) => f.id === filter)?.label ?? 'this queue'}.
          </li>
        )}
        {shown.map((session) => (
          <li key={session.id} class="waiting-row">
            <SessionRow
              session={session}
              selected={session.id === selectedId}
              onOpen={onOpen}
              title={session.subject}
              subtitle={session.customer.name}
            >
              <span class="session-row__time">
                {session.queuePosition !== null && (
                  <span class="queue-place">
                    {queuePlaceLabel(session.queuePosition, session.team)}
                  </span>
                )}
                waiting {formatDuration(secondsBetween(session.startedAt, now))}
              </span>
            </SessionRow>
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
    </>
  );
}

export function HistoryList({ list, selectedId, onOpen }: ListProps) {
  return (
    <ListFrame list={list} empty={<EmptyState icon="list" title="No ended chats yet" />}>
      {list.items.map((session) => (
        <li key={session.id}>
          <SessionRow
            session={session}
            selected={session.id === selectedId}
            onOpen={onOpen}
            avatar
            title={session.customer.name}
            time={formatDateTime(session.endedAt ?? session.startedAt)}
            subtitle={session.subject}
          >
            <ChatRating rating={session.rating} />
          </SessionRow>
        </li>
      ))}
    </ListFrame>
  );
}
