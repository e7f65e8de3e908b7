// The chat widget as the server sends it: its page framable by the sites of the widget settings
// only (frame-ancestors), the app's pages still by Switchboard's own, and the loader small.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createNode } from '../../src/node.js';
import { createAccount } from '../../src/services/accounts/accounts.js';
import { saveWidgetSettings } from '../../src/services/widget/widgetSettings.js';
import { DEFAULT_WIDGET_SETTINGS } from '../../src/shared/widgetSettingsApi.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { openStore } from '../../src/storage/store.js';
import { ensureWebBuild } from '../browser/support/webBuild.js';

const loader = path.resolve(import.meta.dirname, '../../dist/web/widget.js');

const frameAncestors = (headers: Headers) =>
  /frame-ancestors ([^;]*)/.exec(headers.get('content-security-policy') ?? '')?.[1];

describe('the widget page and its loader', () => {
  let url: string;
  let stop: () => Promise<void>;
  let node: Awaited<ReturnType<typeof createNode>>;
  beforeAll(async () => {
    await ensureWebBuild();
    const store = openStore({ sqliteFile: ':memory:' });
    await migrateToLatest(store);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-widget-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    });
    node = await createNode(config, { store });
    url = await node.start();
    stop = async () => {
      await node.stop();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }, 180_000);
  afterAll(async () => {
    await stop?.();
  });

  it('lets only the allowed sites frame the widget page, at every path under it', async () => {
    expect(frameAncestors((await fetch(`${url}/widget`)).headers)).toBe("'self'");
    const boss = await createAccount(node.ctx, null, {
      email: 'boss@example.com',
      name: 'Boss',
      password: 'correct horse battery',
      role: 'super_admin',
    });
    await saveWidgetSettings(node.ctx, boss, {
      ...DEFAULT_WIDGET_SETTINGS,
      allowedOrigins: ['https://portal.example.edu'],
    });
    for (const page of ['/widget', '/widget/chat/abc']) {
      const reply = await fetch(`${url}${page}`);
      expect(reply.status, page).toBe(200);
      expect(await reply.text(), page).toContain('<div id="app">');
      expect(frameAncestors(reply.headers), page).toBe("'self' https://portal.example.edu");
      expect(reply.headers.get('x-frame-options'), page).toBeNull();
    }
    // The app itself stays framable by Switchboard's own pages only.
    expect(frameAncestors((await fetch(`${url}/chat`)).headers)).toBe("'self'");
  });

  it('serves widget.js as a classic script under 15 KB gzipped', async () => {
    const source = fs.readFileSync(loader);
    expect(zlib.gzipSync(source).length).toBeLessThan(15 * 1024);
    const reply = await fetch(`${url}/widget.js`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/javascript/);
    const text = await reply.text();
    // Loaded by `<script async src>`, without type=module: no import or export may remain.
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    expect(text).toContain('Switchboard');
  });
});
