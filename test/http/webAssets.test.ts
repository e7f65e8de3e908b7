// The built web app as the server sends it: compressed copies made at build time for browsers
// that accept them (the same bytes once decoded), and source maps only when configured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createNode } from '../../src/node.js';
import { openStore } from '../../src/storage/store.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { ensureWebBuild } from '../browser/support/webBuild.js';

const assets = path.resolve(import.meta.dirname, '../../dist/web/assets');

async function startNode(env: Record<string, string>) {
  const store = openStore({ sqliteFile: ':memory:' });
  await migrateToLatest(store);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-assets-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  const node = await createNode(config, { store });
  const url = await node.start();
  return {
    url,
    async stop() {
      await node.stop();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('the web app’s files', () => {
  let server: { url: string; stop(): Promise<void> };
  let script: string;
  beforeAll(async () => {
    await ensureWebBuild();
    script = fs.readdirSync(assets).find((file) => file.endsWith('.js'))!;
    server = await startNode({});
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('are sent brotli- or gzip-compressed from copies made at build time, same bytes decoded', async () => {
    const original = fs.readFileSync(path.join(assets, script));
    for (const [encoding, decode] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      // fetch decodes the body itself, as a browser does.
      const reply = await fetch(`${server.url}/assets/${script}`, {
        headers: { 'accept-encoding': encoding },
      });
      expect(reply.headers.get('content-encoding')).toBe(encoding);
      expect(reply.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(reply.headers.get('content-type')).toMatch(/javascript/);
      expect(Buffer.from(await reply.arrayBuffer()).equals(original)).toBe(true);
      expect(
        decode(
          fs.readFileSync(path.join(assets, `${script}.${encoding === 'br' ? 'br' : 'gz'}`)),
        ).equals(original),
      ).toBe(true);
    }
    const page = await fetch(`${server.url}/console`, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(await page.text()).toContain('<div id="app"');
    const plain = await fetch(`${server.url}/assets/${script}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(original)).toBe(true);
  });

  it('keep their source maps to themselves unless configured to publish them', async () => {
    expect(fs.readFileSync(path.join(assets, script), 'utf8')).not.toContain('sourceMappingURL');
    const hidden = await fetch(`${server.url}/assets/${script}.map`);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const published = await startNode({ SERVE_SOURCE_MAPS: 'true' });
    try {
      const map = await fetch(`${published.url}/assets/${script}.map`);
      expect(map.status).toBe(200);
      expect((await map.json()) as { sources: string[] }).toHaveProperty('sources');
      const reply = await fetch(`${published.url}/assets/${script}`);
      expect(reply.headers.get('sourcemap')).toBe(`${script}.map`);
      await reply.arrayBuffer();
    } finally {
      await published.stop();
    }
  });
});
