// The link's health in the header: connected, connecting, reconnecting or offline. A status
// region, so a change is read out; on phones only the dot shows (the words stay for readers).
import { useEffect, useState } from 'preact/hooks';
import type { LinkState } from '../realtime/realtimeClient.js';
import { useServices } from './services.js';

const WORDS: Record<LinkState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  signedOut: 'Signed out',
};

export function ConnectionStatus() {
  const { realtime } = useServices();
  const [state, setState] = useState<LinkState>(realtime.state);
  useEffect(() => {
    setState(realtime.state);
    return realtime.onState(setState);
  }, [realtime]);
  return (
    <div class={`connection connection--${state}`} role="status" data-state={state}>
      <span class="connection__dot" aria-hidden="true" />
      <span class="connection__text">
        <span class="sr-only">Connection: </span>
        {WORDS[state]}
      </span>
    </div>
  );
}
