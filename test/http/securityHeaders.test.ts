// The headers that depend on how the deployment is reached.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

describe('security headers', () => {
  const started: TestNode[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });

  async function clientOf(env: Record<string, string>): Promise<Client> {
    const database = await createTestDatabase('sqlite');
    const server = await startTestNode(database.store, env);
    started.push(server);
    return new Client(server.url);
  }

  it('tells browsers to keep to HTTPS when PUBLIC_URL is https', async () => {
    const client = await clientOf({ PUBLIC_URL: 'https://chat.example.edu' });
    for (const path of ['/healthz', '/api/v1/auth/me', '/api/v1/nothing', '/login']) {
      const { headers } = await client.get(path);
      expect(headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });

  it('sends no Strict-Transport-Security when PUBLIC_URL is http or unset', async () => {
    const environments: Record<string, string>[] = [{ PUBLIC_URL: 'http://chat.example.edu' }, {}];
    for (const env of environments) {
      const { headers } = await (await clientOf(env)).get('/healthz');
      expect(headers.get('strict-transport-security'), JSON.stringify(env)).toBeNull();
    }
  });
});
