// A list read page by page through the API's cursors ("Show more"), reloadable from the start
// when the socket says it changed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../../shared/api.js';
import { errorMessage } from '../api/errorMessage.js';

export interface PagedList<T> {
  items: T[];
  /** The first page has arrived (until then `items` is empty for lack of data, not of items). */
  loaded: boolean;
  error: string | null;
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

export function usePagedList<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  deps: readonly unknown[],
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef(0);
  const pages = useRef(1);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  /** Reads the first `count` pages again, so a refresh keeps what the reader had opened. */
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      let all: T[] = [];
      let next: string | null = null;
      for (let page = 0; page < pages.current; page++) {
        const result: Page<T> = await fetchRef.current(next ?? undefined);
        all = all.concat(result.items);
        next = result.nextCursor;
        if (!next) break;
      }
      if (request !== latest.current) return;
      setItems(all);
      setLoaded(true);
      setCursor(next);
      setError(null);
    } catch (failure) {
      if (request === latest.current) setError(errorMessage(failure));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    const request = latest.current;
    setLoadingMore(true);
    try {
      const result = await fetchRef.current(cursor);
      if (request !== latest.current) return;
      pages.current++;
      setItems((list) => list.concat(result.items));
      setCursor(result.nextCursor);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor]);

  useEffect(() => {
    pages.current = 1;
    void reload();
    return () => void latest.current++;
  }, deps);

  return { items, loaded, error, loading, loadingMore, hasMore: cursor !== null, reload, loadMore };
}
