// Internal notes in two browsers: the agent switches the composer to Note and writes one, which
// shows on the desk styled as a note and never on the customer's open page (not even as
// "typing…", nor after a reload), while the reply that follows reaches the customer as usual. A
// colleague named with @ hears of it and finds the chat open in a tab of their console.
import { beforeAll, expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { goOnline, startChatWith } from './support/scenes.js';
import type { Person } from './support/server.js';
import { bubbles, messageLog, until, visible, type SignedInPage } from './support/ui.js';

const NOTE = 'Refund approved by Finance, @kofi please confirm';

/**
 * Records on the page each time the typing indicator turns on or off, so a test can tell how
 * often it came on without timing anything.
 */
const WATCH_TYPING = `(() => {
  const indicator = document.querySelector('.typing');
  window.__typing = [];
  new MutationObserver(() => {
    const on = indicator.textContent.includes('typing');
    if ((window.__typing.at(-1) === 'on') !== on) window.__typing.push(on ? 'on' : 'off');
  }).observe(indicator, { childList: true, subtree: true, characterData: true });
})()`;

/** The background colour of the first element matching `selector` in the open chat. */
const BACKGROUND_OF = (selector: string) =>
  `getComputedStyle(document.querySelector('.chat-window ${selector}')).backgroundColor`;

describeInBrowser('internal notes', () => {
  const suite = useServerAndBrowser();
  let agent: Person;
  let kofi: Person;
  let customer: Person;
  let agentPage: SignedInPage;
  let kofiPage: SignedInPage;
  let customerPage: SignedInPage;

  beforeAll(async () => {
    agent = await suite.server.person('Ama Mensah', 'admin');
    kofi = await suite.server.person('Kofi Boateng', 'admin');
    customer = await suite.server.person('Yaw Asante');
  });

  it('opens a chat between the customer and the agent', async () => {
    agentPage = await suite.signIn(agent);
    await goOnline(agentPage);
    kofiPage = await suite.signIn(kofi);

    customerPage = await suite.signIn(customer);
    await startChatWith(agentPage, 'Ama Mensah', customerPage, {
      subject: 'Tuition refund',
      message: 'Where is my refund?',
    });
  });

  it('shows the agent’s note styled as a note, and the customer nothing of it', async () => {
    await customerPage.evaluate(WATCH_TYPING);
    await agentPage.getByRole('button', { name: 'Note', exact: true }).click();
    const composer = agentPage.getByRole('combobox', {
      name: 'Internal note (only agents see it)',
    });
    await composer.pressSequentially(NOTE, { delay: 5 });
    await composer.press('Enter');
    const note = messageLog(agentPage).locator('.msg-note', { hasText: NOTE });
    await visible(note);
    expect(await note.locator('.msg-note__label').innerText()).toContain(
      'Note · only agents see this',
    );
    const background = await agentPage.evaluate(BACKGROUND_OF('.msg-note'));
    const reply = await agentPage.evaluate(BACKGROUND_OF('.msg-group--theirs .bubble'));
    expect(background).not.toBe(reply);

    // Then a reply: the customer sees it typed and sent, and it is the first thing they see.
    await agentPage.getByRole('button', { name: 'Reply', exact: true }).click();
    const replyBox = agentPage.getByRole('combobox', { name: 'Message to Yaw Asante' });
    await replyBox.pressSequentially('Your refund is on its way', { delay: 5 });
    await replyBox.press('Enter');
    await visible(bubbles(customerPage, 'Your refund is on its way'));
    // Once for the reply, never for the note.
    await until(async () =>
      expect(await customerPage.evaluate('window.__typing')).toEqual(['on', 'off']),
    );
    expect(await messageLog(customerPage).innerText()).not.toContain('Refund approved');
    expect(await customerPage.locator('.msg-note').count()).toBe(0);

    await customerPage.reload();
    await visible(bubbles(customerPage, 'Your refund is on its way'));
    expect(await messageLog(customerPage).innerText()).not.toContain('Refund approved');
    expect(customerPage.errors).toEqual([]);
  });

  it('tells the mentioned colleague and opens the chat in a tab of their console', async () => {
    await visible(kofiPage.getByText('Ama Mensah mentioned you in a note on Yaw Asante’s chat'));
    await kofiPage.getByRole('tab', { name: /Yaw Asante/ }).click();
    await visible(messageLog(kofiPage).locator('.msg-note', { hasText: NOTE }));
    // He may answer with a note of his own, not write to the customer.
    await visible(kofiPage.getByLabel('Internal note (only agents see it)'));
    expect(await kofiPage.getByLabel('Message to Yaw Asante').count()).toBe(0);
    expect(agentPage.errors).toEqual([]);
    expect(kofiPage.errors).toEqual([]);
  });
});
