// Files on a ticket in two browsers: the agent attaches an image to a reply from the ticket's page
// and the requester sees its thumbnail on their request's page and opens it; the file of an
// internal note shows on the desk's page and never on the requester's, nor in what the API gives
// them. A file attached on the New request form (a draft until the request is sent) reaches the
// desk with the request. The composer and the thumbnails are the chat's (components/chat).
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { agentAndCustomer } from './support/scenes.js';
import { until, visible, type SignedInPage } from './support/ui.js';

/** The width an image on the page was decoded to (0 until it has loaded). */
const WIDTH_OF = (selector: string) =>
  `document.querySelector(${JSON.stringify(selector)})?.naturalWidth ?? 0`;

describeInBrowser('ticket attachments', () => {
  const suite = useServerAndBrowser();
  const people = agentAndCustomer(suite, 'Kofi Boateng');
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;

  it('shows the requester the image an agent attached to a reply', async () => {
    customerPage = await suite.signIn(people.customer);
    await customerPage.getByRole('link', { name: 'Requests' }).click();
    await customerPage.getByRole('link', { name: 'New request' }).click();
    await customerPage.getByLabel('Subject').fill('Stamp on my transcript');
    await customerPage.getByLabel('Your message').fill('Which office stamps it?');
    await customerPage.getByRole('button', { name: 'Send request' }).click();
    await visible(customerPage.getByRole('heading', { name: 'Stamp on my transcript' }));

    agentPage = await suite.signIn(people.agent);
    await agentPage.goto('/tickets/1');
    await visible(agentPage.getByRole('heading', { name: 'Stamp on my transcript' }));
    const image = await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#204080' },
    })
      .png()
      .toBuffer();
    await agentPage
      .locator('.ticket-composer input[type=file]')
      .setInputFiles({ name: 'office map.png', mimeType: 'image/png', buffer: image });
    await visible(agentPage.locator('.upload--ready', { hasText: 'office map.png' }));
    await agentPage.getByRole('textbox', { name: 'Your reply' }).fill('Room 12, on this map.');
    await agentPage.getByRole('button', { name: 'Send', exact: true }).click();
    await until(async () => expect(await agentPage.locator('.upload').count()).toBe(0));

    const thumbnail = customerPage.getByRole('button', { name: 'Open image office map.png' });
    await visible(thumbnail);
    await visible(customerPage.getByText('Room 12, on this map.'));
    await until(async () =>
      expect(await customerPage.evaluate(WIDTH_OF('.attachments__thumbnail img'))).toBe(480),
    );
    await thumbnail.click();
    const viewer = customerPage.getByRole('dialog', { name: 'office map.png' });
    await visible(viewer);
    await until(async () =>
      expect(await customerPage.evaluate(WIDTH_OF('dialog img.image-viewer__image'))).toBe(800),
    );
    await viewer.getByRole('button', { name: 'Close' }).click();
  });

  it('never shows the requester the file of an internal note', async () => {
    await agentPage.getByRole('button', { name: 'Note', exact: true }).click();
    await agentPage.locator('.ticket-composer input[type=file]').setInputFiles({
      name: 'ledger.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Paid twice on 3 March'),
    });
    await visible(agentPage.locator('.upload--ready', { hasText: 'ledger.txt' }));
    await agentPage.getByRole('button', { name: 'Add note' }).click();
    const note = agentPage.locator('[data-kind="note"]', { hasText: 'ledger.txt' });
    await visible(note.locator('.file-card'));
    const href = await note.locator('.file-card').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/files\/[0-9a-f-]+$/);
    // A reply after it, so the requester's page has surely heard of everything before.
    await agentPage.getByRole('button', { name: 'Reply', exact: true }).click();
    await agentPage.getByRole('textbox', { name: 'Your reply' }).fill('Anything else?');
    await agentPage.getByRole('button', { name: 'Send', exact: true }).click();
    await visible(customerPage.getByText('Anything else?'));
    expect(await customerPage.getByText('ledger.txt').count()).toBe(0);
    await customerPage.reload();
    await visible(customerPage.getByText('Anything else?'));
    expect(await customerPage.getByText('ledger.txt').count()).toBe(0);
    expect(await customerPage.locator('.file-card').count()).toBe(0);
    const download = await customerPage.request.get(href!);
    expect(download.status()).toBe(404);
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });

  it('files a new request with the file attached on its form, which the agent sees on the ticket', async () => {
    await customerPage.goto('/requests/new');
    await customerPage.getByLabel('Subject').fill('Receipt for my fees');
    await customerPage.getByLabel('Your message').fill('The receipt is attached.');
    await customerPage.locator('form input[type=file]').setInputFiles({
      name: 'receipt.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Paid 300 on 3 March'),
    });
    await visible(customerPage.locator('.upload--ready', { hasText: 'receipt.txt' }));
    await customerPage.getByRole('button', { name: 'Send request' }).click();
    await visible(customerPage.getByRole('heading', { name: 'Receipt for my fees' }));
    await visible(customerPage.locator('.file-card', { hasText: 'receipt.txt' }));

    await agentPage.goto('/tickets/2');
    await visible(agentPage.getByRole('heading', { name: 'Receipt for my fees' }));
    const card = agentPage.locator('.file-card', { hasText: 'receipt.txt' });
    await visible(card);
    const download = await agentPage.request.get((await card.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe('Paid 300 on 3 March');
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });
});
