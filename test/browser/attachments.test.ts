// Attachments in two browsers: the customer pastes a screenshot into the composer, sees it upload
// and sends it; the agent sees its thumbnail in the chat and opens it in the viewer. An SVG with
// script is refused at upload and runs nowhere, and the agent sends a form back as a file card.
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { agentAndCustomer, goOnline, startChatWith } from './support/scenes.js';
import { messageLog, until, visible, type SignedInPage } from './support/ui.js';

/** Draws a screenshot-like PNG on a canvas and pastes it into the open chat's composer. */
const PASTE_SCREENSHOT = `(async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 400;
  const context = canvas.getContext('2d');
  context.fillStyle = '#204080';
  context.fillRect(0, 0, 640, 400);
  context.fillStyle = '#ffffff';
  context.fillRect(40, 40, 300, 60);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const transfer = new DataTransfer();
  transfer.items.add(new File([blob], 'image.png', { type: 'image/png' }));
  const composer = document.querySelector('.composer__input');
  composer.focus();
  composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
})()`;

/** The width an image on the page was decoded to (0 until it has loaded). */
const WIDTH_OF = (selector: string) =>
  `document.querySelector(${JSON.stringify(selector)})?.naturalWidth ?? 0`;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" onload="window.__ran = 'onload'"><script>window.__ran = 'script'</script></svg>`;

describeInBrowser('attachments', () => {
  const suite = useServerAndBrowser();
  const people = agentAndCustomer(suite, 'Ama Mensah');
  let agentPage: SignedInPage;
  let customerPage: SignedInPage;

  it('opens a chat between the customer and the agent', async () => {
    agentPage = await suite.signIn(people.agent);
    await goOnline(agentPage);
    customerPage = await suite.signIn(people.customer);
    await startChatWith(agentPage, 'Ama Mensah', customerPage, {
      subject: 'Error on the portal',
      message: 'I get an error when I pay',
    });
  });

  it('sends a pasted screenshot, which the agent sees as a thumbnail and opens', async () => {
    await customerPage.evaluate(PASTE_SCREENSHOT);
    const chip = customerPage.locator('.composer__uploads .upload', { hasText: 'image.png' });
    await visible(chip);
    await visible(customerPage.locator('.upload--ready', { hasText: 'image.png' }));
    await customerPage.locator('.composer__input').fill('This is what I see');
    await customerPage.locator('.composer__input').press('Enter');
    await until(async () => expect(await chip.count()).toBe(0));
    await visible(messageLog(customerPage).locator('.attachments__thumbnail img'));

    const thumbnail = messageLog(agentPage).getByRole('button', { name: 'Open image image.png' });
    await visible(thumbnail);
    await visible(messageLog(agentPage).getByText('This is what I see'));
    await until(async () =>
      expect(await agentPage.evaluate(WIDTH_OF('.attachments__thumbnail img'))).toBe(480),
    );
    await thumbnail.click();
    const viewer = agentPage.getByRole('dialog', { name: 'image.png' });
    await visible(viewer);
    await until(async () =>
      expect(await agentPage.evaluate(WIDTH_OF('dialog img.image-viewer__image'))).toBe(640),
    );
    await viewer.getByRole('button', { name: 'Close' }).click();
  });

  it('refuses an SVG with script at upload, and nothing of it runs', async () => {
    await customerPage
      .locator('.composer input[type=file]')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SVG) });
    const refused = customerPage.locator('.upload--failed', { hasText: 'logo.svg' });
    await visible(refused);
    expect(await refused.innerText()).toContain('An SVG image is not accepted here');
    await customerPage.getByRole('button', { name: 'Remove logo.svg' }).click();
    for (const page of [customerPage, agentPage]) {
      expect(await page.evaluate('window.__ran')).toBeUndefined();
    }
  });

  it('sends a form back as a file card', async () => {
    await agentPage.locator('.chat-window .composer input[type=file]').setInputFiles({
      name: 'Refund form.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n'),
    });
    await visible(agentPage.locator('.upload--ready', { hasText: 'Refund form.pdf' }));
    await agentPage.getByRole('button', { name: 'Send', exact: true }).click();
    const card = messageLog(customerPage).locator('.file-card', { hasText: 'Refund form.pdf' });
    await visible(card);
    expect(await card.innerText()).toContain('PDF');
    expect(await card.getAttribute('href')).toMatch(/^\/api\/v1\/files\/[0-9a-f-]+$/);
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });
});
