// The conversation as a scrolling log: day separators, system lines, bubbles grouped by sender
// with times and (on one's own side) delivery ticks, and internal notes set apart. Text is rendered with its light
// Markdown as elements (MessageText), never as HTML; files and images as Attachments.
// Keeps to the bottom as messages arrive unless the reader has scrolled up to read back.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Person } from '../../../shared/api.js';
import type { ConversationStore, ConversationView } from '../../chat/conversationStore.js';
import { buildTimeline, type TimelineEntry, type TimelineItem } from '../../chat/timeline.js';
import { formatClock } from '../../format/time.js';
import { useNow } from '../../hooks/useNow.js';
import { Avatar } from '../Avatar.js';
import { Button } from '../Button.js';
import { cx } from '../classNames.js';
import { Icon } from '../Icon.js';
import { Attachments } from './Attachments.js';
import { DeliveryTicks } from './DeliveryTicks.js';
import { MessageText } from './MessageText.js';

/** Within this many pixels of the bottom counts as "reading the latest". */
const STICKY_PX = 80;

interface MessageListProps {
  store: ConversationStore;
  view: ConversationView;
  viewer: Person;
}

export function MessageList({ store, view, viewer }: MessageListProps) {
  const now = useNow(60_000);
  const items = useMemo(
    () => buildTimeline(view.conversation, viewer, now),
    [view.conversation, viewer, now],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [unseenBelow, setUnseenBelow] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const count = view.conversation.messages.length + view.conversation.outbox.length;
  const previousCount = useRef(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const grew = count > previousCount.current;
    previousCount.current = count;
    if (atBottom.current) element.scrollTop = element.scrollHeight;
    else if (grew) setUnseenBelow(true);
  }, [count, view.typing]);

  const scrollToLatest = () => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    setUnseenBelow(false);
  };

  const loadEarlier = async () => {
    const element = scroller.current;
    const fromBottom = element ? element.scrollHeight - element.scrollTop : 0;
    setLoadingEarlier(true);
    try {
      await store.loadEarlier();
    } finally {
      setLoadingEarlier(false);
      // Keep the reader's place: the older messages appear above what they were looking at.
      requestAnimationFrame(() => {
        if (element) element.scrollTop = element.scrollHeight - fromBottom;
      });
    }
  };

  return (
    <div class="messages-frame">
      <div
        class="messages"
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
          if (atBottom.current) setUnseenBelow(false);
        }}
      >
        {view.conversation.hasEarlier && (
          <div class="messages__earlier">
            <Button size="sm" variant="ghost" busy={loadingEarlier} onClick={loadEarlier}>
              Show earlier messages
            </Button>
          </div>
        )}
        <div
          role="log"
          aria-label="Messages"
          aria-live="polite"
          aria-relevant="additions"
          class="messages__log"
        >
          {items.map((item) => (
            <TimelineRow
              key={item.key}
              item={item}
              store={store}
              live={view.live}
              viewer={viewer}
            />
          ))}
        </div>
      </div>
      {unseenBelow && (
        <button type="button" class="messages__jump" onClick={scrollToLatest}>
          New messages <Icon name="chevronDown" size={14} />
        </button>
      )}
    </div>
  );
}

function TimelineRow({
  item,
  store,
  live,
  viewer,
}: {
  item: TimelineItem;
  store: ConversationStore;
  live: boolean;
  viewer: Person;
}) {
  if (item.kind === 'day') {
    return (
      <div class="messages__day" role="separator">
        <span>{item.label}</span>
      </div>
    );
  }
  if (item.kind === 'note') {
    const author = item.sender.id === viewer.id ? 'You' : item.sender.name;
    return (
      <div class="msg-note">
        <p class="msg-note__label">
          <span class="msg-note__author">{author}</span>
          <span>Note · only agents see this</span>
        </p>
        <Bubble entry={item.entry} sender={`Note by ${author}`} store={store} live={live} />
      </div>
    );
  }
  if (item.kind === 'system') {
    return (
      <p class={cx('messages__system', item.desk && 'messages__system--desk')}>
        <span>{item.text}</span>
        {item.desk && <span class="messages__desk-only">Only agents see this</span>}
        <time dateTime={item.at}>{formatClock(item.at)}</time>
      </p>
    );
  }
  const isViewer = item.sender.id === viewer.id;
  const name = isViewer ? 'You' : item.sender.name;
  return (
    <div class={cx('msg-group', item.mine ? 'msg-group--mine' : 'msg-group--theirs')}>
      {!item.mine && <Avatar id={item.sender.id} name={item.sender.name} size="sm" />}
      <div class="msg-group__body">
        {!isViewer && (
          <p class="msg-group__sender" aria-hidden="true">
            {name}
          </p>
        )}
        {item.entries.map((entry) => (
          <Bubble key={entry.key} entry={entry} sender={name} store={store} live={live} />
        ))}
      </div>
    </div>
  );
}

function Bubble({
  entry,
  sender,
  store,
  live,
}: {
  entry: TimelineEntry;
  sender: string;
  store: ConversationStore;
  live: boolean;
}) {
  return (
    <div
      class={cx('bubble', entry.delivery === 'failed' && 'bubble--failed')}
      data-delivery={entry.delivery ?? undefined}
    >
      <span class="sr-only">
        {sender} at {formatClock(entry.at)}:{' '}
      </span>
      {entry.text && <MessageText text={entry.text} />}
      {entry.files && <Attachments files={entry.files} />}
      <span class="bubble__meta">
        <time dateTime={entry.at} aria-hidden="true">
          {formatClock(entry.at)}
        </time>
        {entry.delivery && <DeliveryTicks delivery={entry.delivery} live={live} />}
      </span>
      {entry.failure && entry.clientId && (
        <div class="bubble__failure" role="alert">
          <span>Not sent: {entry.failure.message}</span>
          <span class="bubble__actions">
            <Button size="sm" variant="ghost" onClick={() => store.retry(entry.clientId!)}>
              Retry
            </Button>
            <Button size="sm" variant="ghost" onClick={() => store.discard(entry.clientId!)}>
              Discard
            </Button>
          </span>
        </div>
      )}
    </div>
  );
}
