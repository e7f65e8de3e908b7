// The tab title: the page's name, with the agent console's count of chats needing attention in
// front of it, e.g. "(2) Chat management – Switchboard".
import { useEffect } from 'preact/hooks';
import { useReadable } from '../hooks/useReadable.js';
import { APP_TITLE, titleWithBadge } from '../notify/titleBadge.js';
import { Observable } from '../state/observable.js';

/** Chats needing attention, set by the agent console (0 elsewhere). */
export const attentionCount = new Observable(0);

export function useDocumentTitle(page: string | null): void {
  const count = useReadable(attentionCount);
  useEffect(() => {
    document.title = titleWithBadge(page ? `${page} – ${APP_TITLE}` : APP_TITLE, count);
  }, [page, count]);
}
