// Customers making their own account in the browser: "Create an account" on the sign-in page
// where CUSTOMER_SIGN_UP allows (here `open`), the page, and being signed in at once; and no such
// link once the deployment says `off`.
import { expect, it } from 'vitest';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { connected, visible } from './support/ui.js';

describeInBrowser('customer sign-up', () => {
  const suite = useServerAndBrowser({ CUSTOMER_SIGN_UP: 'open' });

  it('makes an account from the sign-in page and signs it in', async () => {
    const page = await suite.openPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Your name').fill('Abena Owusu');
    await page.getByLabel('Email').fill('abena@example.com');
    await page.getByLabel('Password').fill('a long passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await connected(page);
    await visible(page.getByLabel('Subject'));
    expect(page.errors).toEqual([]);
  });

  it('offers no sign-up when the deployment says off', async () => {
    suite.server.node.ctx.settings.customerSignUp = 'off';
    const page = await suite.openPage();
    const asked = page.waitForResponse((response) => response.url().endsWith('/api/v1/sign-up'));
    await page.goto('/login');
    expect(await (await asked).json()).toEqual({ mode: 'off' });
    await visible(page.getByRole('link', { name: 'Forgot password?' }));
    expect(await page.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
  });
});
