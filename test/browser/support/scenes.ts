// Scenes many browser tests begin with, played through the UI as the people would: an agent goes
// online, a customer starts a chat, and the chat reaches the agent; and the two people who do.
import type { Page } from 'playwright-core';
import { beforeAll } from 'vitest';
import type { BrowserSuite } from './browserSuite.js';
import type { Person } from './server.js';
import { bubbles, messageLog, visible } from './ui.js';

/**
 * An admin agent named `agentName` and the customer Yaw Asante, made in a beforeAll of the
 * surrounding describe (call it after useServerAndBrowser).
 */
export function agentAndCustomer(
  suite: BrowserSuite,
  agentName: string,
): { readonly agent: Person; readonly customer: Person } {
  let people: { agent: Person; customer: Person } | undefined;
  beforeAll(async () => {
    const agent = await suite.server.person(agentName, 'admin');
    people = { agent, customer: await suite.server.person('Yaw Asante') };
  });
  const made = () => {
    if (!people) throw new Error('the agent and the customer are made in beforeAll');
    return people;
  };
  return {
    get agent() {
      return made().agent;
    },
    get customer() {
      return made().customer;
    },
  };
}

export interface ChatRequest {
  subject: string;
  message: string;
  /** The priority radio's label; the form's default when not given. */
  priority?: string;
}

/** The agent on this page sets Status to Online and presses Update, till the page says so. */
export async function goOnline(agentPage: Page): Promise<void> {
  // Named by its label alone: the status hint describes it, not names it.
  await agentPage.getByRole('combobox', { name: 'Status', exact: true }).selectOption('online');
  await agentPage.getByRole('button', { name: 'Update' }).click();
  await visible(agentPage.getByText('You are online'));
}

/** The customer on this page fills in the live chat form on screen and presses Start chat. */
export async function startChat(customerPage: Page, chat: ChatRequest): Promise<void> {
  await customerPage.getByLabel('Subject').fill(chat.subject);
  if (chat.priority) await customerPage.getByRole('radio', { name: chat.priority }).check();
  await customerPage.getByLabel('Your message').fill(chat.message);
  await customerPage.getByRole('button', { name: 'Start chat' }).click();
}

/**
 * The customer starts a chat that the online agent `agentName` gets: the customer sees them join,
 * the agent sees the first message.
 */
export async function startChatWith(
  agentPage: Page,
  agentName: string,
  customerPage: Page,
  chat: ChatRequest,
): Promise<void> {
  await startChat(customerPage, chat);
  await visible(messageLog(customerPage).getByText(`${agentName} joined the chat`));
  await visible(bubbles(agentPage, chat.message));
}
