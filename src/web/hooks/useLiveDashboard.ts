// The live dashboard of the signed-in supervisor: watched on the socket (`dashboard.watch`) while
// the component is shown and again after every reconnect, each pushed snapshot replacing the last.
import { useEffect, useState } from 'preact/hooks';
import type { DashboardSnapshot } from '../../shared/dashboard.js';
import { useServices } from '../app/services.js';
import { FrameError } from '../realtime/pendingRequests.js';

export interface LiveDashboard {
  snapshot: DashboardSnapshot | null;
  /** When this browser received it (Date.now()), so waits can grow on its own clock. */
  receivedAt: number;
  /** Why the server refused the watch (not a supervisor); a lost link is not a refusal. */
  refused: string | null;
}

export function useLiveDashboard(): LiveDashboard {
  const { realtime } = useServices();
  const [latest, setLatest] = useState<{ snapshot: DashboardSnapshot | null; receivedAt: number }>({
    snapshot: null,
    receivedAt: 0,
  });
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    const watch = () => {
      realtime.request({ type: 'dashboard.watch' }).catch((error: unknown) => {
        if (error instanceof FrameError) setRefused(error.message);
      });
    };
    const stops = [
      realtime.on('dashboard.snapshot', (frame) =>
        setLatest({ snapshot: frame.snapshot, receivedAt: Date.now() }),
      ),
      realtime.onState((state) => state === 'connected' && watch()),
    ];
    if (realtime.state === 'connected') watch();
    return () => {
      for (const stop of stops) stop();
      realtime.notify({ type: 'dashboard.unwatch' });
    };
  }, [realtime]);
  return { ...latest, refused };
}
