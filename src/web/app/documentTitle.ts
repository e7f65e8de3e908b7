// The tab title: the page's name, with the count of what needs the person's attention in front of
// it, e.g. "(2) Chat management – Switchboard" (notify/attention.ts says what is counted).
import { useEffect } from 'preact/hooks';
import { useReadable } from '../hooks/useReadable.js';
import { APP_TITLE, titleWithBadge } from '../notify/titleBadge.js';
import { Observable } from '../state/observable.js';

/** What needs attention: set by an agent's desk, or by a customer's chat while the tab is hidden. */
export const attentionCount = new Observable(0);

export function useDocumentTitle(page: string | null): void {
  const count = useReadable(attentionCount);
  useEffect(() => {
    document.title = titleWithBadge(page ? `${page} – ${APP_TITLE}` : APP_TITLE, count);
  }, [page, count]);
}
