// The RealtimeClient's link in the browser: a WebSocket to /api/v1/ws on this origin (the session
// cookie authenticates it, or a bearer token offered as the subprotocol `bearer.<token>` beside
// `switchboard`), reconnecting at once when the network or the tab comes back.
import { BEARER_PROTOCOL_PREFIX, GATEWAY_PROTOCOL } from '../../domain/credentials.js';
import { CONSOLE_BATCH_PARAM, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { RealtimeClient, type SocketFactory } from '../realtime/realtimeClient.js';

/** Where a bearer token signs the socket in, the token read at each connection. */
const browserSocket =
  (bearer: (() => string | null) | undefined): SocketFactory =>
  (url, handlers) => {
    const token = bearer?.() ?? null;
    const socket = token
      ? new WebSocket(url, [GATEWAY_PROTOCOL, `${BEARER_PROTOCOL_PREFIX}${token}`])
      : new WebSocket(url);
    socket.onopen = () => handlers.open();
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') handlers.message(event.data);
    };
    socket.onclose = (event) => handlers.close(event.code, event.reason);
    return socket;
  };

export function connectRealtime(bearer?: () => string | null): {
  client: RealtimeClient;
  disconnect: () => void;
} {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const client = new RealtimeClient({
    // Each protocol version has its own path (docs/protocol.md, Versioning); the client reads
    // the console's changes batched (RealtimeClient unpacks them).
    url: `${scheme}//${window.location.host}/api/v${PROTOCOL_VERSION}/ws?${CONSOLE_BATCH_PARAM}=1`,
    createSocket: browserSocket(bearer),
  });
  const online = () => client.setOnline(true);
  const offline = () => client.setOnline(false);
  const visible = () => {
    if (document.visibilityState === 'visible') client.reconnectNow();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', visible);
  client.start();
  return {
    client,
    disconnect() {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      document.removeEventListener('visibilitychange', visible);
      client.stop();
    },
  };
}
