// Tells the host page about the open chat: each new message from the desk (`message`), how many
// came while the widget was closed (`unread`, back to 0 when it opens), and whether a chat is
// going on (`chat`), which lets the loader bring the widget back, hidden, on the next page.
import { useEffect, useRef } from 'preact/hooks';
import { matchPath } from '../app/paths.js';
import { useLocation } from '../app/router.js';
import { useServices } from '../app/services.js';
import { isFromOtherSide } from '../chat/conversation.js';
import type { HostBridge } from './hostBridge.js';

export function useHostEvents(host: HostBridge, open: boolean): void {
  const { conversations } = useServices();
  const { path } = useLocation();
  const sessionId = matchPath('/chat/:id', path)?.id ?? null;
  const openRef = useRef(open);
  const seen = useRef({ seq: 0, unread: 0 });
  const ongoing = useRef<boolean | null>(null);
  const tellOngoing = (value: boolean) => {
    if (ongoing.current === value) return;
    ongoing.current = value;
    host.post({ type: 'chat', ongoing: value });
  };

  useEffect(() => {
    openRef.current = open;
    if (open && seen.current.unread > 0) {
      seen.current.unread = 0;
      host.post({ type: 'unread', count: 0 });
    }
  }, [open]);

  useEffect(() => {
    // The start form: no chat, or one that ended (the page goes on to a waiting or active chat
    // by itself, which then says so).
    if (!sessionId) {
      tellOngoing(false);
      return;
    }
    const { store, release } = conversations.acquire(sessionId);
    // What was there when the chat opened is history, not news.
    let announcedSeq: number | null = null;
    const check = () => {
      const { conversation } = store.get();
      if (!conversation.session) return;
      tellOngoing(conversation.session.status !== 'ended');
      const theirs = conversation.messages.filter((m) => isFromOtherSide(m, conversation.viewerId));
      const newest = theirs.at(-1)?.seq ?? 0;
      if (announcedSeq === null) {
        announcedSeq = newest;
        return;
      }
      const fresh = theirs.filter((m) => m.seq > announcedSeq!);
      if (fresh.length === 0) return;
      announcedSeq = newest;
      for (const message of fresh) {
        host.post({
          type: 'message',
          sessionId,
          from: message.sender?.name ?? '',
          text: message.text ?? '',
        });
      }
      if (!openRef.current) {
        seen.current.unread += fresh.length;
        host.post({ type: 'unread', count: seen.current.unread });
      }
    };
    check();
    const stop = store.subscribe(check);
    return () => {
      stop();
      release();
    };
  }, [sessionId, conversations]);
}
