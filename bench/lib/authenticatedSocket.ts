// Opens a WebSocket to Switchboard with a bearer token and reports whether the server accepted
// it: only its `hello` frame says the socket is authenticated. An `error` frame (UNAUTHENTICATED,
// then a close), a refused connection or a close before the hello all mean it is not.
import WebSocket from 'ws';

const typeOf = (data: WebSocket.RawData): string | undefined => {
  try {
    return (JSON.parse(data.toString()) as { type?: string }).type;
  } catch {
    return undefined;
  }
};

/** The open, authenticated socket, or null (the failed one is already closed). */
export function openAuthenticated(
  wsUrl: string,
  token: string,
  /** The address to connect from (a loopback alias has ephemeral ports of its own). */
  localAddress?: string,
): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, {
      headers: { authorization: `Bearer ${token}` },
      perMessageDeflate: false,
      ...(localAddress ? { localAddress } : {}),
    });
    let settled = false;
    const settle = (authenticated: boolean) => {
      if (settled) return;
      settled = true;
      if (!authenticated) ws.terminate();
      resolve(authenticated ? ws : null);
    };
    // The server's first frame is `hello`, or `error` for a refused token (protocol.md).
    ws.once('message', (data) => settle(typeOf(data) === 'hello'));
    // Errors after the hello (a reset while idle) show up as a socket no longer open.
    ws.on('error', () => settle(false));
    ws.once('close', () => settle(false));
  });
}
