// A site on another origin: another port of the same host, which is the same site for cookies
// (so SameSite does not hold them back, as for a sibling subdomain). Its page opens a WebSocket
// to the address in its `socket` query parameter, in the name of whoever visits it, and tells
// whom the server greeted it as.
import http from 'node:http';
import type net from 'node:net';

export interface OtherSite {
  url: string;
  stop(): Promise<void>;
}

/** What the page's socket got: greeted as someone (it stays open), or closed with a code. */
export interface SocketOutcome {
  greetedAs: string | null;
  closeCode: number | null;
}

const PAGE = `<!doctype html>
<title>Another site</title>
<script>
  window.socketOutcome = new Promise((resolve) => {
    const socket = new WebSocket(new URLSearchParams(location.search).get('socket'));
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'hello') resolve({ greetedAs: frame.user.name, closeCode: null });
    };
    socket.onclose = (event) => resolve({ greetedAs: null, closeCode: event.code });
  });
</script>`;

export async function startOtherSite(): Promise<OtherSite> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
