// The OpenAPI document is what client generators read: every route is in it with a name and a
// description, every status a route can answer is listed, and Spectral finds nothing to fix.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/databases.js';
import { Client, startTestNode, type TestNode } from '../support/testNode.js';

interface Operation {
  operationId?: string;
  description?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: unknown; headers?: unknown }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** Every route the app serves, read from Fastify's route tree (each line extends its parent's path). */
function routesOf(app: FastifyInstance): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  const parents: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const [, indent = '', segment = '', methods = ''] = match;
    parents.length = indent.length / 4;
    parents.push(segment);
    const url = parents.join('');
    for (const method of methods.split(', ').filter(Boolean)) routes.push({ method, url });
  }
  return routes;
}

const WRITES = ['post', 'put', 'patch', 'delete'];

describe('the OpenAPI document', () => {
  let server: TestNode;
  let doc: Document;
  const operations: Array<[string, Operation]> = [];
  beforeAll(async () => {
    const database = await createTestDatabase('sqlite');
    server = await startTestNode(database.store);
    const reply = await new Client(server.url).get<Document>('/api/openapi.json');
    expect(reply.status).toBe(200);
    doc = reply.body;
    for (const [url, byMethod] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(byMethod)) {
        operations.push([`${method.toUpperCase()} ${url}`, operation]);
      }
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('has every API route, each with a unique operationId and a description', () => {
    const apiRoutes = routesOf(server.node.app).filter(
      // HEAD mirrors GET; the WebSocket is described in docs/protocol.md.
      ({ method, url }) => url.startsWith('/api/v1/') && method !== 'HEAD' && url !== '/api/v1/ws',
    );
    expect(apiRoutes.length).toBeGreaterThan(30);
    for (const { method, url } of apiRoutes) {
      const operation = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(operation, `${method} ${url}`).toBeDefined();
      expect(operation!.operationId, `${method} ${url}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation!.description, `${method} ${url}`).toBeTruthy();
    }
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists the errors every route can meet', () => {
    for (const [name, operation] of operations) {
      const statuses = Object.keys(operation.responses);
      expect(statuses, name).toEqual(expect.arrayContaining(['401', '500', '503']));
      // Ids in the path are validated: anything but a UUID is a 400.
      if (operation.parameters?.some((p) => p.in === 'path'))
        expect(statuses, name).toContain('400');
      if (WRITES.some((method) => name.startsWith(`${method.toUpperCase()} `))) {
        expect(statuses, name).toEqual(expect.arrayContaining(['400', '403', '413', '415']));
      }
    }
  });

  it('documents the SSO landing as a redirect and bodiless answers without content', () => {
    const landing = doc.paths['/api/v1/auth/sso']!.get!;
    expect(landing.responses['303']).toMatchObject({ headers: { location: expect.anything() } });
    expect(landing.responses).not.toHaveProperty('200');
    for (const response of [
      doc.paths['/api/v1/auth/logout']!.post!.responses['204'],
      doc.paths['/api/v1/quick-responses/{id}']!.delete!.responses['204'],
      landing.responses['303'],
    ]) {
      expect(response).toBeDefined();
      expect(response).not.toHaveProperty('content');
    }
  });

  it('says which fields hold email addresses', () => {
    const emails: unknown[] = [];
    JSON.stringify(doc, (key, value: unknown) => {
      if (key === 'email') emails.push(value);
      return value;
    });
    // Request bodies (sign-in, accounts) and every person and account in responses.
    expect(emails.length).toBeGreaterThan(10);
    for (const schema of emails) expect(schema).toMatchObject({ format: 'email' });
  });

  it('passes Spectral’s OpenAPI rules without an error or a warning', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    try {
      const report = path.join(dir, 'report.json');
      // Exits non-zero when it finds something: the report says what.
      await promisify(execFile)(
        path.resolve('node_modules/.bin/spectral'),
        [
          'lint',
          file,
          '--ruleset',
          path.resolve('.spectral.yaml'),
          '--format',
          'json',
          '--output',
          report,
        ],
        { timeout: 60_000 },
      ).catch(() => {});
      const results = JSON.parse(fs.readFileSync(report, 'utf8')) as Array<{
        code: string;
        message: string;
        path: string[];
        severity: number;
      }>;
      const problems = results
        .filter((result) => result.severity <= 1) // 0 error, 1 warning
        .map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`);
      expect(problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
