// A Switchboard node for browser tests, in this process on an ephemeral port, serving the built
// web app, with factories for the people a test needs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config.js';
import type { Viewer } from '../../../src/domain/policies.js';
import { createNode, type SwitchboardNode } from '../../../src/node.js';
import { createAccount } from '../../../src/services/accounts/accounts.js';
import type { Role } from '../../../src/shared/vocabulary.js';

export const PASSWORD = 'correct horse battery';
export const SSO_SECRET = 'browser-test-sso-secret-long-enough-123';

export interface Person extends Viewer {
  name: string;
  email: string;
}

export interface TestServer {
  url: string;
  node: SwitchboardNode;
  /** Creates an account (the system acting, as the CLI does). */
  person(name: string, role?: Role): Promise<Person>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-browser-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SSO_SECRET,
    ...env,
  });
  const node = await createNode(config);
  const url = await node.start();
  return {
    url,
    node,
    async person(name, role = 'user') {
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${++counter}@example.com`;
      const user = await createAccount(node.ctx, null, { email, name, password: PASSWORD, role });
      return { id: user.id, role: user.role, name, email };
    },
    async stop() {
      await node.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
