// A chat's transcript from both sides: the agent writes a note and a reply, the customer ends the
// chat and downloads the transcript from the end-of-chat screen (times in the browser's own zone,
// no note in it), and the agent downloads the same from the chat's details. On a desk without
// mail, "Email me the transcript" says why it cannot be sent.
import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import type { Person } from './support/server.js';
import { bubbles, messageLog, send, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'Customer seems annoyed, be gentle';

/** Clicks the download link within `scope` and returns the file's name and text. */
async function download(page: Page, scope: ReturnType<Page['locator']>) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('link', { name: 'Download transcript' }).click(),
  ]);
  const text = await fs.readFile((await file.path())!, 'utf8');
  return { name: file.suggestedFilename(), text };
}

describeInBrowser('chat transcripts', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let customer: Person;
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;

  beforeAll(async () => {
    agent = await suite.server.person('Ama Mensah', 'admin');
    customer = await suite.server.person('Yaw Asante');
  });

  it('gives the customer a download without the note, in their own time zone', async () => {
    agentPage = await suite.signIn(agent);
    await agentPage.getByRole('combobox', { name: 'Status', exact: true }).selectOption('online');
    await agentPage.getByRole('button', { name: 'Update' }).click();
    await visible(agentPage.getByText('You are online'));

    customerPage = await suite.signIn(customer, { timezoneId: 'Asia/Tokyo' });
    await customerPage.getByLabel('Subject').fill('Library card');
    await customerPage.getByLabel('Your message').fill('My card does not open the door.');
    await customerPage.getByRole('button', { name: 'Start chat' }).click();
    await visible(messageLog(customerPage).getByText('Ama Mensah joined the chat'));

    await agentPage.getByRole('button', { name: 'Note', exact: true }).click();
    const noteBox = agentPage.getByRole('combobox', { name: 'Internal note (only agents see it)' });
    await noteBox.fill(NOTE);
    await noteBox.press('Enter');
    await visible(messageLog(agentPage).locator('.msg-note', { hasText: NOTE }));
    await agentPage.getByRole('button', { name: 'Reply', exact: true }).click();
    await send(agentPage, 'I have reset it, try again.');
    await visible(bubbles(customerPage, 'I have reset it, try again.'));

    await customerPage.getByRole('button', { name: 'End chat' }).click();
    await customerPage.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await visible(customerPage.getByText(/This chat ended/));
    const ended = customerPage.locator('.chat-card__ended');
    const file = await download(customerPage, ended);
    expect(file.name).toMatch(/^chat-\d{4}-\d{2}-\d{2}-[0-9a-f-]+\.txt$/);
    expect(file.text).toContain('Ama Mensah: I have reset it, try again.');
    expect(file.text).toContain('Yaw Asante: My card does not open the door.');
    expect(file.text).toMatch(/\d{2}:\d{2} Asia\/Tokyo\]/);
    expect(file.text).not.toContain(NOTE);

    await ended.getByRole('button', { name: 'Email me the transcript' }).click();
    await visible(ended.getByRole('alert').getByText(/sends no mail/));
    expect(customerPage.errors).toEqual([]);
  });

  it('gives the agent the same transcript from the chat’s details', async () => {
    const details = agentPage.getByRole('complementary', { name: 'Chat details' });
    await visible(details.getByRole('button', { name: 'Send transcript to customer' }));
    const file = await download(agentPage, details);
    expect(file.text).toContain('Ama Mensah: I have reset it, try again.');
    expect(file.text).not.toContain(NOTE);
    expect(agentPage.errors).toEqual([]);
  });
});
