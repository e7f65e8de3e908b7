// Captures the screenshots in docs/screenshots from the demo data set, in light and dark themes
// and at phone width. Not part of the test suite: run it after a visible change with
//   npx tsx test/browser/captureScreenshots.ts
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/seedDemo.js';
import { rollUpDirtyHours } from '../../src/services/reports/chatRollupWorker.js';
import { launchChromium } from './support/chromium.js';
import { startServer } from './support/server.js';
import { bubbles, openPage, signIn, visible } from './support/ui.js';
import { ensureWebBuild } from './support/webBuild.js';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const DARK: BrowserContextOptions = { ...DESKTOP, colorScheme: 'dark' };
const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 760 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

const demo = (email: string, name: string) => ({ email, name, password: DEMO_PASSWORD });
const ama = demo('ama@example.com', 'Ama Mensah');
const yaw = demo('yaw@example.com', 'Yaw Asante');
const abena = demo('abena@example.com', 'Abena Ofori');
const kojo = demo('kojo@example.com', 'Kojo Annan');
const admin = demo('admin@example.com', 'Ada Admin');

async function shoot(page: Page, name: string): Promise<void> {
  // Let entrance animations and the last socket frames settle.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`  ${name}.png`);
}

async function capture(browser: Browser, url: string): Promise<void> {
  const login = await openPage(browser, url, DESKTOP);
  await login.goto('/login');
  await visible(login.getByLabel('Email'));
  await shoot(login, 'sign-in');
  await login.goto('/login?error=INVALID_SSO_TOKEN');
  await visible(login.getByText('Single sign-on failed'));
  await shoot(login, 'sign-in-sso-error');

  const start = await signIn(browser, url, kojo, DESKTOP);
  await start.getByLabel('Subject').fill('Exam timetable clash');
  await start.getByRole('radio', { name: 'Urgent' }).check();
  await shoot(start, 'live-chat-start');

  const waiting = await signIn(browser, url, abena, DESKTOP);
  await visible(waiting.getByText(/in the queue/));
  await shoot(waiting, 'live-chat-waiting');

  const agent = await signIn(browser, url, ama, DESKTOP);
  await agent.getByRole('button', { name: /^Yaw Asante/ }).click();
  await visible(bubbles(agent, 'I get an error when I add CS201.'));
  const customer = await signIn(browser, url, yaw, DESKTOP);
  await visible(bubbles(customer, 'Hi Yaw, which error message do you see?'));
  await customer
    .locator('.composer__input')
    .fill('It says "prerequisite missing", but I passed CS101.');
  await customer.locator('.composer__input').press('Enter');
  await visible(bubbles(agent, 'It says "prerequisite missing", but I passed CS101.'));
  await agent.locator('.composer__input').pressSequentially('Let me check', { delay: 20 });
  await visible(customer.getByText('Ama Mensah is typing…'));
  await shoot(customer, 'live-chat-active');
  await agent.locator('.composer__input').fill('');
  await agent.getByRole('tab', { name: /Waiting/ }).click();
  await shoot(agent, 'chat-management');
  await agent.locator('.composer__input').fill('/pass');
  await visible(agent.getByRole('option', { name: /Password reset/ }));
  await shoot(agent, 'chat-management-quick-responses');
  await agent.locator('.composer__input').fill('');

  await customer.getByRole('link', { name: 'History' }).click();
  await visible(customer.getByRole('heading', { name: 'Your chats' }));
  await shoot(customer, 'history');
  await customer.getByRole('link', { name: /Cannot log in to the portal/ }).click();
  await visible(bubbles(customer, 'It worked, thank you!'));
  await shoot(customer, 'transcript');

  const superAdmin = await signIn(browser, url, admin, DESKTOP);
  await superAdmin.goto('/admin/chats');
  await visible(superAdmin.getByRole('row', { name: /Lost student ID card/ }));
  await shoot(superAdmin, 'admin-all-chats');
  await superAdmin.goto('/admin/agents');
  await visible(superAdmin.getByRole('row', { name: /Ama Mensah/ }));
  await shoot(superAdmin, 'admin-agents');
  await superAdmin.goto('/admin/accounts');
  await visible(superAdmin.getByRole('row', { name: /Yaw Asante/ }));
  await shoot(superAdmin, 'admin-accounts');
  await superAdmin.goto('/quick-responses');
  await visible(superAdmin.getByText('Password reset'));
  await shoot(superAdmin, 'quick-responses');
  await superAdmin.goto('/reports?range=30d');
  await visible(superAdmin.locator('dl[aria-label="Chat metrics"] .report-tile'));
  await visible(superAdmin.locator('dl[aria-label="Ticket metrics"] .report-tile'));
  await shoot(superAdmin, 'reports');
  await superAdmin.goto('/tickets');
  await visible(superAdmin.getByRole('tab', { name: /All open/ }));
  await superAdmin.getByRole('tab', { name: /All open/ }).click();
  await visible(superAdmin.locator('.ticket-table tbody tr'));
  await shoot(superAdmin, 'tickets-inbox');
  await superAdmin.goto('/admin/widget');
  await visible(superAdmin.locator('.widget-snippet'));
  await shoot(superAdmin, 'admin-widget');

  const darkAgent = await signIn(browser, url, ama, DARK);
  await darkAgent.getByRole('button', { name: /^Yaw Asante/ }).click();
  await visible(bubbles(darkAgent, 'I get an error when I add CS201.'));
  await shoot(darkAgent, 'chat-management-dark');
  const darkCustomer = await signIn(browser, url, yaw, DARK);
  await visible(bubbles(darkCustomer, 'Hi Yaw, which error message do you see?'));
  await shoot(darkCustomer, 'live-chat-dark');

  const phoneCustomer = await signIn(browser, url, yaw, PHONE);
  await visible(bubbles(phoneCustomer, 'Hi Yaw, which error message do you see?'));
  await shoot(phoneCustomer, 'phone-live-chat');
  const phoneAgent = await signIn(browser, url, ama, PHONE);
  await visible(phoneAgent.getByRole('tab', { name: /Active/ }));
  await shoot(phoneAgent, 'phone-chat-management');
  await phoneAgent.getByRole('button', { name: /^Yaw Asante/ }).click();
  await visible(bubbles(phoneAgent, 'I get an error when I add CS201.'));
  await shoot(phoneAgent, 'phone-chat-window');
}

await ensureWebBuild();
fs.mkdirSync(OUT, { recursive: true });
const server = await startServer();
await seedDemo(server.node.ctx);
// The month's chats counted now, as housekeeping would over its first minutes.
while ((await rollUpDirtyHours(server.node.ctx)) > 0);
const browser = await launchChromium();
try {
  console.log(`Writing screenshots to ${OUT}`);
  await capture(browser, server.url);
} finally {
  await browser.close();
  await server.stop();
}
