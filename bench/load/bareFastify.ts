// The HTTP baseline: a bare Fastify server answering the same paths with the same bytes
// Switchboard returned, with no auth, no database and no validation.
import Fastify from 'fastify';

const bodies = JSON.parse(process.env.BODIES ?? '{}') as Record<string, string>;
const app = Fastify({ logger: false });
for (const [path, body] of Object.entries(bodies)) {
  app.get(path, (_request, reply) => reply.type('application/json').send(body));
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
