// A host site for the chat widget: one page, given as HTML, served from 127.0.0.1 while the tests'
// Switchboard is reached as localhost, so the two are different sites (another registrable
// domain), as a portal and its desk are.
import http from 'node:http';
import type net from 'node:net';

export interface HostSite {
  url: string;
  stop(): Promise<void>;
}

export async function startHostSite(page: string): Promise<HostSite> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
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

/** The switchboard address of `url` on the other site's name (127.0.0.1 becomes localhost). */
export const asLocalhost = (url: string): string => url.replace('//127.0.0.1:', '//localhost:');
