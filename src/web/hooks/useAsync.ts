// Loads something through the API for a component: the data, the failure, a reload(), and
// protection against an older request finishing after a newer one.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api/errorMessage.js';

export interface AsyncState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const result = await loadRef.current();
      if (request !== latest.current) return;
      setData(result);
      setError(null);
    } catch (failure) {
      if (request !== latest.current) return;
      setError(errorMessage(failure));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
    // Bumping the counter makes a request still in flight land nowhere after unmount.
    return () => void latest.current++;
  }, deps);

  return { data, error, loading, reload };
}
