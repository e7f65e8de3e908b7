// Lighthouse against Switchboard: Debian's Chromium, started here with a DevTools port that
// Lighthouse connects to, audits the sign-in page, a customer's chat and an agent's console,
// each as a phone (Lighthouse's default, throttled) and as a desk (its desktop config). A page
// behind sign-in is loaded with the person's session cookie as an extra request header, which
// the WebSocket handshake carries too.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse, { type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_PATH } from './chromium.js';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export const FORM_FACTORS = ['mobile', 'desktop'] as const;
export type FormFactor = (typeof FORM_FACTORS)[number];

export interface AuditTarget {
  name: string;
  path: string;
  /** The `sb_session` cookie of the person the page is for; none for the sign-in page. */
  cookie?: string;
}

export interface AuditResult {
  target: string;
  formFactor: FormFactor;
  /** Where the page ended up: a signed-out audit of a signed-in page would show /login. */
  finalPath: string;
  /** 0-100 per category. */
  scores: Record<Category, number>;
  /** The audits that cost points, with their score (0-1), per category. */
  failing: Record<Category, string[]>;
}

export interface AuditBrowser {
  port: number;
  close(): Promise<void>;
}

/** Chromium with a DevTools port for Lighthouse (headless, its own throwaway profile). */
export async function launchAuditBrowser(): Promise<AuditBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lighthouse-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 15_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
  });
  return {
    port,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in over the API and answers the session cookie, as `name=value`. */
export async function sessionCookie(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('sb_session='));
  if (!cookie) throw new Error('the sign-in set no sb_session cookie');
  return cookie.split(';')[0]!;
}

export async function audit(
  browser: AuditBrowser,
  baseUrl: string,
  target: AuditTarget,
  formFactor: FormFactor,
  categories: readonly Category[] = CATEGORIES,
): Promise<AuditResult> {
  const flags: Flags = {
    port: browser.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
    ...(target.cookie ? { extraHeaders: { Cookie: target.cookie } } : {}),
  };
  const runner = await lighthouse(
    `${baseUrl}${target.path}`,
    flags,
    formFactor === 'desktop' ? desktopConfig : undefined,
  );
  if (!runner) throw new Error(`Lighthouse gave no result for ${target.path}`);
  const { lhr } = runner;
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
  const scores = {} as Record<Category, number>;
  const failing = {} as Record<Category, string[]>;
  for (const category of categories) {
    const entry = lhr.categories[category]!;
    scores[category] = Math.round((entry.score ?? 0) * 100);
    failing[category] = entry.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id]!)
      .filter((result) => result.score !== null && result.score < 1)
      .map((result) => `${result.id} (${result.score})`);
  }
  const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
  return { target: target.name, formFactor, finalPath, scores, failing };
}
