// The raw baseline: a bare `ws` relay with no database, no authentication and no protocol. A
// customer's frame goes to the agent socket of the same pair, and back to the customer as an ack
// and as the echo of the message: the three frames Switchboard sends per message. What
// Switchboard adds on top of this (auth, validation, a durable commit, sequence numbers, fan-out
// through the bus) is the difference the benchmark reports.
import { WebSocketServer, type WebSocket } from 'ws';

const agents = new Map<string, WebSocket>();
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.env.PORT),
  perMessageDeflate: false,
});
server.on('connection', (socket, request) => {
  const params = new URL(request.url ?? '/', 'http://relay').searchParams;
  const pair = params.get('pair') ?? '';
  if (params.get('role') === 'agent') {
    agents.set(pair, socket);
    return;
  }
  socket.on('message', (data, isBinary) => {
    const { clientId } = JSON.parse(data.toString()) as { clientId: string };
    // In Switchboard's order: the ack, then the fan-out to the agent and the sender's own feed.
    socket.send(JSON.stringify({ type: 'ack', clientId }));
    agents.get(pair)?.send(data, { binary: isBinary });
    socket.send(data, { binary: isBinary });
  });
});
server.on('listening', () => process.send?.('ready'));
