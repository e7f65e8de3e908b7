// Refetches what a component shows when the socket says it changed (the invalidation frames in
// `sources`), when the server asks every list to refresh, and after every reconnect, coalescing
// bursts into one request. With no sources, only the last two.
import { useEffect, useRef } from 'preact/hooks';
import type { ServerFrame } from '../../shared/protocol.js';
import { useServices } from '../app/services.js';
import { invalidates, type Invalidation } from '../realtime/invalidations.js';

const COALESCE_MS = 150;

export function useLiveRefresh(sources: readonly Invalidation[], refresh: () => void): void {
  const { realtime } = useServices();
  const latest = useRef({ sources, refresh });
  latest.current = { sources, refresh };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        latest.current.refresh();
      }, COALESCE_MS);
    };
    const stale = (frame: ServerFrame) => {
      if (latest.current.sources.some((source) => invalidates(source, frame))) soon();
    };
    const stops = [
      realtime.on('sessions.changed', stale),
      realtime.on('queue.changed', stale),
      realtime.on('agent.status', stale),
      realtime.on('ticket.created', stale),
      realtime.on('ticket.updated', stale),
      realtime.on('ticket.message', stale),
      realtime.on('refresh', soon),
      realtime.onResume(soon),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [realtime]);
}
