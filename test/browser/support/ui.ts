// Driving the web app like a person: sign in in a fresh browser context, wait for what should
// appear, and read what the screen says. playwright-core has no auto-waiting assertions, so
// these helpers poll with short timeouts.
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { SessionCounts } from '../../../src/shared/api.js';
import { PASSWORD } from './server.js';

/**
 * How long an expected event may take to show up on screen, or a click to find its target
 * steady: a limit, not a speed target (a loaded 2-core machine running two test files at once
 * has needed more than 5 s to re-render a live list under a click). Waits end as soon as the
 * screen is right.
 */
export const SHORT = 15_000;

export interface SignedInPage extends Page {
  /** Uncaught errors in the page; a test asserts this stays empty. */
  errors: string[];
}

export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<SignedInPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  context.setDefaultTimeout(SHORT);
  const page = (await context.newPage()) as SignedInPage;
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('dialog', (dialog) => {
    page.errors.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

export async function signIn(
  browser: Browser,
  baseURL: string,
  person: { email: string; name: string; password?: string },
  options: BrowserContextOptions = {},
): Promise<SignedInPage> {
  const page = await openPage(browser, baseURL, options);
  await page.goto('/login');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password ?? PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await connected(page);
  return page;
}

/** The header says the socket is connected. */
export function connected(page: Page, timeout = SHORT): Promise<void> {
  return page.locator('.connection[data-state="connected"]').waitFor({ timeout });
}

export const until = (assertion: () => unknown, timeout = SHORT) =>
  vi.waitFor(assertion, { timeout, interval: 50 });

export function visible(locator: Locator, timeout = SHORT): Promise<void> {
  return locator.first().waitFor({ state: 'visible', timeout });
}

export function gone(locator: Locator, timeout = SHORT): Promise<void> {
  return locator.first().waitFor({ state: 'detached', timeout });
}

/** The conversation log of the chat on screen. */
export const messageLog = (page: Page) =>
  page.getByRole('log', { name: 'Messages' }).filter({ visible: true });

/** Bubbles whose whole text is `text`. */
export const bubbles = (page: Page, text: string) =>
  messageLog(page)
    .locator('.bubble')
    .filter({ has: page.locator('.bubble__text', { hasText: text }) });

export async function expectBubbleCount(page: Page, text: string, count: number, timeout = SHORT) {
  await until(async () => expect(await bubbles(page, text).count()).toBe(count), timeout);
}

/** Types into the visible composer and sends with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const composer = page.locator('.composer__input').filter({ visible: true });
  await composer.fill(text);
  await composer.press('Enter');
}

/** The sizes of the signed-in person's lists, as the API gives them (with the page's cookie). */
export async function sessionCounts(page: Page): Promise<SessionCounts> {
  const response = await page.request.get('/api/v1/sessions/counts');
  expect(response.status()).toBe(200);
  return (await response.json()) as SessionCounts;
}
